package io.pactum.runtime.store;

import io.pactum.protocol.cid.Cid;
import java.io.IOException;

/** Bytes do not hash to the CID they were stored, fetched or announced under, or a tree is malformed. */
public class ContentCorruptException extends IOException {

    private final transient Cid cid;

    public ContentCorruptException(Cid cid, String message) {
        super(message);
        this.cid = cid;
    }

    /** The CID whose content is wrong. */
    public Cid cid() {
        return cid;
    }
}
