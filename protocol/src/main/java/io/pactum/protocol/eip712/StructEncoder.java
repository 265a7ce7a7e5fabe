package io.pactum.protocol.eip712;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Keccak;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Typed EIP-712 {@code encodeData}: each call appends one 32-byte word, in the order of the type
 * string's members; {@link #hash()} returns {@code keccak256(typeHash ‖ words)}. Values are
 * range-checked against their Solidity type, so a value that Solidity could not hold fails here
 * instead of hashing to something the contract never produces.
 *
 * <ul>
 *   <li>{@code address}: left-padded to 32 bytes;
 *   <li>{@code bool}: 0 or 1;
 *   <li>{@code uintN}: big-endian, left-padded;
 *   <li>{@code bytes32}: as is;
 *   <li>{@code bytes}, {@code string}: keccak256 of the content;
 *   <li>{@code address[]}: keccak256 of the elements each padded to 32 bytes (= {@code
 *       abi.encodePacked(address[])});
 *   <li>a nested struct: its own {@code hashStruct}.
 * </ul>
 */
public final class StructEncoder {
    private final KeccakDigest digest = new KeccakDigest(256);
    private final byte[] word = new byte[32];

    StructEncoder(Bytes32 typeHash) {
        put(typeHash.toArray());
    }

    public StructEncoder address(Address value) {
        java.util.Arrays.fill(word, 0, 12, (byte) 0);
        System.arraycopy(value.value(), 0, word, 12, 20);
        digest.update(word, 0, 32);
        return this;
    }

    public StructEncoder bool(boolean value) {
        java.util.Arrays.fill(word, (byte) 0);
        word[31] = (byte) (value ? 1 : 0);
        digest.update(word, 0, 32);
        return this;
    }

    /** A {@code uint<bits>} (8 ≤ bits ≤ 256, a multiple of 8) given as a non-negative BigInteger. */
    public StructEncoder uint(int bits, BigInteger value) {
        checkBits(bits);
        if (value.signum() < 0 || value.bitLength() > bits) {
            throw new IllegalArgumentException("value " + value + " does not fit uint" + bits);
        }
        java.util.Arrays.fill(word, (byte) 0);
        byte[] b = value.toByteArray();
        int start = b.length > 32 ? 1 : 0; // a leading sign byte of a 256-bit value
        System.arraycopy(b, start, word, 32 - (b.length - start), b.length - start);
        digest.update(word, 0, 32);
        return this;
    }

    /** A {@code uint<bits>} given as a non-negative long. */
    public StructEncoder uint(int bits, long value) {
        checkBits(bits);
        if (value < 0 || (bits < 64 && (value >>> bits) != 0)) {
            throw new IllegalArgumentException("value " + value + " does not fit uint" + bits);
        }
        java.util.Arrays.fill(word, (byte) 0);
        for (int i = 0; i < 8; i++) {
            word[31 - i] = (byte) (value >>> (8 * i));
        }
        digest.update(word, 0, 32);
        return this;
    }

    public StructEncoder uint256(BigInteger value) {
        return uint(256, value);
    }

    public StructEncoder uint64(long value) {
        return uint(64, value);
    }

    public StructEncoder uint32(long value) {
        return uint(32, value);
    }

    public StructEncoder uint8(int value) {
        return uint(8, value);
    }

    public StructEncoder bytes32(Bytes32 value) {
        put(value.toArray());
        return this;
    }

    /** Dynamic {@code bytes}: keccak256 of the content. */
    public StructEncoder bytes(Bytes value) {
        return bytes(value.toArray());
    }

    /** Dynamic {@code bytes}: keccak256 of the content. */
    public StructEncoder bytes(byte[] value) {
        put(Keccak.keccak256(value));
        return this;
    }

    /** {@code string}: keccak256 of the UTF-8 content. */
    public StructEncoder string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code address[]}: keccak256 of the concatenated 32-byte words. */
    public StructEncoder addressArray(List<Address> values) {
        KeccakDigest inner = new KeccakDigest(256);
        byte[] w = new byte[32];
        for (Address a : values) {
            System.arraycopy(a.value(), 0, w, 12, 20);
            inner.update(w, 0, 32);
        }
        byte[] out = new byte[32];
        inner.doFinal(out, 0);
        put(out);
        return this;
    }

    /** {@code bytes32[]}: keccak256 of the concatenated values. */
    public StructEncoder bytes32Array(List<Bytes32> values) {
        KeccakDigest inner = new KeccakDigest(256);
        for (Bytes32 v : values) {
            inner.update(v.toArray(), 0, 32);
        }
        byte[] out = new byte[32];
        inner.doFinal(out, 0);
        put(out);
        return this;
    }

    /**
     * A nested struct member: its {@code hashStruct}. The outer type string must append the
     * referenced types' definitions sorted by name (EIP-712 {@code encodeType}).
     */
    public StructEncoder struct(Bytes32 nestedStructHash) {
        put(nestedStructHash.toArray());
        return this;
    }

    /** {@code keccak256(typeHash ‖ encodeData)}; the encoder must not be used afterwards. */
    public Bytes32 hash() {
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return Bytes32.of(out);
    }

    private void put(byte[] word32) {
        digest.update(word32, 0, 32);
    }

    private static void checkBits(int bits) {
        if (bits < 8 || bits > 256 || bits % 8 != 0) {
            throw new IllegalArgumentException("no type uint" + bits);
        }
    }
}
