package io.pactum.chain.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.chain.client.DirectSender;
import io.pactum.chain.client.Mined;
import io.pactum.chain.client.TxFailedException;
import io.pactum.chain.deals.DealEvent;
import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.deals.DealPhase;
import io.pactum.chain.deals.DealQueries;
import io.pactum.chain.errors.ProtocolError;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.Deployment;
import io.pactum.chain.token.TokenGateway;
import io.pactum.chain.vault.VaultGateway;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.deal.ResourceOffer;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

/**
 * The chain module's gateways and the protocol module's hashing and signatures against the real
 * contracts, deployed on anvil by {@code contracts/script/Deploy.s.sol} (the {@link Deployment}
 * fixture): what the Java side computes is what the contracts compute and accept.
 */
class DeployedContractsIT {
  static Anvil anvil;
  static Deployment deployment;
  static ChainConnection chain;
  static DealManagerGateway deals;
  static DealQueries queries;
  static VaultGateway vault;
  static TokenGateway token;

  static final EthKey CLIENT = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(1));
  static final EthKey NODE = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(2));
  static final EthKey RELAYER = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(3));
  static final EthKey STRANGER = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(4));
  static final SecureRandom RANDOM = new SecureRandom();

  @BeforeAll
  static void deploy() throws Exception {
    anvil = Anvil.start();
    deployment = Deployment.deploy(anvil);
    chain = ChainConnection.open(anvil.url(), 31337L);
    deals = new DealManagerGateway(chain, deployment.dealManager());
    queries = new DealQueries(chain, deployment.dealManager(), deployment.deployBlock());
    vault = new VaultGateway(chain, deployment.vault());
    token = new TokenGateway(chain, deployment.token());
  }

  @AfterAll
  static void stop() {
    if (chain != null) {
      chain.close();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  // ------------------------------------------------------------------ fixtures

  static List<Address> mediators(int count) {
    List<Address> m = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      m.add(Address.parse(Accounts.address(5 + i)));
    }
    m.sort(null); // the contract wants them strictly ascending
    return m;
  }

  static Bytes cid(int length) {
    byte[] b = new byte[length];
    RANDOM.nextBytes(b);
    b[0] = 0x01; // CIDv1
    return Bytes.of(b);
  }

  static Bytes32 random32() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Bytes32.of(b);
  }

  /** A per-fuel deal between CLIENT and NODE with two mediators, agreeable for an hour. */
  static Deal perFuelDeal(long now) {
    return new Deal(CLIENT.address(), NODE.address(), random32(), random32(), cid(36), 2_000_000L,
        BigInteger.valueOf(10_000_003), BigInteger.valueOf(7), BigInteger.valueOf(500), BigInteger.valueOf(3_000),
        BigInteger.valueOf(9_000), BigInteger.valueOf(100), mediators(2), now + 3_600, 3_600, 3_600, 3_600);
  }

  // -------------------------------------------------------------------- tests

  @Test
  void shouldHashAndDigestDealsExactlyAsTheContract() throws Exception {
    long now = queries.chainTime();
    BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    List<Deal> samples = List.of(
        // fixed price, no mediators, short CID
        new Deal(CLIENT.address(), NODE.address(), random32(), random32(), cid(4), 1, BigInteger.ONE, BigInteger.ZERO,
            BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, List.of(), now + 60, 1, 1, 1),
        // per-fuel pricing, several mediators
        perFuelDeal(now),
        // the longest CID and the most mediators the contract accepts, extreme numbers
        new Deal(CLIENT.address(), NODE.address(), random32(), random32(), cid(128), Long.MAX_VALUE, max, max, max, max,
            max, max, mediators(5), Long.MAX_VALUE, 4_294_967_295L, 4_294_967_295L, 4_294_967_295L),
        // a CID that is not a multiple of 32 bytes and spans several words
        new Deal(CLIENT.address(), NODE.address(), Bytes32.ZERO, Bytes32.ZERO, cid(97), 77, BigInteger.TEN,
            BigInteger.TWO, BigInteger.ONE, BigInteger.ONE, BigInteger.TWO, BigInteger.ONE, mediators(1), 0, 5, 6, 7));
    for (Deal d : samples) {
      assertThat(deals.hashDeal(d)).as("hashDeal %s", d).isEqualTo(d.structHash()).isEqualTo(d.id());
      assertThat(deals.dealDigest(d).toArray()).as("dealDigest %s", d).isEqualTo(d.digest(deployment.domain()));
    }
  }

  @Test
  void shouldRecoverProtocolSignaturesOnChain() throws Exception {
    long now = queries.chainTime();
    JobOffer job = new JobOffer(CLIENT.address(), cid(36), 1_000, 256, 5_000_000, BigInteger.valueOf(10_000_000),
        BigInteger.valueOf(500), BigInteger.valueOf(100), mediators(3), 600, 600, 600, new BigInteger(128, RANDOM),
        now + 600);
    ResourceOffer res = new ResourceOffer(NODE.address(), 2_000, 1_024, 10_000_000, BigInteger.valueOf(9_000_000),
        BigInteger.valueOf(3), BigInteger.valueOf(3_000), 3, mediators(3), new BigInteger(128, RANDOM), now + 600);
    Deal deal = perFuelDeal(now);

    assertThat(ecrecover(job.digest(deployment.domain()), job.sign(CLIENT, deployment.domain()))).isEqualTo(CLIENT.address());
    assertThat(ecrecover(res.digest(deployment.domain()), res.sign(NODE, deployment.domain()))).isEqualTo(NODE.address());
    Signature s = deal.sign(NODE, deployment.domain());
    assertThat(s.isLowS()).isTrue();
    assertThat(ecrecover(deals.dealDigest(deal).toArray(), s)).isEqualTo(NODE.address());
  }

  @Test
  void shouldAgreeBySignaturePostAndAcceptWithTheContractsPayout() throws Exception {
    BigInteger clientDeposit = BigInteger.valueOf(20_000_000);
    BigInteger nodeDeposit = BigInteger.valueOf(50_000);
    deployment.fund(chain, CLIENT, BigInteger.valueOf(1_000), clientDeposit);
    deployment.fund(chain, NODE, BigInteger.ZERO, nodeDeposit);
    Address tok = deployment.token();
    BigInteger client0 = vault.freeBalance(tok, CLIENT.address());
    BigInteger node0 = vault.freeBalance(tok, NODE.address());
    BigInteger treasury0 = vault.treasury(tok);
    BigInteger escrow0 = vault.escrowOf(tok, deployment.dealManager());
    assertThat(token.balanceOf(CLIENT.address())).isGreaterThanOrEqualTo(BigInteger.valueOf(1_000));
    assertThat(token.allowance(CLIENT.address(), deployment.vault())).isZero();
    assertThat(vault.isLocker(deployment.dealManager())).isTrue();
    assertThat(vault.isTokenAllowed(tok)).isTrue();
    assertThat(deals.networkFeeBps()).isEqualTo(deployment.networkFeeBps()).isEqualTo(100);

    Deal deal = perFuelDeal(queries.chainTime());
    Bytes32 id = deal.id();
    BigInteger clientStake = deal.price().add(deal.clientCollateral());

    // agreeBySig, relayed by a third party (as the solver does)
    Mined agreed = Deployment.sender(chain, RELAYER).send("agreeBySig", deployment.dealManager(),
        DealManagerGateway.agreeBySig(deal, deal.sign(CLIENT, deployment.domain()).toBytes(),
            deal.sign(NODE, deployment.domain()).toBytes()));
    DealManagerGateway.DealRecord r = deals.dealRecord(id);
    assertThat(r.dealPhase()).isEqualTo(DealPhase.AGREED);
    assertThat(r.agreedAt()).isPositive();
    assertThat(vault.freeBalance(tok, CLIENT.address())).isEqualTo(client0.subtract(clientStake));
    assertThat(vault.freeBalance(tok, NODE.address())).isEqualTo(node0.subtract(deal.nodeCollateral()));
    assertThat(vault.escrowOf(tok, deployment.dealManager())).isEqualTo(escrow0.add(clientStake).add(deal.nodeCollateral()));
    assertThat(deals.escrowOfDeal(deal)).isEqualTo(clientStake.add(deal.nodeCollateral()));
    assertThat(deals.events(agreed.receipt())).singleElement().isInstanceOfSatisfying(DealManagerGateway.DealAgreed.class,
        e -> assertThat(e.deal()).isEqualTo(deal));

    // postResult by the node: its timeout collateral is swapped for the cheating collateral
    long fuelUsed = 1_234_567;
    byte[] resultCid = cid(36).toArray();
    DirectSender node = Deployment.sender(chain, NODE);
    node.send("postResult", deployment.dealManager(), DealManagerGateway.postResult(deal, resultCid, fuelUsed));
    r = deals.dealRecord(id);
    assertThat(r.dealPhase()).isEqualTo(DealPhase.RESULT_POSTED);
    assertThat(r.fuelUsed()).isEqualTo(fuelUsed);
    assertThat(vault.freeBalance(tok, NODE.address())).isEqualTo(node0.subtract(deal.cheatingCollateral()));
    assertThat(deals.resultCidHash(id)).isEqualTo(Bytes32.keccak(resultCid));
    assertThat(deals.currentDeadline(deal)).isEqualTo(new DealManagerGateway.Deadline(r.resultAt() + deal.judgeTimeout(), false));

    // acceptResult by the client: payouts as DealManager._payOut computes them
    BigInteger payment = paymentFor(deal, fuelUsed);
    assertThat(payment).isEqualTo(BigInteger.valueOf(8_641_969)); // 1,234,567 × 7 < price
    assertThat(deals.paymentFor(deal, fuelUsed)).isEqualTo(payment);
    BigInteger fee = feeOn(payment, deployment.networkFeeBps());
    assertThat(fee).isEqualTo(BigInteger.valueOf(86_419));
    BigInteger nodePayment = payment.subtract(fee);
    BigInteger clientRefund = deal.price().subtract(payment).add(deal.clientCollateral());

    Mined accepted = Deployment.sender(chain, CLIENT).send("acceptResult", deployment.dealManager(),
        DealManagerGateway.acceptResult(deal));
    assertThat(deals.dealRecord(id).dealPhase()).isEqualTo(DealPhase.ACCEPTED);
    // the record as older blocks hold it
    assertThat(deals.dealRecordAt(id, agreed.blockNumber() - 1).dealPhase()).isEqualTo(DealPhase.NONE);
    assertThat(deals.dealRecordAt(id, agreed.blockNumber()).dealPhase()).isEqualTo(DealPhase.AGREED);
    assertThat(deals.dealRecordAt(id, accepted.blockNumber() - 1).dealPhase()).isEqualTo(DealPhase.RESULT_POSTED);
    assertThat(vault.freeBalance(tok, NODE.address())).isEqualTo(node0.add(nodePayment));
    assertThat(vault.freeBalance(tok, CLIENT.address())).isEqualTo(client0.subtract(payment));
    assertThat(vault.treasury(tok)).isEqualTo(treasury0.add(fee));
    assertThat(vault.escrowOf(tok, deployment.dealManager())).isEqualTo(escrow0);
    assertThat(deals.escrowOfDeal(deal)).isZero();
    assertThat(deals.currentDeadline(deal)).isEqualTo(new DealManagerGateway.Deadline(0, false));
    assertThat(deals.events(accepted.receipt())).singleElement().isEqualTo(
        new DealEvent.Accepted(id, true, nodePayment, fee, clientRefund, accepted.blockNumber(), accepted.txHash()));

    // the deal's history, read back from the deployment block
    List<DealEvent> history = queries.history(id);
    assertThat(history).extracting(DealEvent::name).containsExactly("DealAgreed", "ResultPosted", "DealAccepted");
    assertThat(history).allSatisfy(e -> assertThat(e.dealId()).isEqualTo(id));
    assertThat(history.get(0).txHash()).isEqualTo(agreed.txHash());
    assertThat(((DealManagerGateway.ResultPosted) history.get(1)).resultCid().toArray()).isEqualTo(resultCid);
    assertThat(queries.agreedTerms(id)).contains(deal);
    // the same history read one block per eth_getLogs call
    assertThat(new DealQueries(chain, deployment.dealManager(), deployment.deployBlock(), 1).history(id)).isEqualTo(history);
  }

  @Test
  void shouldRejectABadSignatureWithTheDecodedProtocolError() throws Exception {
    deployment.fund(chain, CLIENT, BigInteger.ZERO, BigInteger.valueOf(20_000_000));
    deployment.fund(chain, NODE, BigInteger.ZERO, BigInteger.valueOf(50_000));
    Deal deal = perFuelDeal(queries.chainTime());
    byte[] clientSig = deal.sign(CLIENT, deployment.domain()).toBytes();
    byte[] forgedNodeSig = deal.sign(STRANGER, deployment.domain()).toBytes();
    DirectSender relayer = Deployment.sender(chain, RELAYER);

    assertThatThrownBy(() -> relayer.send("agreeBySig", deployment.dealManager(),
        DealManagerGateway.agreeBySig(deal, clientSig, forgedNodeSig)))
        .isInstanceOfSatisfying(TxFailedException.class, e -> {
          assertThat(e.stage()).isEqualTo(TxFailedException.Stage.SIMULATION);
          assertThat(e.is(ProtocolError.DEAL_INVALID_SIGNATURE)).isTrue();
          assertThat(e.reason().orElseThrow().arg("signer")).isEqualTo(NODE.address().toLowerHex());
          assertThat(e.reason().orElseThrow().arg("dealId")).isEqualTo(deal.id().toHex());
          assertThat(e.txHash()).isEmpty();
          assertThat(e.getMessage()).startsWith("agreeBySig would fail: DealInvalidSignature(");
        });
    // a signature over other terms (here: another domain) is as bad, for the client too
    byte[] wrongDomain = deal.sign(CLIENT, io.pactum.protocol.eip712.Eip712Domain.pactum(1, deployment.dealManager())).toBytes();
    assertThatThrownBy(() -> relayer.send("agreeBySig", deployment.dealManager(),
        DealManagerGateway.agreeBySig(deal, wrongDomain, deal.sign(NODE, deployment.domain()).toBytes())))
        .isInstanceOfSatisfying(TxFailedException.class, e -> assertThat(e.reason().orElseThrow().arg("signer"))
            .isEqualTo(CLIENT.address().toLowerHex()));
    assertThat(deals.dealRecord(deal.id()).dealPhase()).isEqualTo(DealPhase.NONE);
    assertThat(queries.history(deal.id())).isEmpty();
  }

  @Test
  void shouldDecodeAViewRevertForUsers() {
    // a withdrawal beyond the free balance, simulated: VaultInsufficientFree with its arguments
    DirectSender stranger = Deployment.sender(chain, STRANGER);
    assertThatThrownBy(() -> stranger.send("withdraw", deployment.vault(),
        VaultGateway.withdraw(deployment.token(), STRANGER.address(), BigInteger.ONE)))
        .isInstanceOfSatisfying(TxFailedException.class, e -> {
          assertThat(e.is(ProtocolError.VAULT_INSUFFICIENT_FREE)).isTrue();
          assertThat(e.reason().orElseThrow().arg("required")).isEqualTo(BigInteger.ONE);
        });
  }

  // ------------------------------------------------------------------ helpers

  /** DealLib.paymentFor. */
  static BigInteger paymentFor(Deal d, long fuelUsed) {
    if (d.pricePerFuel().signum() == 0) {
      return d.price();
    }
    BigInteger fuel = BigInteger.valueOf(fuelUsed);
    if (fuelUsed != 0 && d.pricePerFuel().compareTo(d.price().divide(fuel)) > 0) {
      return d.price();
    }
    return fuel.multiply(d.pricePerFuel());
  }

  /** DealLib.feeOn. */
  static BigInteger feeOn(BigInteger payment, int bps) {
    BigInteger b = BigInteger.valueOf(10_000);
    BigInteger f = BigInteger.valueOf(bps);
    return payment.divide(b).multiply(f).add(payment.mod(b).multiply(f).divide(b));
  }

  /** The ecrecover precompile (address 1) on {@code digest} and {@code sig}. */
  static Address ecrecover(byte[] digest, Signature sig) throws Exception {
    String input = Numeric.toHexString(digest) + Numeric.toHexStringNoPrefixZeroPadded(BigInteger.valueOf(sig.v()), 64)
        + Numeric.toHexStringNoPrefixZeroPadded(sig.r(), 64) + Numeric.toHexStringNoPrefixZeroPadded(sig.s(), 64);
    String out = chain.send(chain.web3j().ethCall(Transaction.createEthCallTransaction(null,
        "0x0000000000000000000000000000000000000001", input), DefaultBlockParameterName.LATEST)).getValue();
    return Address.parse("0x" + Numeric.cleanHexPrefix(out).substring(24));
  }
}
