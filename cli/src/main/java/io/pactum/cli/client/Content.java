package io.pactum.cli.client;

import io.pactum.protocol.cid.Cid;

/**
 * The content store the client uploads to and fetches from: the compute node's Kubo-compatible
 * API. Implementations add with CIDv1, raw leaves and 1 MiB chunks, so a CID can be recomputed
 * locally ({@link ContentCheck}).
 */
public interface Content {
    /** Adds and pins {@code bytes}; the CID the store gives them. */
    Cid add(String name, byte[] bytes);

    /** The bytes of {@code cid} (the whole file). */
    byte[] cat(Cid cid);
}
