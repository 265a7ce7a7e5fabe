package io.pactum.chain.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.logs.LogFilter;
import io.pactum.chain.rpc.FailoverService;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.EmbeddedDb;
import io.pactum.chain.testing.TestContracts;
import io.pactum.protocol.crypto.EthKey;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker frame every service runs on, against anvil and PostgreSQL: it starts the transaction
 * manager and the poller, runs loops, reports readiness, and (W7, the mediator's setting) halts
 * instead of following a reorganisation deeper than its confirmations.
 */
class ChainWorkerIT {
  /** The test emitter logs twice per call. */
  private static final int LOGS_PER_CALL = 2;
  private static EmbeddedDb pg;
  private Anvil anvil;
  private String emitter;
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
    emitter = TestContracts.deployEmitter(anvil.web3j(), Accounts.credentials(0));
  }

  @AfterEach
  void tearDown() {
    anvil.close();
  }

  private ChainWorker worker(boolean haltOnDeepReorg, AtomicInteger handled, AtomicInteger rolledBack) throws Exception {
    ChainWorker w = new ChainWorker("worker-it",
        new ChainWorker.Settings(anvil.url(), 31337L, 2, 2, Duration.ofMillis(100), haltOnDeepReorg),
        pg.freshDatabase(), EthKey.fromHex(Accounts.PRIVATE_KEYS.get(3)));
    w.watch(LogFilter.of("worker-it", List.of(emitter), List.of(TestContracts.PING), 0),
        (c, log) -> handled.incrementAndGet(), (c, ancestor) -> rolledBack.incrementAndGet());
    return w;
  }

  private void emit(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      String data = "0x" + String.format("%064x", ++payload);
      TestContracts.awaitReceipt(anvil.web3j(),
          TestContracts.sendRaw(anvil.web3j(), Accounts.credentials(1), emitter, data, BigInteger.valueOf(60_000)));
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void shouldRunItsLoopsAndBeReadyUntilClosed() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    AtomicInteger ticks = new AtomicInteger();
    ChainWorker w = worker(false, handled, new AtomicInteger());
    assertThat(w.status().ready()).as("not started").isFalse();
    w.start();
    w.every(Duration.ofMillis(20), "counter", ticks::incrementAndGet);
    w.every(Duration.ofMillis(20), "failing", () -> {
      throw new IllegalStateException("a loop that throws keeps its schedule and harms no other");
    });
    emit(5);
    anvil.mine(2); // the confirmations
    await("the logs of 5 calls handled", () -> handled.get() == 5 * LOGS_PER_CALL);
    await("loops ticking", () -> ticks.get() > 5);
    Status s = w.status();
    assertThat(s.ready()).isTrue();
    assertThat(s.flags()).containsEntry("logPollerHealthy", true).containsEntry("txManagerRunning", true);
    assertThat(s.texts()).containsEntry("logPoller", "worker-it").doesNotContainKey("haltCause")
        .as("one endpoint: nothing to say").doesNotContainKey("rpcEndpoints");

    w.close();
    int after = ticks.get();
    Thread.sleep(200);
    assertThat(ticks.get()).as("loops stop with the worker").isEqualTo(after);
    assertThat(w.status().ready()).isFalse();
  }

  @Test
  void shouldRunOverSeveralEndpointsAndReportTheOneInUse() throws Exception {
    int dead;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = free.getLocalPort(); // nothing listens there once closed
    }
    AtomicInteger handled = new AtomicInteger();
    try (ChainWorker w = new ChainWorker("worker-it", new ChainWorker.Settings("http://127.0.0.1:" + dead + "," + anvil.url(),
        31337L, 2, 2, Duration.ofMillis(100), false), pg.freshDatabase(), EthKey.fromHex(Accounts.PRIVATE_KEYS.get(3)))) {
      w.watch(LogFilter.of("worker-it", List.of(emitter), List.of(TestContracts.PING), 0),
          (c, log) -> handled.incrementAndGet(), (c, ancestor) -> { });
      w.start();
      emit(3);
      anvil.mine(2);
      await("the logs of 3 calls handled through the second endpoint", () -> handled.get() == 3 * LOGS_PER_CALL);
      Status s = w.status();
      assertThat(s.ready()).isTrue();
      assertThat(s.texts()).containsEntry("rpcEndpoints", "#1 (" + FailoverService.label(anvil.url()) + ") of 2, "
          + "1 switch, down: #0 (127.0.0.1:" + dead + ")");
    }
  }

  @Test
  void shouldHaltAndGoUnreadyOnAReorgDeeperThanItsConfirmations() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    AtomicInteger rolledBack = new AtomicInteger();
    try (ChainWorker w = worker(true, handled, rolledBack)) {
      w.start();
      emit(6);
      anvil.mine(2);
      await("the logs of 6 calls handled", () -> handled.get() == 6 * LOGS_PER_CALL);
      anvil.reorg(2, List.of()); // within the confirmations: invisible
      anvil.mine(1);
      Thread.sleep(300);
      assertThat(w.status().ready()).isTrue();

      anvil.reorg(4, List.of()); // reaches handled blocks: K + 2
      anvil.mine(3);
      await("halted", () -> !w.status().ready());
      assertThat(w.status().haltCause()).isNotNull();
      assertThat(rolledBack.get()).as("nothing rolled back: the operator decides").isZero();
      int handledAtHalt = handled.get();
      emit(3);
      anvil.mine(3);
      Thread.sleep(300);
      assertThat(handled.get()).as("no log handled after the halt").isEqualTo(handledAtHalt);
    }
  }

  @Test
  void shouldRollBackAndGoOnWithoutTheHaltSetting() throws Exception {
    AtomicInteger handled = new AtomicInteger();
    AtomicInteger rolledBack = new AtomicInteger();
    try (ChainWorker w = worker(false, handled, rolledBack)) {
      w.start();
      emit(6);
      anvil.mine(2);
      await("the logs of 6 calls handled", () -> handled.get() == 6 * LOGS_PER_CALL);
      anvil.reorg(4, List.of());
      anvil.mine(3);
      await("rolled back", () -> rolledBack.get() == 1);
      emit(2);
      anvil.mine(2);
      await("new logs handled", () -> handled.get() >= 8 * LOGS_PER_CALL);
      assertThat(w.status().ready()).isTrue();
    }
  }
}
