package io.pactum.protocol.did;

import java.util.EnumSet;
import java.util.Set;

/**
 * Verification relationships of a method, as the bits {@code DIDRegistry} stores
 * ({@code PURPOSE_*} constants) and the W3C DID Core property each one maps to.
 */
public enum Purpose {
    AUTHENTICATION(1, "authentication"),
    ASSERTION(2, "assertionMethod"),
    CAPABILITY_INVOCATION(4, "capabilityInvocation"),
    CAPABILITY_DELEGATION(8, "capabilityDelegation");

    /** Every defined bit. */
    public static final int ALL = 15;

    private final int bit;
    private final String property;

    Purpose(int bit, String property) {
        this.bit = bit;
        this.property = property;
    }

    public int bit() {
        return bit;
    }

    /** The DID document property listing methods with this purpose. */
    public String property() {
        return property;
    }

    /** The purposes in {@code bits}; throws for 0 or bits outside {@link #ALL}. */
    public static Set<Purpose> of(int bits) {
        if (bits <= 0 || (bits & ~ALL) != 0) {
            throw new IllegalArgumentException("purposes must be 1..15, got " + bits);
        }
        EnumSet<Purpose> out = EnumSet.noneOf(Purpose.class);
        for (Purpose p : values()) {
            if ((bits & p.bit) != 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** Parses a comma-separated list of names ({@code authentication,assertion,invocation,delegation}). */
    public static int parseBits(String list) {
        int bits = 0;
        for (String raw : list.split(",")) {
            String name = raw.trim().toLowerCase(java.util.Locale.ROOT);
            bits |= switch (name) {
                case "authentication", "auth" -> AUTHENTICATION.bit;
                case "assertion", "assertionmethod" -> ASSERTION.bit;
                case "invocation", "capabilityinvocation" -> CAPABILITY_INVOCATION.bit;
                case "delegation", "capabilitydelegation" -> CAPABILITY_DELEGATION.bit;
                default -> throw new IllegalArgumentException("unknown purpose '" + raw.trim()
                        + "' (use authentication, assertion, invocation, delegation)");
            };
        }
        return bits;
    }
}
