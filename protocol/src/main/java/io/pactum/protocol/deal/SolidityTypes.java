package io.pactum.protocol.deal;

import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/** Range checks so a record only ever holds values its Solidity type can hold. */
final class SolidityTypes {
    static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private SolidityTypes() {}

    static BigInteger uint256(String field, BigInteger value) {
        Objects.requireNonNull(value, field);
        if (value.signum() < 0 || value.compareTo(UINT256_MAX) > 0) {
            throw new IllegalArgumentException(field + " must fit uint256, got " + value);
        }
        return value;
    }

    static long uint32(String field, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + " must fit uint32, got " + value);
        }
        return value;
    }

    /** uint64 values are held in a long, so they are limited to [0, 2^63 - 1]. */
    static long uint64(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be a non-negative uint64, got " + value);
        }
        return value;
    }

    static List<Address> addresses(String field, List<Address> value) {
        Objects.requireNonNull(value, field);
        for (Address a : value) {
            Objects.requireNonNull(a, field + " element");
        }
        return List.copyOf(value);
    }

    static <T> T nonNull(String field, T value) {
        return Objects.requireNonNull(value, field);
    }
}
