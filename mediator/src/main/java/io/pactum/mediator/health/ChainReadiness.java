package io.pactum.mediator.health;

import io.pactum.chain.worker.Status;
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
        Status s = workers.status();
        s.flags().forEach(b::withData);
        s.texts().forEach(b::withData);
        return b.status(s.ready()).build();
    }
}
