package io.pactum.runtime.store;

import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.cid.UnixFsImporter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Content-addressed storage of IPFS blocks and UnixFS files: the port the node, the client and the mediator
 * share. Implementations: {@link DiskContentStore} (the node's own store) and {@link KuboContentStore} (a
 * Kubo-compatible RPC endpoint, a real Kubo or another node).
 *
 * <p>Every implementation verifies what it returns: a block handed out hashes to its CID, and a file read
 * with {@link #cat} is assembled only from verified blocks.
 */
public interface ContentStore {

    /** Block size never exceeded by a valid block: the importer's largest chunk plus room for a dag-pb header. */
    int MAX_BLOCK_BYTES = UnixFsImporter.Options.MAX_CHUNK + 64 * 1024;

    /** The import parameters of {@link #add}: CIDv1, raw leaves, 1 MiB chunks, 174 links (Kubo-identical). */
    static UnixFsImporter.Options importOptions() {
        return UnixFsImporter.Options.pactumDefault();
    }

    /**
     * Imports a file as UnixFS with {@link #importOptions()} and pins it (as {@code ipfs add} does).
     * Reads {@code in} to its end; does not close it.
     *
     * @return the root CID, identical to Kubo's {@code add?cid-version=1&raw-leaves=true&chunker=size-1048576}
     */
    Cid add(InputStream in) throws IOException;

    /** {@link #add(InputStream)} of a byte array. */
    default Cid add(byte[] data) throws IOException {
        return add(new ByteArrayInputStream(data));
    }

    /**
     * Streams the UnixFS file under {@code root}, block by verified block.
     *
     * @throws ContentNotFoundException when the root block is missing (a block missing further down
     *     surfaces as this exception from {@code read})
     */
    InputStream cat(Cid root) throws IOException;

    /**
     * The whole UnixFS file under {@code root}, refused beyond {@code maxBytes}.
     *
     * @throws ContentTooLargeException when the file is larger than {@code maxBytes}
     */
    default byte[] catBytes(Cid root, long maxBytes) throws IOException {
        return UnixFsStream.readAll(root, cat(root), maxBytes);
    }

    /**
     * One block, verified against its CID.
     *
     * @throws ContentNotFoundException when the block is not available
     * @throws ContentCorruptException when the stored or fetched bytes do not hash to {@code cid}
     */
    byte[] getBlock(Cid cid) throws IOException;

    /**
     * Stores one block after checking that it hashes to {@code cid}.
     *
     * @throws ContentCorruptException when it does not
     * @throws ContentTooLargeException when it is larger than {@link #MAX_BLOCK_BYTES}
     */
    void putBlock(Cid cid, byte[] data) throws IOException;

    /** Whether this store holds the block itself (no fallback, no network). */
    boolean has(Cid cid) throws IOException;

    /** Pins the tree under {@code root} recursively, fetching missing blocks where the store can. */
    void pin(Cid root) throws IOException;

    /** Whether {@code root} is pinned recursively. */
    boolean isPinned(Cid root) throws IOException;
}
