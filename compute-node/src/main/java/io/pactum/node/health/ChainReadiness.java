package io.pactum.node.health;

import io.pactum.chain.logs.LogPoller;
import io.pactum.chain.tx.TxManager;
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

    /** What readiness looks at; {@code null} texts when there is nothing to say. */
    public record ChainStatus(String poller, boolean pollerHealthy, String haltCause, String pollerLastError,
            boolean txManagerRunning, boolean leaseHeld, String txManagerLastError) {}

    @Inject Workers workers;

    @Override
    public HealthCheckResponse call() {
        if (!workers.enabled()) {
            return response(null);
        }
        LogPoller poller = workers.poller();
        TxManager tx = workers.txManager();
        if (poller == null || tx == null) {
            return response(new ChainStatus("(not started)", false, "workers are starting or failed to start", null,
                    false, false, null));
        }
        return response(new ChainStatus(poller.name(), poller.healthy(), message(poller.haltCause()),
                message(poller.lastError()), workers.txManagerRunning(), tx.leaseHeld(), message(tx.lastError())));
    }

    /** UP iff the workers are disabled, or the poller is healthy and the transaction manager runs. */
    public static HealthCheckResponse response(ChainStatus s) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME);
        if (s == null) {
            return b.up().withData("chain", "disabled (pactum.node.workers.enabled=false): serving content only").build();
        }
        b.withData("logPoller", s.poller())
                .withData("logPollerHealthy", s.pollerHealthy())
                .withData("txManagerRunning", s.txManagerRunning())
                .withData("txManagerLeaseHeld", s.leaseHeld());
        if (s.haltCause() != null) {
            b.withData("haltCause", s.haltCause());
        }
        if (s.pollerLastError() != null) {
            b.withData("logPollerLastError", s.pollerLastError());
        }
        if (s.txManagerLastError() != null) {
            b.withData("txManagerLastError", s.txManagerLastError());
        }
        return b.status(s.pollerHealthy() && s.txManagerRunning()).build();
    }

    private static String message(Throwable t) {
        return t == null ? null : t.toString();
    }
}
