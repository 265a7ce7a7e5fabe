package io.pactum.devnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the tail of every worker's log when a devnet test fails: the workers run as separate
 * processes, so without this a failure on CI shows only the client's side of the story.
 */
final class WorkerLogsOnFailure implements TestWatcher {
  private static final int LINES = 80;
  private final Supplier<Devnet> devnet;

  WorkerLogsOnFailure(Supplier<Devnet> devnet) {
    this.devnet = devnet;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Devnet d = devnet.get();
    if (d == null) {
      return;
    }
    Path logs = d.state().resolve("logs");
    for (String name : List.of("compute-node", "solver", "mediator", "mediator-2", "mediator-3", "anvil")) {
      Path log = logs.resolve(name + ".log");
      if (!Files.isRegularFile(log)) {
        continue;
      }
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        System.out.println("---- last " + LINES + " lines of " + log + " (" + context.getDisplayName() + " failed) ----");
        lines.subList(Math.max(0, lines.size() - LINES), lines.size()).forEach(System.out::println);
      } catch (IOException e) {
        System.out.println("---- cannot read " + log + ": " + e.getMessage());
      }
    }
  }
}
