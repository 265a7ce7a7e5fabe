package io.pactum.node.testing;

import io.pactum.node.offers.OfferStatus;
import io.pactum.node.offers.OfferStore;
import io.pactum.node.offers.StoredOffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link OfferStore}. */
public final class MemoryOffers implements OfferStore {
    public final Map<String, StoredOffer> offers = new LinkedHashMap<>();
    public final Map<String, SignedDeal> signed = new LinkedHashMap<>();
    public final Map<String, String> rejected = new HashMap<>();

    @Override public void insert(StoredOffer o) { offers.put(o.offerId(), o); }
    @Override public Optional<StoredOffer> find(String id) { return Optional.ofNullable(offers.get(id)); }
    @Override public Optional<StoredOffer> latestLive(String node) {
        return offers.values().stream().filter(o -> o.nodeAddress().equals(node) && o.status().isLive()).reduce((a, b) -> b);
    }
    @Override public void updateStatus(String id, OfferStatus s, String error) { offers.computeIfPresent(id, (k, o) -> o.withStatus(s)); }
    @Override public Optional<SignedDeal> signedDeal(String dealId) { return Optional.ofNullable(signed.get(dealId)); }
    @Override public Optional<SignedDeal> signedDealForOffer(String offerId) {
        return signed.values().stream().filter(d -> d.offerId().equals(offerId)).findFirst();
    }
    @Override public boolean insertSignedDeal(SignedDeal d) {
        if (signed.containsKey(d.dealId()) || signedDealForOffer(d.offerId()).isPresent()) return false;
        signed.put(d.dealId(), d);
        return true;
    }
    @Override public void markSignaturePosted(String dealId) {
        signed.computeIfPresent(dealId, (k, d) -> new SignedDeal(d.dealId(), d.offerId(), d.dealJson(), d.signature(), true));
    }
    /** Deals the node has seen agreed (the job rows of the real store). */
    public final java.util.Set<String> agreed = new java.util.HashSet<>();

    @Override public java.util.List<SignedDeal> unagreedSignedDeals(long minAgreeDeadline) {
        return signed.values().stream()
                .filter(d -> !agreed.contains(d.dealId()))
                .filter(d -> io.pactum.node.solver.Json.dealFromJson(d.dealJson()).agreeDeadline() >= minAgreeDeadline)
                .toList();
    }
    @Override public void reject(String dealId, String reason) { rejected.put(dealId, reason); }
    @Override public boolean isRejected(String dealId) { return rejected.containsKey(dealId); }
}
