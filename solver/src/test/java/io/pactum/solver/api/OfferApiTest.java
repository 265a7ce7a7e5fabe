package io.pactum.solver.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.solver.BookTables;
import io.pactum.solver.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The offer endpoints and the W11 rejection matrix: each 4xx has its code, and nothing is written. */
@QuarkusTest
class OfferApiTest {
    @Inject
    DataSource ds;

    private String before;

    @BeforeEach
    void clean() {
        BookTables.clear(ds);
    }

    private ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body.toString()).post(path).then();
    }

    /** Posts, expects the code, and that the tables are exactly as before. */
    private void rejected(String path, Object body, int status, String code, String field) {
        before = BookTables.snapshot(ds);
        ValidatableResponse r = post(path, body).statusCode(status).body("error", equalTo(code))
                .body("message", notNullValue());
        if (field != null) {
            r.body("field", equalTo(field));
        }
        assertThat(BookTables.snapshot(ds)).isEqualTo(before);
    }

    @Test
    void shouldAcceptAValidJobOfferAndServeIt() {
        JobOffer offer = Fixtures.job();
        String id = offer.id().toHex();
        post("/v1/job-offers", Fixtures.body(offer, Fixtures.CLIENT, Fixtures.DOMAIN))
                .statusCode(201).body("id", equalTo(id)).body("status", equalTo("open"));
        given().get("/v1/job-offers/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("open"))
                .body("offer.client", equalTo(Fixtures.CLIENT.address().toString()))
                .body("offer.maxPrice", equalTo("1000"));
        // the same signed offer again is idempotent
        post("/v1/job-offers", Fixtures.body(offer, Fixtures.CLIENT, Fixtures.DOMAIN)).statusCode(200).body("id", equalTo(id));
    }

    @Test
    void shouldAcceptAValidResourceOffer() {
        ResourceOffer offer = Fixtures.resource(BigInteger.valueOf(100));
        post("/v1/resource-offers", Fixtures.body(offer, Fixtures.NODE, Fixtures.DOMAIN))
                .statusCode(201).body("id", equalTo(offer.id().toHex()));
        given().get("/v1/resource-offers/" + offer.id().toHex()).then().statusCode(200).body("status", equalTo("open"));
    }

    @Test
    void shouldRejectASignatureByAnotherKey() {
        rejected("/v1/job-offers", Fixtures.body(Fixtures.job(), Fixtures.STRANGER, Fixtures.DOMAIN),
                400, "BAD_SIGNATURE", "signature");
        rejected("/v1/resource-offers", Fixtures.body(Fixtures.resource(BigInteger.TEN), Fixtures.CLIENT, Fixtures.DOMAIN),
                400, "BAD_SIGNATURE", "signature");
    }

    @Test
    void shouldRejectAnOfferSignedForAnotherChain() {
        rejected("/v1/job-offers", Fixtures.body(Fixtures.job(), Fixtures.CLIENT, Fixtures.OTHER_CHAIN),
                400, "BAD_SIGNATURE", "signature");
        rejected("/v1/resource-offers", Fixtures.body(Fixtures.resource(BigInteger.TEN), Fixtures.NODE, Fixtures.OTHER_CHAIN),
                400, "BAD_SIGNATURE", "signature");
    }

    @Test
    void shouldRejectAHighSSignature() {
        JobOffer offer = Fixtures.job();
        var sig = offer.sign(Fixtures.CLIENT, Fixtures.DOMAIN);
        var high = new io.pactum.protocol.crypto.Signature(sig.r(), io.pactum.protocol.crypto.Signature.N.subtract(sig.s()),
                sig.v() == 27 ? 28 : 27);
        rejected("/v1/job-offers", Fixtures.envelope(offer, high.toHex()), 400, "BAD_SIGNATURE", "signature");
    }

    @Test
    void shouldRejectAnExpiredOffer() {
        JobOffer offer = Fixtures.job(Fixtures.nextNonce(), Instant.now().getEpochSecond() - 1, BigInteger.TEN);
        rejected("/v1/job-offers", Fixtures.body(offer, Fixtures.CLIENT, Fixtures.DOMAIN), 400, "EXPIRED", "offer.expiry");
    }

    @Test
    void shouldRejectAReusedNonce() {
        BigInteger nonce = Fixtures.nextNonce();
        JobOffer first = Fixtures.job(nonce, Fixtures.inAnHour(), BigInteger.TEN);
        post("/v1/job-offers", Fixtures.body(first, Fixtures.CLIENT, Fixtures.DOMAIN)).statusCode(201);
        JobOffer second = Fixtures.job(nonce, Fixtures.inAnHour(), BigInteger.valueOf(11));
        rejected("/v1/job-offers", Fixtures.body(second, Fixtures.CLIENT, Fixtures.DOMAIN), 409, "NONCE_REUSED", "offer.nonce");
        ResourceOffer r1 = Fixtures.resource(Fixtures.NODE, nonce, Fixtures.inAnHour(), BigInteger.valueOf(5000));
        post("/v1/resource-offers", Fixtures.body(r1, Fixtures.NODE, Fixtures.DOMAIN)).statusCode(201);
        ResourceOffer r2 = Fixtures.resource(Fixtures.NODE, nonce, Fixtures.inAnHour(), BigInteger.valueOf(5001));
        rejected("/v1/resource-offers", Fixtures.body(r2, Fixtures.NODE, Fixtures.DOMAIN), 409, "NONCE_REUSED", "offer.nonce");
    }

    @Test
    void shouldRejectAnOversizedBody() {
        ObjectNode body = Fixtures.body(Fixtures.job(), Fixtures.CLIENT, Fixtures.DOMAIN);
        body.put("padding", "x".repeat(70_000));
        rejected("/v1/job-offers", body, 413, "TOO_LARGE", null);
    }

    @Test
    void shouldRejectUnknownFields() {
        ObjectNode top = Fixtures.body(Fixtures.job(), Fixtures.CLIENT, Fixtures.DOMAIN);
        top.put("extra", 1);
        rejected("/v1/job-offers", top, 400, "UNKNOWN_FIELD", "extra");
        ObjectNode inner = Fixtures.body(Fixtures.job(), Fixtures.CLIENT, Fixtures.DOMAIN);
        ((ObjectNode) inner.get("offer")).put("chainId", 1);
        rejected("/v1/job-offers", inner, 400, "UNKNOWN_FIELD", "offer.chainId");
    }

    @Test
    void shouldRejectMalformedFieldsNamingThem() {
        ObjectNode badAddress = Fixtures.body(Fixtures.job(), Fixtures.CLIENT, Fixtures.DOMAIN);
        ((ObjectNode) badAddress.get("offer")).put("client", "0x1234");
        rejected("/v1/job-offers", badAddress, 400, "INVALID_FIELD", "offer.client");
        ObjectNode numberPrice = Fixtures.body(Fixtures.job(), Fixtures.CLIENT, Fixtures.DOMAIN);
        ((ObjectNode) numberPrice.get("offer")).put("maxPrice", 5);
        rejected("/v1/job-offers", numberPrice, 400, "INVALID_FIELD", "offer.maxPrice");
        ObjectNode shortSig = Fixtures.body(Fixtures.job(), Fixtures.CLIENT, Fixtures.DOMAIN);
        shortSig.put("signature", "0x" + "11".repeat(64));
        rejected("/v1/job-offers", shortSig, 400, "INVALID_FIELD", "signature");
        ObjectNode missing = Fixtures.body(Fixtures.job(), Fixtures.CLIENT, Fixtures.DOMAIN);
        ((ObjectNode) missing.get("offer")).remove("nonce");
        rejected("/v1/job-offers", missing, 400, "INVALID_FIELD", null);
        ObjectNode badMediator = Fixtures.body(Fixtures.job(), Fixtures.CLIENT, Fixtures.DOMAIN);
        ((ArrayNode) badMediator.get("offer").get("mediators")).add("nope");
        rejected("/v1/job-offers", badMediator, 400, "INVALID_FIELD", "offer.mediators[1]");
        rejected("/v1/job-offers", "{not json", 400, "INVALID_FIELD", null);
        rejected("/v1/job-offers", "null", 400, "INVALID_FIELD", null);
        rejected("/v1/job-offers", "", 400, "INVALID_FIELD", null);
    }

    @Test
    void shouldRejectProtocolRuleViolationsWithTheField() {
        JobOffer zeroFuel = new JobOffer(Fixtures.CLIENT.address(), Fixtures.CID, 1000, 256, 0, BigInteger.TEN,
                BigInteger.ONE, BigInteger.ONE, java.util.List.of(Fixtures.MEDIATOR), 600, 600, 600, Fixtures.nextNonce(),
                Fixtures.inAnHour());
        rejected("/v1/job-offers", Fixtures.body(zeroFuel, Fixtures.CLIENT, Fixtures.DOMAIN), 400, "INVALID_FIELD", "offer.maxFuel");
        JobOffer noMediators = new JobOffer(Fixtures.CLIENT.address(), Fixtures.CID, 1000, 256, 1000, BigInteger.TEN,
                BigInteger.ONE, BigInteger.ONE, java.util.List.of(), 600, 600, 600, Fixtures.nextNonce(), Fixtures.inAnHour());
        rejected("/v1/job-offers", Fixtures.body(noMediators, Fixtures.CLIENT, Fixtures.DOMAIN), 400, "INVALID_FIELD", "offer.mediators");
    }

    @Test
    void shouldAnswerUnknownIdsWith404AndBadIdsWith400() {
        given().get("/v1/job-offers/0x" + "00".repeat(32)).then().statusCode(404).body("error", equalTo("NOT_FOUND"));
        given().get("/v1/job-offers/xyz").then().statusCode(400).body("error", equalTo("INVALID_FIELD"));
    }

    @Test
    void shouldServeOpenApiAndHealth() {
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/health").then().statusCode(200);
    }
}
