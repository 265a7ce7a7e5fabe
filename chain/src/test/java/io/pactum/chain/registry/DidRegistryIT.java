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
 * from the gateway's reads.
 */
class DidRegistryIT {
  static final EthKey ALICE = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(1));
  static final EthKey BOB = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(2));
  static final EthKey CAROL = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(3));
  static final EthKey RELAYER = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(4));

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
