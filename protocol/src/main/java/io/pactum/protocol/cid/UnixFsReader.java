package io.pactum.protocol.cid;

import java.io.IOException;
import java.io.OutputStream;

/** Reads a UnixFS file back from its blocks ({@code cat}), verifying every block against its CID. */
public final class UnixFsReader {
    /** Where blocks come from (a content store). */
    @FunctionalInterface
    public interface BlockSource {
        /** The block's bytes; throws if it is not available. */
        byte[] get(Cid cid) throws IOException;
    }

    /** Deeper trees than this are refused (a 174-ary tree of depth 8 is far beyond any real file). */
    public static final int MAX_DEPTH = 16;

    private UnixFsReader() {}

    /**
     * Writes the file under {@code root} to {@code out}.
     *
     * @throws IOException from the source or the output, or when a block does not match its CID
     *     or is not a UnixFS file node
     */
    public static void cat(Cid root, BlockSource source, OutputStream out) throws IOException {
        cat(root, source, out, 0);
    }

    private static void cat(Cid cid, BlockSource source, OutputStream out, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("UnixFS tree deeper than " + MAX_DEPTH + " at " + cid);
        }
        byte[] block = source.get(cid);
        if (!cid.verify(block)) {
            throw new IOException("block does not match its CID " + cid);
        }
        if (cid.codec() == Cid.RAW) {
            out.write(block);
            return;
        }
        try {
            DagPb.Node node = DagPb.decodeNode(block);
            DagPb.UnixFsData fs = DagPb.decodeUnixFs(node.data() == null ? new byte[0] : node.data());
            if (fs.type() != DagPb.TYPE_FILE && fs.type() != DagPb.TYPE_RAW) {
                throw new IOException("not a UnixFS file node (type " + fs.type() + "): " + cid);
            }
            out.write(fs.data());
            for (DagPb.Link link : node.links()) {
                cat(link.cid(), source, out, depth + 1);
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("malformed dag-pb block " + cid + ": " + e.getMessage(), e);
        }
    }
}
