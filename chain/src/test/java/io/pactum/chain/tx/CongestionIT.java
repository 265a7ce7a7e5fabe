package io.pactum.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.EmbeddedDb;
import io.pactum.chain.testing.TestContracts;
import io.pactum.protocol.crypto.EthKey;
import java.math.BigInteger;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * W9: a congested chain. Blocks hold 120,000 gas and every block, five transfers priced over the
 * rising base fee arrive before it is mined: an intent sent at the usual fees is left out until its
 * fees beat theirs. With a deadline 20 blocks away (one second a block) the transaction manager bumps
 * every block near the deadline and lands in time; the same run without that urgency misses the
 * deadline and raises one alert.
 */
class CongestionIT {
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final int RUNS = Integer.getInteger("pactum.w9.runs", 100);
  private static final long DEADLINE_BLOCKS = 20;

  private EmbeddedDb pg;
  private Anvil anvil;
  private ChainConnection chain;
  private String emitter;
  private int spamSender = 5;

  @BeforeEach
  void setUp() throws Exception {
    pg = EmbeddedDb.start();
    anvil = Anvil.start();
    chain = ChainConnection.open(anvil.url(), 31337L);
    emitter = TestContracts.deployEmitter(anvil.web3j(), Accounts.credentials(0));
    anvil.rpc("evm_setBlockGasLimit", "0x" + Long.toHexString(120_000)); // from here on, small blocks
    anvil.rpc("anvil_setBlockTimestampInterval", 1);
  }

  @AfterEach
  void tearDown() {
    chain.close();
    anvil.close();
    pg.close();
  }

  /**
   * Five plain transfers from anvil's unlocked accounts that fill the next block, priced as wallets
   * price them: a 5 gwei tip over twice the current base fee (which rises 12.5 % a full block).
   */
  private void congest() throws Exception {
    BigInteger base = chain.latestHeader().getBaseFeePerGas();
    BigInteger tip = GWEI.multiply(BigInteger.valueOf(5));
    for (int i = 0; i < 5; i++) {
      String from = Accounts.address(5 + (spamSender++ % 5));
      anvil.rpc("eth_sendTransaction", Map.of("from", from, "to", Accounts.address(1), "value", "0x1", "gas", "0x5208",
          "maxPriorityFeePerGas", "0x" + tip.toString(16),
          "maxFeePerGas", "0x" + base.multiply(BigInteger.TWO).add(tip).toString(16)));
    }
  }

  /** One run: returns the blocks it took to land, or -1 when it had not landed after 60 blocks. */
  private long run(TxManager m, String key) throws Exception {
    anvil.setAutomine(false);
    anvil.rpc("anvil_dropAllTransactions");
    anvil.setNextBaseFee(GWEI);
    anvil.mine(); // every run starts from the same calm chain
    long now = chain.latestHeader().getTimestamp().longValueExact();
    m.submit(key, emitter, Numeric.hexStringToByteArray(org.web3j.crypto.Hash.sha3String(key)), BigInteger.ZERO, null,
        now + DEADLINE_BLOCKS);
    congest();
    m.tick(); // signed and sent at the usual fees, behind the traffic
    for (long blocks = 1; blocks <= 60; blocks++) {
      anvil.mine();
      m.tick();
      TxIntent i = m.find(key).orElseThrow();
      if (i.state() == TxState.CONFIRMED) {
        TransactionReceipt r = chain.receipt(i.txHash());
        long landedAt = chain.header(r.getBlockNumber().longValueExact()).getTimestamp().longValueExact();
        return landedAt <= now + DEADLINE_BLOCKS ? blocks : -blocks;
      }
      congest();
    }
    return -1;
  }

  @Test
  void shouldLandBeforeTheDeadlineOnACongestedChainOrRaiseAnAlert() throws Exception {
    DataSource db = pg.freshDatabase();
    TxManager urgent = new TxManager(chain, db, EthKey.fromHex(Accounts.PRIVATE_KEYS.get(3)),
        TxManager.Config.defaults().withOwner("w9").withUrgentSeconds(DEADLINE_BLOCKS));
    int inTime = 0;
    long worst = 0;
    for (int run = 0; run < RUNS; run++) {
      long blocks = run(urgent, "w9-" + run);
      if (blocks > 0) {
        inTime++;
        worst = Math.max(worst, blocks);
      }
    }
    assertThat(urgent.missedDeadlines()).isEqualTo(RUNS - inTime);
    assertThat(inTime).as("landed by the deadline").isGreaterThanOrEqualTo(RUNS * 99 / 100);

    // the control: the same traffic with no urgency (fees rise every 3 blocks by 20 %): late, and one alert
    TxManager calm = new TxManager(chain, db, EthKey.fromHex(Accounts.PRIVATE_KEYS.get(4)),
        TxManager.Config.defaults().withOwner("w9-calm").withUrgentSeconds(0));
    long late = run(calm, "w9-calm");
    assertThat(late).as("without urgency the intent lands after its deadline").isLessThan(0);
    assertThat(calm.missedDeadlines()).isEqualTo(1);
    assertThat(calm.find("w9-calm").orElseThrow().deadlineMissed()).isTrue();
    System.out.printf("W9: congested chain (5 transfers at 2 x base fee + 5 gwei filling each 120,000-gas block), deadline "
        + "%d blocks: landed in time in %d of %d runs, within %d blocks at worst, %d alerts; without urgency: %s, 1 alert%n",
        DEADLINE_BLOCKS, inTime, RUNS, worst, urgent.missedDeadlines(),
        late == -1 ? "not landed within 60 blocks" : "landed after " + -late + " blocks, past the deadline");
  }
}
