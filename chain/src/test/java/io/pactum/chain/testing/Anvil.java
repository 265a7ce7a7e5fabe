package io.pactum.chain.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * A local anvil on a free loopback port, started from the npm-installed native binary. Stops on
 * {@link #close()}. Helpers for the anvil/evm cheat RPCs used by the tests.
 */
public final class Anvil implements AutoCloseable {
  private final Process process;
  private final int port;
  private final HttpService service;
  private final Web3j web3j;
  private final Path log;

  private Anvil(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.service = new HttpService(url());
    this.web3j = Web3j.build(service);
  }

  /** anvil with automine (a block per transaction). */
  public static Anvil start() {
    return start(null);
  }

  /** anvil with a fixed block time in seconds, or automine when {@code blockTimeSeconds} is null. */
  public static Anvil start(Integer blockTimeSeconds, String... extraArgs) {
    Path bin = binary();
    int port = freePort();
    List<String> cmd = new ArrayList<>(List.of(bin.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port)));
    if (blockTimeSeconds != null) {
      cmd.addAll(List.of("--block-time", String.valueOf(blockTimeSeconds)));
    }
    cmd.addAll(Arrays.asList(extraArgs));
    try {
      Path log = Files.createTempFile("anvil-" + port + "-", ".log");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Anvil anvil = new Anvil(p, port, log);
      anvil.awaitReady(Duration.ofSeconds(20));
      return anvil;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start anvil " + bin, e);
    }
  }

  public static Path binary() {
    Path bin = RepoRoot.get().resolve("contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
    if (!Files.isExecutable(bin)) {
      throw new IllegalStateException("anvil not found at " + bin + " (run npm ci in contracts/)");
    }
    return bin;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("anvil exited: " + tail());
      }
      try {
        web3j.ethChainId().send();
        return;
      } catch (Exception e) {
        sleep(50);
      }
    }
    close();
    throw new IllegalStateException("anvil did not answer in " + timeout + ": " + tail());
  }

  private String tail() {
    try {
      String s = Files.readString(log);
      return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      return "";
    }
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** A plain Web3j for test assertions (default polling). */
  public Web3j web3j() {
    return web3j;
  }

  public HttpService service() {
    return service;
  }

  public static final class RawResponse extends Response<Object> {}

  /** Any JSON-RPC call; returns the decoded "result" (String, Map, List, ...). */
  public Object rpc(String method, Object... params) {
    try {
      RawResponse r = new Request<>(method, Arrays.asList(params), service, RawResponse.class).send();
      if (r.hasError()) {
        throw new IllegalStateException(method + ": " + r.getError().getMessage());
      }
      return r.getResult();
    } catch (IOException e) {
      throw new IllegalStateException(method, e);
    }
  }

  public void mine() {
    rpc("evm_mine");
  }

  public void mine(int blocks) {
    rpc("anvil_mine", "0x" + Integer.toHexString(blocks));
  }

  /** Replaces the last {@code depth} blocks with new (empty) blocks. */
  public void reorg(int depth) {
    rpc("anvil_reorg", depth, List.of());
  }

  /** Replaces the last {@code depth} blocks; {@code txs} are [signedTxHex, blockOffset] pairs put into the new blocks. */
  public void reorg(int depth, List<List<Object>> txs) {
    rpc("anvil_reorg", depth, txs);
  }

  public void increaseTime(long seconds) {
    rpc("evm_increaseTime", seconds);
  }

  public void setAutomine(boolean on) {
    rpc("evm_setAutomine", on);
  }

  public void setNextBaseFee(BigInteger wei) {
    rpc("anvil_setNextBlockBaseFeePerGas", "0x" + wei.toString(16));
  }

  public void dropTransaction(String txHash) {
    rpc("anvil_dropTransaction", txHash);
  }

  public String snapshot() {
    return (String) rpc("evm_snapshot");
  }

  public boolean revert(String snapshotId) {
    return Boolean.TRUE.equals(rpc("evm_revert", snapshotId));
  }

  public long blockNumber() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException ignored) {
      // best effort
    }
  }
}
