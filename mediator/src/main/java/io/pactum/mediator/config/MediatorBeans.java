package io.pactum.mediator.config;

import io.pactum.runtime.store.ContentStore;
import io.pactum.runtime.store.DiskContentStore;
import io.pactum.runtime.store.KuboContentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;

/** Builds the mediator's framework-free pieces from configuration. */
@ApplicationScoped
public class MediatorBeans {

    @Produces
    @Singleton
    ContentStore contentStore(MediatorConfig config) {
        try {
            Path dir = Path.of(config.storeDir());
            if (config.fallbackKuboUrl().isPresent()) {
                ContentStore fallback = new KuboContentStore(URI.create(config.fallbackKuboUrl().get()), HttpClient.newHttpClient());
                return new DiskContentStore(dir, fallback);
            }
            return new DiskContentStore(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the content store " + config.storeDir(), e);
        }
    }
}
