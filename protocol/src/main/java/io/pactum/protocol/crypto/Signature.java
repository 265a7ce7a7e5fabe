package io.pactum.protocol.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An Ethereum ECDSA signature: {@code r}, {@code s} and the recovery byte {@code v} (27 or 28).
 * Its wire form ({@link #toBytes()}) is the 65 bytes {@code r ‖ s ‖ v} that OpenZeppelin's
 * {@code ECDSA.recover} and the {@code agreeBySig} call take.
 *
 * <p>The constructor checks only the shape (0 < r, s < n; v in {27, 28}); whether {@code s} is
 * in the lower half is checked by {@link Signatures#recover}, which rejects high-s signatures.
 */
public record Signature(BigInteger r, BigInteger s, int v) {
    /** The order of the secp256k1 group. */
    public static final BigInteger N =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    /** n / 2: the largest {@code s} of a canonical (low-s) signature. */
    public static final BigInteger HALF_N = N.shiftRight(1);

    public Signature {
        if (r == null || r.signum() <= 0 || r.compareTo(N) >= 0) {
            throw new IllegalArgumentException("signature r must be in [1, n-1]");
        }
        if (s == null || s.signum() <= 0 || s.compareTo(N) >= 0) {
            throw new IllegalArgumentException("signature s must be in [1, n-1]");
        }
        if (v != 27 && v != 28) {
            throw new IllegalArgumentException("signature v must be 27 or 28, got " + v);
        }
    }

    /**
     * Parses the 65-byte form {@code r ‖ s ‖ v}; {@code v} may be 27/28 or 0/1 (normalised to
     * 27/28).
     */
    public static Signature fromBytes(byte[] bytes) {
        if (bytes.length != 65) {
            throw new IllegalArgumentException("a signature has 65 bytes, got " + bytes.length);
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64));
        int v = bytes[64] & 0xFF;
        if (v == 0 || v == 1) {
            v += 27;
        }
        return new Signature(r, s, v);
    }

    /** Parses {@code 0x} + 130 hex digits. */
    public static Signature fromHex(String hex) {
        return fromBytes(Hex.decode(hex, 65));
    }

    /** {@code r ‖ s ‖ v}, 65 bytes. */
    public byte[] toBytes() {
        byte[] out = new byte[65];
        put32(r, out, 0);
        put32(s, out, 32);
        out[64] = (byte) v;
        return out;
    }

    public String toHex() {
        return Hex.encode(toBytes());
    }

    /** Whether {@code s ≤ n/2} (the only form OpenZeppelin's ECDSA accepts). */
    public boolean isLowS() {
        return s.compareTo(HALF_N) <= 0;
    }

    /** 0 or 1. */
    public int recoveryId() {
        return v - 27;
    }

    /** {@code r ‖ s}, 64 bytes. */
    byte[] compact() {
        return Arrays.copyOf(toBytes(), 64);
    }

    static void put32(BigInteger value, byte[] out, int offset) {
        byte[] b = value.toByteArray();
        int start = b.length > 32 ? b.length - 32 : 0;
        int len = b.length - start;
        System.arraycopy(b, start, out, offset + 32 - len, len);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
