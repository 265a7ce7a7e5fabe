package io.pactum.runtime.job;

import java.io.IOException;
import java.util.Optional;

/** Content by CID as a job run needs it: the module, inputs and spec in; stdout, stderr and the outcome record out. */
public interface JobContent {
    /** The bytes of {@code cid}, or empty when nobody asked has them. */
    Optional<byte[]> get(String cid) throws IOException;

    /** Stores {@code bytes} (pinned) and returns their CID (CIDv1, raw leaves, as Kubo with explicit parameters). */
    String put(byte[] bytes) throws IOException;
}
