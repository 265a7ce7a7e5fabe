package io.pactum.solver.book;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Price-time priority matching over the open book, pure and deterministic.
 *
 * <p>Job offers are served oldest first. For each, every live, unused resource offer is tried
 * with the protocol's matching rule; among those that match, the cheapest deal wins, then the
 * oldest resource offer, then the smaller id (so ties never depend on iteration order). Each
 * offer appears in at most one proposal of a plan. Expired offers are never matched.
 *
 * @param <J> job offer type
 * @param <R> resource offer type
 * @param <D> deal type
 */
public final class MatchPlanner<J, R, D> {

    /** The protocol's matching rule: the deal two offers make, if they are compatible. */
    @FunctionalInterface
    public interface Rule<J, R, D> {
        Optional<D> match(J job, R resource);
    }

    private final Rule<J, R, D> rule;
    private final Function<D, BigInteger> price;

    /**
     * @param rule the matching rule
     * @param price the price the client pays for a deal (the ranking key, lower is better)
     */
    public MatchPlanner(Rule<J, R, D> rule, Function<D, BigInteger> price) {
        this.rule = rule;
        this.price = price;
    }

    /** The proposals to make now, in the order the job offers were served. */
    public List<Proposal<D>> plan(List<OpenOffer<J>> jobs, List<OpenOffer<R>> resources, long nowSeconds) {
        List<OpenOffer<J>> jobQueue = jobs.stream()
                .filter(j -> j.liveAt(nowSeconds))
                .sorted(Comparator.<OpenOffer<J>>comparingLong(OpenOffer::sequence).thenComparing(OpenOffer::id))
                .toList();
        List<OpenOffer<R>> live = resources.stream().filter(r -> r.liveAt(nowSeconds)).toList();
        Set<String> used = new HashSet<>();
        List<Proposal<D>> out = new ArrayList<>();
        for (OpenOffer<J> job : jobQueue) {
            OpenOffer<R> best = null;
            D bestDeal = null;
            BigInteger bestPrice = null;
            for (OpenOffer<R> res : live) {
                if (used.contains(res.id())) {
                    continue;
                }
                Optional<D> deal = rule.match(job.offer(), res.offer());
                if (deal.isEmpty()) {
                    continue;
                }
                BigInteger p = price.apply(deal.get());
                if (best == null || better(p, res, bestPrice, best)) {
                    best = res;
                    bestDeal = deal.get();
                    bestPrice = p;
                }
            }
            if (best != null) {
                used.add(best.id());
                out.add(new Proposal<>(job.id(), best.id(), bestDeal));
            }
        }
        return out;
    }

    private static boolean better(BigInteger p, OpenOffer<?> r, BigInteger bestPrice, OpenOffer<?> best) {
        int c = p.compareTo(bestPrice);
        if (c != 0) {
            return c < 0;
        }
        if (r.sequence() != best.sequence()) {
            return r.sequence() < best.sequence();
        }
        return r.id().compareTo(best.id()) < 0;
    }
}
