package io.pactum.chain.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.logs.LogFilter;
import io.pactum.chain.logs.LogPoller;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.EmbeddedDb;
import io.pactum.chain.testing.FaultyRpcProxy;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * W8: the workers' chain parts (two transaction managers on two keys, three log pollers) talk to
 * anvil only through {@link FaultyRpcProxy}: 20 % of at least 10,000 calls answered badly (503,
 * timeouts, answers lost after the call took effect, eth_getLogs with no logs, stale heads), and a
 * 60 s outage in the middle. Afterwards every intent is on the chain exactly once and every
 * poller's derived state equals the canonical logs (read from anvil directly).
 */
class RpcFaultsIT {
  private static final int CALLS = Integer.getInteger("pactum.w8.calls", 10_000);
  private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("pactum.w8.outage-seconds", 60));
  private static final int INTENTS_PER_KEY = 20;

  private EmbeddedDb pg;
  private Anvil anvil;
  private FaultyRpcProxy proxy;
  private String emitter;

  @BeforeEach
  void setUp() throws Exception {
    pg = EmbeddedDb.start();
    anvil = Anvil.start();
    emitter = TestContracts.deployEmitter(anvil.web3j(), Accounts.credentials(0));
    proxy = new FaultyRpcProxy(anvil.url(), 0.20, Duration.ofMillis(400), 8);
  }

  @AfterEach
  void tearDown() {
    proxy.close();
    anvil.close();
    pg.close();
  }

  /** A connection through the proxy, with a read timeout shorter than the proxy's stalls. */
  private ChainConnection faultyConnection() throws Exception {
    OkHttpClient http = new OkHttpClient.Builder().readTimeout(250, TimeUnit.MILLISECONDS)
        .connectTimeout(250, TimeUnit.MILLISECONDS).build();
    Retry retry = Retry.defaults();
    for (int attempt = 1; ; attempt++) { // eth_chainId itself may meet a fault
      try {
        return ChainConnection.open(new HttpService(proxy.url(), http), 31337L, Duration.ofMillis(50), retry);
      } catch (java.io.IOException e) {
        if (attempt > 20) {
          throw e;
        }
      }
    }
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

  private static Set<String> derived(DataSource db, String poller) throws Exception {
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

  @Test
  void shouldLandEveryIntentOnceAndMissNoLogThrough20PercentFaultsAndAnOutage() throws Exception {
    DataSource db = pg.freshDatabase();
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE test_derived (poller TEXT, block_hash TEXT, log_index BIGINT, PRIMARY KEY (poller, block_hash, log_index))");
    }
    List<AutoCloseable> closing = new ArrayList<>();
    List<TxManager> managers = new ArrayList<>();
    for (int k = 3; k <= 4; k++) {
      ChainConnection chain = faultyConnection();
      closing.add(chain);
      managers.add(new TxManager(chain, db, io.pactum.protocol.crypto.EthKey.fromHex(Accounts.PRIVATE_KEYS.get(k)),
          TxManager.Config.defaults().withOwner("w8-" + k).withFinalityDepth(2)));
    }
    List<LogPoller> pollers = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      String name = "w8-" + p;
      ChainConnection chain = faultyConnection();
      closing.add(chain);
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

    // every worker on its own thread, as in the services; errors are the faults, counted
    AtomicBoolean running = new AtomicBoolean(true);
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    List<String> intents = new CopyOnWriteArrayList<>();
    for (int i = 0; i < managers.size(); i++) {
      TxManager m = managers.get(i);
      int key = i;
      threads.add(daemon(() -> {
        int submitted = 0;
        while (running.get()) {
          try {
            if (submitted < INTENTS_PER_KEY && served() > (long) submitted * CALLS / INTENTS_PER_KEY / 2) {
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

    boolean outageDone = false;
    while (served() < CALLS || intents.size() < 2 * INTENTS_PER_KEY) {
      if (!outageDone && served() > CALLS / 2) {
        proxy.outage(OUTAGE);
        Thread.sleep(OUTAGE.toMillis());
        outageDone = true;
      }
      Thread.sleep(100);
    }
    long calls = served();
    long faults = proxy.faults() - proxy.faults(FaultyRpcProxy.Fault.OUTAGE);
    // the faults stop; everything must settle by itself
    proxy.faultRate(0);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && !settled(managers, pollers, intents, db)) {
      Thread.sleep(200);
    }
    running.set(false);
    for (Thread t : threads) {
      t.join(5_000);
    }

    assertThat(unexpected).as("only transport faults, nothing else").isEmpty();
    for (String k : intents) {
      TxManager m = managers.get(Integer.parseInt(k.split("-")[1]));
      assertThat(m.find(k).orElseThrow().state()).as(k).isEqualTo(TxState.CONFIRMED);
      assertThat(landed(k)).as(k + " on chain").isEqualTo(1);
    }
    Set<String> canonical = keys(canonicalLogs());
    for (int p = 0; p < pollers.size(); p++) {
      assertThat(derived(db, "w8-" + p)).as("poller " + p + ": every log once, none missing").isEqualTo(canonical);
    }
    assertThat(calls).isGreaterThanOrEqualTo(CALLS);
    assertThat(100.0 * faults / calls).as("fault share of the calls answered").isBetween(15.0, 25.0);
    System.out.printf("W8: %d calls answered through the proxy, %d faults (%.1f %%: 503 %d, timeout %d, lost reply %d, empty logs %d, "
            + "stale head %d), plus a %d s outage (%d calls refused); %d intents on 2 keys each landed once; 3 pollers x %d logs, "
            + "0 missed, 0 duplicates%n", calls, faults, 100.0 * faults / calls,
        proxy.faults(FaultyRpcProxy.Fault.SERVER_ERROR), proxy.faults(FaultyRpcProxy.Fault.TIMEOUT),
        proxy.faults(FaultyRpcProxy.Fault.LOST_REPLY), proxy.faults(FaultyRpcProxy.Fault.EMPTY_LOGS),
        proxy.faults(FaultyRpcProxy.Fault.STALE_HEAD), OUTAGE.toSeconds(), proxy.faults(FaultyRpcProxy.Fault.OUTAGE),
        intents.size(), canonical.size());
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  /** Calls the proxy answered (well or badly), not counting those refused by the outage. */
  private long served() {
    return proxy.calls() - proxy.faults(FaultyRpcProxy.Fault.OUTAGE);
  }

  private boolean settled(List<TxManager> managers, List<LogPoller> pollers, List<String> intents, DataSource db)
      throws Exception {
    for (String k : intents) {
      TxManager m = managers.get(Integer.parseInt(k.split("-")[1]));
      if (m.find(k).orElseThrow().state() != TxState.CONFIRMED) {
        return false;
      }
    }
    Set<String> canonical = keys(canonicalLogs());
    for (int p = 0; p < pollers.size(); p++) {
      if (!derived(db, "w8-" + p).equals(canonical)) {
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
