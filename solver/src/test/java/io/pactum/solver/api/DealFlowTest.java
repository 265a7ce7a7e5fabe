package io.pactum.solver.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.protocol.json.ProtocolJson;
import io.pactum.solver.BookTables;
import io.pactum.solver.Fixtures;
import io.pactum.solver.relay.DealRelay;
import io.pactum.solver.relay.OfflineDealRelay;
import io.pactum.solver.service.DealAgreedProjection;
import io.pactum.solver.service.DealService;
import io.pactum.solver.service.OrderBookService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Matching, proposals, signatures, relay hand-off, expiry and the DealAgreed projection. */
@QuarkusTest
class DealFlowTest {
    @Inject
    DataSource ds;

    @Inject
    DealRelay relay;

    @Inject
    OrderBookService book;

    @Inject
    DealService deals;

    @BeforeEach
    void clean() {
        BookTables.clear(ds);
    }

    private static void post(String path, ObjectNode body, int status) {
        given().contentType(ContentType.JSON).body(body.toString()).post(path).then().statusCode(status);
    }

    private static Deal proposedDealOf(EthKey party) {
        List<Object> list = given().get("/v1/deals?status=proposed&party=" + party.address()).then().statusCode(200)
                .extract().jsonPath().getList("deal");
        assertThat(list).hasSize(1);
        return ProtocolJson.mapper().convertValue(list.get(0), Deal.class);
    }

    private static io.restassured.response.ValidatableResponse sign(Deal deal, EthKey key) {
        String sig = deal.sign(key, Fixtures.DOMAIN).toHex();
        return given().contentType(ContentType.JSON).body("{\"signature\":\"" + sig + "\"}")
                .post("/v1/deals/" + deal.id().toHex() + "/signatures").then();
    }

    private static String offerStatus(String kind, String id) {
        return given().get("/v1/" + kind + "/" + id).then().statusCode(200).extract().path("status");
    }

    @Test
    void shouldProposeTheCheapestMatchAndRelayWithBothSignatures() {
        ResourceOffer dear = Fixtures.resource(Fixtures.NODE, Fixtures.nextNonce(), Fixtures.inAnHour(), BigInteger.valueOf(400));
        ResourceOffer cheap = Fixtures.resource(Fixtures.NODE2, Fixtures.nextNonce(), Fixtures.inAnHour(), BigInteger.valueOf(300));
        post("/v1/resource-offers", Fixtures.body(dear, Fixtures.NODE, Fixtures.DOMAIN), 201);
        post("/v1/resource-offers", Fixtures.body(cheap, Fixtures.NODE2, Fixtures.DOMAIN), 201);
        JobOffer job = Fixtures.job();
        post("/v1/job-offers", Fixtures.body(job, Fixtures.CLIENT, Fixtures.DOMAIN), 201);

        Deal deal = proposedDealOf(Fixtures.CLIENT);
        assertThat(deal.node()).isEqualTo(Fixtures.NODE2.address());
        assertThat(deal.price()).isEqualTo(BigInteger.valueOf(300));
        assertThat(deal.jobOfferId()).isEqualTo(job.id());
        assertThat(deal.resourceOfferId()).isEqualTo(cheap.id());
        assertThat(deal.agreeDeadline()).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(offerStatus("job-offers", job.id().toHex())).isEqualTo("proposed");
        assertThat(offerStatus("resource-offers", cheap.id().toHex())).isEqualTo("proposed");
        assertThat(offerStatus("resource-offers", dear.id().toHex())).isEqualTo("open");
        given().get("/v1/deals?status=proposed&party=" + Fixtures.NODE.address()).then().body("$", hasSize(0));

        // a stranger's signature is refused and changes nothing
        String before = BookTables.snapshot(ds);
        sign(deal, Fixtures.STRANGER).statusCode(400).body("error", equalTo("BAD_SIGNATURE")).body("field", equalTo("signature"));
        // the right key under another chain's domain recovers to someone else
        String otherChain = deal.sign(Fixtures.CLIENT, Fixtures.OTHER_CHAIN).toHex();
        given().contentType(ContentType.JSON).body("{\"signature\":\"" + otherChain + "\"}")
                .post("/v1/deals/" + deal.id().toHex() + "/signatures").then().statusCode(400)
                .body("error", equalTo("BAD_SIGNATURE"));
        given().contentType(ContentType.JSON).body("{\"signature\":\"0x12\"}")
                .post("/v1/deals/" + deal.id().toHex() + "/signatures").then().statusCode(400)
                .body("error", equalTo("INVALID_FIELD"));
        assertThat(BookTables.snapshot(ds)).isEqualTo(before);

        sign(deal, Fixtures.CLIENT).statusCode(200).body("status", equalTo("proposed"))
                .body("clientSigned", equalTo(true)).body("nodeSigned", equalTo(false));
        assertThat(((OfflineDealRelay) relay).submitted()).doesNotContainKey(DealService.intentKey(deal.id().toHex()));
        sign(deal, Fixtures.NODE2).statusCode(200).body("status", equalTo("relaying"))
                .body("clientSigned", equalTo(true)).body("nodeSigned", equalTo(true));
        assertThat(((OfflineDealRelay) relay).submitted()).containsKey("agree:" + deal.id().toHex());
        // the same signature again is idempotent
        sign(deal, Fixtures.NODE2).statusCode(200).body("status", equalTo("relaying"));
        given().get("/v1/deals/" + deal.id().toHex()).then().statusCode(200).body("status", equalTo("relaying"));
    }

