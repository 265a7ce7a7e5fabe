package io.pactum.chain.tx;

import io.pactum.chain.errors.RevertReason;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.rpc.RpcException;
import io.pactum.protocol.crypto.EthKey;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Durable transaction manager for one sending key (W1-W3, W7), after Chainlink's txmgr.
 *
 * <ol>
 *   <li>{@link #submit} stores an intent under a unique idempotency key; a second submit with the
 *       same key returns the stored intent and never produces a second transaction.
 *   <li>The sender (in {@link #tick()}), holding the key's lease, dry-runs the call with {@code
 *       eth_call}, takes the next nonce from the lease row, signs an EIP-1559 transaction
 *       (EIP-155 chain id) and stores nonce, signed bytes and hash in one database transaction
 *       ({@code in_progress}), then broadcasts ({@code unconfirmed}). After a crash the stored
 *       bytes are re-sent unchanged.
 *   <li>The confirmer looks up the receipts of all attempts: any receipt closes the intent
 *       ({@code confirmed} or {@code reverted}, the revert decoded by replaying the call). Without a
 *       receipt after {@code bumpAfterBlocks} blocks it signs a new attempt with the same nonce and
 *       fees raised by {@code bumpPercent} (at least 15 %), capped at {@code maxFeePerGas}.
 *   <li>Receipts of closed intents are re-checked until {@code finalityDepth} blocks deep: an
 *       intent whose receipt disappears in a reorg goes back to {@code unconfirmed} and its bytes
 *       are sent again.
 * </ol>
 *
 * <p><b>Dry run.</b> Before a nonce is assigned the call is executed with {@code eth_call} against
 * the latest block. If it reverts, the intent is marked {@code reverted} with the decoded error
 * and nothing is sent: no gas is burnt and no nonce is used, so a doomed call cannot leave a nonce
 * gap either. The state may still change between the dry run and inclusion; such a transaction is
 * mined, reverts, and is recorded as reverted from its receipt. Callers that want a revert on
 * chain anyway (rare) can disable the dry run in {@link Config}.
 *
 * <p><b>Nonces.</b> One writer per key: a lease row (owner, expiry) in {@code chain_nonce_lease}.
 * On acquiring it an instance syncs the next nonce to {@code max(eth_getTransactionCount(pending),
 * highest stored nonce + 1)}; each nonce is taken by a fenced update of the lease row (owner and
 * expiry checked) in the transaction that stores the signed bytes. "nonce too low" on a send
 * first checks our own attempts' receipts; only when none of ours was mined is the nonce
 * considered taken by an outside transaction, and the intent gets a new nonce.
 */
public final class TxManager implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TxManager.class);

  /** Where a test can inject a crash (the hook throws; the instance is then abandoned). */
  public enum Point { AFTER_INTENT, AFTER_SIGN, AFTER_BROADCAST, AFTER_RECEIPT }

  /** Test hook called at each {@link Point}. */
  @FunctionalInterface
  public interface Hooks {
    Hooks NONE = (p, id) -> {};

    void at(Point point, long intentId);
  }

  /**
   * @param owner this instance's lease owner id (stable across restarts of one instance)
   * @param leaseDuration how long a lease lasts without renewal
   * @param bumpAfterBlocks blocks without a receipt before a fee bump
   * @param bumpPercent fee increase per bump, at least 15
   * @param maxFeePerGas cap on {@code maxFeePerGas} for any attempt
   * @param priorityFee initial {@code maxPriorityFeePerGas}
   * @param finalityDepth receipts are re-checked until this deep
   * @param gasMultiplier estimated gas is multiplied by this
   * @param dryRun execute with eth_call before assigning a nonce
   * @param pollInterval background loop period
   * @param urgentSeconds W9: an intent with a deadline less than this far away (chain time) is
   *     bumped every block, by twice {@code bumpPercent}
   */
  public record Config(String owner, Duration leaseDuration, int bumpAfterBlocks, int bumpPercent, BigInteger maxFeePerGas,
      BigInteger priorityFee, int finalityDepth, double gasMultiplier, boolean dryRun, Duration pollInterval,
      long urgentSeconds) {
    public Config {
      Objects.requireNonNull(owner);
      if (bumpPercent < 15) {
        throw new IllegalArgumentException("bumpPercent must be at least 15");
      }
      if (bumpAfterBlocks < 1 || finalityDepth < 0 || gasMultiplier < 1 || urgentSeconds < 0) {
        throw new IllegalArgumentException("bad tx manager config");
      }
    }

    public static Config defaults() {
      return new Config(UUID.randomUUID().toString(), Duration.ofSeconds(30), 3, 20, BigInteger.valueOf(500_000_000_000L),
          BigInteger.valueOf(1_000_000_000L), 12, 1.25, true, Duration.ofMillis(100), 120);
    }

    public Config withOwner(String o) {
      return new Config(o, leaseDuration, bumpAfterBlocks, bumpPercent, maxFeePerGas, priorityFee, finalityDepth, gasMultiplier, dryRun, pollInterval, urgentSeconds);
    }

    public Config withLease(Duration d) {
      return new Config(owner, d, bumpAfterBlocks, bumpPercent, maxFeePerGas, priorityFee, finalityDepth, gasMultiplier, dryRun, pollInterval, urgentSeconds);
    }

    public Config withFees(BigInteger priority, BigInteger maxFee, int bumpAfter, int percent) {
      return new Config(owner, leaseDuration, bumpAfter, percent, maxFee, priority, finalityDepth, gasMultiplier, dryRun, pollInterval, urgentSeconds);
    }

    public Config withDryRun(boolean on) {
      return new Config(owner, leaseDuration, bumpAfterBlocks, bumpPercent, maxFeePerGas, priorityFee, finalityDepth, gasMultiplier, on, pollInterval, urgentSeconds);
    }

    public Config withUrgentSeconds(long seconds) {
      return new Config(owner, leaseDuration, bumpAfterBlocks, bumpPercent, maxFeePerGas, priorityFee, finalityDepth, gasMultiplier,
          dryRun, pollInterval, seconds);
    }

    public Config withFinalityDepth(int d) {
      return new Config(owner, leaseDuration, bumpAfterBlocks, bumpPercent, maxFeePerGas, priorityFee, d, gasMultiplier, dryRun, pollInterval, urgentSeconds);
    }
  }

  private record Attempt(long id, long intentId, long nonce, String txHash, byte[] signed, BigInteger maxFee, BigInteger priorityFee,
      BigInteger gasLimit, Long broadcastBlock) {}

  private static final String INTENT_COLUMNS =
      "id, idempotency_key, from_address, to_address, data, value, gas_limit, state, nonce, tx_hash, receipt_block, "
          + "receipt_block_hash, gas_used, final, error, revert_data, deadline, deadline_missed";

  private final ChainConnection chain;
  private final DataSource db;
  private final Credentials credentials;
  private final String from;
  private final Config config;
  private final Hooks hooks;
  private volatile boolean nonceSynced;
  private volatile boolean leaseHeld;
  private ScheduledExecutorService loop;
  private volatile Throwable lastError;
  private final java.util.concurrent.atomic.AtomicLong missedDeadlines = new java.util.concurrent.atomic.AtomicLong();

  public TxManager(ChainConnection chain, DataSource db, Credentials credentials, Config config) {
    this(chain, db, credentials, config, Hooks.NONE);
  }

  /** For the services: the key stays a protocol {@link EthKey}; web3j's Credentials are made here, inside chain/. */
  public TxManager(ChainConnection chain, DataSource db, EthKey key, Config config) {
    this(chain, db, key, config, Hooks.NONE);
  }

  public TxManager(ChainConnection chain, DataSource db, EthKey key, Config config, Hooks hooks) {
    this(chain, db, Credentials.create(Objects.requireNonNull(key, "key").privateKeyHex()), config, hooks);
  }

  public TxManager(ChainConnection chain, DataSource db, Credentials credentials, Config config, Hooks hooks) {
    this.chain = chain;
    this.db = db;
    this.credentials = credentials;
    this.from = credentials.getAddress().toLowerCase();
    this.config = config;
    this.hooks = hooks;
  }

  public String from() {
    return from;
  }

  /** True when this instance held the key's lease at its last tick. */
  public boolean leaseHeld() {
    return leaseHeld;
  }

  /** W9: intents that had not landed by their deadline (each counted once, with an ERROR "ALERT" line). */
  public long missedDeadlines() {
    return missedDeadlines.get();
  }

  /** The head's timestamp: the chain time deadlines are measured in. */
  private long chainTime() throws IOException {
    return chain.latestHeader().getTimestamp().longValueExact();
  }

  public Throwable lastError() {
    return lastError;
  }

  // ------------------------------------------------------------------ submit

  /**
   * Stores an intent (idempotent on {@code idempotencyKey}). {@code gasLimit} null: estimate.
   * Returns the stored intent: for a key already used, the existing one, whatever its state.
   */
  public TxIntent submit(String idempotencyKey, String to, byte[] data, BigInteger value, BigInteger gasLimit) throws SQLException {
    return submit(idempotencyKey, to, data, value, gasLimit, null);
  }

  /**
   * As {@link #submit(String, String, byte[], BigInteger, BigInteger)}, with the chain time
   * ({@code deadline}, unix seconds, null for none) the transaction must land by (W9): within
   * {@code urgentSeconds} of it the fees rise every block; past it one alert is raised.
   */
  public TxIntent submit(String idempotencyKey, String to, byte[] data, BigInteger value, BigInteger gasLimit, Long deadline)
      throws SQLException {
    Objects.requireNonNull(idempotencyKey);
    Objects.requireNonNull(to);
    Long id = null;
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO chain_tx_intent (idempotency_key, from_address, to_address, data, value, gas_limit, deadline) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id")) {
      ps.setString(1, idempotencyKey);
      ps.setString(2, from);
      ps.setString(3, to.toLowerCase());
      ps.setBytes(4, data == null ? new byte[0] : data);
      ps.setBigDecimal(5, new BigDecimal(value == null ? BigInteger.ZERO : value));
      ps.setBigDecimal(6, gasLimit == null ? null : new BigDecimal(gasLimit));
      if (deadline == null) {
        ps.setNull(7, java.sql.Types.BIGINT);
      } else {
        ps.setLong(7, deadline);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          id = rs.getLong(1);
        }
      }
    }
    TxIntent intent = find(idempotencyKey).orElseThrow();
    if (id != null) {
      hooks.at(Point.AFTER_INTENT, id);
    } else if (!intent.to().equalsIgnoreCase(to) || !java.util.Arrays.equals(intent.data(), data == null ? new byte[0] : data)) {
      LOG.warnf("intent %s resubmitted with different call data: keeping the stored one", idempotencyKey);
    }
    return intent;
  }

  public Optional<TxIntent> find(String idempotencyKey) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + INTENT_COLUMNS + " FROM chain_tx_intent WHERE idempotency_key = ?")) {
      ps.setString(1, idempotencyKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(intent(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Waits until the intent is closed and its receipt is {@code confirmations} blocks deep and still
   * on the canonical chain (or it failed / was refused by the dry run). Ticks the manager itself
   * when its background loop is not running.
   */
  public TxIntent awaitFinal(String idempotencyKey, int confirmations, Duration timeout)
      throws TimeoutException, IOException, SQLException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (loop == null) {
        tick();
      }
      TxIntent i = find(idempotencyKey).orElseThrow(() -> new IllegalArgumentException("no intent " + idempotencyKey));
      if (i.state() == TxState.FAILED || i.rejectedByDryRun()) {
        return i;
      }
      if ((i.state() == TxState.CONFIRMED || i.state() == TxState.REVERTED) && i.receiptBlock() != null
          && i.receiptBlock() + confirmations <= chain.blockNumber()) {
        TransactionReceipt r = chain.receipt(i.txHash());
        if (r != null && r.getBlockHash().equalsIgnoreCase(i.receiptBlockHash())) {
          return i;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(idempotencyKey + " not final after " + timeout + " (state " + i.state() + ")");
      }
      Thread.sleep(Math.max(10, config.pollInterval().toMillis()));
    }
  }

  // ------------------------------------------------------------------ loop

  public synchronized void start() {
    if (loop != null) {
      return;
    }
    loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tx-manager-" + from.substring(0, 8));
      t.setDaemon(true);
      return t;
    });
    loop.scheduleWithFixedDelay(() -> {
      try {
        tick();
        lastError = null;
      } catch (Exception e) {
        lastError = e;
        LOG.warnf("tx manager %s tick failed: %s", from, e.toString());
      }
    }, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One round: renew the lease, re-send signed attempts, send new intents, confirm, re-check receipts. */
  public synchronized void tick() throws IOException, SQLException {
    if (!acquireLease()) {
      leaseHeld = false;
      return;
    }
    leaseHeld = true;
    long head = chain.blockNumber();
    for (TxIntent i : intents("state = 'in_progress'", 100)) {
      Attempt a = latestAttempt(i.id());
      if (a != null) {
        broadcast(i, a, head);
      }
    }
    for (TxIntent i : intents("state = 'unstarted'", 50)) {
      if (!send(i, head)) {
        break;
      }
    }
    for (TxIntent i : intents("state = 'unconfirmed'", 200)) {
      confirm(i, head);
    }
    recheck(head);
  }

  // ------------------------------------------------------------------ lease and nonce

  private boolean acquireLease() throws SQLException, IOException {
    long next;
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO chain_nonce_lease (from_address, owner, expires_at, next_nonce) VALUES (?, ?, now() + ? * interval '1 millisecond', -1) "
                + "ON CONFLICT (from_address) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at, "
                + "next_nonce = CASE WHEN chain_nonce_lease.owner = EXCLUDED.owner THEN chain_nonce_lease.next_nonce ELSE -1 END "
                + "WHERE chain_nonce_lease.owner = EXCLUDED.owner OR chain_nonce_lease.expires_at < now() RETURNING next_nonce")) {
      ps.setString(1, from);
      ps.setString(2, config.owner());
      ps.setLong(3, config.leaseDuration().toMillis());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          nonceSynced = false;
          return false;
        }
        next = rs.getLong(1);
      }
    }
    if (next < 0 || !nonceSynced) {
      syncNonce();
    }
    return true;
  }

  private void syncNonce() throws IOException, SQLException {
    long pending = chain.send(chain.web3j().ethGetTransactionCount(from, DefaultBlockParameterName.PENDING))
        .getTransactionCount().longValueExact();
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE chain_nonce_lease SET next_nonce = GREATEST(?, (SELECT COALESCE(MAX(nonce) + 1, 0) FROM chain_tx_intent WHERE from_address = ?)) "
                + "WHERE from_address = ? AND owner = ? RETURNING next_nonce")) {
      ps.setLong(1, pending);
      ps.setString(2, from);
      ps.setString(3, from);
      ps.setString(4, config.owner());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          LOG.debugf("%s: nonce synced to %d (chain pending %d)", from, rs.getLong(1), pending);
          nonceSynced = true;
        }
      }
    }
  }

  // ------------------------------------------------------------------ send

  /** Dry-runs, assigns a nonce, signs, stores, broadcasts. False when the lease was lost. */
  private boolean send(TxIntent i, long head) throws IOException, SQLException {
    String dataHex = Numeric.toHexString(i.data());
    Transaction call = Transaction.createFunctionCallTransaction(from, null, null, null, i.to(), i.value(), dataHex);
    if (config.dryRun()) {
      try {
        chain.send(chain.web3j().ethCall(call, DefaultBlockParameterName.PENDING));
      } catch (RpcException e) {
        if (isRevert(e)) {
          if (!earlierOpen(i)) {
            markRejected(i, e);
          } // else: it may depend on an earlier intent still in flight; retried next tick
          return true;
        }
        throw e;
      }
    }
    BigInteger gasLimit = i.gasLimit();
    if (gasLimit == null) {
      try {
        BigInteger est = chain.send(chain.web3j().ethEstimateGas(call)).getAmountUsed();
        gasLimit = new BigDecimal(est).multiply(BigDecimal.valueOf(config.gasMultiplier())).toBigInteger().add(BigInteger.valueOf(10_000));
      } catch (RpcException e) {
        if (isRevert(e)) {
          if (!earlierOpen(i)) {
            markRejected(i, e);
          } // else: it may depend on an earlier intent still in flight; retried next tick
          return true;
        }
        throw e;
      }
    }
    BigInteger[] fees = currentFees();
    Attempt a;
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        long nonce;
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE chain_nonce_lease SET next_nonce = next_nonce + 1 WHERE from_address = ? AND owner = ? AND expires_at > now() "
                + "AND next_nonce >= 0 RETURNING next_nonce - 1")) {
          ps.setString(1, from);
          ps.setString(2, config.owner());
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              c.rollback();
              return false;
            }
            nonce = rs.getLong(1);
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE chain_tx_intent SET state = 'in_progress', nonce = ?, gas_limit = ?, updated_at = now() WHERE id = ? AND state = 'unstarted'")) {
          ps.setLong(1, nonce);
          ps.setBigDecimal(2, new BigDecimal(gasLimit));
          ps.setLong(3, i.id());
          if (ps.executeUpdate() != 1) {
            c.rollback();
            return true;
          }
        }
        a = insertAttempt(c, i, nonce, gasLimit, fees[0], fees[1]);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    hooks.at(Point.AFTER_SIGN, i.id());
    broadcast(i, a, head);
    return true;
  }

  private Attempt insertAttempt(Connection c, TxIntent i, long nonce, BigInteger gasLimit, BigInteger priority, BigInteger maxFee) throws SQLException {
    RawTransaction raw = RawTransaction.createTransaction(chain.chainId(), BigInteger.valueOf(nonce), gasLimit, i.to(), i.value(),
        Numeric.toHexString(i.data()), priority, maxFee);
    byte[] signed = TransactionEncoder.signMessage(raw, credentials);
    String hash = Numeric.toHexString(Hash.sha3(signed));
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO chain_tx_attempt (intent_id, nonce, tx_hash, signed_raw, max_fee_per_gas, max_priority_fee_per_gas, gas_limit) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setLong(1, i.id());
      ps.setLong(2, nonce);
      ps.setString(3, hash);
      ps.setBytes(4, signed);
      ps.setBigDecimal(5, new BigDecimal(maxFee));
      ps.setBigDecimal(6, new BigDecimal(priority));
      ps.setBigDecimal(7, new BigDecimal(gasLimit));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Attempt(rs.getLong(1), i.id(), nonce, hash, signed, maxFee, priority, gasLimit, null);
      }
    }
  }

  /** {maxPriorityFeePerGas, maxFeePerGas} for a new transaction. */
  private BigInteger[] currentFees() throws IOException {
    EthBlock.Block latest = chain.latestHeader();
    BigInteger base = latest.getBaseFeePerGas() == null ? BigInteger.ZERO : latest.getBaseFeePerGas();
    BigInteger priority = config.priorityFee().min(config.maxFeePerGas());
    BigInteger max = base.multiply(BigInteger.TWO).add(priority).min(config.maxFeePerGas());
    return new BigInteger[] {priority, max};
  }

  /** Sends stored bytes; marks the intent unconfirmed. Errors leave it for the next tick. */
  private void broadcast(TxIntent i, Attempt a, long head) throws IOException, SQLException {
    try {
      chain.send(chain.web3j().ethSendRawTransaction(Numeric.toHexString(a.signed())));
    } catch (RpcException e) {
      if (e.mentions("nonce too low", "nonce is too low", "noncetoolow", "already been used", "old nonce")) {
        onNonceTooLow(i);
        return;
      }
      if (!e.mentions("already known", "known transaction", "already imported", "already exists", "underpriced")) {
        LOG.warnf("broadcast of %s (%s) refused: %s", i.idempotencyKey(), a.txHash(), e.rpcMessage());
        return;
      }
    }
    hooks.at(Point.AFTER_BROADCAST, i.id());
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement pa = c.prepareStatement("UPDATE chain_tx_attempt SET broadcast_block = COALESCE(broadcast_block, ?) WHERE id = ?");
          PreparedStatement pi = c.prepareStatement(
              "UPDATE chain_tx_intent SET state = 'unconfirmed', updated_at = now() WHERE id = ? AND state = 'in_progress'")) {
        pa.setLong(1, head);
        pa.setLong(2, a.id());
        pa.executeUpdate();
        pi.setLong(1, i.id());
        pi.executeUpdate();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** The nonce is used: by one of our attempts (then confirm it), or by an outside transaction. */
  private void onNonceTooLow(TxIntent i) throws IOException, SQLException {
    for (Attempt a : attempts(i.id())) {
      if (chain.receipt(a.txHash()) != null) {
        try (Connection c = db.getConnection();
            PreparedStatement ps = c.prepareStatement("UPDATE chain_tx_intent SET state = 'unconfirmed', updated_at = now() WHERE id = ? AND state = 'in_progress'")) {
          ps.setLong(1, i.id());
          ps.executeUpdate();
        }
        return;
      }
    }
    long mined = chain.send(chain.web3j().ethGetTransactionCount(from, DefaultBlockParameterName.LATEST)).getTransactionCount().longValueExact();
    if (i.nonce() != null && mined > i.nonce()) {
      LOG.warnf("%s: nonce %d was used by a transaction outside this manager; %s gets a new nonce", from, i.nonce(), i.idempotencyKey());
      try (Connection c = db.getConnection()) {
        c.setAutoCommit(false);
        try (PreparedStatement d = c.prepareStatement("DELETE FROM chain_tx_attempt WHERE intent_id = ?");
            PreparedStatement u = c.prepareStatement(
                "UPDATE chain_tx_intent SET state = 'unstarted', nonce = NULL, updated_at = now() WHERE id = ? AND state IN ('in_progress', 'unconfirmed')")) {
          d.setLong(1, i.id());
          d.executeUpdate();
          u.setLong(1, i.id());
          u.executeUpdate();
          c.commit();
        } catch (SQLException e) {
          c.rollback();
          throw e;
        }
      }
      nonceSynced = false; // re-sync from the chain before the next assignment
    }
  }

  private void markRejected(TxIntent i, RpcException e) throws SQLException {
    RevertReason reason = RevertReason.decode(e.data());
    LOG.infof("intent %s refused by dry run: %s", i.idempotencyKey(), reason.message());
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE chain_tx_intent SET state = 'reverted', error = ?, revert_data = ?, updated_at = now() WHERE id = ? AND state = 'unstarted'")) {
      ps.setString(1, "dry run: " + reason.message());
      ps.setBytes(2, e.data() == null ? null : Numeric.hexStringToByteArray(e.data()));
      ps.setLong(3, i.id());
      ps.executeUpdate();
    }
  }

  private boolean earlierOpen(TxIntent i) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT 1 FROM chain_tx_intent WHERE from_address = ? AND id < ? AND state IN ('in_progress', 'unconfirmed') LIMIT 1")) {
      ps.setString(1, from);
      ps.setLong(2, i.id());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static boolean isRevert(RpcException e) {
    return e.code() == 3 || e.mentions("revert");
  }

  // ------------------------------------------------------------------ confirm

  private void confirm(TxIntent i, long head) throws IOException, SQLException {
    List<Attempt> attempts = attempts(i.id());
    for (Attempt a : attempts) {
      TransactionReceipt r = chain.receipt(a.txHash());
      if (r != null) {
        close(i, a, r);
        return;
      }
    }
    if (attempts.isEmpty()) {
      return;
    }
    Attempt last = attempts.get(attempts.size() - 1);
    long since = last.broadcastBlock() == null ? 0 : head - last.broadcastBlock();
    boolean urgent = false;
    if (i.deadline() != null) {
      long now = chainTime();
      urgent = now >= i.deadline() - config.urgentSeconds();
      if (now > i.deadline() && !i.deadlineMissed()) {
        missedDeadlines.incrementAndGet();
        LOG.errorf("ALERT: intent %s has not landed by its deadline %d (chain time %d, attempt %s at %s wei): still trying",
            i.idempotencyKey(), i.deadline(), now, last.txHash(), last.maxFee());
        update("UPDATE chain_tx_intent SET deadline_missed = TRUE, updated_at = now() WHERE id = ?", i.id());
      }
    }
    int bumpAfter = urgent ? 1 : config.bumpAfterBlocks();
    int percent = urgent ? 2 * config.bumpPercent() : config.bumpPercent();
    if (since >= bumpAfter && last.maxFee().compareTo(config.maxFeePerGas()) < 0) {
      BigInteger[] now = currentFees();
      BigInteger priority = bump(last.priorityFee(), percent).max(now[0]).min(config.maxFeePerGas());
      BigInteger max = bump(last.maxFee(), percent).max(now[1]).min(config.maxFeePerGas());
      Attempt bumped;
      try (Connection c = db.getConnection()) {
        bumped = insertAttempt(c, i, last.nonce(), last.gasLimit(), priority.min(max), max);
      }
      LOG.infof("intent %s not mined after %d blocks: fee bump %s -> %s wei%s (attempt %s)", i.idempotencyKey(), since,
          last.maxFee(), max, urgent ? " (deadline near)" : "", bumped.txHash());
      try {
        chain.send(chain.web3j().ethSendRawTransaction(Numeric.toHexString(bumped.signed())));
      } catch (RpcException e) {
        if (e.mentions("nonce too low", "nonce is too low", "noncetoolow")) {
          onNonceTooLow(i);
          return;
        }
        LOG.debugf("bumped attempt of %s refused: %s", i.idempotencyKey(), e.rpcMessage());
      }
      try (Connection c = db.getConnection();
          PreparedStatement ps = c.prepareStatement("UPDATE chain_tx_attempt SET broadcast_block = ? WHERE id = ?")) {
        ps.setLong(1, head);
        ps.setLong(2, bumped.id());
        ps.executeUpdate();
      }
      return;
    }
    // not yet due for a bump: make sure the node still has it (dropped from the pool, reorged out)
    try {
      chain.send(chain.web3j().ethSendRawTransaction(Numeric.toHexString(last.signed())));
    } catch (RpcException e) {
      if (e.mentions("nonce too low", "nonce is too low", "noncetoolow")) {
        onNonceTooLow(i);
      }
    }
  }

  private static BigInteger bump(BigInteger v, int percent) {
    BigInteger pct = BigInteger.valueOf(100L + percent);
    return v.multiply(pct).add(BigInteger.valueOf(99)).divide(BigInteger.valueOf(100)).add(BigInteger.ONE);
  }

  private void close(TxIntent i, Attempt a, TransactionReceipt r) throws IOException, SQLException {
    hooks.at(Point.AFTER_RECEIPT, i.id());
    boolean ok = r.isStatusOK();
    String error = null;
    byte[] revertData = null;
    if (!ok) {
      revertData = replayRevert(i, r.getBlockNumber().longValueExact() - 1);
      error = RevertReason.decode(revertData).message();
    }
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE chain_tx_intent SET state = ?, tx_hash = ?, receipt_block = ?, receipt_block_hash = ?, gas_used = ?, error = ?, revert_data = ?, "
                + "updated_at = now() WHERE id = ? AND state IN ('in_progress', 'unconfirmed')")) {
      ps.setString(1, ok ? "confirmed" : "reverted");
      ps.setString(2, a.txHash());
      ps.setLong(3, r.getBlockNumber().longValueExact());
      ps.setString(4, r.getBlockHash().toLowerCase());
      ps.setBigDecimal(5, new BigDecimal(r.getGasUsed()));
      ps.setString(6, error);
      ps.setBytes(7, revertData);
      ps.setLong(8, i.id());
      ps.executeUpdate();
    }
    if (!ok) {
      LOG.infof("intent %s reverted on chain in %s: %s", i.idempotencyKey(), a.txHash(), error);
    }
  }

  /** Replays a mined, reverted call at the block before its inclusion to recover the revert data. */
  private byte[] replayRevert(TxIntent i, long block) throws IOException {
    Transaction call = Transaction.createFunctionCallTransaction(from, null, null, null, i.to(), i.value(), Numeric.toHexString(i.data()));
    try {
      chain.send(chain.web3j().ethCall(call, DefaultBlockParameter.valueOf(BigInteger.valueOf(Math.max(0, block)))));
      return new byte[0];
    } catch (RpcException e) {
      return e.data() == null ? new byte[0] : Numeric.hexStringToByteArray(e.data());
    }
  }

  /** Re-checks receipts of closed intents until final: a receipt gone in a reorg re-opens its intent. */
  private void recheck(long head) throws IOException, SQLException {
    for (TxIntent i : intents("state IN ('confirmed', 'reverted') AND nonce IS NOT NULL AND NOT final", 200)) {
      TransactionReceipt r = chain.receipt(i.txHash());
      if (r != null && r.getBlockHash().equalsIgnoreCase(i.receiptBlockHash())) {
        if (r.getBlockNumber().longValueExact() + config.finalityDepth() <= head) {
          update("UPDATE chain_tx_intent SET final = TRUE, updated_at = now() WHERE id = ?", i.id());
        }
        continue;
      }
      if (r != null) { // same transaction re-mined in another block
        try (Connection c = db.getConnection();
            PreparedStatement ps = c.prepareStatement(
                "UPDATE chain_tx_intent SET state = ?, receipt_block = ?, receipt_block_hash = ?, updated_at = now() WHERE id = ?")) {
          ps.setString(1, r.isStatusOK() ? "confirmed" : "reverted");
          ps.setLong(2, r.getBlockNumber().longValueExact());
          ps.setString(3, r.getBlockHash().toLowerCase());
          ps.setLong(4, i.id());
          ps.executeUpdate();
        }
        continue;
      }
      LOG.warnf("receipt of %s (%s) disappeared in a reorg: re-sending", i.idempotencyKey(), i.txHash());
      update("UPDATE chain_tx_intent SET state = 'unconfirmed', tx_hash = NULL, receipt_block = NULL, receipt_block_hash = NULL, "
          + "gas_used = NULL, error = NULL, revert_data = NULL, updated_at = now() WHERE id = ?", i.id());
      for (Attempt a : attempts(i.id())) {
        try {
          chain.send(chain.web3j().ethSendRawTransaction(Numeric.toHexString(a.signed())));
        } catch (RpcException e) {
          LOG.debugf("re-send of %s after reorg: %s", a.txHash(), e.rpcMessage());
        }
      }
    }
  }

  // ------------------------------------------------------------------ rows

  private void update(String sql, long id) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      ps.executeUpdate();
    }
  }

  private List<TxIntent> intents(String where, int limit) throws SQLException {
    List<TxIntent> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT " + INTENT_COLUMNS + " FROM chain_tx_intent WHERE from_address = ? AND " + where + " ORDER BY nonce NULLS LAST, id LIMIT ?")) {
      ps.setString(1, from);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(intent(rs));
        }
      }
    }
    return out;
  }

  private List<Attempt> attempts(long intentId) throws SQLException {
    List<Attempt> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT id, intent_id, nonce, tx_hash, signed_raw, max_fee_per_gas, max_priority_fee_per_gas, gas_limit, broadcast_block "
                + "FROM chain_tx_attempt WHERE intent_id = ? ORDER BY id")) {
      ps.setLong(1, intentId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long bb = rs.getLong(9);
          out.add(new Attempt(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getBytes(5),
              rs.getBigDecimal(6).toBigIntegerExact(), rs.getBigDecimal(7).toBigIntegerExact(), rs.getBigDecimal(8).toBigIntegerExact(),
              rs.wasNull() ? null : bb));
        }
      }
    }
    return out;
  }

  private Attempt latestAttempt(long intentId) throws SQLException {
    List<Attempt> all = attempts(intentId);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  private static TxIntent intent(ResultSet rs) throws SQLException {
    long nonce = rs.getLong("nonce");
    Long n = rs.wasNull() ? null : nonce;
    long rb = rs.getLong("receipt_block");
    Long receiptBlock = rs.wasNull() ? null : rb;
    BigDecimal gl = rs.getBigDecimal("gas_limit");
    BigDecimal gu = rs.getBigDecimal("gas_used");
    return new TxIntent(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("from_address"), rs.getString("to_address"),
        rs.getBytes("data"), rs.getBigDecimal("value").toBigIntegerExact(), gl == null ? null : gl.toBigIntegerExact(),
        TxState.of(rs.getString("state")), n, rs.getString("tx_hash"), receiptBlock, rs.getString("receipt_block_hash"),
        gu == null ? null : gu.toBigIntegerExact(), rs.getBoolean("final"), rs.getString("error"), rs.getBytes("revert_data"),
        deadline(rs), rs.getBoolean("deadline_missed"));
  }

  private static Long deadline(ResultSet rs) throws SQLException {
    long d = rs.getLong("deadline");
    return rs.wasNull() ? null : d;
  }

  @Override
  public synchronized void close() {
    if (loop != null) {
      loop.shutdownNow();
      try {
        loop.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      loop = null;
    }
  }
}
