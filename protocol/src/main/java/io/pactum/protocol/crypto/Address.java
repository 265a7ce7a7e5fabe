package io.pactum.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A 20-byte Ethereum address. {@link #toString()} is the EIP-55 checksummed form; ordering is
 * that of the address as an unsigned number ({@code uint160}), as Solidity compares addresses.
 *
 * @param value the 20 bytes (copied on the way in and out)
 */
public record Address(byte[] value) implements Comparable<Address> {
    public static final Address ZERO = new Address(new byte[20]);

    public Address {
        if (value == null || value.length != 20) {
            throw new IllegalArgumentException(
                    "an address has 20 bytes, got " + (value == null ? "null" : value.length));
        }
        value = value.clone();
    }

    /** A copy of the 20 bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /**
     * Parses {@code 0x} + 40 hex digits. All-lower-case and all-upper-case digits are accepted
     * as is; mixed case must be a valid EIP-55 checksum.
     *
     * @throws IllegalArgumentException with the reason when the text is not an address
     */
    public static Address parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("address is null");
        }
        if (text.length() != 42) {
            throw new IllegalArgumentException(
                    "an address is 0x followed by 40 hex digits, got " + text.length() + " characters: "
                            + Hex.abbreviate(text));
        }
        Address address = new Address(Hex.decode(text, 20));
        String digits = text.substring(2);
        boolean mixed = !digits.equals(digits.toLowerCase()) && !digits.equals(digits.toUpperCase());
        if (mixed && !address.toString().equals(text)) {
            throw new IllegalArgumentException("address has an invalid EIP-55 checksum: " + text);
        }
        return address;
    }

    /** The address of an uncompressed secp256k1 public key (65 bytes, {@code 0x04 ‖ x ‖ y}). */
    public static Address fromPublicKey(byte[] uncompressed) {
        if (uncompressed.length != 65 || uncompressed[0] != 0x04) {
            throw new IllegalArgumentException("expected a 65-byte uncompressed public key");
        }
        byte[] hash = Keccak.keccak256(uncompressed, 1, 64);
        return new Address(Arrays.copyOfRange(hash, 12, 32));
    }

    /** Lower-case {@code 0x} hex. */
    public String toLowerHex() {
        return Hex.encode(value);
    }

    /** EIP-55 mixed-case checksummed form. */
    @Override
    public String toString() {
        String lower = Hex.encodeNoPrefix(value);
        byte[] hash = Keccak.keccak256(lower.getBytes(StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder(42).append("0x");
        for (int i = 0; i < 40; i++) {
            char c = lower.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            sb.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public int compareTo(Address o) {
        return Arrays.compareUnsigned(value, o.value);
    }
}
