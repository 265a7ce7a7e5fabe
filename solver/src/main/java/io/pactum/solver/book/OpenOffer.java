package io.pactum.solver.book;

import java.util.Objects;

/**
 * An open offer as the matcher sees it.
 *
 * @param id the offer id (struct hash, 0x-hex)
 * @param offer the signed offer terms
 * @param expiry unix seconds after which the offer may not be matched
 * @param sequence arrival order (time priority): smaller is older
 */
public record OpenOffer<T>(String id, T offer, long expiry, long sequence) {
    public OpenOffer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(offer, "offer");
    }

    /** Whether the offer may still be matched at {@code nowSeconds} (valid through its expiry second). */
    public boolean liveAt(long nowSeconds) {
        return nowSeconds <= expiry;
    }
}
