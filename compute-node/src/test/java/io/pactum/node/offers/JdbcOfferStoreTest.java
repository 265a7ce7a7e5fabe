package io.pactum.node.offers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.node.jobs.JdbcJobStore;
import io.pactum.node.offers.OfferStore.SignedDeal;
import io.pactum.node.solver.Json;
import io.pactum.node.testing.EmbeddedPostgresResource;
import io.pactum.node.testing.TestDeals;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.protocol.eip712.Eip712Domain;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The reservation query on PostgreSQL: signed, not agreed (no job row), agree deadline not too old. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class JdbcOfferStoreTest {
    static final AtomicLong NONCE = new AtomicLong(1_000_000);
    static final Eip712Domain DOMAIN = Eip712Domain.pactum(31337, io.pactum.protocol.crypto.Address.parse(
            "0x5fbdb2315678afecb367f032d93f642f64180aa3"));

    @Inject JdbcOfferStore offers;
    @Inject JdbcJobStore jobs;

    /** Stores an offer and a signed deal on it with the given agree deadline. */
    Deal signed(long agreeDeadline) {
        ResourceOffer o = new ResourceOffer(TestDeals.NODE.address(), 1000, 256, 10_000_000, TestDeals.PRICE, BigInteger.ZERO,
                TestDeals.COLLATERAL, 2, java.util.List.of(TestDeals.MEDIATOR), BigInteger.valueOf(NONCE.incrementAndGet()),
                agreeDeadline + 600);
        offers.insert(new StoredOffer(o.id().toHex(), TestDeals.NODE.address().toLowerHex(), o.nonce(), Json.INSTANCE.toJson(o),
                o.sign(TestDeals.NODE, DOMAIN).toHex(), o.expiry(), OfferStatus.PROPOSED));
        Deal d = TestDeals.deal(o, Cid.rawOf("spec".getBytes()), agreeDeadline);
        assertThat(offers.insertSignedDeal(new SignedDeal(d.id().toHex(), o.id().toHex(), Json.dealToJson(d),
                d.sign(TestDeals.NODE, DOMAIN).toHex(), true))).isTrue();
        return d;
    }

    @Test
    void shouldListSignedDealsNeitherAgreedNorExpired() {
        long now = 1_900_000_000L + NONCE.get(); // apart from other tests' rows
        Deal live = signed(now + 120);
        Deal agreed = signed(now + 120);
        Deal expired = signed(now - 10);
        assertThat(jobs.insertIfAbsent(agreed.id().toHex(), Json.dealToJson(agreed), 1, "0x01")).isTrue();

        var ids = offers.unagreedSignedDeals(now - 5).stream().map(SignedDeal::dealId).toList();
        assertThat(ids).contains(live.id().toHex()).doesNotContain(agreed.id().toHex(), expired.id().toHex());
        assertThat(offers.unagreedSignedDeals(now - 10).stream().map(SignedDeal::dealId).toList())
                .contains(live.id().toHex(), expired.id().toHex());
    }
}
