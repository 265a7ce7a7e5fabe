package io.pactum.mediator.health;

import io.pactum.chain.logs.LogPoller;
import io.pactum.chain.tx.TxManager;
import io.pactum.mediator.config.Workers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: the mediator's log poller is healthy (a reorg deeper than K halts it and
 * the mediator votes nothing, W7) and its transaction manager runs.
 */
@Readiness
@ApplicationScoped
public class ChainReadiness implements HealthCheck {
    static final String NAME = "mediator-chain";

    @Inject Workers workers;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME);
        if (!workers.enabled()) {
            return b.up().withData("chain", "disabled (pactum.mediator.workers.enabled=false)").build();
        }
        LogPoller poller = workers.poller();
        TxManager tx = workers.txManager();
        if (poller == null || tx == null) {
            return b.down().withData("chain", "workers are starting or failed to start").build();
        }
        b.withData("logPoller", poller.name()).withData("logPollerHealthy", poller.healthy())
                .withData("txManagerRunning", workers.txManagerRunning());
        if (poller.haltCause() != null) {
            b.withData("haltCause", String.valueOf(poller.haltCause().getMessage()));
        }
        return (poller.healthy() && workers.txManagerRunning() ? b.up() : b.down()).build();
    }
}
