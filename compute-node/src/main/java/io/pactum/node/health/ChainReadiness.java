package io.pactum.node.health;

import io.pactum.chain.worker.Status;
import io.pactum.node.config.Workers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: the node's DealAgreed log poller is healthy (a reorg deeper than allowed
 * halts it, W7) and its transaction manager runs. With the workers disabled (tests, content only): UP
 * with a note.
 */
@Readiness
@ApplicationScoped
public class ChainReadiness implements HealthCheck {
    static final String NAME = "node-chain";

    @Inject Workers workers;

    @Override
    public HealthCheckResponse call() {
        return response(workers.enabled() ? workers.status() : null);
    }

    /** UP iff the workers are disabled ({@code null}), or the poller is healthy and the transaction manager runs. */
    public static HealthCheckResponse response(Status s) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME);
        if (s == null) {
            return b.up().withData("chain", "disabled (pactum.node.workers.enabled=false): serving content only").build();
        }
        s.flags().forEach(b::withData);
        s.texts().forEach(b::withData);
        return b.status(s.ready()).build();
    }
}
