package io.pactum.chain.pose;

import static io.pactum.chain.pose.PoSeCalldata.b32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.chain.client.DirectSender;
import io.pactum.chain.client.TxFailedException;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.Deployment;
import io.pactum.chain.vault.VaultGateway;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.eip712.Eip712Domain;
import io.pactum.protocol.pose.ChallengeMessageV2;
import io.pactum.protocol.pose.NodeRegistration;
import io.pactum.protocol.pose.PoSe;
import io.pactum.protocol.pose.ReceiptLeaf;
import io.pactum.protocol.pose.ReceiptMessageV2;
import io.pactum.protocol.pose.ReceiptsTree;
import io.pactum.protocol.pose.RewardLeaf;
import io.pactum.protocol.pose.StandardMerkleTree;
import io.pactum.protocol.pose.WitnessAttestationV2;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * PoSe v2 end to end against the contracts deployed by Deploy.s.sol on anvil, everything signed
 * and built in Java ({@code io.pactum.protocol.pose}): an operator registers four nodes with their
 * keys' EIP-712 consent; challenges, receipts and witness attestations are signed; the receipts
 * tree is committed, the contract draws the samples and every drawn leaf is revealed with its
 * positional proof (all signatures checked on-chain), which verifies the epoch; the oracle posts
 * a reward root built with the Java StandardMerkleTree and a node's reward is claimed on its
 * behalf, paying its operator.
 */
