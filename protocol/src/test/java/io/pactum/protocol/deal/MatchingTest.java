package io.pactum.protocol.deal;

import static io.pactum.protocol.deal.DealFixtures.ETH;
import static io.pactum.protocol.deal.DealFixtures.M1;
import static io.pactum.protocol.deal.DealFixtures.M2;
import static io.pactum.protocol.deal.DealFixtures.M3;
import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchingTest {
    static final long NOW = 1_800_000_000L;
    static final long WINDOW = 300;

    static JobOffer job(long cpu, long mem, long fuel, BigInteger maxPrice, List<Address> mediators) {
        JobOffer a = DealFixtures.jobOffer();
        return new JobOffer(a.client(), a.jobSpecCid(), cpu, mem, fuel, maxPrice, a.clientCollateral(),
                a.mediationFee(), mediators, a.resultTimeout(), a.judgeTimeout(), a.mediationTimeout(), a.nonce(),
                a.expiry());
    }

    static ResourceOffer node(long cpu, long mem, long fuel, BigInteger price, BigInteger perFuel,
            List<Address> mediators, long expiry) {
        ResourceOffer a = DealFixtures.resourceOffer();
        return new ResourceOffer(a.node(), cpu, mem, fuel, price, perFuel, a.nodeCollateral(),
                a.cheatingMultiplier(), mediators, a.nonce(), expiry);
    }

    @Test
    void shouldMatchAFixedPriceOfferAtTheNodesPrice() {
        JobOffer job = job(1000, 512, 1_000_000, ETH, List.of(M1, M2));
        ResourceOffer res = node(1000, 512, 1_000_000, ETH.divide(BigInteger.TWO), BigInteger.ZERO,
                List.of(M2, M3), NOW + 10);
        Deal deal = Matching.match(job, res, NOW, WINDOW).orElseThrow();
        assertThat(deal.price()).isEqualTo(ETH.divide(BigInteger.TWO));
        assertThat(deal.pricePerFuel()).isZero();
        assertThat(deal.cheatingCollateral()).isEqualTo(ETH.divide(BigInteger.TWO).multiply(BigInteger.valueOf(3)));
        assertThat(deal.mediators()).containsExactly(M2);
        assertThat(deal.agreeDeadline()).isEqualTo(NOW + WINDOW);
        assertThat(deal.jobOfferId()).isEqualTo(job.id());
        assertThat(deal.resourceOfferId()).isEqualTo(res.id());
        assertThat(deal.client()).isEqualTo(job.client());
        assertThat(deal.node()).isEqualTo(res.node());
        assertThat(deal.maxFuel()).isEqualTo(job.maxFuel());
        assertThat(deal.clientCollateral()).isEqualTo(job.clientCollateral());
        assertThat(deal.nodeCollateral()).isEqualTo(res.nodeCollateral());
        assertThat(deal.mediationFee()).isEqualTo(job.mediationFee());
        assertThat(List.of(deal.resultTimeout(), deal.judgeTimeout(), deal.mediationTimeout()))
                .containsExactly(job.resultTimeout(), job.judgeTimeout(), job.mediationTimeout());
    }

    @Test
    void shouldRefuseAFixedPriceAboveTheMaxPrice() {
        JobOffer job = job(1000, 512, 1_000_000, ETH, List.of(M1));
        ResourceOffer res = node(1000, 512, 1_000_000, ETH.add(BigInteger.ONE), BigInteger.ZERO, List.of(M1), NOW);
        assertThat(Matching.match(job, res, NOW, WINDOW)).isEmpty();
    }

    @Test
    void shouldLockTheSmallerOfMaxPriceAndFullFuelCostPerFuel() {
        ResourceOffer res = node(1000, 512, 10_000_000, BigInteger.ZERO, BigInteger.valueOf(1_000), List.of(M1), NOW);
        // full fuel cost 1e6 × 1e3 = 1e9 below maxPrice 1e18: lock 1e9
        Deal cheap = Matching.match(job(1000, 512, 1_000_000, ETH, List.of(M1)), res, NOW, WINDOW).orElseThrow();
        assertThat(cheap.price()).isEqualTo(BigInteger.valueOf(1_000_000_000L));
        assertThat(cheap.pricePerFuel()).isEqualTo(BigInteger.valueOf(1_000));
        // maxPrice 5e8 below the full fuel cost: lock maxPrice
        Deal capped = Matching.match(job(1000, 512, 1_000_000, BigInteger.valueOf(500_000_000), List.of(M1)), res,
                NOW, WINDOW).orElseThrow();
        assertThat(capped.price()).isEqualTo(BigInteger.valueOf(500_000_000));
        assertThat(capped.cheatingCollateral()).isEqualTo(BigInteger.valueOf(1_500_000_000L));
    }

    @Test
    void shouldRequireEnoughResources() {
        JobOffer job = job(1000, 512, 1_000_000, ETH, List.of(M1));
        assertThat(Matching.match(job, node(999, 512, 1_000_000, BigInteger.ONE, BigInteger.ZERO, List.of(M1), NOW),
                NOW, WINDOW)).isEmpty();
        assertThat(Matching.match(job, node(1000, 511, 1_000_000, BigInteger.ONE, BigInteger.ZERO, List.of(M1), NOW),
                NOW, WINDOW)).isEmpty();
        assertThat(Matching.match(job, node(1000, 512, 999_999, BigInteger.ONE, BigInteger.ZERO, List.of(M1), NOW),
                NOW, WINDOW)).isEmpty();
        assertThat(Matching.match(job, node(1000, 512, 1_000_000, BigInteger.ONE, BigInteger.ZERO, List.of(M1), NOW),
                NOW, WINDOW)).isPresent();
    }

    @Test
    void shouldRequireACommonMediator() {
        JobOffer job = job(1, 1, 1, ETH, List.of(M1, M2));
        ResourceOffer res = node(1, 1, 1, BigInteger.ONE, BigInteger.ZERO, List.of(M3), NOW);
        assertThat(Matching.match(job, res, NOW, WINDOW)).isEmpty();
    }

    @Test
    void shouldSortTheMediatorIntersection() {
        List<Address> sorted = List.of(M1, M2, M3).stream().sorted().toList();
        JobOffer job = job(1, 1, 1, ETH, sorted);
        ResourceOffer res = node(1, 1, 1, BigInteger.ONE, BigInteger.ZERO, List.of(sorted.get(2), sorted.get(0)), NOW);
        assertThat(Matching.match(job, res, NOW, WINDOW).orElseThrow().mediators())
                .containsExactly(sorted.get(0), sorted.get(2));
    }

    @Test
    void shouldRefuseExpiredOffers() {
        JobOffer job = job(1, 1, 1, ETH, List.of(M1));
        ResourceOffer res = node(1, 1, 1, BigInteger.ONE, BigInteger.ZERO, List.of(M1), NOW - 1);
        assertThat(Matching.match(job, res, NOW, WINDOW)).isEmpty();
        ResourceOffer fresh = node(1, 1, 1, BigInteger.ONE, BigInteger.ZERO, List.of(M1), Long.MAX_VALUE);
        assertThat(Matching.match(job, fresh, job.expiry() + 1, WINDOW)).isEmpty();
    }

    @Test
    void shouldBeDeterministic() {
        JobOffer job = DealFixtures.jobOffer();
        ResourceOffer res = DealFixtures.resourceOffer();
        assertThat(Matching.match(job, res, NOW, WINDOW)).isEqualTo(Matching.match(job, res, NOW, WINDOW));
        assertThat(Matching.match(job, res, NOW, WINDOW).orElseThrow().id())
                .isEqualTo(Matching.match(job, res, NOW, WINDOW).orElseThrow().id());
    }
}
