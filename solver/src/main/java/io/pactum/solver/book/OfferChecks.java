package io.pactum.solver.book;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.crypto.Signatures;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.protocol.eip712.Eip712Domain;
import java.util.List;
import java.util.Optional;

/**
 * The checks an offer passes before it enters the book, in order: protocol rules, signature
 * (under the solver's domain, low-s, recovering to the offer's own party), expiry. Pure: nothing
 * is written whatever the outcome.
 */
public final class OfferChecks {
    private final Eip712Domain domain;
    private final OfferRules rules;

    public OfferChecks(Eip712Domain domain, OfferRules rules) {
        this.domain = domain;
        this.rules = rules;
    }

    public Eip712Domain domain() {
        return domain;
    }

    public Optional<Rejection> check(JobOffer offer, Signature signature, long nowSeconds) {
        return first(
                violations(rules.validate(offer)),
                signer(offer.digest(domain), signature, offer.client(), "offer.client"),
                expiry(offer.expiry(), nowSeconds));
    }

    public Optional<Rejection> check(ResourceOffer offer, Signature signature, long nowSeconds) {
        return first(
                violations(rules.validate(offer)),
                signer(offer.digest(domain), signature, offer.node(), "offer.node"),
                expiry(offer.expiry(), nowSeconds));
    }

    /** The address {@code signature} recovers to over {@code digest}, if it is a valid low-s signature. */
    public static Optional<Address> recover(byte[] digest, Signature signature) {
        if (!signature.isLowS()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Signatures.recover(digest, signature));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<Rejection> signer(byte[] digest, Signature signature, Address expected, String partyField) {
        Optional<Address> signer = recover(digest, signature);
        if (signer.isEmpty()) {
            return Optional.of(new Rejection(Rejection.Reason.BAD_SIGNATURE,
                    "signature is not a valid low-s secp256k1 signature", "signature"));
        }
        if (!signer.get().equals(expected)) {
            return Optional.of(new Rejection(Rejection.Reason.BAD_SIGNATURE,
                    "signature does not recover to " + partyField + " " + expected + " under the solver's EIP-712 domain"
                            + " (chainId " + domain.chainId() + ", DealManager " + domain.verifyingContract()
                            + "): wrong key, or signed for another chain or contract",
                    "signature"));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> expiry(long expiry, long nowSeconds) {
        if (!ProtocolOfferRules.unexpired(expiry, nowSeconds)) {
            return Optional.of(new Rejection(Rejection.Reason.EXPIRED,
                    "offer expired at " + expiry + " (now " + nowSeconds + ")", "offer.expiry"));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> violations(List<OfferRules.Violation> violations) {
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        OfferRules.Violation v = violations.get(0);
        String field = v.field() == null ? "offer" : "offer." + v.field();
        return Optional.of(new Rejection(Rejection.Reason.INVALID_FIELD, field + ": " + v.reason(), field));
    }

    @SafeVarargs
    private static Optional<Rejection> first(Optional<Rejection>... checks) {
        for (Optional<Rejection> c : checks) {
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }
}
