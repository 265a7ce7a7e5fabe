package io.pactum.node.deals;

import static io.pactum.node.testing.TestDeals.COLLATERAL;
import static io.pactum.node.testing.TestDeals.NODE;
import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.node.testing.TestDeals;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.ResourceOffer;
import java.math.BigInteger;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DealCheckTest {
    static final long NOW = 1_000_000;
    static final ResourceOffer OFFER = TestDeals.offer(NOW + 600);
    static final Deal DEAL = TestDeals.deal(OFFER, Cid.rawOf("spec".getBytes()), NOW + 120);

    private static List<String> check(Deal d) {
        return DealCheck.violations(d, NODE.address(), OFFER, NOW, COLLATERAL, BigInteger.ZERO, 60);
    }

    private static Deal with(UnaryOperator<Object[]> edit) {
        Object[] f = {DEAL.client(), DEAL.node(), DEAL.jobOfferId(), DEAL.resourceOfferId(), DEAL.jobSpecCid(), DEAL.maxFuel(),
            DEAL.price(), DEAL.pricePerFuel(), DEAL.clientCollateral(), DEAL.nodeCollateral(), DEAL.cheatingCollateral(),
            DEAL.mediationFee(), DEAL.mediators(), DEAL.agreeDeadline(), DEAL.resultTimeout(), DEAL.judgeTimeout(),
            DEAL.mediationTimeout()};
        f = edit.apply(f);
        @SuppressWarnings("unchecked")
        List<Address> mediators = (List<Address>) f[12];
        return new Deal((Address) f[0], (Address) f[1], (io.pactum.protocol.crypto.Bytes32) f[2],
                (io.pactum.protocol.crypto.Bytes32) f[3], (io.pactum.protocol.crypto.Bytes) f[4], (long) f[5],
                (BigInteger) f[6], (BigInteger) f[7], (BigInteger) f[8], (BigInteger) f[9], (BigInteger) f[10],
                (BigInteger) f[11], mediators, (long) f[13], (long) f[14], (long) f[15], (long) f[16]);
    }

    @Test
    void shouldAcceptADealMatchingTheOffer() {
        assertThat(check(DEAL)).isEmpty();
    }

    @Test
    void shouldRefuseADealForAnotherNode() {
        assertThat(check(with(f -> { f[1] = TestDeals.CLIENT.address(); return f; }))).anyMatch(v -> v.startsWith("node is"));
    }

    @Test
    void shouldRefuseAnotherOfferId() {
        assertThat(check(with(f -> { f[3] = io.pactum.protocol.crypto.Bytes32.keccak(new byte[] {1}); return f; })))
                .anyMatch(v -> v.contains("does not match the offer"));
    }

    @Test
    void shouldRefuseWhenTheNodeHasNoSuchOffer() {
        assertThat(DealCheck.violations(DEAL, NODE.address(), null, NOW, COLLATERAL, BigInteger.ZERO, 60))
                .singleElement().asString().contains("not an offer of this node");
    }

    @Test
    void shouldRefuseALowerPriceOrMoreFuelOrCollateral() {
        assertThat(check(with(f -> { f[6] = BigInteger.ONE; return f; }))).anyMatch(v -> v.startsWith("price"));
        assertThat(check(with(f -> { f[5] = OFFER.maxFuel() + 1; return f; }))).anyMatch(v -> v.startsWith("maxFuel"));
        assertThat(check(with(f -> { f[9] = COLLATERAL.add(BigInteger.ONE); return f; })))
                .anyMatch(v -> v.startsWith("nodeCollateral"));
        assertThat(check(with(f -> { f[10] = TestDeals.PRICE.multiply(BigInteger.TEN); return f; })))
                .anyMatch(v -> v.startsWith("cheatingCollateral"));
        assertThat(check(with(f -> { f[7] = BigInteger.ONE; return f; }))).anyMatch(v -> v.startsWith("pricePerFuel"));
    }

    @Test
    void shouldRefuseUnknownMediators() {
        assertThat(check(with(f -> { f[12] = List.of(TestDeals.CLIENT.address()); return f; })))
                .anyMatch(v -> v.startsWith("mediators"));
    }

    @Test
    void shouldRefuseAPastAgreeDeadlineOrAShortResultTimeout() {
        assertThat(check(with(f -> { f[13] = NOW; return f; }))).anyMatch(v -> v.startsWith("agreeDeadline"));
        assertThat(check(with(f -> { f[14] = 60L; return f; }))).anyMatch(v -> v.startsWith("resultTimeout"));
    }

    @Test
    void shouldRefuseWithoutEnoughFreeBalance() {
        assertThat(DealCheck.violations(DEAL, NODE.address(), OFFER, NOW, COLLATERAL.subtract(BigInteger.ONE), BigInteger.ZERO, 60))
                .singleElement().asString().startsWith("free balance");
        assertThat(DealCheck.violations(DEAL, NODE.address(), OFFER, NOW, COLLATERAL, BigInteger.ONE, 60))
                .singleElement().asString().startsWith("free balance");
    }
}
