package io.pactum.mediator.config;

import io.pactum.protocol.cid.Cid;
import io.pactum.runtime.job.JobContent;
import io.pactum.runtime.store.ContentNotFoundException;
import io.pactum.runtime.store.ContentStore;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The re-run's {@link JobContent} over the mediator's store (which falls back to a Kubo endpoint). */
public final class MediatorContent implements JobContent {
    private static final Logger LOG = Logger.getLogger(MediatorContent.class);

    private final ContentStore store;
    private final long maxBytes;

    public MediatorContent(ContentStore store, long maxBytes) {
        this.store = store;
        this.maxBytes = maxBytes;
    }

    @Override
    public Optional<byte[]> get(String cid) {
        Cid parsed;
        try {
            parsed = Cid.parse(cid);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(store.catBytes(parsed, maxBytes));
        } catch (ContentNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warnf("content %s not retrievable: %s", cid, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public String put(byte[] bytes) throws IOException {
        return store.add(bytes).toString();
    }
}
