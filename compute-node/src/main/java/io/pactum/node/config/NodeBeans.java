package io.pactum.node.config;

import io.pactum.runtime.job.HardLimits;
import io.pactum.node.jobs.JdbcJobStore;
import io.pactum.runtime.job.ProtocolJobFormats;
import io.pactum.node.offers.JdbcOfferStore;
import io.pactum.node.offers.OfferTerms;
import io.pactum.node.store.StoreContent;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.runtime.exec.JobEngine;
import io.pactum.runtime.store.ContentStore;
import io.pactum.runtime.store.DiskContentStore;
import io.pactum.runtime.store.KuboContentStore;
import io.pactum.runtime.store.KuboRpcHandler;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;

/** Builds the node's framework-free pieces once from configuration (the thin Quarkus side). */
@ApplicationScoped
public class NodeBeans {

    /** Largest module or input the node fetches for a job. */
    public static final long MAX_CONTENT_BYTES = 256L * 1024 * 1024;

    @Produces
    @Singleton
    EthKey nodeKey(NodeConfig config) {
        // W10: keystore (password from the environment) or, on the devnet, a plain key; never logged
        return NodeKey.load(config);
    }

    @Produces
    @Singleton
    ContentStore contentStore(NodeConfig config) {
        try {
            Path dir = Path.of(config.storeDir());
            if (config.fallbackKuboUrl().isPresent()) {
                String base = config.fallbackKuboUrl().get();
                ContentStore fallback = new KuboContentStore(URI.create(base), HttpClient.newHttpClient());
                return new DiskContentStore(dir, fallback);
            }
            return new DiskContentStore(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the content store " + config.storeDir(), e);
        }
    }

    @Produces
    @Singleton
    KuboRpcHandler kuboRpcHandler(ContentStore store) {
        return new KuboRpcHandler(store);
    }

    @Produces
    @Singleton
    StoreContent storeContent(ContentStore store) {
        return new StoreContent(store, MAX_CONTENT_BYTES);
    }

    @Produces
    @Singleton
    JdbcJobStore jobStore(AgroalDataSource ds) {
        return new JdbcJobStore(ds);
    }

    @Produces
    @Singleton
    JdbcOfferStore offerStore(AgroalDataSource ds) {
        return new JdbcOfferStore(ds);
    }

    @Produces
    @Singleton
    JobEngine jobEngine() {
        return new JobEngine();
    }

    @Produces
    @Singleton
    ProtocolJobFormats jobFormats() {
        return new ProtocolJobFormats();
    }

    @Produces
    @Singleton
    HardLimits hardLimits(NodeConfig config) {
        NodeConfig.Limits l = config.limits();
        return new HardLimits(l.maxFuel(), l.maxMemoryPages(), l.maxOutputBytes(), l.wallTime().toMillis());
    }

    @Produces
    @Singleton
    OfferTerms offerTerms(NodeConfig config) {
        NodeConfig.Offer o = config.offer();
        List<Address> mediators = o.mediators().orElse(List.of()).stream().map(Address::parse).toList();
        return new OfferTerms(o.cpuMillis(), o.memoryMib(), Math.min(o.maxFuel(), config.limits().maxFuel()), o.price(),
                o.pricePerFuel(), o.nodeCollateral(), o.cheatingMultiplier(), mediators, o.validity());
    }
}
