package io.pactum.runtime.store;

import io.pactum.protocol.cid.Cid;
import java.io.IOException;

/** A block (or the tree under a CID) is neither in this store nor in its fallback. */
public class ContentNotFoundException extends IOException {

    private final transient Cid cid;

    public ContentNotFoundException(Cid cid, String message) {
        super(message);
        this.cid = cid;
    }

    public ContentNotFoundException(Cid cid) {
        this(cid, "content not found: " + cid);
    }

    /** The missing CID, or null when it is unknown. */
    public Cid cid() {
        return cid;
    }
}