    @Test
    void shouldExpireAnUnsignedProposalAndReopenItsOffers() {
        JobOffer job = Fixtures.job();
        ResourceOffer res = Fixtures.resource(BigInteger.valueOf(100));
        post("/v1/job-offers", Fixtures.body(job, Fixtures.CLIENT, Fixtures.DOMAIN), 201);
        post("/v1/resource-offers", Fixtures.body(res, Fixtures.NODE, Fixtures.DOMAIN), 201);
        Deal first = proposedDealOf(Fixtures.CLIENT);
        sign(first, Fixtures.CLIENT).statusCode(200);

        long later = Instant.now().getEpochSecond() + 400; // past the 5 min proposal TTL, before the offers' expiry
        assertThat(book.expire(later)).isEqualTo(1);
        given().get("/v1/deals/" + first.id().toHex()).then().body("status", equalTo("expired"));
        assertThat(offerStatus("job-offers", job.id().toHex())).isEqualTo("open");
        assertThat(offerStatus("resource-offers", res.id().toHex())).isEqualTo("open");
        sign(first, Fixtures.NODE).statusCode(409).body("error", equalTo("DEAL_CLOSED"));

        // matched again: a new proposal with a later deadline
        assertThat(book.match(later)).hasSize(1);
        assertThat(offerStatus("job-offers", job.id().toHex())).isEqualTo("proposed");

        // far in the future the offers themselves expire
        assertThat(book.expire(later + 10_000)).isEqualTo(1);
        assertThat(offerStatus("job-offers", job.id().toHex())).isEqualTo("expired");
        assertThat(offerStatus("resource-offers", res.id().toHex())).isEqualTo("expired");
    }

    @Test
    void shouldFailARevertedRelayAndReopenTheOffers() {
        JobOffer job = Fixtures.job();
        ResourceOffer res = Fixtures.resource(BigInteger.valueOf(100));
        post("/v1/job-offers", Fixtures.body(job, Fixtures.CLIENT, Fixtures.DOMAIN), 201);
        post("/v1/resource-offers", Fixtures.body(res, Fixtures.NODE, Fixtures.DOMAIN), 201);
        Deal deal = proposedDealOf(Fixtures.NODE);
        sign(deal, Fixtures.CLIENT).statusCode(200);
        sign(deal, Fixtures.NODE).statusCode(200).body("status", equalTo("relaying"));

        deals.relayFailed(deal.id().toHex(), null, "VaultInsufficientFree(token, account, 0, 110)",
                Instant.now().getEpochSecond());
        given().get("/v1/deals/" + deal.id().toHex()).then().body("status", equalTo("failed"))
                .body("error", equalTo("VaultInsufficientFree(token, account, 0, 110)"));
        assertThat(offerStatus("job-offers", job.id().toHex())).isEqualTo("open");
        assertThat(offerStatus("resource-offers", res.id().toHex())).isEqualTo("open");
    }

    @Test
    void shouldMarkTheDealAgreedOnDealAgreedAndRevertOnReorg() throws Exception {
        JobOffer job = Fixtures.job();
        ResourceOffer res = Fixtures.resource(BigInteger.valueOf(100));
        post("/v1/job-offers", Fixtures.body(job, Fixtures.CLIENT, Fixtures.DOMAIN), 201);
        post("/v1/resource-offers", Fixtures.body(res, Fixtures.NODE, Fixtures.DOMAIN), 201);
        Deal deal = proposedDealOf(Fixtures.CLIENT);
        sign(deal, Fixtures.CLIENT).statusCode(200);
        sign(deal, Fixtures.NODE).statusCode(200);
        String tx = "0x" + "ab".repeat(32);
        for (int i = 0; i < 2; i++) { // idempotent
            try (Connection c = ds.getConnection()) {
                assertThat(DealAgreedProjection.apply(c, deal.id().toHex(), 42, "0x" + "cd".repeat(32), tx)).isTrue();
            }
        }
        given().get("/v1/deals/" + deal.id().toHex()).then().body("status", equalTo("agreed")).body("txHash", equalTo(tx));
        assertThat(offerStatus("job-offers", job.id().toHex())).isEqualTo("filled");
        assertThat(offerStatus("resource-offers", res.id().toHex())).isEqualTo("filled");
        try (Connection c = ds.getConnection()) {
            assertThat(DealAgreedProjection.apply(c, "0x" + "99".repeat(32), 43, "0x" + "cd".repeat(32), tx)).isFalse();
            assertThat(DealAgreedProjection.rollback(c, 42)).isZero();
            assertThat(DealAgreedProjection.rollback(c, 41)).isEqualTo(1);
        }
        given().get("/v1/deals/" + deal.id().toHex()).then().body("status", equalTo("relaying"));
        assertThat(offerStatus("job-offers", job.id().toHex())).isEqualTo("proposed");
    }

    @Test
    void shouldRejectBadDealQueries() {
        given().get("/v1/deals?status=weird").then().statusCode(400).body("field", equalTo("status"));
        given().get("/v1/deals?party=0x12").then().statusCode(400).body("field", equalTo("party"));
        given().get("/v1/deals/0x" + "00".repeat(32)).then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"signature\":\"0x" + "11".repeat(65) + "\"}")
                .post("/v1/deals/0x" + "00".repeat(32) + "/signatures").then().statusCode(anyOf4xx());
    }

    private static org.hamcrest.Matcher<Integer> anyOf4xx() {
        return org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .and(org.hamcrest.Matchers.lessThan(500));
    }
}
