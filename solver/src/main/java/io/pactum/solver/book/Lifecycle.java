package io.pactum.solver.book;

import java.util.Optional;

/** The order book's state rules, as pure functions. */
public final class Lifecycle {
    private Lifecycle() {}

    /**
     * When the solver stops waiting for signatures on a proposal made at {@code nowSeconds}: the
     * proposal TTL, never later than the on-chain agree deadline less the time the relay needs.
     */
    public static long proposalExpiresAt(long nowSeconds, long agreeDeadline, long proposalTtlSeconds) {
        return Math.min(nowSeconds + proposalTtlSeconds, agreeDeadline);
    }

    /** Whether a proposal still waiting for signatures has run out of time. */
    public static boolean proposalExpired(DealStatus status, long expiresAt, long nowSeconds) {
        return status == DealStatus.PROPOSED && expiresAt <= nowSeconds;
    }

    /**
     * The status an offer returns to when the deal it was proposed in ends without agreement
     * (expired or failed): open if it may still be matched, expired otherwise. Empty if the offer
     * is not in the proposed state (it was already settled another way: leave it).
     */
    public static Optional<OfferStatus> afterDealEnded(OfferStatus current, long offerExpiry, long nowSeconds) {
        if (current != OfferStatus.PROPOSED) {
            return Optional.empty();
        }
        return Optional.of(nowSeconds <= offerExpiry ? OfferStatus.OPEN : OfferStatus.EXPIRED);
    }

    /** Whether an open offer has passed its expiry (valid through that second) and leaves the book. */
    public static boolean openOfferExpired(OfferStatus current, long offerExpiry, long nowSeconds) {
        return current == OfferStatus.OPEN && nowSeconds > offerExpiry;
    }

    /** Which party of a deal a recovered signer is, if any. */
    public enum Party { CLIENT, NODE }

    public static Optional<Party> partyOf(String signer, String client, String node) {
        if (signer.equalsIgnoreCase(client)) {
            return Optional.of(Party.CLIENT);
        }
        if (signer.equalsIgnoreCase(node)) {
            return Optional.of(Party.NODE);
        }
        return Optional.empty();
    }

    /** The status after a signature is stored: relaying once both are present. */
    public static DealStatus afterSignature(DealStatus current, boolean clientSigned, boolean nodeSigned) {
        if (current == DealStatus.PROPOSED && clientSigned && nodeSigned) {
            return DealStatus.RELAYING;
        }
        return current;
    }
}
