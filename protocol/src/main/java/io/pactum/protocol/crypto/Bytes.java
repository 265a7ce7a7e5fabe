package io.pactum.protocol.crypto;

import java.util.Arrays;

/**
 * An immutable byte string of any length (Solidity {@code bytes}), compared by content. JSON
 * form: {@code 0x}-prefixed hex.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] value;

    private Bytes(byte[] value) {
        this.value = value;
    }

    /** A copy of {@code value}. */
    public static Bytes of(byte[] value) {
        return new Bytes(value.clone());
    }

    /** Parses {@code 0x}-prefixed hex. */
    public static Bytes fromHex(String hex) {
        return new Bytes(Hex.decode(hex));
    }

    /** A copy of the content. */
    public byte[] toArray() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    public String toHex() {
        return Hex.encode(value);
    }

    /** Internal zero-copy access; callers must not modify the array. */
    byte[] unsafeArray() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
