package io.pactum.devnet;

import io.pactum.cli.Backends;
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
    PrintWriter writer = new PrintWriter(out, true, StandardCharsets.UTF_8);
    return io.pactum.cli.Main.run(
        new String[] {"deal", "show", dealId}, writer, writer, loader(), Backends.live());
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
