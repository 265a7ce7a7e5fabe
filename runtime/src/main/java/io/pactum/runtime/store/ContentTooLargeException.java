package io.pactum.runtime.store;

import io.pactum.protocol.cid.Cid;
import java.io.IOException;

/** Content is larger than the caller's bound (or a block larger than any valid block). */
public class ContentTooLargeException extends IOException {

    private final transient Cid cid;
    private final long limit;

    public ContentTooLargeException(Cid cid, long limit) {
        super("content " + cid + " is larger than " + limit + " bytes");
        this.cid = cid;
        this.limit = limit;
    }

    public Cid cid() {
        return cid;
    }

    public long limit() {
        return limit;
    }
}
