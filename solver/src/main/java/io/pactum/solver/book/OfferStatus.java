package io.pactum.solver.book;

import java.util.Locale;

/** Where an offer stands in the order book. Stored lower-case. */
public enum OfferStatus {
    /** In the book, may be matched. */
    OPEN,
    /** Part of a proposed (or relaying) deal; not matched again unless the proposal ends. */
    PROPOSED,
    /** Its deal was agreed on-chain. Terminal. */
    FILLED,
    /** Its expiry passed while it was not filled. Terminal. */
    EXPIRED,
    /** Withdrawn. Terminal. */
    CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OfferStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
