package io.pactum.node.offers;

import java.util.Locale;

/** State of one of the node's own offers, as last learnt from the solver. */
public enum OfferStatus {
    /** Signed and stored; not yet acknowledged by the solver (re-posted with the same bytes). */
    SIGNED,
    OPEN,
    PROPOSED,
    FILLED,
    EXPIRED,
    CANCELLED,
    /** The solver refused it with a 4xx (reason in {@code error}). */
    REJECTED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OfferStatus fromDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** Still capacity the solver may match. */
    public boolean isLive() {
        return this == SIGNED || this == OPEN || this == PROPOSED;
    }
}
