package io.pactum.solver.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.did.Did;
import io.pactum.protocol.did.DidReader;
import io.pactum.protocol.did.DidState;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/dids/{did}} with a fake {@link DidReader} (the test profile has no chain): the DID
 * Core document as {@code application/did+json}, 400 for malformed DIDs and other chains' DIDs,
 * 404 for unknown ones, 503 when the registry cannot be read.
 */
@QuarkusTest
class DidApiTest {
    static final Address ALICE = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    static final Address CAROL = Address.parse("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
    static final Did DID = new Did(31337, ALICE);

    static void fake(DidReader reader) {
        QuarkusMock.installMockForType(reader, DidReader.class);
    }

    @Test
    void shouldServeTheDidCoreDocument() {
        fake(did -> did.equals(DID)
                ? Optional.of(new DidState(DID, ALICE, 0x00ff, 0, 1_700_000_000L,
                        List.of(new DidState.Method(CAROL, 1 | 8)), Optional.of("https://solver.example/v1")))
                : Optional.empty());
        given().get("/v1/dids/" + DID).then().statusCode(200)
                .contentType(startsWith("application/did+json"))
                .body("'@context'[0]", equalTo("https://www.w3.org/ns/did/v1"))
                .body("id", equalTo(DID.toString()))
                .body("controller", equalTo(DID.toString()))
                .body("verificationMethod", hasSize(2))
                .body("verificationMethod[1].blockchainAccountId", equalTo("eip155:31337:" + CAROL.toLowerHex()))
                .body("capabilityDelegation", hasSize(2))
                .body("capabilityInvocation", hasSize(1))
                .body("service[0].serviceEndpoint", equalTo("https://solver.example/v1"));
        // mixed-case address: the canonical (lower-case) DID in the document
        given().get("/v1/dids/did:pactum:31337:" + ALICE.toLowerHex().toUpperCase().replace("0X", "0x"))
                .then().statusCode(200).body("id", equalTo(DID.toString()));
    }

    @Test
    void shouldAnswer404ForAnUnknownDid() {
        fake(did -> Optional.empty());
        given().get("/v1/dids/" + DID).then().statusCode(404)
                .body("error", equalTo("NOT_FOUND"))
                .body("field", equalTo("did"));
    }

    @Test
    void shouldAnswer400ForMalformedDidsAndOtherChains() {
        fake(did -> {
            throw new AssertionError("the reader must not be asked for " + did);
        });
        for (String bad : List.of("did:web:example.com", "did:pactum:31337:0x1234", "did:pactum:0:" + ALICE.toLowerHex(),
                "did:pactum:031337:" + ALICE.toLowerHex(), "not-a-did")) {
            given().get("/v1/dids/" + bad).then().statusCode(400)
                    .body("error", equalTo("INVALID_FIELD"))
                    .body("field", equalTo("did"));
        }
        given().get("/v1/dids/did:pactum:1:" + ALICE.toLowerHex()).then().statusCode(400)
                .body("error", equalTo("WRONG_CHAIN"))
                .body("field", equalTo("did"))
                .body("message", startsWith("DID of chain 1"));
    }

    @Test
    void shouldAnswer503WhenTheRegistryCannotBeRead() {
        fake(did -> {
            throw new IOException("connection refused");
        });
        given().get("/v1/dids/" + DID).then().statusCode(503).body("error", equalTo("CHAIN_UNAVAILABLE"));
    }

    @Test
    void shouldAnswer503WithoutAChain() {
        // no fake: the test profile runs without a chain, so the produced reader reports it
        given().get("/v1/dids/" + DID).then().statusCode(503)
                .body("error", equalTo("CHAIN_UNAVAILABLE"))
                .body("message", startsWith("DID resolution is unavailable"));
    }
}
