package io.pactum.protocol.pose;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import java.math.BigInteger;
import java.util.Objects;

/** Range checks and 32-byte ABI words for the PoSe records (static types only). */
final class Words {
    static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private Words() {}

    /** uint64 values are held in a long, so they are limited to [0, 2^63 - 1]. */
    static long uint64(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be a non-negative uint64, got " + value);
        }
        return value;
    }

    static int uint8(String field, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(field + " must fit uint8, got " + value);
        }
        return value;
    }

    static BigInteger uint256(String field, BigInteger value) {
        Objects.requireNonNull(value, field);
        if (value.signum() < 0 || value.compareTo(UINT256_MAX) > 0) {
            throw new IllegalArgumentException(field + " must fit uint256, got " + value);
        }
        return value;
    }

    static <T> T nonNull(String field, T value) {
        return Objects.requireNonNull(value, field);
    }

    /** Writes {@code value} big-endian into the 32-byte word at {@code out[offset..offset+32)}. */
    static void putUint(byte[] out, int offset, BigInteger value) {
        byte[] b = value.toByteArray();
        int start = b.length > 32 ? 1 : 0;
        System.arraycopy(b, start, out, offset + 32 - (b.length - start), b.length - start);
    }

    static void putUint(byte[] out, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            out[offset + 31 - i] = (byte) (value >>> (8 * i));
        }
    }

    static void putBytes32(byte[] out, int offset, Bytes32 value) {
        System.arraycopy(value.toArray(), 0, out, offset, 32);
    }

    static void putAddress(byte[] out, int offset, Address value) {
        System.arraycopy(value.value(), 0, out, offset + 12, 20);
    }
}
