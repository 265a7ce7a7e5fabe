package io.pactum.chain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pactum.chain.client.DirectSender;
import io.pactum.chain.client.TxFailedException;
import io.pactum.chain.errors.ProtocolError;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.Deployment;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.did.Delegation;
import io.pactum.protocol.did.Did;
import io.pactum.protocol.did.DidResolver;
import io.pactum.protocol.eip712.Eip712Domain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DidRegistryGateway} against the real DIDRegistry deployed by Deploy.s.sol on anvil: the
 * Java EIP-712 delegation digest equals the contract's, delegations signed in Java register, the
 * chain of three validates and a revocation cascades, and the pure resolver builds the document
 * from the gateway's reads. On the same deployment: {@link CidRegistryGateway} anchors and reads a
 * CID, and {@link SoulRegistryGateway} creates a soul, collects guardian approvals, waits out the
 * recovery timelock (anvil {@code evm_increaseTime}), executes it, and the new owner's cancel voids
 * the next recovery and its approvals.
 */
class DidRegistryIT {
  static final EthKey ALICE = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(1));
  static final EthKey BOB = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(2));
  static final EthKey CAROL = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(3));
  static final EthKey RELAYER = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(4));
  static final EthKey OWNER = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(5));
  static final EthKey G1 = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(6));
  static final EthKey G2 = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(7));
  static final EthKey G3 = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(8));
  static final EthKey HEIR = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(9));

  static Anvil anvil;
  static Deployment deployment;
  static ChainConnection chain;
  static DidRegistryGateway dids;
  static Eip712Domain domain;

  @BeforeAll
  static void deploy() throws Exception {
    anvil = Anvil.start();
    deployment = Deployment.deploy(anvil);
    chain = ChainConnection.open(anvil.url(), 31337L);
    dids = new DidRegistryGateway(chain, deployment.didRegistry(), deployment.chainId());
    domain = Delegation.domain(deployment.chainId(), deployment.didRegistry());
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

  /** The limits the gateways (and the CLI through them) check before sending are the deployed contracts'. */
  @Test
  void shouldMirrorTheContractsLimits() throws Exception {
    assertThat(uintConstant(deployment.didRegistry(), "MAX_SERVICE_LENGTH()")).isEqualTo(DidRegistryGateway.MAX_SERVICE_LENGTH);
    assertThat(uintConstant(deployment.cidRegistry(), "MAX_BATCH()")).isEqualTo(CidRegistryGateway.MAX_BATCH);
    assertThat(uintConstant(deployment.cidRegistry(), "MAX_CID_LENGTH()")).isEqualTo(CidRegistryGateway.MAX_CID_LENGTH);
  }

  private static long uintConstant(Address contract, String signature) throws Exception {
    byte[] selector = java.util.Arrays.copyOf(org.web3j.crypto.Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 4);
    var out = io.pactum.chain.client.EthCalls.call(chain, contract.toLowerHex(), selector,
        java.util.List.of(new org.web3j.abi.TypeReference<org.web3j.abi.datatypes.generated.Uint256>() {}));
    return ((java.math.BigInteger) out.get(0).getValue()).longValueExact();
  }

  @Test
  void shouldResolveDelegateAndCascadeRevocationOnChain() throws Exception {
    assertThat(deployment.cidRegistry()).isNotEqualTo(deployment.didRegistry());
    assertThat(deployment.soulRegistry()).isNotEqualTo(deployment.didRegistry());
    DirectSender alice = Deployment.sender(chain, ALICE);
    Address registry = deployment.didRegistry();
    Did did = new Did(deployment.chainId(), ALICE.address());
    assertThat(dids.read(did)).isEmpty();

    alice.send("create", registry, DidRegistryGateway.create(0x00ff));
    alice.send("setMethod", registry, DidRegistryGateway.setMethod(ALICE.address(), CAROL.address(), 1 | 8));
    alice.send("setService", registry, DidRegistryGateway.setService(ALICE.address(), "https://solver.example/v1"));

    var resolution = new DidResolver(deployment.chainId(), dids).resolve(did.toString());
    assertThat(resolution).isInstanceOf(DidResolver.Resolution.Found.class);
    JsonNode doc = ((DidResolver.Resolution.Found) resolution).document();
    assertThat(doc.get("id").asText()).isEqualTo(did.toString());
    assertThat(doc.get("verificationMethod")).hasSize(2);
    assertThat(doc.get("verificationMethod").get(1).get("blockchainAccountId").asText())
        .isEqualTo("eip155:31337:" + CAROL.address().toLowerHex());
    assertThat(doc.get("capabilityDelegation")).hasSize(2);
    assertThat(doc.get("capabilityInvocation")).hasSize(1);
    assertThat(doc.get("service").get(0).get("serviceEndpoint").asText()).isEqualTo("https://solver.example/v1");

    // root delegation signed by carol (a capability-delegation method), relayed by someone else
    long expiry = chainTime() + 86_400;
    Delegation root = new Delegation(ALICE.address(), BOB.address(), 0x000f, expiry, Bytes32.ZERO, salt(1));
    assertThat(dids.delegationDigest(root)).isEqualTo(root.digest(domain));
    DirectSender relayer = Deployment.sender(chain, RELAYER);
    relayer.send("registerDelegation", registry,
        DidRegistryGateway.registerDelegation(root, CAROL.sign(root.digest(domain).toArray()).toBytes()));
    Bytes32 rootId = root.digest(domain);
    var record = dids.delegation(rootId);
    assertThat(record.depth()).isEqualTo(1);
    assertThat(record.root()).isEqualTo(ALICE.address());
    assertThat(record.delegate()).isEqualTo(BOB.address());

    Delegation child = new Delegation(BOB.address(), CAROL.address(), 0x0003, expiry, rootId, salt(2));
    relayer.send("registerDelegation", registry,
        DidRegistryGateway.registerDelegation(child, BOB.sign(child.digest(domain).toArray()).toBytes()));
    Bytes32 childId = child.digest(domain);
    assertThat(dids.hasCapability(childId, CAROL.address(), 0x0001)).isTrue();
    assertThat(dids.hasCapability(childId, CAROL.address(), 0x0004)).isFalse();

    // escalation: carol grants more than she holds
    Delegation escalate = new Delegation(CAROL.address(), ALICE.address(), 0x0007, expiry, childId, salt(3));
    assertThatThrownBy(() -> relayer.send("registerDelegation", registry, DidRegistryGateway.registerDelegation(
        escalate, CAROL.sign(escalate.digest(domain).toArray()).toBytes())))
        .isInstanceOfSatisfying(TxFailedException.class,
            e -> {
              assertThat(e.is(ProtocolError.DID_CAPABILITY_ESCALATION)).isTrue();
              assertThat(e.reason().orElseThrow().arg("held")).isEqualTo(java.math.BigInteger.valueOf(3));
            });

    alice.send("revokeDelegation", registry, DidRegistryGateway.revokeDelegation(rootId));
    assertThat(dids.isDelegationValid(rootId)).isFalse();
    assertThat(dids.isDelegationValid(childId)).as("revocation cascades").isFalse();
    assertThat(dids.delegation(childId).revoked()).isFalse();

    alice.send("removeMethod", registry, DidRegistryGateway.removeMethod(ALICE.address(), CAROL.address()));
    assertThat(dids.methods(ALICE.address())).isEmpty();
    assertThat(dids.read(new Did(1, ALICE.address()))).as("another chain's DID").isEmpty();
  }

  @Test
  void shouldAnchorAndReadCid() throws Exception {
    CidRegistryGateway cids = new CidRegistryGateway(chain, deployment.cidRegistry());
    DirectSender owner = Deployment.sender(chain, OWNER);
    byte[] content = "pactum registry IT".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Cid cid = Cid.rawOf(content);
    byte[] bytes = cid.toBytes();
    Bytes32 digest = Bytes32.of(cid.digest());
    assertThat(cids.isAnchored(bytes, OWNER.address())).isFalse();

    var mined = owner.send("anchor", deployment.cidRegistry(), CidRegistryGateway.anchor(bytes, digest, 4));
    var events = cids.anchored(mined.receipt());
    assertThat(events).hasSize(1);
    assertThat(events.get(0).cid()).isEqualTo(bytes);
    assertThat(events.get(0).owner()).isEqualTo(OWNER.address());
    assertThat(events.get(0).kind()).isEqualTo(4);
    assertThat(events.get(0).cidKey()).isEqualTo(CidRegistryGateway.cidKey(bytes));

    assertThat(cids.isAnchored(bytes, OWNER.address())).isTrue();
    assertThat(cids.isAnchored(bytes, HEIR.address())).isFalse();
    var anchor = cids.anchorOf(CidRegistryGateway.cidKey(bytes), OWNER.address());
    assertThat(anchor.exists()).isTrue();
    assertThat(anchor.kind()).isEqualTo(4);
    assertThat(anchor.codec()).isEqualTo(Cid.RAW);
    assertThat(anchor.hashFunction()).isEqualTo(Cid.SHA2_256);
    assertThat(cids.parseCid(bytes)).isEqualTo(new CidRegistryGateway.Parsed(1, Cid.RAW, Cid.SHA2_256, digest));

    assertThatThrownBy(() -> owner.send("anchor", deployment.cidRegistry(), CidRegistryGateway.anchor(bytes, digest, 4)))
        .isInstanceOfSatisfying(TxFailedException.class, e -> assertThat(e.is(ProtocolError.CID_ALREADY_ANCHORED)).isTrue());
    byte[] other = Cid.rawOf("other".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toBytes();
    assertThatThrownBy(() -> owner.send("anchor", deployment.cidRegistry(), CidRegistryGateway.anchor(other, digest, 1)))
        .isInstanceOfSatisfying(TxFailedException.class, e -> assertThat(e.is(ProtocolError.CID_HASH_MISMATCH)).isTrue());
  }

  @Test
  void shouldRecoverSoulAfterTimelockAndLetOwnerCancel() throws Exception {
    SoulRegistryGateway souls = new SoulRegistryGateway(chain, deployment.soulRegistry());
    Address registry = deployment.soulRegistry();
    byte[] backup = Cid.rawOf("backup".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toBytes();
    var created = Deployment.sender(chain, OWNER).send("create", registry,
        SoulRegistryGateway.create(backup, java.util.List.of(G1.address(), G2.address(), G3.address())));
    java.math.BigInteger id = souls.createdSoulId(created.receipt()).orElseThrow();
    assertThat(souls.soulOf(OWNER.address())).isEqualTo(id);
    assertThat(souls.soul(id).owner()).isEqualTo(OWNER.address());
    assertThat(souls.backupCid(id)).isEqualTo(backup);
    assertThat(souls.guardians(id)).containsExactly(G1.address(), G2.address(), G3.address());
    assertThat(souls.threshold(id)).isEqualTo(2);
    long nonce = souls.soul(id).recoveryNonce();

    // one guardian is not enough
    Deployment.sender(chain, G1).send("approve", registry, SoulRegistryGateway.approveRecovery(id, HEIR.address(), nonce));
    assertThat(souls.approvals(id, HEIR.address())).isEqualTo(1);
    assertThat(souls.recoveryState(id)).isEqualTo(SoulRegistryGateway.RecoveryState.NONE);
    var second = Deployment.sender(chain, G3).send("approve", registry,
        SoulRegistryGateway.approveRecovery(id, HEIR.address(), nonce));
    var scheduled = souls.scheduled(second.receipt()).orElseThrow();
    assertThat(scheduled.newOwner()).isEqualTo(HEIR.address());
    assertThat(souls.pendingRecovery(id)).isEqualTo(scheduled);
    assertThat(souls.recoveryState(id)).isEqualTo(SoulRegistryGateway.RecoveryState.SCHEDULED);

    DirectSender anyone = Deployment.sender(chain, RELAYER);
    assertThatThrownBy(() -> anyone.send("execute", registry, SoulRegistryGateway.executeRecovery(id)))
        .isInstanceOfSatisfying(TxFailedException.class, e -> assertThat(e.is(ProtocolError.SOUL_RECOVERY_NOT_READY)).isTrue());
    anvil.increaseTime(SoulRegistryGateway.DELAY_SECONDS + 1);
    anvil.mine();
    assertThat(souls.recoveryState(id)).isEqualTo(SoulRegistryGateway.RecoveryState.EXECUTABLE);
    anyone.send("execute", registry, SoulRegistryGateway.executeRecovery(id));
    assertThat(souls.soul(id).owner()).isEqualTo(HEIR.address());
    assertThat(souls.soul(id).recoveryNonce()).isEqualTo(nonce + 1);
    assertThat(souls.soulOf(HEIR.address())).isEqualTo(id);

    // the new owner cancels the next recovery: its approvals are void, a stale approval reverts
    long n2 = nonce + 1;
    Deployment.sender(chain, G1).send("approve", registry, SoulRegistryGateway.approveRecovery(id, OWNER.address(), n2));
    Deployment.sender(chain, G2).send("approve", registry, SoulRegistryGateway.approveRecovery(id, OWNER.address(), n2));
    assertThat(souls.recoveryState(id)).isEqualTo(SoulRegistryGateway.RecoveryState.SCHEDULED);
    Deployment.sender(chain, HEIR).send("cancel", registry, SoulRegistryGateway.cancelRecovery(id));
    assertThat(souls.recoveryState(id)).isEqualTo(SoulRegistryGateway.RecoveryState.NONE);
    assertThat(souls.approvals(id, OWNER.address())).isZero();
    assertThat(souls.soul(id).recoveryNonce()).isEqualTo(n2 + 1);
    anvil.increaseTime(SoulRegistryGateway.DELAY_SECONDS + 1);
    anvil.mine();
    assertThatThrownBy(() -> anyone.send("execute", registry, SoulRegistryGateway.executeRecovery(id)))
        .isInstanceOfSatisfying(TxFailedException.class, e -> assertThat(e.is(ProtocolError.SOUL_NO_RECOVERY)).isTrue());
    assertThatThrownBy(() -> Deployment.sender(chain, G3).send("approve", registry,
        SoulRegistryGateway.approveRecovery(id, OWNER.address(), n2)))
        .isInstanceOfSatisfying(TxFailedException.class, e -> assertThat(e.is(ProtocolError.SOUL_STALE_NONCE)).isTrue());
    assertThat(souls.soul(id).owner()).isEqualTo(HEIR.address());
    assertThat(souls.pendingGuardians(id).readyAt()).isZero();
  }

  private static Bytes32 salt(int i) {
    byte[] b = new byte[32];
    b[31] = (byte) i;
    return Bytes32.of(b);
  }

  private static long chainTime() throws Exception {
    return chain.send(chain.web3j().ethGetBlockByNumber(
        org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)).getBlock().getTimestamp().longValueExact();
  }

}
