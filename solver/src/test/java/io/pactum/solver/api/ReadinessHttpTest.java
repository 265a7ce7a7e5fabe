package io.pactum.solver.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** /q/health/ready with the chain disabled (the test profile): UP, with a note saying so. */
@QuarkusTest
class ReadinessHttpTest {
    @Test
    void shouldReportReadyWithANoteWhenTheChainIsDisabled() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("solver-chain"))
                .body("checks.find { it.name == 'solver-chain' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'solver-chain' }.data.chain", startsWith("disabled"));
    }
}
