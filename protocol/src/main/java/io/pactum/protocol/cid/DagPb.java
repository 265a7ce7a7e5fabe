package io.pactum.protocol.cid;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * dag-pb nodes ({@code PBNode}/{@code PBLink}) and the UnixFS {@code Data} message, encoded and
 * decoded by hand. Encoding follows the canonical dag-pb form Kubo writes: links first (field 2),
 * each {@code Hash} (1), {@code Name} (2, written even when empty), {@code Tsize} (3); then
 * {@code Data} (1).
 */
public final class DagPb {
    /** UnixFS {@code Data.DataType}. */
    public static final int TYPE_RAW = 0;
    public static final int TYPE_DIRECTORY = 1;
    public static final int TYPE_FILE = 2;

    private DagPb() {}

    /** A dag-pb link. */
    public record Link(Cid cid, String name, long tsize) {
        public Link {
            Objects.requireNonNull(cid, "cid");
            Objects.requireNonNull(name, "name");
        }
    }

    /** A decoded dag-pb node; {@code data} is null when the node has no Data field. */
    public record Node(List<Link> links, byte[] data) {
        public Node {
            links = List.copyOf(links);
        }
    }

    /** A decoded UnixFS {@code Data} message; {@code data} is empty when absent. */
    public record UnixFsData(int type, byte[] data, long fileSize, List<Long> blockSizes) {
        public UnixFsData {
            blockSizes = List.copyOf(blockSizes);
        }
    }

    /** Encodes a PBNode. */
    public static byte[] encodeNode(List<Link> links, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Link link : links) {
            ByteArrayOutputStream l = new ByteArrayOutputStream(48);
            byte[] hash = link.cid().toBytes();
            l.write(0x0a);
            Varint.write(l, hash.length);
            l.writeBytes(hash);
            byte[] name = link.name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            l.write(0x12);
            Varint.write(l, name.length);
            l.writeBytes(name);
            l.write(0x18);
            Varint.write(l, link.tsize());
            out.write(0x12);
            Varint.write(out, l.size());
            out.writeBytes(l.toByteArray());
        }
        if (data != null) {
            out.write(0x0a);
            Varint.write(out, data.length);
            out.writeBytes(data);
        }
        return out.toByteArray();
    }

    /** Encodes a UnixFS Data message of type File. {@code data} null or empty is omitted. */
    public static byte[] encodeFileData(byte[] data, long fileSize, long[] blockSizes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + (data == null ? 0 : data.length));
        out.write(0x08);
        Varint.write(out, TYPE_FILE);
        if (data != null && data.length > 0) {
            out.write(0x12);
            Varint.write(out, data.length);
            out.writeBytes(data);
        }
        out.write(0x18);
        Varint.write(out, fileSize);
        for (long bs : blockSizes) {
            out.write(0x20);
            Varint.write(out, bs);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a PBNode.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed dag-pb node
     */
    public static Node decodeNode(byte[] block) {
        Varint.Reader r = new Varint.Reader(block, 0, block.length);
        List<Link> links = new ArrayList<>();
        byte[] data = null;
        while (r.hasMore()) {
            long key = r.varint();
            if (key == 0x12) {
                if (data != null) {
                    throw new IllegalArgumentException("dag-pb: links after data");
                }
                links.add(decodeLink(r.lengthDelimited()));
            } else if (key == 0x0a) {
                if (data != null) {
                    throw new IllegalArgumentException("dag-pb: duplicate data field");
                }
                data = r.lengthDelimited();
            } else {
                throw new IllegalArgumentException("dag-pb: unexpected field key 0x" + Long.toHexString(key));
            }
        }
        return new Node(links, data);
    }

    private static Link decodeLink(byte[] bytes) {
        Varint.Reader r = new Varint.Reader(bytes, 0, bytes.length);
        Cid cid = null;
        String name = "";
        long tsize = 0;
        while (r.hasMore()) {
            long key = r.varint();
            if (key == 0x0a) {
                cid = Cid.fromBytes(r.lengthDelimited());
            } else if (key == 0x12) {
                name = new String(r.lengthDelimited(), java.nio.charset.StandardCharsets.UTF_8);
            } else if (key == 0x18) {
                tsize = r.varint();
            } else {
                throw new IllegalArgumentException("dag-pb link: unexpected field key 0x" + Long.toHexString(key));
            }
        }
        if (cid == null) {
            throw new IllegalArgumentException("dag-pb link without Hash");
        }
        return new Link(cid, name, tsize);
    }

    /** Decodes a UnixFS Data message (fields Type, Data, filesize, blocksizes; others skipped). */
    public static UnixFsData decodeUnixFs(byte[] bytes) {
        Varint.Reader r = new Varint.Reader(bytes, 0, bytes.length);
        int type = -1;
        byte[] data = new byte[0];
        long fileSize = 0;
        List<Long> blockSizes = new ArrayList<>();
        while (r.hasMore()) {
            long key = r.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (wire) {
                case 0 -> {
                    long v = r.varint();
                    if (field == 1) type = (int) v;
                    else if (field == 3) fileSize = v;
                    else if (field == 4) blockSizes.add(v);
                }
                case 2 -> {
                    byte[] v = r.lengthDelimited();
                    if (field == 2) data = v;
                    else if (field == 4) { // packed blocksizes
                        Varint.Reader p = new Varint.Reader(v, 0, v.length);
                        while (p.hasMore()) blockSizes.add(p.varint());
                    }
                }
                default -> throw new IllegalArgumentException("unixfs: unsupported wire type " + wire);
            }
        }
        if (type < 0) {
            throw new IllegalArgumentException("unixfs: missing Type");
        }
        return new UnixFsData(type, data, fileSize, blockSizes);
    }
}
