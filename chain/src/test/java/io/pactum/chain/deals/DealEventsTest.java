package io.pactum.chain.deals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Keccak;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** Every DealManager deal event decodes into its {@link DealEvent}; the phases mirror DealTypes.sol. */
class DealEventsTest {
  static final Bytes32 ID = Bytes32.keccak(new byte[] {7});
  static final Address PARTY = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  static final String DM = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";

  static Log log(String topic0, String data, String... more) {
    Log l = new Log();
    l.setTopics(new ArrayList<>(List.of(topic0, ID.toHex())));
    l.getTopics().addAll(List.of(more));
    l.setData(data);
    l.setBlockNumber("0x2a");
    l.setTransactionHash("0xfeed");
    l.setAddress(DM);
    return l;
  }

  static String words(long... values) {
    StringBuilder sb = new StringBuilder("0x");
    for (long v : values) {
      sb.append(Numeric.toHexStringNoPrefixZeroPadded(BigInteger.valueOf(v), 64));
    }
    return sb.toString();
  }

  static String topic(Address a) {
    return "0x" + "0".repeat(24) + Numeric.cleanHexPrefix(a.toLowerHex());
  }

  static String sig(String signature) {
    return Numeric.toHexString(Keccak.keccak256(signature.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void shouldUseTheSolidityEventSignatures() {
    assertThat(DealManagerGateway.DEAL_PARTY_AGREED).isEqualTo(sig("DealPartyAgreed(bytes32,address)"));
    assertThat(DealManagerGateway.DEAL_ACCEPTED).isEqualTo(sig("DealAccepted(bytes32,bool,uint256,uint256,uint256)"));
    assertThat(DealManagerGateway.MEDIATION_REQUESTED).isEqualTo(sig("MediationRequested(bytes32,address,uint256)"));
    assertThat(DealManagerGateway.DEAL_AGREE_EXPIRED).isEqualTo(sig("DealAgreeExpired(bytes32,address,uint256)"));
    assertThat(DealManagerGateway.DEAL_RESULT_TIMED_OUT).isEqualTo(sig("DealResultTimedOut(bytes32,uint256,uint256)"));
    assertThat(DealManagerGateway.DEAL_MEDIATION_TIMED_OUT).isEqualTo(sig("DealMediationTimedOut(bytes32,uint256,uint256)"));
    assertThat(DealManagerGateway.DEAL_MEDIATED)
        .isEqualTo(sig("DealMediated(bytes32,uint8,uint256,uint256,uint256,address[],uint256)"));
    assertThat(DealManagerGateway.KEEPER_PAID).isEqualTo(sig("KeeperPaid(bytes32,address,uint256)"));
    assertThat(DealManagerGateway.DEAL_EVENT_TOPICS).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void shouldDecodeEveryDealEvent() {
    String accepted = "0x" + Numeric.cleanHexPrefix(FunctionEncoder.encodeConstructor(List.of(new Bool(true),
        new Uint256(5), new Uint256(6), new Uint256(7))));
    assertThat(DealManagerGateway.decodeEvent(log(DealManagerGateway.DEAL_ACCEPTED, accepted)))
        .contains(new DealEvent.Accepted(ID, true, BigInteger.valueOf(5), BigInteger.valueOf(6), BigInteger.valueOf(7), 42, "0xfeed"));
    assertThat(DealManagerGateway.decodeEvent(log(DealManagerGateway.DEAL_PARTY_AGREED, "0x", topic(PARTY))))
        .contains(new DealEvent.PartyAgreed(ID, PARTY, 42, "0xfeed"));
    assertThat(DealManagerGateway.decodeEvent(log(DealManagerGateway.MEDIATION_REQUESTED, words(9), topic(PARTY))))
        .contains(new DealEvent.MediationRequested(ID, PARTY, BigInteger.valueOf(9), 42, "0xfeed"));
    assertThat(DealManagerGateway.decodeEvent(log(DealManagerGateway.DEAL_AGREE_EXPIRED, words(11), topic(PARTY))))
        .contains(new DealEvent.AgreeExpired(ID, PARTY, BigInteger.valueOf(11), 42, "0xfeed"));
    assertThat(DealManagerGateway.decodeEvent(log(DealManagerGateway.DEAL_RESULT_TIMED_OUT, words(1, 2))))
        .contains(new DealEvent.ResultTimedOut(ID, BigInteger.ONE, BigInteger.TWO, 42, "0xfeed"));
    DealEvent timedOut = DealManagerGateway.decodeEvent(log(DealManagerGateway.DEAL_MEDIATION_TIMED_OUT, words(3, 4))).orElseThrow();
    assertThat(timedOut).isEqualTo(new DealEvent.MediationTimedOut(ID, BigInteger.valueOf(3), BigInteger.valueOf(4), 42, "0xfeed"));
    assertThat(timedOut.name()).isEqualTo("DealMediationTimedOut");
    assertThat(DealManagerGateway.decodeEvent(log(DealManagerGateway.KEEPER_PAID, words(12), topic(PARTY))))
        .contains(new DealEvent.KeeperPaid(ID, PARTY, BigInteger.valueOf(12), 42, "0xfeed"));
    String mediated = "0x" + Numeric.cleanHexPrefix(FunctionEncoder.encodeConstructor(List.of(
        new org.web3j.abi.datatypes.generated.Uint8(2), new Uint256(0), new Uint256(0), new Uint256(103),
        new org.web3j.abi.datatypes.DynamicArray<>(org.web3j.abi.datatypes.Address.class,
            List.of(new org.web3j.abi.datatypes.Address(PARTY.toLowerHex()))),
        new Uint256(5))));
    assertThat(DealManagerGateway.decodeEvent(log(DealManagerGateway.DEAL_MEDIATED, mediated)))
        .contains(new DealEvent.Mediated(ID, false, BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(103), List.of(PARTY),
            BigInteger.valueOf(5), 42, "0xfeed"));
  }

  @Test
  void shouldIgnoreForeignLogsAndRefuseTruncatedOnes() {
    assertThat(DealManagerGateway.decodeEvent(log(sig("Transfer(address,address,uint256)"), words(1)))).isEmpty();
    assertThatThrownBy(() -> DealManagerGateway.decodeEvent(log(DealManagerGateway.DEAL_RESULT_TIMED_OUT, words(1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("undecodable");
  }

  @Test
  void shouldPickTheDealEventsOfAReceipt() {
    Log other = log(DealManagerGateway.DEAL_RESULT_TIMED_OUT, words(1, 2));
    other.setAddress("0x0000000000000000000000000000000000000abc");
    TransactionReceipt r = new TransactionReceipt();
    r.setLogs(List.of(other, log(DealManagerGateway.DEAL_RESULT_TIMED_OUT, words(1, 2))));
    assertThat(new DealManagerGateway(null, DM).events(r)).singleElement().isInstanceOf(DealEvent.ResultTimedOut.class);
  }

  @Test
  void shouldKnowTheDealPhases() {
    assertThat(DealPhase.of(4)).isEqualTo(DealPhase.RESULT_POSTED);
    assertThat(DealPhase.values()).hasSize(12);
    assertThat(DealPhase.MEDIATION_TIMED_OUT.solidityName()).isEqualTo("MediationTimedOut");
    assertThat(DealPhase.ACCEPTED.terminal()).isTrue();
    assertThat(DealPhase.MEDIATION_REQUESTED.terminal()).isFalse();
    assertThatThrownBy(() -> DealPhase.of(12)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new DealManagerGateway.DealRecord(3, 1, 0, 0, 0, 0).dealPhase()).isEqualTo(DealPhase.AGREED);
  }
}
