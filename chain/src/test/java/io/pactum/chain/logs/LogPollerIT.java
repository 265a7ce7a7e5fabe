package io.pactum.chain.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.EmbeddedDb;
import io.pactum.chain.testing.TestContracts;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

class LogPollerIT {
  private static EmbeddedDb pg;
  private Anvil anvil;
  private ChainConnection chain;
  private DataSource db;
  private String emitter;
  private final Credentials sender = Accounts.credentials(1);
  private int payload;

  @BeforeAll
  static void startDb() {
    pg = EmbeddedDb.start();
  }

  @AfterAll
  static void stopDb() {
    pg.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    anvil = Anvil.start();
    chain = ChainConnection.open(anvil.url(), 31337L);
    db = pg.freshDatabase();
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE test_derived (poller TEXT, block_number BIGINT, block_hash TEXT, log_index BIGINT, data TEXT, "
          + "PRIMARY KEY (poller, block_hash, log_index))");
    }
    emitter = TestContracts.deployEmitter(anvil.web3j(), Accounts.credentials(0));
  }

  @AfterEach
  void tearDown() {
    chain.close();
    anvil.close();
  }

  private LogPoller poller(String name, LogPoller.Config config) {
    LogHandler handler = (c, log) -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO test_derived VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, name);
        ps.setLong(2, log.getBlockNumber().longValueExact());
        ps.setString(3, log.getBlockHash().toLowerCase());
        ps.setLong(4, log.getLogIndex().longValueExact());
        ps.setString(5, log.getData());
        ps.executeUpdate(); // a duplicate would violate the primary key and fail the tick
      }
    };
    ReorgListener onReorg = (c, ancestor) -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM test_derived WHERE poller = ? AND block_number > ?")) {
        ps.setString(1, name);
        ps.setLong(2, ancestor);
        ps.executeUpdate();
      }
    };
    return new LogPoller(chain, db, LogFilter.of(name, List.of(emitter), List.of(TestContracts.PING), 0), config, handler, onReorg);
  }

  private String emit() throws Exception {
    String data = "0x" + String.format("%064x", ++payload);
    String hash = TestContracts.sendRaw(anvil.web3j(), sender, emitter, data, BigInteger.valueOf(60_000));
    TestContracts.awaitReceipt(anvil.web3j(), hash);
    return hash;
  }

  private Set<String> derived(String poller) throws SQLException {
    Set<String> out = new TreeSet<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT block_hash, log_index, data FROM test_derived WHERE poller = ?")) {
      ps.setString(1, poller);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + "/" + rs.getLong(2) + "/" + rs.getString(3));
        }
      }
    }
    return out;
  }

  private Set<String> canonicalLogs() throws Exception {
    EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO), DefaultBlockParameter.valueOf(BigInteger.valueOf(anvil.blockNumber())), emitter);
    Set<String> out = new TreeSet<>();
    for (EthLog.LogResult<?> r : anvil.web3j().ethGetLogs(f).send().getLogs()) {
      Log l = (Log) r.get();
      out.add(l.getBlockHash().toLowerCase() + "/" + l.getLogIndex() + "/" + l.getData());
    }
    return out;
  }

  @Test
  void shouldProcessEveryEventExactlyOnceAfterDowntimeOf500Blocks() throws Exception {
    LogPoller first = poller("w5", LogPoller.Config.defaults().withMaxRange(100));
    for (int i = 0; i < 5; i++) {
      emit();
    }
    first.catchUp(100);
    assertThat(derived("w5")).hasSize(10);
    first.close(); // the worker goes down

    long before = anvil.blockNumber();
    for (int i = 0; i < 500; i++) { // 500 blocks, 2 events each
      emit();
    }
    assertThat(anvil.blockNumber() - before).isEqualTo(500);

    LogPoller restarted = poller("w5", LogPoller.Config.defaults().withMaxRange(100));
    assertThat(restarted.cursor()).isGreaterThanOrEqualTo(before - 1); // resumes from the stored cursor
    LogPoller.TickResult r = restarted.catchUp(1_000);
    assertThat(r.caughtUp()).isTrue();
    Set<String> got = derived("w5");
    assertThat(got).hasSize(1_010).isEqualTo(canonicalLogs());
    // another catch-up over the same range handles nothing twice
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE chain_log_cursor SET block_number = block_number - 50, block_hash = NULL WHERE name = 'w5'");
    }
    LogPoller.TickResult again = restarted.catchUp(100);
    assertThat(again.handled()).isZero();
    assertThat(derived("w5")).hasSize(1_010);
    System.out.printf("W5: 500 blocks down, 1000 events: processed %d, duplicates 0, missed %d%n",
        got.size() - 10, canonicalLogs().size() - got.size());
  }

  @Test
  void shouldEqualAReplayFromScratchAfterRandomReorgsDuringActivity() throws Exception {
    Random rnd = new Random(42);
    LogPoller live = poller("live", LogPoller.Config.defaults().withMaxRange(50));
    live.start(Duration.ofMillis(15));
    int reorgs = 0;
    int maxDepth = 0;
    for (int round = 0; round < 30; round++) {
      int n = 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        emit();
      }
      Thread.sleep(rnd.nextInt(40));
      int depth = 1 + rnd.nextInt(3);
      List<List<Object>> replacement = new ArrayList<>();
      for (int k = 0; k < rnd.nextInt(3); k++) {
        String data = "0x" + String.format("%064x", 1_000_000 + ++payload);
        replacement.add(List.of(Map.of("from", Accounts.address(2), "to", emitter, "data", data, "gas", "0x186a0"), rnd.nextInt(depth)));
      }
      anvil.reorg(depth, replacement);
      reorgs++;
      maxDepth = Math.max(maxDepth, depth);
      Thread.sleep(rnd.nextInt(40));
    }
    emit();
    Thread.sleep(300);
    live.close();
    live.catchUp(100);
    assertThat(live.healthy()).isTrue();

    LogPoller replay = poller("replay", LogPoller.Config.defaults());
    replay.catchUp(100);
    Set<String> canonical = canonicalLogs();
    assertThat(derived("live")).isEqualTo(derived("replay")).isEqualTo(canonical);
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM chain_processed_log WHERE name = 'live'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(canonical.size());
    }
    System.out.printf("W4: %d reorgs (depth 1..%d) during activity: %d canonical logs, live == replay, duplicates 0, missed 0%n",
        reorgs, maxDepth, canonical.size());
  }

  @Test
  void shouldRollBackDerivedRowsInTheSameTransaction() throws Exception {
    LogPoller p = poller("rb", LogPoller.Config.defaults());
    emit();
    emit();
    emit();
    p.catchUp(10);
    assertThat(derived("rb")).hasSize(6);
    anvil.reorg(2, List.of());
    LogPoller.TickResult r = p.tick();
    assertThat(r.reorg()).isTrue();
    assertThat(r.ancestor()).isEqualTo(anvil.blockNumber() - 2);
    assertThat(derived("rb")).hasSize(2); // the two blocks' logs are gone with the cursor
    p.catchUp(10);
    assertThat(derived("rb")).isEqualTo(canonicalLogs());
  }

  @Test
  void shouldHaltOnAReorgDeeperThanTheConfirmations() throws Exception {
    LogPoller p = poller("w7", LogPoller.Config.defaults().withConfirmations(2).haltingOnReorg());
    for (int i = 0; i < 6; i++) {
      emit();
    }
    p.catchUp(10);
    int handledBefore = derived("w7").size();
    anvil.reorg(2, List.of()); // within the confirmations: invisible to the poller
    p.catchUp(10);
    assertThat(p.healthy()).isTrue();
    anvil.reorg(3, List.of()); // K + 1
    assertThatThrownBy(() -> p.catchUp(10)).isInstanceOf(ReorgTooDeepException.class);
    assertThat(p.healthy()).isFalse();
    assertThat(derived("w7")).hasSize(handledBefore);
    assertThatThrownBy(p::tick).isInstanceOf(ReorgTooDeepException.class);
  }

  @Test
  void shouldProcessOnlyConfirmedBlocks() throws Exception {
    LogPoller p = poller("conf", LogPoller.Config.defaults().withConfirmations(3));
    for (int i = 0; i < 5; i++) {
      emit();
    }
    LogPoller.TickResult r = p.catchUp(10);
    assertThat(r.cursor()).isEqualTo(anvil.blockNumber() - 3);
    assertThat(derived("conf")).hasSize(4); // blocks 2..3 of 2..6 (block 1 deployed the emitter)
  }
}
