package io.pactum.runtime.store;

import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.cid.DagPb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Reads a UnixFS file (a raw block, or a dag-pb tree of File nodes) depth first, fetching one block at a
 * time: memory stays at one block per tree level whatever the file size.
 */
final class UnixFsStream extends InputStream {

    /** Where blocks come from; returns verified bytes. */
    @FunctionalInterface
    interface Blocks {
        byte[] get(Cid cid) throws IOException;
    }

    /** Deeper trees are refused: a 174-ary tree of depth 16 is far beyond any real file. */
    static final int MAX_DEPTH = 16;

    private record Frame(Iterator<DagPb.Link> links, int depth) {}

    private final Blocks blocks;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private byte[] current;
    private int pos;
    private boolean closed;

    private UnixFsStream(Blocks blocks) {
        this.blocks = blocks;
    }

    /** Opens the file under {@code root}; fetches the root block now so that a missing root fails here. */
    static UnixFsStream open(Cid root, Blocks blocks) throws IOException {
        UnixFsStream stream = new UnixFsStream(blocks);
        stream.enter(root, blocks.get(root), 0);
        return stream;
    }

    private void enter(Cid cid, byte[] block, int depth) throws IOException {
        if (cid.codec() == Cid.RAW) {
            current = block;
            pos = 0;
            return;
        }
        DagPb.Node node = decode(cid, block);
        DagPb.UnixFsData fs;
        try {
            fs = DagPb.decodeUnixFs(node.data() == null ? new byte[0] : node.data());
        } catch (RuntimeException e) {
            throw new ContentCorruptException(cid, "malformed UnixFS data in " + cid + ": " + e.getMessage());
        }
        if (fs.type() != DagPb.TYPE_FILE && fs.type() != DagPb.TYPE_RAW) {
            throw new ContentCorruptException(cid, "not a UnixFS file node (type " + fs.type() + "): " + cid);
        }
        current = fs.data() == null ? new byte[0] : fs.data();
        pos = 0;
        stack.push(new Frame(node.links().iterator(), depth));
    }

    static DagPb.Node decode(Cid cid, byte[] block) throws ContentCorruptException {
        try {
            return DagPb.decodeNode(block);
        } catch (RuntimeException e) {
            throw new ContentCorruptException(cid, "malformed dag-pb block " + cid + ": " + e.getMessage());
        }
    }

    /** Makes {@code current} hold unread bytes; false at the end of the file. */
    private boolean advance() throws IOException {
        while (current == null || pos >= current.length) {
            Frame frame = stack.peek();
            if (frame == null) {
                current = null;
                return false;
            }
            if (!frame.links().hasNext()) {
                stack.pop();
                continue;
            }
            Cid child = frame.links().next().cid();
            if (frame.depth() + 1 > MAX_DEPTH) {
                throw new ContentCorruptException(child, "UnixFS tree deeper than " + MAX_DEPTH + " levels");
            }
            enter(child, blocks.get(child), frame.depth() + 1);
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        if (!advance()) {
            return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() {
        closed = true;
        stack.clear();
        current = null;
    }

    /** Reads {@code in} to its end, refusing more than {@code maxBytes}. Closes it. */
    static byte[] readAll(Cid root, InputStream in, long maxBytes) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) != -1) {
                total += n;
                if (total > maxBytes) {
                    throw new ContentTooLargeException(root, maxBytes);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /**
     * Visits every block of the tree under {@code root} (parents before children). Raw leaves are not
     * read when {@code skipRaw} says they need not be; they are handed over as null then.
     */
    static void walk(Cid root, Blocks blocks, java.util.function.Predicate<Cid> readRaw, Consumer<Cid> visit)
            throws IOException {
        Deque<Frame> pending = new ArrayDeque<>();
        visitOne(root, 0, blocks, readRaw, visit, pending);
        while (!pending.isEmpty()) {
            Frame frame = pending.peek();
            if (!frame.links().hasNext()) {
                pending.pop();
                continue;
            }
            Cid child = frame.links().next().cid();
            if (frame.depth() + 1 > MAX_DEPTH) {
                throw new ContentCorruptException(child, "DAG deeper than " + MAX_DEPTH + " levels");
            }
            visitOne(child, frame.depth() + 1, blocks, readRaw, visit, pending);
        }
    }

    private static void visitOne(Cid cid, int depth, Blocks blocks, java.util.function.Predicate<Cid> readRaw,
                                 Consumer<Cid> visit, Deque<Frame> pending) throws IOException {
        if (cid.codec() == Cid.RAW) {
            if (readRaw.test(cid)) {
                blocks.get(cid);
            }
        } else {
            pending.push(new Frame(decode(cid, blocks.get(cid)).links().iterator(), depth));
        }
        visit.accept(cid);
    }
}
