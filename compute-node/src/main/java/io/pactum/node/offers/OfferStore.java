package io.pactum.node.offers;

import java.util.Optional;

/** Port: the node's own offers and the deals it signed or refused. */
public interface OfferStore {

    void insert(StoredOffer offer);

    Optional<StoredOffer> find(String offerId);

    /** The newest offer still live (signed, open or proposed), if any. */
    Optional<StoredOffer> latestLive(String nodeAddress);

    void updateStatus(String offerId, OfferStatus status, String error);

    /** The deal signed for {@code dealId}, if any. */
    Optional<SignedDeal> signedDeal(String dealId);

    /** The deal signed against {@code offerId}, if any (one per offer). */
    Optional<SignedDeal> signedDealForOffer(String offerId);

    /**
     * Records a signature before it is posted.
     *
     * @return false when the offer already backs another deal (nothing written)
     */
    boolean insertSignedDeal(SignedDeal deal);

    void markSignaturePosted(String dealId);

    /**
     * Deals the node signed whose agreement it has not seen (no job row) and whose agree deadline is at
     * least {@code minAgreeDeadline}: the collateral they may still lock.
     */
    java.util.List<SignedDeal> unagreedSignedDeals(long minAgreeDeadline);

    void reject(String dealId, String reason);

    boolean isRejected(String dealId);

    /** @param dealId 0x-hex; @param offerId 0x-hex; @param signature 0x-hex */
    record SignedDeal(String dealId, String offerId, String dealJson, String signature, boolean posted) {}
}
