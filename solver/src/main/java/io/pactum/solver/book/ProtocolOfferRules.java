package io.pactum.solver.book;

import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.deal.Matching;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.protocol.deal.Validation;
import java.util.List;
import java.util.Optional;

/**
 * {@link OfferRules} by protocol's {@link Validation} (shape rules; the solver checks signature
 * and expiry itself to answer each with its own code) and {@link Matching}.
 */
public final class ProtocolOfferRules implements OfferRules {
    @Override
    public List<Violation> validate(JobOffer offer) {
        return Validation.jobOfferShape(offer).stream().map(v -> new Violation(v.field(), v.reason())).toList();
    }

    @Override
    public List<Violation> validate(ResourceOffer offer) {
        return Validation.resourceOfferShape(offer).stream().map(v -> new Violation(v.field(), v.reason())).toList();
    }

    @Override
    public Optional<Deal> match(JobOffer job, ResourceOffer resource, long nowSeconds, long agreeWindowSeconds) {
        return Matching.match(job, resource, nowSeconds, agreeWindowSeconds);
    }

    /** Whether an offer with this expiry may still be booked or matched at {@code nowSeconds}. */
    public static boolean unexpired(long expiry, long nowSeconds) {
        return Validation.unexpired(expiry, nowSeconds);
    }
}