class PoSeIT {
  static final EthKey OPERATOR = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(1));
  static final EthKey CHALLENGER = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(2));
  static final EthKey CLAIMER = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(3));
  static final BigInteger E18 = BigInteger.TEN.pow(18);
  static final BigInteger BOND = BigInteger.valueOf(100).multiply(E18);
  static final int NODES = 4;

  static Anvil anvil;
  static Deployment d;
  static ChainConnection chain;
  static VaultGateway vault;

  @BeforeAll
  static void deploy() throws Exception {
    anvil = Anvil.start();
    d = Deployment.deploy(anvil);
    chain = ChainConnection.open(anvil.url(), 31337L);
    vault = new VaultGateway(chain, d.vault());
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

  static EthKey nodeKey(int i) {
    return EthKey.fromHex(String.format("0x%064x", 0x2001 + i));
  }

  @Test
  void shouldRegisterCommitRevealAndClaimWithJavaSignaturesAndTrees() throws Exception {
    Eip712Domain regDomain = PoSe.registryDomain(d.chainId(), d.nodeRegistry());
    Eip712Domain domain = PoSe.domain(d.chainId(), d.poseManager());
    assertThat(PoSeCalldata.callBytes32(chain, d.poseManager(), "domainSeparator()")).isEqualTo(domain.separator());
    DirectSender operator = Deployment.sender(chain, OPERATOR);
    DirectSender owner = Deployment.sender(chain, d.deployerEthKey());
    d.fund(chain, OPERATOR, BigInteger.ZERO, BOND.multiply(BigInteger.valueOf(NODES)));

    // 1. registration: the node key signs its consent over the operator, terms and its nonce
    List<Bytes32> nodeIds = new ArrayList<>();
    long deadline = chainTime() + 3_600;
    for (int i = 0; i < NODES; i++) {
      EthKey key = nodeKey(i);
      Bytes32 nodeId = PoSe.nodeId(key);
      nodeIds.add(nodeId);
      long nonce = PoSeCalldata.callUint(chain, d.nodeRegistry(), "registrationNonce(bytes32)", b32(nodeId))
          .longValueExact();
      Bytes32 endpoint = Bytes32.keccak(("https://node" + i + ".example").getBytes(StandardCharsets.UTF_8));
      int caps = PoSe.CAP_U | PoSe.CAP_S | PoSe.CAP_C;
      NodeRegistration reg = new NodeRegistration(nodeId, OPERATOR.address(), caps, endpoint, nonce, deadline);
      assertThat(PoSeCalldata.callBytes32(chain, d.nodeRegistry(),
          "registrationDigest(bytes32,address,uint8,bytes32,uint64,uint64)", b32(nodeId),
          PoSeCalldata.address(OPERATOR.address()), new Uint8(caps), b32(endpoint), new Uint64(nonce),
          new Uint64(deadline))).isEqualTo(Bytes32.of(reg.digest(regDomain)));
      operator.send("register", d.nodeRegistry(), PoSeCalldata.register(PoSe.pubkey(key), caps, endpoint, BOND,
          deadline, Bytes.of(reg.sign(key, regDomain).toBytes())));
      assertThat(PoSeCalldata.callAddress(chain, d.nodeRegistry(), "operatorOf(bytes32)", b32(nodeId)))
          .isEqualTo(OPERATOR.address());
    }
    assertThat(PoSeCalldata.callUint(chain, d.nodeRegistry(), "activeCount()")).isEqualTo(NODES);
    assertThat(vault.freeBalance(d.token(), OPERATOR.address())).isZero();
    Bytes32 aggregator = nodeIds.get(0);
    owner.send("setAggregator", d.poseManager(), PoSeCalldata.setAggregator(aggregator, true));
    owner.send("setChallenger", d.poseManager(), PoSeCalldata.setChallenger(CHALLENGER.address(), true));

    // 2. the epoch opens; its witnesses come from the seed
    long epoch = PoSeCalldata.callUint(chain, d.poseManager(), "currentEpoch()").longValueExact();
    operator.send("openEpoch", d.poseManager(), PoSeCalldata.openEpoch(epoch));
    List<Integer> witnesses = new ArrayList<>(); // node indices in ascending slot order
    for (int i = 0; i < NODES; i++) {
      if (slot(epoch, nodeIds.get(i)) != 0) witnesses.add(i);
    }
    witnesses.sort(Comparator.comparingLong(i -> slot(epoch, nodeIds.get(i))));
    long quorum = PoSeCalldata.callUint(chain, d.poseManager(), "quorum(uint64)", new Uint64(epoch)).longValueExact();
    assertThat(witnesses).hasSize(2); // ceil(sqrt(4))
    assertThat(quorum).isEqualTo(2); // ceil(2·2/3)

    // 3. one challenge per node, answered in time and attested pass by the witness quorum
    long now = chainTime();
    List<ReceiptLeaf> leaves = new ArrayList<>();
    List<List<PoSeCalldata.Attestation>> attestations = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      ChallengeMessageV2 c = ChallengeMessageV2.of(epoch, nodeIds.get(i), PoSe.CAP_S, 100 + i,
          CHALLENGER.address(), now, now + 30, Bytes32.keccak(("query " + i).getBytes(StandardCharsets.UTF_8)));
      ReceiptMessageV2 r = ReceiptMessageV2.answering(c,
          Bytes32.keccak(("answer " + i).getBytes(StandardCharsets.UTF_8)), now + 5);
      leaves.add(new ReceiptLeaf(c, r, PoSe.RESULT_PASS, Bytes.of(c.sign(CHALLENGER, domain).toBytes()),
          Bytes.of(r.sign(nodeKey(i), domain).toBytes())));
      List<PoSeCalldata.Attestation> atts = new ArrayList<>();
      for (int w : witnesses) {
        WitnessAttestationV2 a = WitnessAttestationV2.of(r, nodeIds.get(w), PoSe.RESULT_PASS);
        atts.add(new PoSeCalldata.Attestation(nodeIds.get(w), Bytes.of(a.sign(nodeKey(w), domain).toBytes())));
      }
      attestations.add(atts);
    }
    ReceiptsTree tree = ReceiptsTree.ofLeaves(leaves);

    // 4. after the epoch: commit, then the contract draws the samples from a later block
    anvil.increaseTime(d.poseEpochSeconds());
    anvil.mine();
    Bytes32 summary = Bytes32.keccak("4 pass".getBytes(StandardCharsets.UTF_8));
    operator.send("commitEpoch", d.poseManager(),
        PoSeCalldata.commitEpoch(epoch, aggregator, tree.root(), summary, leaves.size()));
    assertThat(state(epoch)).isEqualTo(2); // Committed
    anvil.mine();
    operator.send("drawSamples", d.poseManager(), PoSeCalldata.drawSamples(epoch));
    assertThat(state(epoch)).isEqualTo(3); // Sampling

    // 5. reveal each drawn sample: the leaf at the drawn index, its attestations and proof
    DirectSender anyone = Deployment.sender(chain, CLAIMER);
    List<Integer> drawn = new ArrayList<>();
    for (int j = 0; j < leaves.size(); j++) { // k = min(32, count) = 4
      int index = PoSeCalldata.callUint(chain, d.poseManager(), "sampleIndex(uint64,uint256)", new Uint64(epoch),
          new Uint256(j)).intValueExact();
      drawn.add(index);
      if (j == 0) {
        int wrong = (index + 1) % leaves.size();
        assertThatThrownBy(() -> anyone.send("revealSample (wrong leaf)", d.poseManager(),
            PoSeCalldata.revealSample(epoch, 0, leaves.get(wrong), attestations.get(wrong), tree.proof(wrong))))
            .isInstanceOf(TxFailedException.class).hasMessageContaining("would fail");
      }
      anyone.send("revealSample", d.poseManager(),
          PoSeCalldata.revealSample(epoch, j, leaves.get(index), attestations.get(index), tree.proof(index)));
    }
    assertThat(drawn).doesNotHaveDuplicates();
    assertThat(state(epoch)).isEqualTo(4); // Verified

    // 6. rewards: a StandardMerkleTree root with its budget, then a claim on behalf of a node
    List<RewardLeaf> rewards = new ArrayList<>();
    BigInteger budget = BigInteger.ZERO;
    for (int i = 0; i < NODES; i++) {
      BigInteger amount = BigInteger.valueOf(10L * (i + 1)).multiply(E18).add(BigInteger.valueOf(i));
      rewards.add(new RewardLeaf(epoch, nodeIds.get(i), amount));
      budget = budget.add(amount);
    }
    StandardMerkleTree<RewardLeaf> rewardTree = StandardMerkleTree.ofRewards(rewards);
    d.fund(chain, d.deployerEthKey(), BigInteger.ZERO, budget);
    owner.send("postRewardRoot", d.rewardDistributor(), PoSeCalldata.postRewardRoot(epoch, rewardTree.root(), budget));
    RewardLeaf mine = rewards.get(2);
    assertThat(PoSeCalldata.callBytes32(chain, d.rewardDistributor(), "leafHash(uint64,bytes32,uint256)",
        new Uint64(epoch), b32(mine.nodeId()), new Uint256(mine.amount()))).isEqualTo(mine.hash());
    anvil.increaseTime(10 * 60 + 1); // dispute period
    anvil.mine();
    anyone.send("rewardClaim", d.rewardDistributor(),
        PoSeCalldata.rewardClaim(epoch, mine.nodeId(), mine.amount(), rewardTree.proof(2)));
    assertThat(vault.freeBalance(d.token(), OPERATOR.address())).isEqualTo(mine.amount());
    assertThat(PoSeCalldata.callBool(chain, d.rewardDistributor(), "isClaimed(uint64,bytes32)", new Uint64(epoch),
        b32(mine.nodeId()))).isTrue();
    assertThatThrownBy(() -> anyone.send("rewardClaim (again)", d.rewardDistributor(),
        PoSeCalldata.rewardClaim(epoch, mine.nodeId(), mine.amount(), rewardTree.proof(2))))
        .isInstanceOf(TxFailedException.class);
    RewardLeaf other = rewards.get(1);
    assertThatThrownBy(() -> anyone.send("rewardClaim (inflated)", d.rewardDistributor(),
        PoSeCalldata.rewardClaim(epoch, other.nodeId(), other.amount().add(BigInteger.ONE), rewardTree.proof(1))))
        .isInstanceOf(TxFailedException.class);
    anyone.send("rewardClaim", d.rewardDistributor(),
        PoSeCalldata.rewardClaim(epoch, other.nodeId(), other.amount(), rewardTree.proof(1)));
    assertThat(vault.freeBalance(d.token(), OPERATOR.address())).isEqualTo(mine.amount().add(other.amount()));
  }

  static long slot(long epoch, Bytes32 nodeId) {
    try {
      return PoSeCalldata.callUint(chain, d.poseManager(), "witnessSlot(uint64,bytes32)", new Uint64(epoch),
          b32(nodeId)).longValueExact();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static int state(long epoch) throws Exception {
    return PoSeCalldata.callUint(chain, d.poseManager(), "epochState(uint64)", new Uint64(epoch)).intValueExact();
  }

  static long chainTime() throws Exception {
    return chain.send(chain.web3j().ethGetBlockByNumber(
        org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)).getBlock().getTimestamp().longValueExact();
  }
}
