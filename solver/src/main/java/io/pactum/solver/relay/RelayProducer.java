package io.pactum.solver.relay;

import io.pactum.solver.config.ChainConfig;
import io.pactum.solver.config.RelayerKey;
import io.pactum.solver.config.Settings;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import javax.sql.DataSource;

/** The relay: chain-backed when a chain is configured, the offline recorder otherwise. */
public class RelayProducer {
    @Produces
    @Singleton
    @Startup
    DealRelay relay(ChainConfig chain, Settings settings, DataSource db) throws IOException {
        if (!chain.enabled()) {
            return new OfflineDealRelay();
        }
        ChainRuntime runtime = new ChainRuntime(chain, settings, db, RelayerKey.load(chain));
        runtime.start();
        return new ClosingRelay(new ChainDealRelay(runtime.worker().tx(), runtime.gateway()), runtime);
    }

    void close(@Disposes DealRelay relay) throws Exception {
        if (relay instanceof AutoCloseable c) {
            c.close();
        }
    }

    /** Keeps the runtime alive with the relay and closes it on shutdown. */
    public record ClosingRelay(DealRelay delegate, ChainRuntime runtime) implements DealRelay, AutoCloseable {
        @Override
        public void submit(String key, io.pactum.protocol.deal.Deal deal, io.pactum.protocol.crypto.Signature c,
                io.pactum.protocol.crypto.Signature n) throws Exception {
            delegate.submit(key, deal, c, n);
        }

        @Override
        public java.util.Optional<RelayStatus> status(String key) throws Exception {
            return delegate.status(key);
        }

        @Override
        public java.util.Optional<Integer> phase(String dealId) throws Exception {
            return delegate.phase(dealId);
        }

        @Override
        public void close() {
            runtime.close();
        }
    }
}
