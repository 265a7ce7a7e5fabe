package io.pactum.solver.relay;

import io.pactum.chain.logs.LogPoller;
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

    /** What readiness looks at; {@code null} texts when there is nothing to say. */
    record ChainStatus(String poller, boolean pollerHealthy, String haltCause, String pollerLastError,
            boolean txManagerRunning, boolean leaseHeld, String txManagerLastError) {}

    @Inject DealRelay relay;

    @Override
    public HealthCheckResponse call() {
        if (!(relay instanceof ClosingRelay closing)) {
            return response(null);
        }
        ChainRuntime runtime = closing.runtime();
        LogPoller poller = runtime.poller();
        return response(new ChainStatus(poller.name(), poller.healthy(), message(poller.haltCause()),
                message(poller.lastError()), runtime.txManagerRunning(), runtime.txManager().leaseHeld(),
                message(runtime.txManager().lastError())));
    }

    /** UP iff no chain, or the poller is healthy and the transaction manager runs. */
    static HealthCheckResponse response(ChainStatus s) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME);
        if (s == null) {
            return b.up().withData("chain", "disabled (pactum.chain.enabled=false): nothing is relayed").build();
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
