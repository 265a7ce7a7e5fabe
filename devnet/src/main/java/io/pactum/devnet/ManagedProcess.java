package io.pactum.devnet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the devnet with its output in a log file. Closing it stops the process
 * (SIGTERM, then SIGKILL after a grace period); {@link #kill()} is the kill -9 of the tests.
 */
public final class ManagedProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path log;

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static ManagedProcess start(
      String name, List<String> command, Path workDir, Map<String, String> env, Path log)
      throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    return new ManagedProcess(name, builder.start(), log);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until {@code url} answers 2xx, failing early if the process dies. */
  public void awaitHttp(String url, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new DevnetException(
            name + " exited with code " + process.exitValue() + " during start-up; see " + log);
      }
      try {
        HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DevnetException("interrupted while waiting for " + name, e);
      }
      sleep(250);
    }
    throw new DevnetException(name + " did not answer " + url + " within " + timeout + "; see " + log);
  }

  /** Waits for a JSON-RPC endpoint (anvil) to answer eth_chainId. */
  public void awaitJsonRpc(String url, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(2))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new DevnetException(name + " exited during start-up; see " + log);
      }
      try {
        if (HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DevnetException("interrupted while waiting for " + name, e);
      }
      sleep(100);
    }
    throw new DevnetException(name + " did not answer JSON-RPC at " + url + "; see " + log);
  }

  /** Waits for the process to exit; returns its exit code, or -1 (and kills it) on timeout. */
  public int waitForExit(Duration timeout) {
    if (waitFor(timeout)) {
      return process.exitValue();
    }
    process.destroyForcibly();
    return -1;
  }

  /** kill -9: no shutdown hooks, no clean-up, as in a crash. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(Duration.ofSeconds(15))) {
      process.destroyForcibly();
      waitFor(Duration.ofSeconds(5));
    }
  }

  private boolean waitFor(Duration duration) {
    try {
      return process.waitFor(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevnetException("interrupted", e);
    }
  }
}
