package io.pactum.node.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.pactum.node.jobs.DealPhase;
import io.pactum.runtime.job.HardLimits;
import io.pactum.node.jobs.JdbcJobStore;
import io.pactum.runtime.job.JobExecution;
import io.pactum.node.jobs.JobPipeline;
import io.pactum.node.jobs.JobRow;
import io.pactum.node.jobs.JobStatus;
import io.pactum.runtime.job.ProtocolJobFormats;
import io.pactum.node.solver.Json;
import io.pactum.node.store.StoreContent;
import io.pactum.node.testing.EmbeddedPostgresResource;
import io.pactum.node.testing.Fakes.FakeChain;
import io.pactum.node.testing.Fakes.FakePoster;
import io.pactum.node.testing.TestDeals;
import io.pactum.node.testing.Wasm;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.cid.UnixFsImporter;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.job.JobOutcome;
import io.pactum.protocol.job.JobSpec;
import io.pactum.runtime.exec.JobEngine;
import io.pactum.runtime.store.ContentStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class NodeHttpTest {

    static final String ADD = "/api/v0/add?cid-version=1&raw-leaves=true&chunker=size-1048576&pin=true";

    @Inject
    ContentStore store;

    @Inject
    StoreContent content;

    @Inject
    JdbcJobStore jobs;

    @Inject
    JobEngine engine;

    static String add(byte[] bytes) {
        return given().multiPart("file", "f.bin", bytes, "application/octet-stream")
                .when().post(ADD)
                .then().statusCode(200).extract().path("Hash");
    }

    @Test
    void shouldAddAndCatWithKuboCids() {
        byte[] small = "hello pactum\n".getBytes(StandardCharsets.UTF_8);
        byte[] large = new byte[1_500_000]; // two chunks: a dag-pb root
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        UnixFsImporter importer = new UnixFsImporter(UnixFsImporter.Options.pactumDefault());
        for (byte[] data : List.of(small, large)) {
            String hash = add(data);
            assertThat(hash).isEqualTo(importer.cidOf(data).toString());
            byte[] back = given().queryParam("arg", hash).when().post("/api/v0/cat")
                    .then().statusCode(200).extract().asByteArray();
            assertThat(back).isEqualTo(data);
            given().queryParam("arg", hash).when().post("/api/v0/pin/add")
                    .then().statusCode(200).body("Pins[0]", equalTo(hash));
        }
        String hash = add(small);
        byte[] block = given().queryParam("arg", hash).when().post("/api/v0/block/get")
                .then().statusCode(200).extract().asByteArray();
        assertThat(block).isEqualTo(small);
    }

    @Test
    void shouldAnswer404WithAReasonForAnUnknownCid() {
        String unknown = Cid.rawOf("nobody uploaded this".getBytes()).toString();
        given().queryParam("arg", unknown).when().post("/api/v0/cat")
                .then().statusCode(404).body("Type", equalTo("error")).body("Message", containsString(unknown));
        given().queryParam("arg", "not-a-cid").when().post("/api/v0/cat")
                .then().statusCode(400).body("Message", containsString("invalid CID"));
        given().when().get("/api/v0/cat").then().statusCode(405);
    }

    @Test
    void shouldDescribeTheNode() {
        given().when().get("/v1/node").then().statusCode(200)
                .body("address", equalTo(TestDeals.NODE.address().toString()))
                .body("jobs", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
    }

    /** W12 through the real store, database and engine: each hostile job gets its outcome; the node keeps serving. */
    @Test
    void shouldEndEveryHostileJobAndKeepServing() throws Exception {
        FakeChain chain = new FakeChain();
        FakePoster poster = new FakePoster();
        long fuel = 3_000_000;
        HardLimits limits = new HardLimits(fuel, 64, 64 * 1024, 20_000);
        JobPipeline pipeline = new JobPipeline(TestDeals.NODE.address(), jobs, chain,
                new JobExecution(content, engine::run, new ProtocolJobFormats(), limits), poster, Json::dealFromJson, 3);

        Map<String, byte[]> modules = new LinkedHashMap<>();
        modules.put("OUT_OF_FUEL", Wasm.infiniteLoop());
        modules.put("MEMORY_LIMIT", Wasm.memoryBomb());
        modules.put("OUTPUT_LIMIT", Wasm.hugeOutput());
        modules.put("TRAP", Wasm.trap());
        modules.put("INVALID_MODULE", Wasm.invalid());
        modules.put("INPUT_UNAVAILABLE", Wasm.ok());
        modules.put("OK", Wasm.ok());
        for (Map.Entry<String, byte[]> e : modules.entrySet()) {
            Cid module = Cid.parse(add(e.getValue()));
            List<JobSpec.Input> inputs = e.getKey().equals("INPUT_UNAVAILABLE")
                    ? List.of(new JobSpec.Input("data.txt", Cid.rawOf("never uploaded".getBytes())))
                    : List.of();
            JobSpec spec = new JobSpec(module, inputs, List.of(), new TreeMap<>(),
                    new JobSpec.Limits(100_000_000, 1024, 1 << 20, 60_000));
            Cid specCid = Cid.parse(add(spec.toCanonicalJson()));
            assertThat(specCid).isEqualTo(spec.cid());
            Deal deal = TestDeals.deal(TestDeals.offer(chain.now + 600), specCid, chain.now + 60);
            String id = deal.id().toHex();
            assertThat(jobs.insertIfAbsent(id, Json.dealToJson(deal), 1, "0x01")).isTrue();
            assertThat(jobs.insertIfAbsent(id, Json.dealToJson(deal), 1, "0x01")).isFalse(); // idempotent
            // unreachable inputs are retried until half the result timeout has passed (chain time): be past it
            chain.set(deal.id(), DealPhase.AGREED,
                    e.getKey().equals("INPUT_UNAVAILABLE") ? chain.now - deal.resultTimeout() / 2 : chain.now);

            JobRow row = jobs.find(id).orElseThrow();
            assertThat(pipeline.process(row)).isEqualTo(JobPipeline.Step.SUBMITTED);

            row = jobs.find(id).orElseThrow();
            assertThat(row.status()).isEqualTo(JobStatus.RESULT_SUBMITTED);
            assertThat(row.outcomeStatus()).isEqualTo(e.getKey());
            byte[] record = given().queryParam("arg", row.outcomeCid()).when().post("/api/v0/cat")
                    .then().statusCode(200).extract().asByteArray();
            JobOutcome outcome = JobOutcome.parse(record);
            assertThat(outcome.status().name()).isEqualTo(e.getKey());
            assertThat(outcome.cid().toString()).isEqualTo(row.outcomeCid());
            assertThat(Cid.fromBytes(poster.transactions.get("result:" + id).cid()).toString()).isEqualTo(row.outcomeCid());
            if (e.getKey().equals("OUT_OF_FUEL")) {
                // the outcome's fuel limit is min(spec, deal), whatever the node's own limit
                assertThat(outcome.fuelUsed()).isEqualTo(Math.min(spec.limits().maxFuel(), deal.maxFuel())).isNotEqualTo(fuel);
            }
            // the service still answers
            given().when().get("/v1/node").then().statusCode(200);
            given().when().get("/q/health").then().statusCode(200);
        }
        assertThat(poster.transactions).hasSize(modules.size());
    }
}
