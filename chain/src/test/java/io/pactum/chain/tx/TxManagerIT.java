package io.pactum.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.errors.ProtocolError;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.EmbeddedDb;
import io.pactum.chain.testing.TestContracts;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

class TxManagerIT {
  private static EmbeddedDb pg;
  private Anvil anvil;
  private ChainConnection chain;
  private DataSource db;
  private String emitter;
  private final Credentials key = Accounts.credentials(3);
  private final TxManager.Config config = TxManager.Config.defaults().withOwner("worker-1").withFinalityDepth(4);

  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(String m) {
      super(m);
    }
  }

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
    emitter = TestContracts.deployEmitter(anvil.web3j(), Accounts.credentials(0));
  }

  @AfterEach
  void tearDown() {
    chain.close();
    anvil.close();
  }

  private static byte[] payload(String k) {
    return Numeric.hexStringToByteArray(org.web3j.crypto.Hash.sha3String(k));
  }

  /** How many times the call of intent {@code k} is on the canonical chain (the emitter logs twice per call). */
  private int landed(String k) throws Exception {
    EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO), DefaultBlockParameterName.LATEST, emitter);
    String want = Numeric.toHexString(payload(k));
    int n = 0;
    for (EthLog.LogResult<?> r : anvil.web3j().ethGetLogs(f).send().getLogs()) {
      if (((Log) r.get()).getData().equalsIgnoreCase(want)) {
        n++;
      }
    }
    return n / 2;
  }

  private long chainNonce() throws Exception {
    return anvil.web3j().ethGetTransactionCount(key.getAddress(), DefaultBlockParameterName.LATEST).send().getTransactionCount().longValueExact();
  }

  private List<Long> storedNonces() throws Exception {
    List<Long> out = new ArrayList<>();
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT nonce FROM chain_tx_intent WHERE nonce IS NOT NULL ORDER BY nonce")) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  private void assertNoNonceGaps() throws Exception {
    List<Long> nonces = storedNonces();
    for (int i = 0; i < nonces.size(); i++) {
      assertThat(nonces.get(i)).isEqualTo((long) i);
    }
    assertThat(chainNonce()).isEqualTo(nonces.size());
  }

  @Test
  void shouldLandExactlyOnceWhenKilledAtEveryPoint() throws Exception {
    int crashes = 0;
    int intents = 0;
    int duplicates = 0;
    int missed = 0;
    for (TxManager.Point point : TxManager.Point.values()) {
      for (int run = 0; run < 3; run++) {
        AtomicBoolean armed = new AtomicBoolean(true);
        AtomicInteger injected = new AtomicInteger();
        TxManager.Hooks crashOnce = (p, id) -> {
          if (p == point && armed.getAndSet(false)) {
            injected.incrementAndGet();
            throw new SimulatedCrash(p + " intent " + id);
          }
        };
        List<String> keys = List.of(point + "-" + run + "-a", point + "-" + run + "-b", point + "-" + run + "-c");
        TxManager first = new TxManager(chain, db, key, config, crashOnce);
        try {
          for (String k : keys) {
            first.submit(k, emitter, payload(k), BigInteger.ZERO, null);
          }
          for (int t = 0; t < 5; t++) {
            first.tick();
          }
        } catch (SimulatedCrash expected) {
          // the process dies here: the instance is dropped without any clean-up
        }
        crashes += injected.get();

        TxManager restarted = new TxManager(chain, db, key, config);
        for (String k : keys) { // the caller retries its submit after the restart: same key, same intent
          restarted.submit(k, emitter, payload(k), BigInteger.ZERO, null);
        }
        for (String k : keys) {
          TxIntent done = restarted.awaitFinal(k, 0, Duration.ofSeconds(20));
          assertThat(done.state()).as(k).isEqualTo(TxState.CONFIRMED);
          int n = landed(k);
          duplicates += Math.max(0, n - 1);
          missed += n == 0 ? 1 : 0;
          intents++;
        }
      }
    }
    assertThat(crashes).isEqualTo(12);
    assertThat(duplicates).isZero();
    assertThat(missed).isZero();
    assertNoNonceGaps();
    System.out.printf("W1: %d crashes injected (4 points x 3 runs), %d intents: duplicates %d, missed %d, nonce gaps 0 (chain nonce %d)%n",
        crashes, intents, duplicates, missed, chainNonce());
  }

  @Test
  void shouldReturnTheExistingIntentForARepeatedKey() throws Exception {
    TxManager m = new TxManager(chain, db, key, config);
    TxIntent a = m.submit("same", emitter, payload("same"), BigInteger.ZERO, null);
    TxIntent b = m.submit("same", emitter, payload("same"), BigInteger.ZERO, null);
    assertThat(b.id()).isEqualTo(a.id());
    m.awaitFinal("same", 0, Duration.ofSeconds(10));
    TxIntent c = m.submit("same", emitter, payload("same"), BigInteger.ZERO, null);
    assertThat(c.state()).isEqualTo(TxState.CONFIRMED);
    for (int i = 0; i < 3; i++) {
      m.tick();
    }
    assertThat(landed("same")).isEqualTo(1);
  }

  @Test
  void shouldRejectARevertingCallInTheDryRunWithoutUsingANonce() throws Exception {
    String reverter = TestContracts.deployReverter(anvil.web3j(), Accounts.credentials(0));
    byte[] dealId = new byte[32];
    dealId[0] = 1;
    List<Type> args = List.of(new Bytes32(dealId), new Uint256(1234));
    byte[] revertData = Numeric.hexStringToByteArray(ProtocolError.DEAL_DEADLINE_PASSED.selector() + FunctionEncoder.encodeConstructor(args));
    TxManager m = new TxManager(chain, db, key, config);
    m.submit("bad", reverter, revertData, BigInteger.ZERO, null);
    m.submit("good", emitter, payload("good"), BigInteger.ZERO, null);
    TxIntent bad = m.awaitFinal("bad", 0, Duration.ofSeconds(10));
    assertThat(bad.state()).isEqualTo(TxState.REVERTED);
    assertThat(bad.rejectedByDryRun()).isTrue();
    assertThat(bad.revertReason().orElseThrow().is(ProtocolError.DEAL_DEADLINE_PASSED)).isTrue();
    assertThat(bad.revertReason().orElseThrow().arg("deadline")).isEqualTo(BigInteger.valueOf(1234));
    assertThat(m.awaitFinal("good", 0, Duration.ofSeconds(10)).state()).isEqualTo(TxState.CONFIRMED);
    assertNoNonceGaps();

    // with the dry run off the revert happens on chain and is decoded from a replay
    TxManager noDry = new TxManager(chain, db, key, config.withDryRun(false));
    noDry.submit("bad-on-chain", reverter, revertData, BigInteger.ZERO, BigInteger.valueOf(100_000));
    TxIntent mined = noDry.awaitFinal("bad-on-chain", 0, Duration.ofSeconds(10));
    assertThat(mined.state()).isEqualTo(TxState.REVERTED);
    assertThat(mined.txHash()).isNotNull();
    assertThat(mined.error()).startsWith("DealDeadlinePassed(");
  }

  @Test
  void shouldLetOnlyTheLeaseHolderSendAndRecoverFromAnOutsideTransaction() throws Exception {
    TxManager.Config shortLease = config.withLease(Duration.ofSeconds(2));
    TxManager a = new TxManager(chain, db, key, shortLease.withOwner("instance-a"));
    TxManager b = new TxManager(chain, db, key, shortLease.withOwner("instance-b"));
    a.start();
    b.start();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String k = "w2-" + i;
      keys.add(k);
      (i % 2 == 0 ? a : b).submit(k, emitter, payload(k), BigInteger.ZERO, null);
    }
    for (String k : keys) {
      assertThat(a.awaitFinal(k, 0, Duration.ofSeconds(20)).state()).isEqualTo(TxState.CONFIRMED);
    }
    assertThat(a.leaseHeld() ^ b.leaseHeld()).isTrue();
    TxManager holder = a.leaseHeld() ? a : b;
    TxManager other = holder == a ? b : a;

    // an outside transaction from the same key takes the nonce the manager will use next
    TestContracts.awaitReceipt(anvil.web3j(), TestContracts.sendRaw(anvil.web3j(), key, emitter, "0x01", BigInteger.valueOf(60_000)));
    holder.submit("w2-after-outside", emitter, payload("w2-after-outside"), BigInteger.ZERO, null);
    assertThat(holder.awaitFinal("w2-after-outside", 0, Duration.ofSeconds(20)).state()).isEqualTo(TxState.CONFIRMED);

    // the holder dies; the other instance takes the lease over once it expires
    holder.close();
    other.submit("w2-takeover", emitter, payload("w2-takeover"), BigInteger.ZERO, null);
    assertThat(other.awaitFinal("w2-takeover", 0, Duration.ofSeconds(20)).state()).isEqualTo(TxState.CONFIRMED);
    assertThat(other.leaseHeld()).isTrue();
    other.close();
    keys.add("w2-after-outside");
    keys.add("w2-takeover");
    for (String k : keys) {
      assertThat(landed(k)).as(k).isEqualTo(1);
    }
    assertThat(chainNonce()).isEqualTo(keys.size() + 1); // ours + the outside one
  }

  @Test
  void shouldBumpFeesUntilMinedUnderAFeeSpike() throws Exception {
    BigInteger cap = BigInteger.valueOf(200_000_000_000L);
    TxManager m = new TxManager(chain, db, key, config.withFees(BigInteger.valueOf(1_000_000_000L), cap, 1, 25));
    int runs = Integer.getInteger("pactum.w3.runs", 100);
    int maxBlocks = 0;
    int bumps = 0;
    int dropped = 0;
    for (int run = 0; run < runs; run++) {
      anvil.setNextBaseFee(BigInteger.valueOf(1_000_000_000L)); // each run starts from the same calm chain
      anvil.mine();
      anvil.setAutomine(false);
      String k = "w3-" + run;
      m.submit(k, emitter, payload(k), BigInteger.ZERO, null);
      m.tick(); // signed and broadcast at the current fees
      boolean drop = run % 4 == 3;
      if (drop) { // every fourth run the node also loses the transaction from its pool
        anvil.rpc("anvil_dropTransaction", firstHash(k));
        dropped++;
      }
      long start = anvil.blockNumber();
      BigInteger firstMax = maxFee(k, true);
      BigInteger spike = firstMax.multiply(BigInteger.TWO); // the base fee doubles above what we offered
      int blocks = 0;
      while (m.find(k).orElseThrow().state() != TxState.CONFIRMED && blocks < 20) {
        anvil.setNextBaseFee(spike);
        anvil.mine();
        blocks++;
        m.tick();
      }
      anvil.setAutomine(true);
      assertThat(m.find(k).orElseThrow().state()).isEqualTo(TxState.CONFIRMED);
      assertThat(blocks).isLessThanOrEqualTo(10);
      assertThat(maxFee(k, false)).isLessThanOrEqualTo(cap);
      assertThat(landed(k)).isEqualTo(1);
      maxBlocks = Math.max(maxBlocks, blocks);
      bumps += attempts(k) - 1;
    }
    assertThat(bumps).isGreaterThanOrEqualTo(runs);
    System.out.printf("W3: fee spike x2 (%d runs also dropped from the pool): mined in <= %d blocks in %d of %d runs, "
        + "%d fee bumps, fees under the cap%n", dropped, maxBlocks, runs, runs, bumps);
  }

  private int attempts(String k) throws Exception {
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM chain_tx_attempt a JOIN chain_tx_intent i ON i.id = a.intent_id "
            + "WHERE i.idempotency_key = '" + k + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private String firstHash(String k) throws Exception {
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT a.tx_hash FROM chain_tx_attempt a JOIN chain_tx_intent i ON i.id = a.intent_id "
            + "WHERE i.idempotency_key = '" + k + "' ORDER BY a.id ASC LIMIT 1")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private BigInteger maxFee(String k, boolean first) throws Exception {
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT a.max_fee_per_gas FROM chain_tx_attempt a JOIN chain_tx_intent i ON i.id = a.intent_id "
            + "WHERE i.idempotency_key = '" + k + "' ORDER BY a.id " + (first ? "ASC" : "DESC") + " LIMIT 1")) {
      rs.next();
      return rs.getBigDecimal(1).toBigIntegerExact();
    }
  }

  @Test
  void shouldResendTransactionsRemovedByReorgsAndLandThemOnce() throws Exception {
    Random rnd = new Random(7);
    TxManager m = new TxManager(chain, db, key, config);
    List<String> keys = new ArrayList<>();
    int reorgs = 0;
    for (int round = 0; round < 8; round++) {
      for (int i = 0; i < 2; i++) {
        String k = "w4-" + round + "-" + i;
        keys.add(k);
        m.submit(k, emitter, payload(k), BigInteger.ZERO, null);
      }
      m.tick();
      m.tick();
      anvil.reorg(1 + rnd.nextInt(3), List.of());
      reorgs++;
      m.tick();
    }
    for (int t = 0; t < 3; t++) {
      m.tick();
    }
    anvil.mine(3);
    for (String k : keys) {
      TxIntent done = m.awaitFinal(k, 2, Duration.ofSeconds(30));
      assertThat(done.state()).isEqualTo(TxState.CONFIRMED);
      assertThat(chain.receipt(done.txHash()).getBlockHash()).isEqualToIgnoringCase(done.receiptBlockHash());
      assertThat(landed(k)).as(k).isEqualTo(1);
    }
    assertNoNonceGaps();
    System.out.printf("W4 (tx): %d reorgs of depth 1..3, %d intents each on the canonical chain exactly once%n", reorgs, keys.size());
  }
}
