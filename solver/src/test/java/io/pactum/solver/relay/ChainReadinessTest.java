package io.pactum.solver.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.worker.Status;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The readiness rule with a chain (the chain-less case is tested over HTTP in ReadinessHttpTest). */
class ChainReadinessTest {
    @Test
    void shouldBeUpWhenThePollerIsHealthyAndTheTxManagerRuns() {
        HealthCheckResponse r = ChainReadiness.response(new Status("solver-deal-agreed", true, null, null, true, true, null));
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(r.getData().orElseThrow()).containsEntry("logPollerHealthy", true).containsEntry("txManagerRunning", true);
    }

    @Test
    void shouldBeDownWhenADeepReorgHaltedThePoller() {
        HealthCheckResponse r = ChainReadiness.response(
                new Status("solver-deal-agreed", false, "reorg of 70 blocks beyond 64", null, true, true, null));
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(r.getData().orElseThrow()).containsEntry("haltCause", "reorg of 70 blocks beyond 64");
    }

    @Test
    void shouldBeDownWhenTheTxManagerDoesNotRun() {
        HealthCheckResponse r = ChainReadiness.response(new Status("solver-deal-agreed", true, null, null, false, false, null));
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }
}
