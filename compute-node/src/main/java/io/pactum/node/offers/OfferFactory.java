package io.pactum.node.offers;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.deal.ResourceOffer;
import java.math.BigInteger;
import java.security.SecureRandom;

/** Builds the node's resource offers from its terms: a fresh random nonce and an expiry each time. */
public final class OfferFactory {

    private final OfferTerms terms;
    private final SecureRandom random;

    public OfferFactory(OfferTerms terms, SecureRandom random) {
        this.terms = terms;
        this.random = random;
    }

    /** An unsigned offer by {@code node}, valid from {@code nowSeconds} for the configured validity. */
    public ResourceOffer next(Address node, long nowSeconds) {
        // 128 random bits: never reused by this node, and nothing to coordinate between restarts
        BigInteger nonce = new BigInteger(128, random);
        return new ResourceOffer(
                node,
                terms.cpuMillis(),
                terms.memoryMiB(),
                terms.maxFuel(),
                terms.price(),
                terms.pricePerFuel(),
                terms.nodeCollateral(),
                terms.cheatingMultiplier(),
                terms.mediators(),
                nonce,
                nowSeconds + terms.validity().toSeconds());
    }

    public OfferTerms terms() {
        return terms;
    }
}
