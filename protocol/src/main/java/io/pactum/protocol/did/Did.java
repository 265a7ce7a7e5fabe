package io.pactum.protocol.did;

import io.pactum.protocol.crypto.Address;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Pactum DID, {@code did:pactum:<chainId>:<address>} (protocol §5): the chain id in decimal
 * (positive, no leading zeros) and the 20-byte address as {@code 0x} and 40 hex digits. The
 * canonical form writes the address in lower case; parsing accepts lower, upper or EIP-55 mixed
 * case (a mixed-case address must carry a valid EIP-55 checksum).
 */
public record Did(long chainId, Address address) {
    public static final String PREFIX = "did:pactum:";
    private static final Pattern FORM = Pattern.compile("did:pactum:([1-9][0-9]{0,18}):(0x[0-9a-fA-F]{40})");

    public Did {
        Objects.requireNonNull(address, "address");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chain id must be positive");
        }
    }

    /**
     * Parses a DID; throws {@link IllegalArgumentException} with the reason for anything else
     * (another method, a missing part, a bad chain id or address).
     */
    public static Did parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty DID");
        }
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a did:pactum DID: " + abbreviate(text));
        }
        var m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "malformed DID (expected did:pactum:<chainId>:<0x + 40 hex digits>): " + abbreviate(text));
        }
        long chainId;
        try {
            chainId = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("chain id out of range: " + m.group(1));
        }
        try {
            return new Did(chainId, Address.parse(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed DID address: " + e.getMessage());
        }
    }

    /** The DID URL of a fragment of this DID's document, e.g. {@code did:pactum:1:0x…#controller}. */
    public String withFragment(String fragment) {
        return this + "#" + fragment;
    }

    /** CAIP-10 account id of {@code account} on this DID's chain: {@code eip155:<chainId>:<address>}. */
    public String accountId(Address account) {
        return "eip155:" + chainId + ":" + account.toLowerHex();
    }

    @Override
    public String toString() {
        return PREFIX + chainId + ":" + address.toLowerHex();
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "…";
    }
}
