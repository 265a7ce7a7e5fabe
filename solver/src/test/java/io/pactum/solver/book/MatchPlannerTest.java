package io.pactum.solver.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MatchPlannerTest {
    record Job(int cpu, long maxPrice) {}

    record Res(int cpu, long price) {}

    record D(Job job, Res res, long price) {}

    private static final MatchPlanner<Job, Res, D> PLANNER = new MatchPlanner<>(
            (j, r) -> r.cpu() >= j.cpu() && r.price() <= j.maxPrice()
                    ? Optional.of(new D(j, r, r.price()))
                    : Optional.empty(),
            d -> BigInteger.valueOf(d.price()));

    private static final long NOW = 1_000;

    private static OpenOffer<Job> job(String id, long seq, int cpu, long max) {
        return new OpenOffer<>(id, new Job(cpu, max), NOW + 100, seq);
    }

    private static OpenOffer<Res> res(String id, long seq, int cpu, long price) {
        return new OpenOffer<>(id, new Res(cpu, price), NOW + 100, seq);
    }

    @Test
    void shouldPickTheCheapestCompatibleResourceOffer() {
        var plan = PLANNER.plan(
                List.of(job("j1", 1, 1000, 100)),
                List.of(res("r1", 1, 2000, 90), res("r2", 2, 2000, 50), res("r3", 3, 500, 10)),
                NOW);
        assertThat(plan).extracting(Proposal::resourceOfferId).containsExactly("r2");
    }

    @Test
    void shouldBreakPriceTiesByAgeThenId() {
        var plan = PLANNER.plan(
                List.of(job("j1", 1, 1000, 100)),
                List.of(res("rb", 5, 2000, 50), res("ra", 5, 2000, 50), res("rc", 3, 2000, 50)),
                NOW);
        assertThat(plan).extracting(Proposal::resourceOfferId).containsExactly("rc");
        var tie = PLANNER.plan(
                List.of(job("j1", 1, 1000, 100)), List.of(res("rb", 5, 2000, 50), res("ra", 5, 2000, 50)), NOW);
        assertThat(tie).extracting(Proposal::resourceOfferId).containsExactly("ra");
    }

    @Test
    void shouldServeOldestJobFirstAndUseEachOfferOnce() {
        var plan = PLANNER.plan(
                List.of(job("young", 9, 1000, 100), job("old", 2, 1000, 100)),
                List.of(res("cheap", 1, 2000, 10), res("dear", 2, 2000, 60)),
                NOW);
        assertThat(plan).hasSize(2);
        assertThat(plan.get(0)).extracting(Proposal::jobOfferId, Proposal::resourceOfferId)
                .containsExactly("old", "cheap");
        assertThat(plan.get(1)).extracting(Proposal::jobOfferId, Proposal::resourceOfferId)
                .containsExactly("young", "dear");
    }

    @Test
    void shouldLeaveUnmatchableJobsInTheBook() {
        var plan = PLANNER.plan(
                List.of(job("j1", 1, 4000, 100), job("j2", 2, 1000, 5)), List.of(res("r1", 1, 2000, 10)), NOW);
        assertThat(plan).isEmpty();
    }

    @Test
    void shouldNeverMatchExpiredOffers() {
        var expiredJob = new OpenOffer<>("j0", new Job(1000, 100), NOW - 1, 0);
        var expiredRes = new OpenOffer<>("r0", new Res(2000, 1), NOW - 5, 0);
        var plan = PLANNER.plan(List.of(expiredJob, job("j1", 1, 1000, 100)),
                List.of(expiredRes, res("r1", 1, 2000, 10)), NOW);
        assertThat(plan).extracting(Proposal::jobOfferId, Proposal::resourceOfferId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("j1", "r1"));
    }

    @Test
    void shouldCarryTheDealTheRuleBuilt() {
        var plan = PLANNER.plan(List.of(job("j1", 1, 1000, 100)), List.of(res("r1", 1, 2000, 42)), NOW);
        assertThat(plan.get(0).deal().price()).isEqualTo(42);
    }
}
