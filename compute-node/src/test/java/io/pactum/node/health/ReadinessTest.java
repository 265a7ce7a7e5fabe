package io.pactum.node.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.pactum.chain.worker.Status;
import io.pactum.node.testing.EmbeddedPostgresResource;
import io.pactum.node.testing.TestDeals;
import io.pactum.node.config.NodeConfig;
import io.pactum.protocol.crypto.EthKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** /q/health/ready: the chain part of readiness (W7), and no key material in what the service exposes. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ReadinessTest {
    @Inject EthKey key;
    @Inject NodeConfig config;

    @Test
    void shouldReportReadyWithANoteWhenTheWorkersAreDisabled() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'node-chain' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'node-chain' }.data.chain", startsWith("disabled"));
    }

    @Test
    void shouldBeDownWhenADeepReorgHaltedThePollerOrTheTxManagerStopped() {
        assertThat(ChainReadiness.response(new Status("node-deals", true, null, null, true, true, null)).getStatus())
                .isEqualTo(HealthCheckResponse.Status.UP);
        HealthCheckResponse halted = ChainReadiness.response(
                new Status("node-deals", false, "reorg deeper than 64 blocks", null, true, true, null));
        assertThat(halted.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(halted.getData().orElseThrow()).containsEntry("haltCause", "reorg deeper than 64 blocks");
        assertThat(ChainReadiness.response(new Status("node-deals", true, null, null, false, false, null)).getStatus())
                .isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void shouldNotShowTheKeyInToStringsOrHealth() {
        String secret = TestDeals.NODE.privateKeyHex().substring(2);
        assertThat(key.address()).isEqualTo(TestDeals.NODE.address());
        assertThat(key.toString()).doesNotContain(secret);
        String health = given().get("/q/health").then().extract().asString();
        assertThat(health.toLowerCase()).doesNotContain(secret);
        String node = given().get("/v1/node").then().extract().asString();
        assertThat(node.toLowerCase()).doesNotContain(secret);
        assertThat(String.valueOf(config.keystore())).isEqualTo("Optional.empty");
    }
}
