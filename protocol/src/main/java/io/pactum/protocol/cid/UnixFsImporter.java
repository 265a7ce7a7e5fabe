package io.pactum.protocol.cid;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Imports a file as Kubo's {@code ipfs add} does with a fixed-size chunker and the balanced
 * layout, giving the same root CID and blocks.
 *
 * <ul>
 *   <li>The input is cut into chunks of exactly {@code chunkSize} bytes (the last one shorter).
 *   <li>Leaves are raw blocks ({@code rawLeaves}; codec raw, CIDv1) or dag-pb nodes holding a
 *       UnixFS {@code File} with the chunk as {@code Data} and its {@code filesize}.
 *   <li>One chunk: the leaf is the root. Empty input is one empty chunk.
 *   <li>More: a balanced tree of dag-pb nodes, each with at most {@code maxLinks} links, all
 *       leaves at the same depth, filled left to right (a partial last subtree keeps the full
 *       depth). Each node's UnixFS Data is {@code Type=File, filesize, blocksizes[]} (the file
 *       bytes under each child) and each link has {@code Name ""} and {@code Tsize} (the child's
 *       block size plus its children's Tsizes).
 * </ul>
 */
public final class UnixFsImporter {
    /** Importer settings; always pass them explicitly to Kubo too. */
    public record Options(int chunkSize, int maxLinks, boolean rawLeaves, int cidVersion) {
        public static final int MAX_CHUNK = 2 * 1024 * 1024;

        public Options {
            if (chunkSize < 1 || chunkSize > MAX_CHUNK) {
                throw new IllegalArgumentException("chunkSize must be in [1, " + MAX_CHUNK + "], got " + chunkSize);
            }
            if (maxLinks < 2) {
                throw new IllegalArgumentException("maxLinks must be at least 2, got " + maxLinks);
            }
            if (cidVersion != 0 && cidVersion != 1) {
                throw new IllegalArgumentException("cidVersion must be 0 or 1");
            }
            if (cidVersion == 0 && rawLeaves) {
                throw new IllegalArgumentException("raw leaves need CIDv1");
            }
        }

        /**
         * Pactum's default, as Kubo {@code add?cid-version=1&raw-leaves=true&chunker=size-1048576}
         * with 174 links per node.
         */
        public static Options pactumDefault() {
            return new Options(1024 * 1024, 174, true, 1);
        }

        /** Kubo's historical defaults: 256 KiB chunks, 174 links, dag-pb leaves, CIDv0. */
        public static Options kuboV0() {
            return new Options(256 * 1024, 174, false, 0);
        }
    }

    /** An import's root CID, file size and blocks (leaves first, root last). */
    public record Result(Cid root, long fileSize, List<Block> blocks) {
        public Result {
            blocks = List.copyOf(blocks);
        }
    }

    private final Options options;

    public UnixFsImporter(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** Imports {@code data}, keeping every block. */
    public Result importBytes(byte[] data) {
        try {
            return importStream(new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports {@code in} (read to its end, not closed), keeping every block in memory. */
    public Result importStream(InputStream in) throws IOException {
        List<Block> blocks = new ArrayList<>();
        long[] size = new long[1];
        Cid root = importStream(in, b -> blocks.add(b), size);
        return new Result(root, size[0], blocks);
    }

    /** Imports {@code in}, handing each block to {@code sink} as it is made; returns the root. */
    public Cid importStream(InputStream in, Consumer<Block> sink) throws IOException {
        return importStream(in, sink, new long[1]);
    }

    /** The root CID of {@code data} without keeping the blocks. */
    public Cid cidOf(byte[] data) {
        try {
            return importStream(new ByteArrayInputStream(data), b -> {}, new long[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Cid importStream(InputStream in, Consumer<Block> sink, long[] totalOut) throws IOException {
        Builder builder = new Builder(sink);
        long total = 0;
        boolean first = true;
        while (true) {
            byte[] chunk = in.readNBytes(options.chunkSize);
            if (chunk.length == 0 && !first) {
                break;
            }
            first = false;
            total += chunk.length;
            builder.addLeaf(chunk);
            if (chunk.length < options.chunkSize) {
                break;
            }
        }
        totalOut[0] = total;
        return builder.finish();
    }

    /** A child pointer: its CID, cumulative DAG size (Tsize) and file bytes beneath it. */
    private record Child(Cid cid, long tsize, long fileSize) {}

    /** Bottom-up balanced builder: levels.get(i) holds the pending children of a depth-(i+1) node. */
    private final class Builder {
        private final Consumer<Block> sink;
        private final List<List<Child>> levels = new ArrayList<>();

        Builder(Consumer<Block> sink) {
            this.sink = sink;
        }

        void addLeaf(byte[] chunk) {
            Child leaf;
            if (options.rawLeaves) {
                Cid cid = Cid.rawOf(chunk);
                sink.accept(new Block(cid, chunk));
                leaf = new Child(cid, chunk.length, chunk.length);
            } else {
                byte[] node = DagPb.encodeNode(List.of(), DagPb.encodeFileData(chunk, chunk.length, new long[0]));
                Cid cid = Cid.dagPbOf(options.cidVersion, node);
                sink.accept(new Block(cid, node));
                leaf = new Child(cid, node.length, chunk.length);
            }
            push(0, leaf);
        }

        private void push(int level, Child child) {
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            List<Child> pending = levels.get(level);
            pending.add(child);
            if (pending.size() == options.maxLinks) {
                Child node = emit(pending);
                pending.clear();
                push(level + 1, node);
            }
        }

        Cid finish() {
            int top = levels.size() - 1;
            while (levels.get(top).isEmpty()) {
                top--; // a full tree: its root sits alone one level up, or levels above are empty
            }
            Child carry = null;
            for (int i = 0; i <= top; i++) {
                List<Child> pending = new ArrayList<>(levels.get(i));
                if (carry != null) {
                    pending.add(carry);
                    carry = null;
                }
                if (pending.isEmpty()) {
                    continue;
                }
                if (i == top && pending.size() == 1) {
                    return pending.get(0).cid;
                }
                carry = emit(pending);
            }
            return carry.cid;
        }

        private Child emit(List<Child> children) {
            List<DagPb.Link> links = new ArrayList<>(children.size());
            long[] blockSizes = new long[children.size()];
            long fileSize = 0;
            long tsizes = 0;
            for (int i = 0; i < children.size(); i++) {
                Child c = children.get(i);
                links.add(new DagPb.Link(c.cid, "", c.tsize));
                blockSizes[i] = c.fileSize;
                fileSize += c.fileSize;
                tsizes += c.tsize;
            }
            byte[] node = DagPb.encodeNode(links, DagPb.encodeFileData(null, fileSize, blockSizes));
            Cid cid = Cid.dagPbOf(options.cidVersion, node);
            sink.accept(new Block(cid, node));
            return new Child(cid, node.length + tsizes, fileSize);
        }
    }
}
