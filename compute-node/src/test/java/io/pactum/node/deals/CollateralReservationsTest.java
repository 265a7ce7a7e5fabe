package io.pactum.node.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.node.testing.TestDeals;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.deal.Deal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reservation arithmetic behind "the node refuses deals it cannot fund". */
class CollateralReservationsTest {
    static final long NOW = 1_000_000;
    static final long SKEW = CollateralReservations.CLOCK_SKEW_SECONDS;

    static Deal deal(long agreeDeadline) {
        return TestDeals.deal(TestDeals.offer(NOW + 600), Cid.rawOf("spec".getBytes()), agreeDeadline);
    }

    @Test
    void shouldSumTheCollateralOfSignedDealsThatMayStillBeAgreed() {
        BigInteger c = TestDeals.COLLATERAL;
        assertThat(CollateralReservations.reserved(List.of(), NOW)).isZero();
        assertThat(CollateralReservations.reserved(List.of(deal(NOW + 120), deal(NOW + 1), deal(NOW)), NOW))
                .isEqualTo(c.multiply(BigInteger.valueOf(3)));
    }

    @Test
    void shouldDropDealsPastTheirAgreeDeadlineOnlyAfterTheClockSkewMargin() {
        BigInteger c = TestDeals.COLLATERAL;
        assertThat(CollateralReservations.reserved(List.of(deal(NOW - SKEW)), NOW)).isEqualTo(c); // may still land
        assertThat(CollateralReservations.reserved(List.of(deal(NOW - SKEW - 1)), NOW)).isZero();
        assertThat(CollateralReservations.reserved(List.of(deal(NOW - SKEW - 1), deal(NOW + 5)), NOW)).isEqualTo(c);
        assertThat(CollateralReservations.minLiveAgreeDeadline(NOW)).isEqualTo(NOW - SKEW);
    }

    @Test
    void shouldRefuseThroughDealCheckWhenFreeMinusReservedIsShort() {
        BigInteger c = TestDeals.COLLATERAL;
        BigInteger reserved = CollateralReservations.reserved(List.of(deal(NOW + 100)), NOW); // one other signature
        var offer = TestDeals.offer(NOW + 600);
        Deal own = TestDeals.deal(offer, Cid.rawOf("spec".getBytes()), NOW + 120);
        assertThat(DealCheck.violations(own, TestDeals.NODE.address(), offer, NOW, c.multiply(BigInteger.TWO), reserved, 60))
                .isEmpty();
        assertThat(DealCheck.violations(own, TestDeals.NODE.address(), offer, NOW, c.multiply(BigInteger.TWO).subtract(BigInteger.ONE),
                reserved, 60)).singleElement().asString().contains("below the collateral needed " + c.multiply(BigInteger.TWO));
    }
}
