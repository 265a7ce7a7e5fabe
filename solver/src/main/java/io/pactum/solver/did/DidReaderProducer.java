package io.pactum.solver.did;

import io.pactum.chain.registry.DidRegistryGateway;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.did.Did;
import io.pactum.protocol.did.DidReader;
import io.pactum.protocol.did.DidState;
import io.pactum.solver.config.ChainConfig;
import io.pactum.solver.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The {@link DidReader} port behind {@code GET /v1/dids/{did}}: {@link DidRegistryGateway} over its
 * own chain connection when the chain is enabled and a DIDRegistry is configured, else a reader
 * that reports {@link DidsUnavailable}. Application-scoped, so tests replace it with
 * {@code QuarkusMock.installMockForType(fake, DidReader.class)}.
 */
public class DidReaderProducer {
    private static final Logger LOG = Logger.getLogger(DidReaderProducer.class);

    /** Thrown by the reader when DIDs cannot be read here (no chain, no registry configured). */
    public static final class DidsUnavailable extends IOException {
        public DidsUnavailable(String message) {
            super(message);
        }
    }

    @Produces
    @ApplicationScoped
    DidReader reader(ChainConfig chain, Settings settings) {
        if (!chain.enabled()) {
            return unavailable("the solver runs without a chain");
        }
        if (settings.didRegistry().isEmpty()) {
            return unavailable("no DIDRegistry configured (pactum.chain.did-registry or the deployment file's didRegistry)");
        }
        LOG.infof("resolving DIDs against DIDRegistry %s", settings.didRegistry().get());
        return new ConnectedReader(chain.rpcUrl(), settings.chainId(), settings.didRegistry().get());
    }

    void close(@Disposes DidReader reader) {
        if (reader instanceof ConnectedReader c) {
            c.close();
        }
    }

    private static DidReader unavailable(String why) {
        return did -> {
            throw new DidsUnavailable("DID resolution is unavailable: " + why);
        };
    }

    /** The gateway over a connection opened at the first read (the chain may start after the solver). */
    static final class ConnectedReader implements DidReader, AutoCloseable {
        private final String rpcUrl;
        private final long chainId;
        private final Address registry;
        private ChainConnection connection;
        private DidRegistryGateway gateway;

        ConnectedReader(String rpcUrl, long chainId, Address registry) {
            this.rpcUrl = rpcUrl;
            this.chainId = chainId;
            this.registry = registry;
        }

        @Override
        public Optional<DidState> read(Did did) throws IOException {
            return gateway().read(did);
        }

        private synchronized DidRegistryGateway gateway() throws IOException {
            if (gateway == null) {
                connection = ChainConnection.open(rpcUrl, chainId);
                gateway = new DidRegistryGateway(connection, registry, chainId);
            }
            return gateway;
        }

        @Override
        public synchronized void close() {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
