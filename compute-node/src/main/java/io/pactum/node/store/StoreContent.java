package io.pactum.node.store;

import io.pactum.node.jobs.Ports;
import io.pactum.protocol.cid.Cid;
import io.pactum.runtime.store.ContentNotFoundException;
import io.pactum.runtime.store.ContentStore;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The pipeline's {@link Ports.Content} over runtime's {@link ContentStore} (the node's DiskContentStore,
 * which itself may fall back to a client's Kubo endpoint). Missing or unfetchable content is "not
 * retrievable"; a failure of the node's own store on write is an I/O error (retry).
 */
public final class StoreContent implements Ports.Content {

    private static final Logger LOG = Logger.getLogger(StoreContent.class);

    private final ContentStore store;
    private final long maxBytes;

    public StoreContent(ContentStore store, long maxBytes) {
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
            byte[] bytes = store.catBytes(parsed, maxBytes);
            store.pin(parsed); // keep what the job used: mediators and the client fetch it from here
            return Optional.of(bytes);
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
