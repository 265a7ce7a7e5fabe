package io.pactum.solver.relay;

import io.pactum.chain.worker.Status;
import io.pactum.solver.relay.RelayProducer.ClosingRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: the DealAgreed log poller is healthy (a reorg deeper than allowed halts
 * it, W7) and the relayer's transaction manager runs. Without a chain (tests, REST only): UP with
 * a note.
 */
@Readiness
@ApplicationScoped
public class ChainReadiness implements HealthCheck {
    static final String NAME = "solver-chain";

    @Inject DealRelay relay;

    @Override
    public HealthCheckResponse call() {
        return response(relay instanceof ClosingRelay closing ? closing.runtime().worker().status() : null);
    }

    /** UP iff no chain ({@code null}), or the poller is healthy and the transaction manager runs. */
    static HealthCheckResponse response(Status s) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME);
        if (s == null) {
            return b.up().withData("chain", "disabled (pactum.chain.enabled=false): nothing is relayed").build();
        }
        s.flags().forEach(b::withData);
        s.texts().forEach(b::withData);
        return b.status(s.ready()).build();
    }
}
