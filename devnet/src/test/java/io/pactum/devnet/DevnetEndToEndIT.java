package io.pactum.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.cli.client.JobPhase;
import io.pactum.cli.client.JobRequest;
import io.pactum.cli.client.JobResult;
import io.pactum.cli.chain.DealPhase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;

/**
 * The whole product on a devnet: anvil, the contracts deployed by the Foundry script, embedded
 * PostgreSQL, the solver and a compute node as separate JVMs, and the client library the
 * {@code pactum} command uses. Then the same deal with a worker killed (kill -9) at several
 * points: every deal still completes, and every on-chain action happens exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevnetEndToEndIT {
  private static final String POEM =
      """
      one two three
      four five
      """;

  private Devnet devnet;

  @org.junit.jupiter.api.extension.RegisterExtension
  final WorkerLogsOnFailure logsOnFailure = new WorkerLogsOnFailure(() -> devnet);
  private Demo demo;
  private ChainConnection chain;

  @BeforeAll
  void startDevnet() throws IOException {
    Path root = Path.of(System.getProperty("pactum.root", "..")).toAbsolutePath().normalize();
    Path state = Files.createTempDirectory("pactum-devnet-it");
    devnet = new Devnet(root, state, Devnet.Ports.random(), System.out).start();
    demo = new Demo(devnet, System.out);
    chain = ChainConnection.open(devnet.rpcUrl(), 31337L);
  }

  @AfterAll
  void stopDevnet() {
    if (chain != null) {
      chain.close();
    }
    if (devnet != null) {
      devnet.close();
    }
  }

  @Test
  void shouldRunTheDemoJobEndToEndAndPayEveryone() {
    JobResult result = demo.runJob(Demo.defaultRequest(devnet));

    String output = new String(result.stdout(), StandardCharsets.UTF_8);
    assertThat(output).endsWith(" total\n");
    assertThat(output).contains("poem.txt");
    assertThat(result.outcome().success()).isTrue();
    assertThat(result.phase()).isEqualTo(DealPhase.ACCEPTED);
    assertThat(result.fuelUsed()).isPositive().isLessThanOrEqualTo(result.deal().maxFuel());
    // Every token the client locked comes out again: node payment + network fee + refund.
    BigInteger locked = result.deal().price().add(result.deal().clientCollateral());
    var accepted = result.accepted();
    assertThat(accepted.nodePayment().add(accepted.networkFee()).add(accepted.clientRefund()))
        .isEqualTo(locked);
    assertThat(accepted.nodePayment()).isPositive();
    assertExactlyOnce(result);
  }

  @Test
  void shouldCountWordsOfTheGivenInput() throws IOException {
    Path input = Files.writeString(devnet.state().resolve("words.txt"), POEM);
    JobRequest request = Demo.request(Demo.defaultRequest(devnet).module(), List.of(input));

    JobResult result = demo.runJob(request);

    assertThat(new String(result.stdout(), StandardCharsets.UTF_8))
        .isEqualTo("2 5 24 words.txt\n2 5 24 total\n");
  }

  @Test
  void shouldCompleteExactlyOnceWhenTheNodeIsKilledWhileTheJobRuns() {
    JobResult result = runKillingAt(JobPhase.AGREED, "compute-node");
    assertThat(result.phase()).isEqualTo(DealPhase.ACCEPTED);
    assertExactlyOnce(result);
  }

  @Test
  void shouldCompleteExactlyOnceWhenTheNodeIsKilledAfterPostingItsResult() {
    JobResult result = runKillingAt(JobPhase.RESULT_POSTED, "compute-node");
    assertThat(result.phase()).isEqualTo(DealPhase.ACCEPTED);
    assertExactlyOnce(result);
  }

  @Test
  void shouldCompleteExactlyOnceWhenTheSolverIsKilledWhileRelayingTheAgreement() {
    JobResult result = runKillingAt(JobPhase.MATCHED, "solver");
    assertThat(result.phase()).isEqualTo(DealPhase.ACCEPTED);
    assertExactlyOnce(result);
  }

  /**
   * W6: the node crashes after agreement and its database is lost (dropped and recreated empty).
   * Restarted, it rebuilds its jobs from the DealAgreed logs and decides from the contract's state:
   * the deal completes once, and the deals it finished before stay finished (no second result).
   */
  @Test
  void shouldCompleteExactlyOnceWhenTheNodeLosesItsDatabaseMidDeal() {
    JobResult before = demo.runJob(Demo.defaultRequest(devnet));
    JobResult result = demo.runJob(
        Demo.defaultRequest(devnet),
        (reached, line, details) -> {
          if (reached == JobPhase.AGREED) {
            devnet.service("compute-node").kill();
            devnet.recreateDatabase("compute-node");
            try {
              devnet.startService("compute-node");
            } catch (IOException e) {
              throw new IllegalStateException("restart of compute-node failed", e);
            }
          }
        });
    assertThat(result.phase()).isEqualTo(DealPhase.ACCEPTED);
    assertExactlyOnce(result);
    assertExactlyOnce(before);
    // the node serves the next job from its rebuilt database
    assertThat(demo.runJob(Demo.defaultRequest(devnet)).phase()).isEqualTo(DealPhase.ACCEPTED);
  }

  @Test
  void shouldPrintTheDealHistoryWithPayouts() {
    JobResult result = demo.runJob(Demo.defaultRequest(devnet));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int code = new Demo(devnet, new PrintStream(buffer, true, StandardCharsets.UTF_8))
        .showDeal(result.dealId().toHex());

    String shown = buffer.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(shown).contains("DealAgreed").contains("ResultPosted").contains("DealAccepted");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "reorg of depth {1} when the client sees {0}")
  @org.junit.jupiter.params.provider.CsvSource({"AGREED, 1", "AGREED, 3", "RESULT_POSTED, 2"})
  void shouldNeitherLoseNorDuplicateAnActionWhenTheChainReorganisesDuringTheDeal(JobPhase phase, int depth) {
    JobResult result = demo.runJob(
        Demo.defaultRequest(devnet),
        (reached, line, details) -> {
          if (reached == phase) {
            reorg(depth);
          }
        });
    assertThat(result.phase()).isEqualTo(DealPhase.ACCEPTED);
    assertExactlyOnce(result);
  }

  /** Hostile jobs (W12): each is stopped by its limit, posted as a deterministic failed outcome and paid; the node keeps serving. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0} ends the deal with outcome {1}")
  @org.junit.jupiter.params.provider.CsvSource({
      "infinite loop, OUT_OF_FUEL",
      "memory bomb, MEMORY_LIMIT",
      "huge output, OUTPUT_LIMIT",
      "trap, TRAP"})
  void shouldStopAHostileJobByItsLimitsAndKeepServing(String job, String expectedStatus) throws IOException {
    Path module = devnet.state().resolve(job.replace(' ', '-') + ".wasm");
    Files.write(module, com.dylibso.chicory.wabt.Wat2Wasm.parse(HOSTILE.get(job)));
    JobRequest request = Demo.request(module, List.of());

    JobResult result = demo.runJob(request);

    assertThat(result.outcome().status()).isEqualTo(expectedStatus);
    assertThat(result.outcome().success()).isFalse();
    assertThat(result.phase()).isEqualTo(DealPhase.ACCEPTED);
    if (expectedStatus.equals("OUT_OF_FUEL")) {
      assertThat(result.fuelUsed()).isEqualTo(request.maxFuel());
    }
    assertExactlyOnce(result);
    // the node is still serving: the next ordinary job completes
    JobResult next = demo.runJob(Demo.defaultRequest(devnet));
    assertThat(next.outcome().success()).isTrue();
  }

  private static final Map<String, String> HOSTILE = Map.of(
      "infinite loop", """
          (module (memory (export "memory") 1)
            (func (export "_start") (loop $l (br $l))))""",
      "memory bomb", """
          (module (memory (export "memory") 1)
            (func (export "_start") (loop $l (drop (memory.grow (i32.const 16))) (br $l))))""",
      "huge output", """
          (module
            (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
            (memory (export "memory") 2)
            (func (export "_start")
              (memory.fill (i32.const 1024) (i32.const 65) (i32.const 65536))
              (i32.store (i32.const 0) (i32.const 1024))
              (i32.store (i32.const 4) (i32.const 65536))
              (loop $l (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))) (br $l))))""",
      "trap", """
          (module (memory (export "memory") 1) (func (export "_start") unreachable))""");

  /** anvil_reorg: replaces the last {@code depth} blocks by empty ones (their transactions return to the pool). */
  private void reorg(int depth) {
    try {
      var request = new org.web3j.protocol.core.Request<>(
          "anvil_reorg", List.of(depth, List.of()), chain.service(), org.web3j.protocol.core.methods.response.VoidResponse.class);
      var response = request.send();
      assertThat(response.hasError()).as("anvil_reorg " + (response.hasError() ? response.getError().getMessage() : "")).isFalse();
    } catch (IOException e) {
      throw new IllegalStateException("anvil_reorg failed", e);
    }
  }

  /** Runs the demo job and kill -9s {@code service} when the client reaches {@code phase}, then restarts it. */
  private JobResult runKillingAt(JobPhase phase, String service) {
    return demo.runJob(
        Demo.defaultRequest(devnet),
        (reached, line, details) -> {
          if (reached == phase) {
            devnet.service(service).kill();
            try {
              devnet.startService(service);
            } catch (IOException e) {
              throw new IllegalStateException("restart of " + service + " failed", e);
            }
          }
        });
  }

  /** One DealAgreed, one ResultPosted and one DealAccepted for the deal, on the canonical chain. */
  private void assertExactlyOnce(JobResult result) {
    String dealManager = devnet.deployment().path("dealManager").asText();
    String dealId = result.dealId().toHex();
    Map<String, String> topics = Map.of(
        "DealAgreed", DealManagerGateway.DEAL_AGREED,
        "ResultPosted", DealManagerGateway.RESULT_POSTED,
        "DealAccepted", DealManagerGateway.DEAL_ACCEPTED);
    topics.forEach((name, topic) -> {
      EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO),
          DefaultBlockParameter.valueOf("latest"), dealManager);
      filter.addSingleTopic(topic);
      filter.addOptionalTopics(dealId);
      int count;
      try {
        count = chain.send(chain.web3j().ethGetLogs(filter)).getLogs().size();
      } catch (IOException e) {
        throw new IllegalStateException("eth_getLogs failed", e);
      }
      assertThat(count).as(name + " events of deal " + dealId).isEqualTo(1);
    });
  }
}
