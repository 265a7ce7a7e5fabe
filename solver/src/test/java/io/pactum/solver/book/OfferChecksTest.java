package io.pactum.solver.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.solver.Fixtures;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admission checks and the interim rules, without the framework. */
class OfferChecksTest {
    private static final long NOW = 1_700_000_000L;
    private final OfferChecks checks = new OfferChecks(Fixtures.DOMAIN, new ProtocolOfferRules());

    private static JobOffer job(long expiry) {
        return Fixtures.job(BigInteger.ONE, expiry, BigInteger.valueOf(1000));
    }

    @Test
    void shouldAdmitAWellSignedLiveOffer() {
        JobOffer o = job(NOW + 60);
        assertThat(checks.check(o, o.sign(Fixtures.CLIENT, Fixtures.DOMAIN), NOW)).isEmpty();
        ResourceOffer r = Fixtures.resource(Fixtures.NODE, BigInteger.ONE, NOW + 60, BigInteger.TEN);
        assertThat(checks.check(r, r.sign(Fixtures.NODE, Fixtures.DOMAIN), NOW)).isEmpty();
    }

    @Test
    void shouldRefuseOtherKeysAndOtherDomains() {
        JobOffer o = job(NOW + 60);
        assertThat(checks.check(o, o.sign(Fixtures.STRANGER, Fixtures.DOMAIN), NOW))
                .get().extracting(Rejection::reason).isEqualTo(Rejection.Reason.BAD_SIGNATURE);
        assertThat(checks.check(o, o.sign(Fixtures.CLIENT, Fixtures.OTHER_CHAIN), NOW))
                .get().extracting(Rejection::reason).isEqualTo(Rejection.Reason.BAD_SIGNATURE);
    }

    @Test
    void shouldRefuseExpiredOffers() {
        JobOffer atExpiry = job(NOW);
        assertThat(checks.check(atExpiry, atExpiry.sign(Fixtures.CLIENT, Fixtures.DOMAIN), NOW)).isEmpty();
        JobOffer o = job(NOW - 1);
        assertThat(checks.check(o, o.sign(Fixtures.CLIENT, Fixtures.DOMAIN), NOW))
                .get().extracting(Rejection::reason, Rejection::field)
                .containsExactly(Rejection.Reason.EXPIRED, "offer.expiry");
    }

    @Test
    void shouldRefuseUnsortedMediatorsNamingTheField() {
        JobOffer o = new JobOffer(Fixtures.CLIENT.address(), Fixtures.CID, 1000, 256, 1000, BigInteger.TEN,
                BigInteger.ONE, BigInteger.ONE, List.of(Fixtures.CLIENT.address(), Fixtures.MEDIATOR), 60, 60, 60,
                BigInteger.ONE, NOW + 60);
        assertThat(checks.check(o, o.sign(Fixtures.CLIENT, Fixtures.DOMAIN), NOW))
                .get().extracting(Rejection::reason, Rejection::field)
                .containsExactly(Rejection.Reason.INVALID_FIELD, "offer.mediators[1]");
    }

    @Test
    void shouldMatchOnResourcesPriceAndCommonMediators() {
        ProtocolOfferRules rules = new ProtocolOfferRules();
        JobOffer j = job(NOW + 60);
        ResourceOffer cheap = Fixtures.resource(Fixtures.NODE, BigInteger.ONE, NOW + 60, BigInteger.valueOf(900));
        ResourceOffer dear = Fixtures.resource(Fixtures.NODE, BigInteger.TWO, NOW + 60, BigInteger.valueOf(1001));
        var deal = rules.match(j, cheap, NOW, 600).orElseThrow();
        assertThat(deal.price()).isEqualTo(BigInteger.valueOf(900));
        assertThat(deal.cheatingCollateral()).isEqualTo(BigInteger.valueOf(1800));
        assertThat(deal.mediators()).containsExactly(Fixtures.MEDIATOR);
        assertThat(deal.jobOfferId()).isEqualTo(j.id());
        assertThat(deal.agreeDeadline()).isEqualTo(NOW + 600);
        assertThat(rules.match(j, dear, NOW, 600)).isEmpty();
    }
}
