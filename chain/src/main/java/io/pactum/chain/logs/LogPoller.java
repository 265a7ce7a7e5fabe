package io.pactum.chain.logs;

import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.rpc.RpcException;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads logs by polling {@code eth_getLogs} from a cursor stored in PostgreSQL (W4, W5).
 *
 * <p>Each {@link #tick()}: read the head; check the cursor block's hash against the chain and, on
 * a mismatch, find the common ancestor among the stored recent block hashes and, in one database
 * transaction, rewind the cursor (compare-and-set), delete processed logs and block hashes past
 * the ancestor and call the {@link ReorgListener}; otherwise read the next range up to {@code head
 * - confirmations} (bounded, halved when the node refuses it), check the range against the
 * headers read after the logs (parent link to the cursor, every log's block hash), and in one
 * transaction advance the cursor (compare-and-set), record block hashes, insert each log into
 * {@code chain_processed_log} (unique on block hash + log index) and hand only new logs to the
 * {@link LogHandler}. A restart resumes from the stored cursor: nothing is read from a
 * subscription.
 *
 * <p>W8, replies are checked: every block of the range is read as a header, and a block whose
 * {@code logsBloom} says it may hold a matching log, but for which {@code eth_getLogs} returned
 * none, makes the tick read the range again (a faulty or lagging endpoint answers with no logs). A
 * bloom can match by chance, so an empty answer for such a block is trusted after {@value
 * #EMPTY_READS_TO_TRUST} reads agree. A range is at most {@value #MAX_VERIFIED_RANGE} blocks.
 */
public final class LogPoller implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LogPoller.class);
  /** Empty answers for a block whose bloom matches the filter, in a row, before they are believed. */
  static final int EMPTY_READS_TO_TRUST = 8;
  /** Most blocks per tick: every header of the range is read to check the reply against the blooms. */
  static final int MAX_VERIFIED_RANGE = 500;

  /**
   * @param confirmations process only blocks up to {@code head - confirmations}
   * @param maxRange the most blocks per {@code eth_getLogs} (halved on "limit exceeded")
   * @param hashWindow block hashes stored below each range end (and kept) for reorg detection
   * @param maxReorgDepth a reorg rewinding more blocks than this halts the poller
   * @param haltOnReorgBeyondConfirmations W7: with confirmations > 0, any reorg reaching a processed
   *     block is deeper than the confirmations: halt instead of rolling back
   */
  public record Config(int confirmations, int maxRange, int hashWindow, int maxReorgDepth, boolean haltOnReorgBeyondConfirmations) {
    public Config {
      if (confirmations < 0 || maxRange < 1 || hashWindow < 1 || maxReorgDepth < 1) {
        throw new IllegalArgumentException("bad poller config");
      }
    }

    public static Config defaults() {
      return new Config(0, 2_000, 64, 64, false);
    }

    public Config withConfirmations(int c) {
      return new Config(c, maxRange, hashWindow, maxReorgDepth, haltOnReorgBeyondConfirmations);
    }

    public Config withMaxRange(int r) {
      return new Config(confirmations, r, hashWindow, maxReorgDepth, haltOnReorgBeyondConfirmations);
    }

    public Config haltingOnReorg() {
      return new Config(confirmations, maxRange, hashWindow, maxReorgDepth, true);
    }
  }

  /** What one tick did. {@code ancestor} is -1 unless {@code reorg}. */
  public record TickResult(long cursor, long target, int handled, int duplicates, boolean reorg, long ancestor) {
    public boolean caughtUp() {
      return !reorg && cursor >= target;
    }
  }

  private record Cursor(long number, String hash) {}

  private final ChainConnection chain;
  private final DataSource db;
  private final LogFilter filter;
  private final Config config;
  private final LogHandler handler;
  private final ReorgListener reorgListener;
  private volatile int range;
  private volatile Throwable halted;
  private volatile Throwable lastError;
  private ScheduledExecutorService loop;
  /** Block hash → empty answers so far for a block whose bloom matches (W8). */
  private final Map<String, Integer> emptyReads = new java.util.HashMap<>();

  public LogPoller(ChainConnection chain, DataSource db, LogFilter filter, Config config, LogHandler handler, ReorgListener reorgListener) {
    this.chain = chain;
    this.db = db;
    this.filter = filter;
    this.config = config;
    this.handler = handler;
    this.reorgListener = reorgListener == null ? ReorgListener.NONE : reorgListener;
    this.range = config.maxRange();
  }

  public String name() {
    return filter.name();
  }

  /** False once a too-deep reorg halted the poller (W7). */
  public boolean healthy() {
    return halted == null;
  }

  public Throwable haltCause() {
    return halted;
  }

  public Throwable lastError() {
    return lastError;
  }

  /** The current block-range size (shrinks when the node refuses a range). */
  public int currentRange() {
    return range;
  }

  /** The stored cursor (last processed block), or {@code startBlock - 1} before the first tick. */
  public long cursor() throws SQLException {
    try (Connection c = db.getConnection()) {
      Cursor cur = loadCursor(c);
      return cur == null ? filter.startBlock() - 1 : cur.number();
    }
  }

  /** Polls in the background every {@code interval}, ticking repeatedly while behind. */
  public synchronized void start(Duration interval) {
    if (loop != null) {
      return;
    }
    loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "log-poller-" + filter.name());
      t.setDaemon(true);
      return t;
    });
    loop.scheduleWithFixedDelay(() -> {
      try {
        catchUp(1_000);
        lastError = null;
      } catch (ReorgTooDeepException e) {
        LOG.errorf("log poller %s halted: %s", filter.name(), e.getMessage());
        loop.shutdown();
      } catch (Exception e) {
        lastError = e;
        LOG.warnf("log poller %s tick failed: %s", filter.name(), e.toString());
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Ticks until caught up with {@code head - confirmations} (at most {@code maxTicks} ticks). */
  public TickResult catchUp(int maxTicks) throws IOException, SQLException {
    TickResult r = null;
    for (int i = 0; i < maxTicks; i++) {
      r = tick();
      if (r.caughtUp()) {
        break;
      }
    }
    return r;
  }

  /** One step: a reorg rollback, or one range of logs. */
  public TickResult tick() throws IOException, SQLException {
    if (halted != null) {
      throw new ReorgTooDeepException("halted: " + halted.getMessage(), -1, -1);
    }
    long head = chain.blockNumber();
    long target = head - config.confirmations();
    Cursor cur;
    try (Connection c = db.getConnection()) {
      cur = loadOrCreateCursor(c);
    }
    if (cur.hash() != null) {
      EthBlock.Block b = chain.header(cur.number());
      if (b == null || !b.getHash().equalsIgnoreCase(cur.hash())) {
        return rollBack(cur, target);
      }
    }
    if (target <= cur.number()) {
      return new TickResult(cur.number(), target, 0, 0, false, -1);
    }
    long from = cur.number() + 1;
    long to = Math.min(target, from + Math.min(range, MAX_VERIFIED_RANGE) - 1);
    List<Log> logs;
    while (true) {
      try {
        logs = getLogs(from, to);
        break;
      } catch (RpcException e) {
        if (!isRangeTooLarge(e) || to == from) {
          throw e;
        }
        range = Math.max(1, (int) ((to - from + 1) / 2));
        to = from + range - 1;
        LOG.debugf("%s: range refused (%s), halved to %d", filter.name(), e.rpcMessage(), range);
      }
    }
    // headers read after the logs: the range must link to the cursor and every log must be on it
    TreeSet<Long> numbers = new TreeSet<>();
    for (long n = from; n <= to; n++) {
      numbers.add(n);
    }
    Map<Long, EthBlock.Block> headers = chain.headers(numbers);
    if (!consistent(cur, from, to, numbers, headers, logs)) {
      LOG.debugf("%s: chain changed while reading %d..%d, retrying", filter.name(), from, to);
      return new TickResult(cur.number(), target, 0, 0, false, -1);
    }
    if (!believable(from, to, headers, logs)) {
      return new TickResult(cur.number(), target, 0, 0, false, -1);
    }
    logs.sort(Comparator.<Log>comparingLong(l -> l.getBlockNumber().longValueExact()).thenComparingLong(l -> l.getLogIndex().longValueExact()));
    int handled = 0;
    int duplicates = 0;
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        String toHash = headers.get(to).getHash();
        if (!casCursor(c, cur, to, toHash)) {
          c.rollback();
          LOG.debugf("%s: cursor moved by another instance", filter.name());
          return new TickResult(cur.number(), target, 0, 0, false, -1);
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO chain_block_hash (name, block_number, block_hash) VALUES (?, ?, ?) "
                + "ON CONFLICT (name, block_number) DO UPDATE SET block_hash = EXCLUDED.block_hash")) {
          for (long n : numbers) {
            ps.setString(1, filter.name());
            ps.setLong(2, n);
            ps.setString(3, headers.get(n).getHash().toLowerCase());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO chain_processed_log (name, block_hash, log_index, block_number, tx_hash, address, topic0) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
          for (Log l : logs) {
            ps.setString(1, filter.name());
            ps.setString(2, l.getBlockHash().toLowerCase());
            ps.setLong(3, l.getLogIndex().longValueExact());
            ps.setLong(4, l.getBlockNumber().longValueExact());
            ps.setString(5, l.getTransactionHash());
            ps.setString(6, l.getAddress().toLowerCase());
            ps.setString(7, l.getTopics().isEmpty() ? null : l.getTopics().get(0).toLowerCase());
            if (ps.executeUpdate() == 1) {
              handler.handle(c, l);
              handled++;
            } else {
              duplicates++;
            }
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "DELETE FROM chain_block_hash WHERE name = ? AND block_number < ?")) {
          ps.setString(1, filter.name());
          ps.setLong(2, to - Math.max(config.hashWindow(), config.maxReorgDepth()) - 1);
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    if (range < config.maxRange()) {
      range = (int) Math.min(config.maxRange(), (long) range * 2);
    }
    return new TickResult(to, target, handled, duplicates, false, -1);
  }

  /**
   * W8: false when a block's bloom says it may hold a matching log, the reply has none for it, and
   * fewer than {@value #EMPTY_READS_TO_TRUST} reads in a row said so.
   */
  private boolean believable(long from, long to, Map<Long, EthBlock.Block> headers, List<Log> logs) {
    java.util.Set<Long> withLogs = new java.util.HashSet<>();
    for (Log l : logs) {
      withLogs.add(l.getBlockNumber().longValueExact());
    }
    List<String> doubtful = new java.util.ArrayList<>();
    for (long n = from; n <= to; n++) {
      EthBlock.Block b = headers.get(n);
      if (!withLogs.contains(n) && filter.mayMatch(b.getLogsBloom())) {
        doubtful.add(b.getHash().toLowerCase());
      }
    }
    if (doubtful.isEmpty()) {
      return true;
    }
    synchronized (emptyReads) {
      if (emptyReads.size() > 10_000) {
        emptyReads.clear(); // hashes of blocks long gone (reorgs); at worst a block is re-read a few more times
      }
      boolean trusted = true;
      for (String hash : doubtful) {
        if (emptyReads.merge(hash, 1, Integer::sum) < EMPTY_READS_TO_TRUST) {
          trusted = false;
        }
      }
      if (trusted) {
        doubtful.forEach(emptyReads::remove);
        LOG.debugf("%s: %d block(s) in %d..%d match by bloom only (empty in %d reads): trusted", filter.name(),
            doubtful.size(), from, to, EMPTY_READS_TO_TRUST);
        return true;
      }
    }
    LOG.debugf("%s: the reply for %d..%d misses logs the blooms of %d block(s) announce: reading again", filter.name(),
        from, to, doubtful.size());
    return false;
  }

  private boolean consistent(Cursor cur, long from, long to, TreeSet<Long> numbers, Map<Long, EthBlock.Block> headers, List<Log> logs) {
    for (long n : numbers) {
      if (!headers.containsKey(n)) {
        return false;
      }
    }
    if (cur.hash() != null && !headers.get(from).getParentHash().equalsIgnoreCase(cur.hash())) {
      return false;
    }
    for (long n = Math.max(from + 1, to - config.hashWindow() + 1); n <= to; n++) {
      if (!headers.get(n).getParentHash().equalsIgnoreCase(headers.get(n - 1).getHash())) {
        return false;
      }
    }
    for (Log l : logs) {
      EthBlock.Block b = headers.get(l.getBlockNumber().longValueExact()); // null: a log outside the range asked for
      if (l.isRemoved() || b == null || !b.getHash().equalsIgnoreCase(l.getBlockHash())) {
        return false;
      }
    }
    return true;
  }

  private TickResult rollBack(Cursor cur, long target) throws IOException, SQLException {
    Map<Long, String> stored = new LinkedHashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT block_number, block_hash FROM chain_block_hash WHERE name = ? AND block_number <= ? "
                + "ORDER BY block_number DESC LIMIT ?")) {
      ps.setString(1, filter.name());
      ps.setLong(2, cur.number());
      ps.setInt(3, config.maxReorgDepth() + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    Map<Long, EthBlock.Block> canonical = chain.headers(stored.keySet());
    long ancestor = -1;
    String ancestorHash = null;
    for (Map.Entry<Long, String> e : stored.entrySet()) {
      EthBlock.Block b = canonical.get(e.getKey());
      if (b != null && b.getHash().equalsIgnoreCase(e.getValue())) {
        ancestor = e.getKey();
        ancestorHash = b.getHash().toLowerCase();
        break;
      }
    }
    if (ancestor < 0 || cur.number() - ancestor > config.maxReorgDepth()) {
      halted = new ReorgTooDeepException(filter.name() + ": reorg below block " + cur.number()
          + (ancestor < 0 ? " with no common ancestor in the last " + stored.size() + " stored blocks" : " back to " + ancestor)
          + " exceeds the maximum depth " + config.maxReorgDepth(), cur.number(), ancestor);
      throw (ReorgTooDeepException) halted;
    }
    if (config.haltOnReorgBeyondConfirmations() && config.confirmations() > 0) {
      halted = new ReorgTooDeepException(filter.name() + ": reorg back to block " + ancestor
          + " reached processed blocks, deeper than " + config.confirmations() + " confirmations", cur.number(), ancestor);
      throw (ReorgTooDeepException) halted;
    }
    LOG.infof("%s: reorg detected at block %d, rolling back to common ancestor %d", filter.name(), cur.number(), ancestor);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (!casCursor(c, cur, ancestor, ancestorHash)) {
          c.rollback();
          return new TickResult(cur.number(), target, 0, 0, false, -1);
        }
        for (String table : List.of("chain_processed_log", "chain_block_hash")) {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE name = ? AND block_number > ?")) {
            ps.setString(1, filter.name());
            ps.setLong(2, ancestor);
            ps.executeUpdate();
          }
        }
        reorgListener.rolledBack(c, ancestor);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return new TickResult(ancestor, target, 0, 0, true, ancestor);
  }

  private List<Log> getLogs(long from, long to) throws IOException {
    EthFilter f = new EthFilter(
        DefaultBlockParameter.valueOf(BigInteger.valueOf(from)), DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), filter.addresses());
    for (List<String> alternatives : filter.topics()) {
      if (alternatives.isEmpty()) {
        f.addNullTopic();
      } else {
        f.addOptionalTopics(alternatives.toArray(String[]::new));
      }
    }
    EthLog reply = chain.send(chain.web3j().ethGetLogs(f));
    List<Log> out = new ArrayList<>();
    for (EthLog.LogResult<?> r : reply.getLogs()) {
      out.add((Log) r.get());
    }
    return out;
  }

  static boolean isRangeTooLarge(RpcException e) {
    return e.code() == -32005 || e.mentions("limit", "exceed", "too many", "too large", "range", "response size", "query returned more than");
  }

  private Cursor loadCursor(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT block_number, block_hash FROM chain_log_cursor WHERE name = ?")) {
      ps.setString(1, filter.name());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Cursor(rs.getLong(1), rs.getString(2)) : null;
      }
    }
  }

  private Cursor loadOrCreateCursor(Connection c) throws SQLException {
    Cursor cur = loadCursor(c);
    if (cur != null) {
      return cur;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO chain_log_cursor (name, block_number, block_hash) VALUES (?, ?, NULL) ON CONFLICT DO NOTHING")) {
      ps.setString(1, filter.name());
      ps.setLong(2, filter.startBlock() - 1);
      ps.executeUpdate();
    }
    return loadCursor(c);
  }

  private boolean casCursor(Connection c, Cursor expected, long number, String hash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE chain_log_cursor SET block_number = ?, block_hash = ?, updated_at = now() "
            + "WHERE name = ? AND block_number = ? AND block_hash IS NOT DISTINCT FROM ?")) {
      ps.setLong(1, number);
      ps.setString(2, hash == null ? null : hash.toLowerCase());
      ps.setString(3, filter.name());
      ps.setLong(4, expected.number());
      ps.setString(5, expected.hash());
      return ps.executeUpdate() == 1;
    }
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
