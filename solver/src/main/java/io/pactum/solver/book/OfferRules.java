package io.pactum.solver.book;

import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.deal.ResourceOffer;
import java.util.List;
import java.util.Optional;

/**
 * The protocol's business rules the book relies on (protocol's {@code Validation} and {@code
 * Matching}), as a port so the book is tested with any rule set.
 */
public interface OfferRules {
    /** A broken rule: the offer field (JSON name) and why. */
    record Violation(String field, String reason) {}

    List<Violation> validate(JobOffer offer);

    List<Violation> validate(ResourceOffer offer);

    /** The deal two offers make at {@code nowSeconds} ({@code agreeDeadline = now + window}), if compatible. */
    Optional<Deal> match(JobOffer job, ResourceOffer resource, long nowSeconds, long agreeWindowSeconds);
}
