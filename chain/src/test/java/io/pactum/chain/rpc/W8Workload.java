package io.pactum.chain.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.logs.LogFilter;
import io.pactum.chain.logs.LogPoller;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.TestContracts;
import io.pactum.chain.tx.TxManager;
import io.pactum.chain.tx.TxState;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * W8's workload, shared by {@link RpcFaultsIT} and {@link RpcFailoverIT}: the workers' chain parts
 * (two transaction managers on two keys, three log pollers), each on its own thread as in the
 * services, over connections the test makes; intents submitted as the calls go (one per key every
 * {@code calls / 40} calls served). {@link #check()} then asserts that every intent is on the chain
 * exactly once and every poller's derived state equals the canonical logs (read from anvil directly).
 */
final class W8Workload implements AutoCloseable {
  static final int INTENTS_PER_KEY = 20;

  /** Opens one connection (through the faults). */
  @FunctionalInterface
  interface Connector {
    ChainConnection open() throws Exception;
  }

  private final Anvil anvil;
  private final String emitter;
  private final DataSource db;
  private final LongSupplier served;
  private final int calls;
  private final List<ChainConnection> connections = new ArrayList<>();
  private final List<TxManager> managers = new ArrayList<>();
  private final List<LogPoller> pollers = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<String> intents = new CopyOnWriteArrayList<>();

  /**
   * @param served the calls served so far (they pace the intents)
   * @param calls the calls the test means to serve
   */
  W8Workload(Anvil anvil, String emitter, DataSource db, Connector connector, LongSupplier served, int calls)
      throws Exception {
    this.anvil = anvil;
    this.emitter = emitter;
    this.db = db;
    this.served = served;
    this.calls = calls;
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE test_derived (poller TEXT, block_hash TEXT, log_index BIGINT, PRIMARY KEY (poller, block_hash, log_index))");
    }
    for (int k = 3; k <= 4; k++) {
      ChainConnection chain = connector.open();
      connections.add(chain);
      managers.add(new TxManager(chain, db, io.pactum.protocol.crypto.EthKey.fromHex(Accounts.PRIVATE_KEYS.get(k)),
          TxManager.Config.defaults().withOwner("w8-" + k).withFinalityDepth(2)));
    }
    for (int p = 0; p < 3; p++) {
      String name = "w8-" + p;
      ChainConnection chain = connector.open();
      connections.add(chain);
      pollers.add(new LogPoller(chain, db, LogFilter.of(name, List.of(emitter), List.of(TestContracts.PING), 0),
          LogPoller.Config.defaults().withMaxRange(50), (c, log) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO test_derived VALUES (?, ?, ?)")) {
              ps.setString(1, name);
              ps.setString(2, log.getBlockHash().toLowerCase());
              ps.setLong(3, log.getLogIndex().longValueExact());
              ps.executeUpdate(); // a second delivery of a log would violate the primary key
            }
          }, (c, ancestor) -> { }));
    }
  }

  /** The connections, the transaction managers' two first. */
  List<ChainConnection> connections() {
    return connections;
  }

  /** Every worker on its own thread, as in the services; errors are the faults, counted. */
  void start() {
    for (int i = 0; i < managers.size(); i++) {
      TxManager m = managers.get(i);
      int key = i;
      threads.add(daemon(() -> {
        int submitted = 0;
        while (running.get()) {
          try {
            if (submitted < INTENTS_PER_KEY && served.getAsLong() > (long) submitted * calls / INTENTS_PER_KEY / 2) {
              String k = "w8-" + key + "-" + submitted;
              m.submit(k, emitter, payload(k), BigInteger.ZERO, null);
              intents.add(k);
              submitted++;
            }
            m.tick();
          } catch (java.io.IOException e) {
            // an injected fault that outlived the retries: the next tick goes on
          } catch (Exception | Error e) {
            unexpected.add(e);
          }
          pause(20);
        }
      }));
    }
    for (LogPoller p : pollers) {
      threads.add(daemon(() -> {
        while (running.get()) {
          try {
            p.tick();
          } catch (java.io.IOException e) {
            // as above
          } catch (Exception | Error e) {
            unexpected.add(e);
          }
          pause(20);
        }
      }));
    }
  }

  /** Whether every intent was submitted. */
  boolean allSubmitted() {
    return intents.size() >= 2 * INTENTS_PER_KEY;
  }

  /** Waits (at most {@code max}) until every intent is confirmed and every poller caught up, then stops the workers. */
  void settle(Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline && !settled()) {
      Thread.sleep(200);
    }
    running.set(false);
    for (Thread t : threads) {
      t.join(5_000);
    }
  }

  /** The assertions: nothing unexpected, every intent confirmed and on chain once, every log once. */
  void check() throws Exception {
    assertThat(unexpected).as("only transport faults, nothing else").isEmpty();
    for (String k : intents) {
      TxManager m = managers.get(Integer.parseInt(k.split("-")[1]));
      assertThat(m.find(k).orElseThrow().state()).as(k).isEqualTo(TxState.CONFIRMED);
      assertThat(landed(k)).as(k + " on chain").isEqualTo(1);
    }
    Set<String> canonical = keys(canonicalLogs());
    for (int p = 0; p < pollers.size(); p++) {
      assertThat(derived("w8-" + p)).as("poller " + p + ": every log once, none missing").isEqualTo(canonical);
    }
  }

  int intents() {
    return intents.size();
  }

  /** The emitter's logs on the chain. */
  int logs() throws Exception {
    return canonicalLogs().size();
  }

  @Override
  public void close() {
    running.set(false);
    connections.forEach(ChainConnection::close);
  }

  private static byte[] payload(String k) {
    return Numeric.hexStringToByteArray(org.web3j.crypto.Hash.sha3String(k));
  }

  private List<Log> canonicalLogs() throws Exception {
    EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(anvil.blockNumber())), emitter);
    List<Log> out = new ArrayList<>();
    for (EthLog.LogResult<?> r : anvil.web3j().ethGetLogs(f).send().getLogs()) {
      out.add((Log) r.get());
    }
    return out;
  }

  private static Set<String> keys(List<Log> logs) {
    Set<String> out = new TreeSet<>();
    for (Log l : logs) {
      out.add(l.getBlockHash().toLowerCase() + "/" + l.getLogIndex());
    }
    return out;
  }

  private Set<String> derived(String poller) throws Exception {
    Set<String> out = new TreeSet<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT block_hash, log_index FROM test_derived WHERE poller = ?")) {
      ps.setString(1, poller);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + "/" + rs.getLong(2));
        }
      }
    }
    return out;
  }

  private boolean settled() throws Exception {
    for (String k : intents) {
      TxManager m = managers.get(Integer.parseInt(k.split("-")[1]));
      if (m.find(k).orElseThrow().state() != TxState.CONFIRMED) {
        return false;
      }
    }
    Set<String> canonical = keys(canonicalLogs());
    for (int p = 0; p < pollers.size(); p++) {
      if (!derived("w8-" + p).equals(canonical)) {
        return false;
      }
    }
    return true;
  }

  private int landed(String k) throws Exception {
    String want = Numeric.toHexString(payload(k));
    int n = 0;
    for (Log l : canonicalLogs()) {
      if (l.getData().equalsIgnoreCase(want)) {
        n++;
      }
    }
    return n / 2; // the emitter logs twice per call
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "w8-worker");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
