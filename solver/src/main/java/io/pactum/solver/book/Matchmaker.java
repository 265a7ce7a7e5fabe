package io.pactum.solver.book;

import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.deal.ResourceOffer;
import java.util.List;

/** {@link MatchPlanner} over the protocol's offers: the deals to propose now. */
public final class Matchmaker {
    private final OfferRules rules;

    public Matchmaker(OfferRules rules) {
        this.rules = rules;
    }

    /**
     * @param agreeWindowSeconds every proposed deal gets {@code agreeDeadline = now + window}
     */
    public List<Proposal<Deal>> plan(
            List<OpenOffer<JobOffer>> jobs, List<OpenOffer<ResourceOffer>> resources, long nowSeconds,
            long agreeWindowSeconds) {
        MatchPlanner<JobOffer, ResourceOffer, Deal> planner =
                new MatchPlanner<>((j, r) -> rules.match(j, r, nowSeconds, agreeWindowSeconds), Deal::price);
        return planner.plan(jobs, resources, nowSeconds);
    }
}
