package io.pactum.solver.book;

import java.util.Locale;

/**
 * Where a proposed deal stands in the solver. {@code proposed → relaying → agreed}, or {@code
 * relaying → failed} (the relay reverted), or {@code proposed → expired} (the two signatures did
 * not arrive in time). A reorg that removes {@code DealAgreed} moves {@code agreed} back to
 * {@code relaying}.
 */
public enum DealStatus {
    PROPOSED,
    RELAYING,
    AGREED,
    FAILED,
    EXPIRED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DealStatus fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
