package io.pactum.chain.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.EmbeddedDb;
import io.pactum.chain.testing.FaultyRpcProxy;
import io.pactum.chain.testing.TestContracts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.http.HttpService;

/**
 * W8, several endpoints: the workload of {@link RpcFaultsIT} ({@link W8Workload}) on connections
 * over two endpoints ({@link FailoverService}), two {@link FaultyRpcProxy} in front of the same
 * anvil: the first answers 10 % of the calls badly and, a third of the way through, goes down for
 * good (it refuses every call); the second answers 20 % badly throughout. Afterwards every intent
 * is on the chain exactly once, every poller's derived state equals the canonical logs, and every
 * connection ends on the second endpoint.
 */
class RpcFailoverIT {
  private static final int CALLS = Integer.getInteger("pactum.w8.failover.calls", 2_500);
  private static final Duration COOL_DOWN = Duration.ofSeconds(2);

  private EmbeddedDb pg;
  private Anvil anvil;
  private FaultyRpcProxy primary;
  private FaultyRpcProxy secondary;
  private String emitter;
  private final List<FailoverService> services = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    pg = EmbeddedDb.start();
    anvil = Anvil.start();
    emitter = TestContracts.deployEmitter(anvil.web3j(), Accounts.credentials(0));
    primary = new FaultyRpcProxy(anvil.url(), 0.10, Duration.ofMillis(400), 8);
    secondary = new FaultyRpcProxy(anvil.url(), 0.20, Duration.ofMillis(400), 9);
  }

  @AfterEach
  void tearDown() {
    primary.close();
    secondary.close();
    anvil.close();
    pg.close();
  }

  /** A connection over both proxies, with a read timeout shorter than their stalls. */
  private ChainConnection failoverConnection() throws Exception {
    OkHttpClient http = new OkHttpClient.Builder().readTimeout(250, TimeUnit.MILLISECONDS)
        .connectTimeout(250, TimeUnit.MILLISECONDS).build();
    Retry retry = Retry.defaults();
    for (int attempt = 1; ; attempt++) { // eth_chainId itself may meet a fault at both
      FailoverService service = new FailoverService(
          List.of(new HttpService(primary.url(), http), new HttpService(secondary.url(), http)), COOL_DOWN);
      try {
        ChainConnection c = ChainConnection.open(service, 31337L, Duration.ofMillis(50), retry);
        services.add(service);
        return c;
      } catch (java.io.IOException e) {
        if (attempt > 20) {
          throw e;
        }
      }
    }
  }

  @Test
  void shouldLandEveryIntentOnceAndMissNoLogWhenThePrimaryGoesDownForGood() throws Exception {
    W8Workload work = new W8Workload(anvil, emitter, pg.freshDatabase(), this::failoverConnection, this::served, CALLS);
    work.start();

    boolean primaryDown = false;
    long started = System.nanoTime();
    while (served() < CALLS || !work.allSubmitted()) {
      assertThat(System.nanoTime() - started).as("calls served by now: " + served() + " of " + CALLS)
          .isLessThan(Duration.ofMinutes(3).toNanos());
      if (!primaryDown && served() > CALLS / 3) {
        primary.outage(Duration.ofDays(1)); // down for good: every call refused
        primaryDown = true;
      }
      Thread.sleep(100);
    }
    long primaryServed = served(primary);
    long seconds = (System.nanoTime() - started) / 1_000_000_000;
    long calls = served();
    long primaryFaults = primary.faults() - primary.faults(FaultyRpcProxy.Fault.OUTAGE);
    long secondaryServed = served(secondary);
    long secondaryFaults = secondary.faults();
    // the faults stop; everything must settle by itself, the primary staying down
    secondary.faultRate(0);
    work.settle(Duration.ofSeconds(30));
    work.check();

    assertThat(calls).isGreaterThanOrEqualTo(CALLS);
    assertThat(primaryServed).as("the primary served calls before it went down").isPositive();
    assertThat(primary.faults(FaultyRpcProxy.Fault.OUTAGE)).as("tried again after its cool-downs").isPositive();
    assertThat(100.0 * secondaryFaults / secondaryServed).as("the secondary's fault share").isBetween(15.0, 25.0);
    long switches = 0;
    for (FailoverService s : services) {
      assertThat(s.current()).as("every connection ends on the secondary").isEqualTo(1);
      assertThat(s.switches()).as("every connection switched").isPositive();
      switches += s.switches();
    }
    System.out.printf("W8 failover: %d calls answered in %d s over 2 endpoints on %d connections; primary: %d calls, %d faults "
            + "(%.1f %%), then down for good (%d calls refused); secondary: %d calls, %d faults (%.1f %%: 503 %d, timeout %d, "
            + "lost reply %d, empty logs %d, stale head %d); %d switches (cool-down %d s); %d intents on 2 keys each landed "
            + "once; 3 pollers x %d logs, 0 missed, 0 duplicates%n", calls, seconds, services.size(), primaryServed,
        primaryFaults, 100.0 * primaryFaults / primaryServed, primary.faults(FaultyRpcProxy.Fault.OUTAGE), secondaryServed,
        secondaryFaults, 100.0 * secondaryFaults / secondaryServed, secondary.faults(FaultyRpcProxy.Fault.SERVER_ERROR),
        secondary.faults(FaultyRpcProxy.Fault.TIMEOUT), secondary.faults(FaultyRpcProxy.Fault.LOST_REPLY),
        secondary.faults(FaultyRpcProxy.Fault.EMPTY_LOGS), secondary.faults(FaultyRpcProxy.Fault.STALE_HEAD), switches,
        COOL_DOWN.toSeconds(), work.intents(), work.logs());
    work.close();
  }

  /** Calls both proxies answered (well or badly). */
  private long served() {
    return served(primary) + served(secondary);
  }

  /** Calls {@code proxy} answered (well or badly), not counting those it refused. */
  private static long served(FaultyRpcProxy proxy) {
    return proxy.calls() - proxy.faults(FaultyRpcProxy.Fault.OUTAGE);
  }
}
