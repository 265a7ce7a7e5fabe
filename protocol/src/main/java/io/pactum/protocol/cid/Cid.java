package io.pactum.protocol.cid;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A content identifier with a sha2-256 multihash: CIDv0 (dag-pb, base58btc {@code Qm…}) or CIDv1
 * (codec raw {@code 0x55} or dag-pb {@code 0x70}, base32 lower-case {@code b…}).
 *
 * <p>Binary form ({@link #toBytes()}, what is posted on-chain): v0 is the bare multihash {@code
 * 0x12 0x20 ‖ digest}; v1 is {@code varint(1) ‖ varint(codec) ‖ multihash}.
 */
public final class Cid {
    public static final int RAW = 0x55;
    public static final int DAG_PB = 0x70;
    public static final int SHA2_256 = 0x12;

    private final int version;
    private final int codec;
    private final byte[] digest;

    private Cid(int version, int codec, byte[] digest) {
        if (version != 0 && version != 1) {
            throw new IllegalArgumentException("unsupported CID version " + version);
        }
        if (codec != RAW && codec != DAG_PB) {
            throw new IllegalArgumentException("unsupported CID codec 0x" + Integer.toHexString(codec));
        }
        if (version == 0 && codec != DAG_PB) {
            throw new IllegalArgumentException("a CIDv0 is always dag-pb");
        }
        if (digest.length != 32) {
            throw new IllegalArgumentException("a sha2-256 digest has 32 bytes, got " + digest.length);
        }
        this.version = version;
        this.codec = codec;
        this.digest = digest;
    }

    /** A CID from its parts; {@code sha256} is copied. */
    public static Cid of(int version, int codec, byte[] sha256) {
        return new Cid(version, codec, sha256.clone());
    }

    /** The CIDv1 of a raw block ({@code codec 0x55}). */
    public static Cid rawOf(byte[] block) {
        return new Cid(1, RAW, sha256(block));
    }

    /** The CID of a dag-pb block in the given version. */
    public static Cid dagPbOf(int version, byte[] block) {
        return new Cid(version, DAG_PB, sha256(block));
    }

    public int version() {
        return version;
    }

    public int codec() {
        return codec;
    }

    /** The sha2-256 digest (a copy). */
    public byte[] digest() {
        return digest.clone();
    }

    /** The multihash: {@code 0x12 0x20 ‖ digest}. */
    public byte[] multihash() {
        byte[] mh = new byte[34];
        mh[0] = SHA2_256;
        mh[1] = 32;
        System.arraycopy(digest, 0, mh, 2, 32);
        return mh;
    }

    /** Whether {@code block} hashes to this CID. */
    public boolean verify(byte[] block) {
        return MessageDigest.isEqual(sha256(block), digest);
    }

    /** The binary form. */
    public byte[] toBytes() {
        if (version == 0) {
            return multihash();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(36);
        Varint.write(out, 1);
        Varint.write(out, codec);
        out.writeBytes(multihash());
        return out.toByteArray();
    }

    /**
     * Parses the binary form.
     *
     * @throws IllegalArgumentException on anything but a v0 or v1 sha2-256 CID of codec raw or dag-pb
     */
    public static Cid fromBytes(byte[] bytes) {
        if (bytes.length == 34 && bytes[0] == SHA2_256 && bytes[1] == 32) {
            return new Cid(0, DAG_PB, Arrays.copyOfRange(bytes, 2, 34));
        }
        Varint.Reader r = new Varint.Reader(bytes, 0, bytes.length);
        long version = r.varint();
        if (version != 1) {
            throw new IllegalArgumentException("unsupported CID version " + version);
        }
        long codec = r.varint();
        if (codec != RAW && codec != DAG_PB) {
            throw new IllegalArgumentException("unsupported CID codec 0x" + Long.toHexString(codec));
        }
        long hashCode = r.varint();
        if (hashCode != SHA2_256) {
            throw new IllegalArgumentException("unsupported multihash 0x" + Long.toHexString(hashCode) + " (only sha2-256)");
        }
        long len = r.varint();
        if (len != 32) {
            throw new IllegalArgumentException("sha2-256 multihash length must be 32, got " + len);
        }
        byte[] digest = r.bytes(32);
        if (r.hasMore()) {
            throw new IllegalArgumentException("trailing bytes after the CID");
        }
        return new Cid(1, (int) codec, digest);
    }

    /**
     * Parses the text form: {@code Qm…} (v0), or multibase {@code b…}/{@code B…} (base32) or
     * {@code z…} (base58btc) for v1.
     */
    public static Cid parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty CID");
        }
        if (text.length() == 46 && text.startsWith("Qm")) {
            return fromBytes(Multibase.base58Decode(text));
        }
        byte[] bytes;
        switch (text.charAt(0)) {
            case 'b', 'B' -> bytes = Multibase.base32Decode(text.substring(1));
            case 'z' -> bytes = Multibase.base58Decode(text.substring(1));
            default -> throw new IllegalArgumentException("unsupported CID text form (multibase '" + text.charAt(0) + "')");
        }
        Cid cid = fromBytes(bytes);
        if (cid.version == 0) {
            throw new IllegalArgumentException("a CIDv0 must be written in base58btc without prefix");
        }
        return cid;
    }

    /** This CID as v1 (same codec and digest). */
    public Cid toV1() {
        return version == 1 ? this : new Cid(1, codec, digest);
    }

    @Override
    public String toString() {
        return version == 0 ? Multibase.base58Encode(multihash()) : "b" + Multibase.base32Encode(toBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid c && version == c.version && codec == c.codec && Arrays.equals(digest, c.digest);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * version + codec) + Arrays.hashCode(digest);
    }

    static byte[] sha256(byte[] data) {
        return sha256(data, 0, data.length);
    }

    static byte[] sha256(byte[] data, int offset, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, offset, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
