package io.pactum.chain.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.contracts.DealManager;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

class DealManagerGatewayTest {
  static Deal sample() {
    return new Deal(Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"), Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"),
        Bytes32.keccak(new byte[] {1}), Bytes32.keccak(new byte[] {2}), Bytes.of(new byte[] {0x01, 0x55, 0x12, 0x20, 9, 9}), 1_000_000L,
        BigInteger.valueOf(100), BigInteger.ZERO, BigInteger.valueOf(10), BigInteger.valueOf(20), BigInteger.valueOf(300), BigInteger.valueOf(5),
        List.of(Address.parse("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65"), Address.parse("0x90f79bf6eb2c4f870365e785982e1f101e93b906")),
        1_900_000_000L, 600, 300, 900);
  }

  private static Log log(String topic0, String data, String... more) {
    Log l = new Log();
    l.setTopics(new java.util.ArrayList<>(List.of(topic0)));
    l.getTopics().addAll(List.of(more));
    l.setData(data);
    l.setBlockNumber("0x10");
    l.setTransactionHash("0xabc");
    return l;
  }

  private static String topic(Address a) {
    return "0x" + "0".repeat(24) + Numeric.cleanHexPrefix(a.toLowerHex());
  }

  @Test
  void shouldRoundTripTheDealThroughTheWrapperStruct() {
    Deal d = sample();
    assertThat(DealManagerGateway.fromStruct(DealManagerGateway.toStruct(d))).isEqualTo(d);
  }

  @Test
  void shouldDecodeDealAgreedWithItsDynamicStruct() {
    Deal d = sample();
    String data = "0x" + FunctionEncoder.encodeConstructor(List.of(DealManagerGateway.toStruct(d)));
    DealManagerGateway.DealAgreed e = DealManagerGateway.decodeDealAgreed(
        log(DealManagerGateway.DEAL_AGREED, data, d.structHash().toHex(), topic(d.client()), topic(d.node())));
    assertThat(e.deal()).isEqualTo(d);
    assertThat(e.dealId()).isEqualTo(d.structHash());
    assertThat(e.client()).isEqualTo(d.client());
    assertThat(e.node()).isEqualTo(d.node());
  }

  @Test
  void shouldDecodeResultPosted() {
    Deal d = sample();
    String data = "0x" + FunctionEncoder.encodeConstructor(List.of(new DynamicBytes(new byte[] {1, 2, 3}), new Uint64(77)));
    DealManagerGateway.ResultPosted e = DealManagerGateway.decodeResultPosted(
        log(DealManagerGateway.RESULT_POSTED, data, d.structHash().toHex(), topic(d.node())));
    assertThat(e.fuelUsed()).isEqualTo(77);
    assertThat(e.resultCid()).isEqualTo(Bytes.of(new byte[] {1, 2, 3}));
    assertThat(e.node()).isEqualTo(d.node());
  }

  @Test
  void shouldEncodeCallsWithTheWrapperSelectors() {
    byte[] call = DealManagerGateway.agreeBySig(sample(), new byte[65], new byte[65]);
    String expected = FunctionEncoder.encode(new org.web3j.abi.datatypes.Function(DealManager.FUNC_AGREEBYSIG,
        List.of(DealManagerGateway.toStruct(sample()), new DynamicBytes(new byte[65]), new DynamicBytes(new byte[65])), List.of()));
    assertThat(Numeric.toHexString(call)).isEqualTo(expected);
    assertThat(Numeric.toHexString(call).substring(0, 10)).isEqualTo(
        org.web3j.crypto.Hash.sha3String("agreeBySig((address,address,bytes32,bytes32,bytes,uint64,uint256,uint256,uint256,uint256,uint256,uint256,address[],uint64,uint32,uint32,uint32),bytes,bytes)").substring(0, 10));
  }
}
