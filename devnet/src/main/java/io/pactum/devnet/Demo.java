package io.pactum.devnet;

import io.pactum.cli.Backends;
import io.pactum.cli.chain.DealPhase;
import io.pactum.cli.client.JobClient;
import io.pactum.cli.client.JobListener;
import io.pactum.cli.client.JobRequest;
import io.pactum.cli.client.JobResult;
import io.pactum.cli.config.CliConfig;
import io.pactum.cli.config.ConfigLoader;
import io.pactum.protocol.crypto.Address;
import io.pactum.runtime.exec.DemoJobs;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The example job of {@code pactum demo}: the word-count WASM module over a short text, run
 * through the same {@link JobClient} as {@code pactum job run}, then the deal's on-chain history
 * through {@code pactum deal show}.
 */
public final class Demo {
  private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

  private final Devnet devnet;
  private final PrintStream out;

  public Demo(Devnet devnet, PrintStream out) {
    this.devnet = devnet;
    this.out = out;
  }

  /** Runs the example job; returns the process exit code (0 when the deal was accepted). */
  public int run() {
    JobResult result = runJob(defaultRequest(devnet));
    out.println();
    out.println("job output (" + result.resultCid() + "):");
    out.print(new String(result.stdout(), StandardCharsets.UTF_8));
    out.println();
    out.println("deal history:");
    return showDeal(result.dealId().toHex());
  }

  /**
   * {@code pactum demo --cheat}: the devnet's node posts a forged result (it was started with
   * {@code pactum.node.devnet-cheat}); the client reads the output, disputes it ({@code pactum deal
   * dispute}), the mediator re-runs the job and votes, the node's cheating collateral is slashed.
   * Prints the payouts; returns 0 when the deal ended MediatedIncorrect.
   */
  public int runCheat() {
    JobRequest honestLooking = defaultRequest(devnet);
    JobRequest request = new JobRequest(honestLooking.module(), honestLooking.inputs(), honestLooking.args(),
        honestLooking.maxFuel(), honestLooking.maxPrice(), honestLooking.collateral(), honestLooking.mediationFee(),
        honestLooking.mediators(), honestLooking.resultTimeout(), honestLooking.judgeTimeout(),
        honestLooking.mediationTimeout(), honestLooking.cpuMillis(), honestLooking.memoryMiB(), honestLooking.offerTtl(),
        honestLooking.matchTimeout(), false);
    JobResult result = runJob(request);
    String dealId = result.dealId().toHex();
    out.println();
    out.println("job output as the node posted it (" + result.resultCid() + "):");
    out.print(new String(result.stdout(), StandardCharsets.UTF_8));
    out.println();
    out.println("client: that is not a word count of the input: disputing (pactum deal dispute " + dealId + ")");
    int disputed = cli("deal", "dispute", dealId);
    if (disputed != 0) {
      return disputed;
    }
    out.println("mediator: re-running the job and voting ...");
    DealPhase end = awaitEnd(result.dealId(), Duration.ofMinutes(4));
    out.println();
    out.println("verdict: " + end.solidityName() + (end == DealPhase.MEDIATED_INCORRECT
        ? " (the node's cheating collateral is slashed to the mediator and the client; the client is refunded)" : ""));
    out.println();
    out.println("deal history and payouts:");
    showDeal(dealId);
    return end == DealPhase.MEDIATED_INCORRECT ? 0 : 1;
  }

  /** Waits (chain state) until the deal leaves MediationRequested or {@code timeout} passes. */
  public DealPhase awaitEnd(io.pactum.protocol.crypto.Bytes32 dealId, Duration timeout) {
    CliConfig config = loader().load(ConfigLoader.Overrides.none());
    long deadline = System.nanoTime() + timeout.toNanos();
    try (io.pactum.cli.chain.DealChain chain = Backends.live().deals(config)) {
      while (true) {
        DealPhase phase = chain.dealRecord(dealId).phase();
        if (phase.terminal()) {
          return phase;
        }
        if (System.nanoTime() > deadline) {
          throw new DevnetException("deal " + dealId + " still " + phase.solidityName() + " after " + timeout);
        }
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevnetException("interrupted", e);
    }
  }

  /** Runs a {@code pactum} command against the devnet's client profile, output to this demo's stream. */
  public int cli(String... args) {
    PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
    return io.pactum.cli.Main.run(args, writer, writer, loader(), Backends.live());
  }

  /** Runs one job with the devnet's client profile, printing a line per phase. */
  public JobResult runJob(JobRequest request) {
    return runJob(request, JobListener.NONE);
  }

  /** As {@link #runJob(JobRequest)}, also telling {@code also} of every phase reached. */
  public JobResult runJob(JobRequest request, JobListener also) {
    CliConfig config = loader().load(ConfigLoader.Overrides.none());
    JobListener listener = new JobListener() {
      @Override
      public void onPhase(io.pactum.cli.client.JobPhase phase, String line, Map<String, Object> details) {
        out.println("  " + phase.name().toLowerCase().replace('_', ' ') + ": " + line);
        also.onPhase(phase, line, details);
      }

      @Override
      public void onNote(String line) {
        out.println("    " + line);
      }
    };
    try (JobClient client = JobClient.connect(config)) {
      return client.run(request, listener);
    } catch (Exception e) {
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new DevnetException("job failed: " + e.getMessage(), e);
    }
  }

  /** {@code pactum deal show <id>} against the devnet. */
  public int showDeal(String dealId) {
    return cli("deal", "show", dealId);
  }

  private ConfigLoader loader() {
    return new ConfigLoader(
        Map.of("PACTUM_CONFIG", devnet.cliConfigFile().toString()), devnet.state(), () -> null);
  }

  /** The demo request: word count over the bundled text, 1 token at most, 0.1 collateral. */
  public static JobRequest defaultRequest(Devnet devnet) {
    try {
      Path jobs = Files.createDirectories(devnet.state().resolve("demo-job"));
      Path module = jobs.resolve("wordcount.wasm");
      Files.write(module, DemoJobs.wordcount());
      Path input = jobs.resolve("poem.txt");
      try (InputStream in = Demo.class.getResourceAsStream("/demo/input.txt")) {
        Files.write(input, in.readAllBytes());
      }
      return request(module, List.of(input));
    } catch (IOException e) {
      throw new DevnetException("cannot write the demo job files: " + e.getMessage(), e);
    }
  }

  public static JobRequest request(Path module, List<Path> inputs) {
    return new JobRequest(
        module,
        inputs,
        List.of(),
        50_000_000L,
        TOKEN,
        TOKEN.divide(BigInteger.TEN),
        TOKEN.divide(BigInteger.TEN),
        List.of(Address.parse(Devnet.MEDIATOR_ADDRESS)),
        120,
        60,
        120,
        1000,
        64,
        Duration.ofMinutes(5),
        Duration.ofSeconds(90),
        true);
  }
}
