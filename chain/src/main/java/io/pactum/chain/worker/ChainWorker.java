package io.pactum.chain.worker;

import io.pactum.chain.logs.LogFilter;
import io.pactum.chain.logs.LogHandler;
import io.pactum.chain.logs.LogPoller;
import io.pactum.chain.logs.ReorgListener;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.tx.TxManager;
import io.pactum.protocol.crypto.EthKey;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * One worker's link to the chain, the same for the solver's relayer, the compute node and the
 * mediator: the connection, the durable transaction manager of the worker's key, one log poller over
 * the worker's events, and the worker's loops, each on a thread of its own schedule (a loop never
 * overlaps itself). A service wires its logic onto these parts; this class owns their start-up order
 * (transactions before logs), the facts readiness reports ({@link #status()}), and shutdown.
 */
public final class ChainWorker implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ChainWorker.class);

  /**
   * @param rpcUrl the JSON-RPC endpoint, or several, comma-separated, most preferred first (failover:
   *     {@link ChainConnection#open(String, Long)})
   * @param confirmations blocks behind the head the log poller stays
   * @param finalityDepth how deep a receipt must be before the transaction manager stops
   *     re-checking it (never less than {@code confirmations})
   * @param pollInterval the log poller's interval
   * @param haltOnDeepReorg W7: a reorganisation that reaches a block the poller already handled
   *     (deeper than {@code confirmations}) halts the poller, and readiness goes down, instead of
   *     rolling back; for a worker whose actions must not follow such a reorg silently (the mediator)
   */
  public record Settings(String rpcUrl, long chainId, int confirmations, int finalityDepth, Duration pollInterval,
      boolean haltOnDeepReorg) {
    public Settings {
      Objects.requireNonNull(rpcUrl, "rpcUrl");
      Objects.requireNonNull(pollInterval, "pollInterval");
      if (confirmations < 0 || finalityDepth < 0) {
        throw new IllegalArgumentException("confirmations and finality depth must be >= 0");
      }
    }
  }

  /** One pass of a loop; what it throws is logged and the loop goes on. */
  @FunctionalInterface
  public interface Tick {
    void run() throws Exception;
  }

  private final String name;
  private final Settings settings;
  private final DataSource db;
  private final ChainConnection chain;
  private final TxManager tx;
  private final ScheduledExecutorService loops;
  private volatile LogPoller poller;
  private volatile boolean running;

  /**
   * Connects and builds the transaction manager; nothing runs until {@link #start()}.
   *
   * @param name the worker's name: the transaction manager's lease owner and the loops' thread name
   */
  public ChainWorker(String name, Settings settings, DataSource db, EthKey key) throws IOException {
    this.name = name;
    this.settings = settings;
    this.db = db;
    this.chain = ChainConnection.open(settings.rpcUrl(), settings.chainId());
    this.tx = new TxManager(chain, db, key, TxManager.Config.defaults().withOwner(name)
        .withFinalityDepth(Math.max(settings.finalityDepth(), settings.confirmations())));
    this.loops = Executors.newScheduledThreadPool(4, r -> {
      Thread t = new Thread(r, name + "-loop");
      t.setDaemon(true);
      return t;
    });
  }

  /** The log poller over {@code filter}, started by {@link #start()}; one per worker. */
  public LogPoller watch(LogFilter filter, LogHandler handler, ReorgListener reorg) {
    if (poller != null) {
      throw new IllegalStateException(name + " already watches " + poller.name());
    }
    LogPoller.Config config = LogPoller.Config.defaults().withConfirmations(settings.confirmations());
    poller = new LogPoller(chain, db, filter, settings.haltOnDeepReorg() ? config.haltingOnReorg() : config, handler, reorg);
    return poller;
  }

  /** Starts the transaction manager, then the log poller. */
  public void start() {
    tx.start();
    running = true;
    if (poller != null) {
      poller.start(settings.pollInterval());
    }
  }

  /** Runs {@code tick} every {@code interval} (after the previous run ended), logging what it throws. */
  public void every(Duration interval, String loop, Tick tick) {
    loops.scheduleWithFixedDelay(() -> {
      try {
        tick.run();
      } catch (Exception | Error e) {
        LOG.warnf("%s %s: %s", name, loop, e.toString());
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  public ChainConnection chain() {
    return chain;
  }

  public TxManager tx() {
    return tx;
  }

  /** The log poller, or null before {@link #watch}. */
  public LogPoller poller() {
    return poller;
  }

  /** What readiness reports: ready when the poller is healthy and the transaction manager runs. */
  public Status status() {
    LogPoller p = poller;
    if (p == null) {
      return new Status(name + " (no log poller)", false, "not watching any events", null, running, tx.leaseHeld(),
          message(tx.lastError()), chain.endpoints());
    }
    return new Status(p.name(), p.healthy(), message(p.haltCause()), message(p.lastError()), running, tx.leaseHeld(),
        message(tx.lastError()), chain.endpoints());
  }

  /** Stops the loops, the poller, the transaction manager and the connection, in that order. */
  @Override
  public void close() {
    running = false;
    loops.shutdownNow();
    if (poller != null) {
      poller.close();
    }
    tx.close();
    chain.close();
  }

  private static String message(Throwable t) {
    return t == null ? null : t.toString();
  }
}
