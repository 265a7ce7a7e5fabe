package io.pactum.node.store;

import io.pactum.node.deals.SpecSource;
import io.pactum.protocol.cid.Cid;
import io.pactum.runtime.store.ContentCorruptException;
import io.pactum.runtime.store.ContentNotFoundException;
import io.pactum.runtime.store.ContentStore;
import io.pactum.runtime.store.ContentTooLargeException;
import java.io.IOException;
import java.util.Optional;

/**
 * Job specs from the node's own store only (never a fallback endpoint): what the DealLoop reads before
 * signing. A spec is small; one larger than {@link #MAX_SPEC_BYTES} is refused as invalid.
 */
public final class LocalSpecs implements SpecSource {

    /** Larger than any valid JobSpec (64 inputs, 64 args and 64 env entries at their maximum sizes). */
    public static final long MAX_SPEC_BYTES = 1L << 20;

    private final ContentStore store;

    public LocalSpecs(ContentStore store) {
        this.store = store;
    }

    @Override
    public Optional<byte[]> get(String cid) throws IOException {
        Cid parsed = Cid.parse(cid);
        if (!store.has(parsed)) {
            return Optional.empty();
        }
        try {
            return Optional.of(store.catBytes(parsed, MAX_SPEC_BYTES));
        } catch (ContentTooLargeException e) {
            throw new IllegalArgumentException("job spec " + cid + " is larger than " + MAX_SPEC_BYTES + " bytes");
        } catch (ContentNotFoundException | ContentCorruptException e) {
            return Optional.empty();
        }
    }
}
