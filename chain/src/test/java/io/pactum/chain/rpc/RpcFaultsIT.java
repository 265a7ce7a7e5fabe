package io.pactum.chain.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.EmbeddedDb;
import io.pactum.chain.testing.FaultyRpcProxy;
import io.pactum.chain.testing.TestContracts;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.http.HttpService;

/**
 * W8: the workers' chain parts (two transaction managers on two keys, three log pollers) talk to
 * anvil only through {@link FaultyRpcProxy}: 20 % of at least 10,000 calls answered badly (503,
 * timeouts, answers lost after the call took effect, eth_getLogs with no logs, stale heads), and a
 * 60 s outage in the middle. Afterwards every intent is on the chain exactly once and every
 * poller's derived state equals the canonical logs (read from anvil directly): {@link W8Workload}.
 */
class RpcFaultsIT {
  private static final int CALLS = Integer.getInteger("pactum.w8.calls", 10_000);
  private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("pactum.w8.outage-seconds", 60));

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

  @Test
  void shouldLandEveryIntentOnceAndMissNoLogThrough20PercentFaultsAndAnOutage() throws Exception {
    W8Workload work = new W8Workload(anvil, emitter, pg.freshDatabase(), this::faultyConnection, this::served, CALLS);
    work.start();

    boolean outageDone = false;
    while (served() < CALLS || !work.allSubmitted()) {
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
    work.settle(Duration.ofSeconds(60));
    work.check();
    assertThat(calls).isGreaterThanOrEqualTo(CALLS);
    assertThat(100.0 * faults / calls).as("fault share of the calls answered").isBetween(15.0, 25.0);
    System.out.printf("W8: %d calls answered through the proxy, %d faults (%.1f %%: 503 %d, timeout %d, lost reply %d, empty logs %d, "
            + "stale head %d), plus a %d s outage (%d calls refused); %d intents on 2 keys each landed once; 3 pollers x %d logs, "
            + "0 missed, 0 duplicates%n", calls, faults, 100.0 * faults / calls,
        proxy.faults(FaultyRpcProxy.Fault.SERVER_ERROR), proxy.faults(FaultyRpcProxy.Fault.TIMEOUT),
        proxy.faults(FaultyRpcProxy.Fault.LOST_REPLY), proxy.faults(FaultyRpcProxy.Fault.EMPTY_LOGS),
        proxy.faults(FaultyRpcProxy.Fault.STALE_HEAD), OUTAGE.toSeconds(), proxy.faults(FaultyRpcProxy.Fault.OUTAGE),
        work.intents(), work.logs());
    work.close();
  }

  /** Calls the proxy answered (well or badly), not counting those refused by the outage. */
  private long served() {
    return proxy.calls() - proxy.faults(FaultyRpcProxy.Fault.OUTAGE);
  }
}
