package io.pactum.protocol.crypto;

import java.util.Arrays;

/** An immutable 32-byte value (Solidity {@code bytes32}): hashes, ids. JSON form: 0x-hex. */
public final class Bytes32 implements Comparable<Bytes32> {
    public static final Bytes32 ZERO = new Bytes32(new byte[32]);

    private final byte[] value;

    private Bytes32(byte[] value) {
        this.value = value;
    }

    /** A copy of {@code value}, which must be 32 bytes long. */
    public static Bytes32 of(byte[] value) {
        if (value.length != 32) {
            throw new IllegalArgumentException("bytes32 needs 32 bytes, got " + value.length);
        }
        return new Bytes32(value.clone());
    }

    /** Wraps a freshly computed hash without copying; only for arrays nobody else holds. */
    static Bytes32 wrap(byte[] value) {
        if (value.length != 32) {
            throw new IllegalArgumentException("bytes32 needs 32 bytes, got " + value.length);
        }
        return new Bytes32(value);
    }

    /** keccak256 of {@code input}. */
    public static Bytes32 keccak(byte[] input) {
        return new Bytes32(Keccak.keccak256(input));
    }

    /** Parses {@code 0x} followed by exactly 64 hex digits. */
    public static Bytes32 fromHex(String hex) {
        return new Bytes32(Hex.decode(hex, 32));
    }

    public byte[] toArray() {
        return value.clone();
    }

    public String toHex() {
        return Hex.encode(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes32 other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public int compareTo(Bytes32 o) {
        return Arrays.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
