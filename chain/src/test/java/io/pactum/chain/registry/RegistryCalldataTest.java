package io.pactum.chain.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Keccak;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** CidRegistry and SoulRegistry calldata: the Solidity selectors of the interfaces, then the ABI words by hand. */
class RegistryCalldataTest {
  static final Address A = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  static final Address B = Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
  static final Address C = Address.parse("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
  static final Address REGISTRY = Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3");

  static String selector(String signature) {
    return Numeric.toHexString(Arrays.copyOf(Keccak.keccak256(signature.getBytes(StandardCharsets.US_ASCII)), 4));
  }

  static String word(Address a) {
    return "0".repeat(24) + Numeric.cleanHexPrefix(a.toLowerHex());
  }

  static String word(long v) {
    return Numeric.toHexStringNoPrefixZeroPadded(BigInteger.valueOf(v), 64);
  }

  static String padded(byte[] b) {
    String hex = Numeric.toHexStringNoPrefix(b);
    int words = (b.length + 31) / 32;
    return hex + "0".repeat(words * 64 - hex.length());
  }

  static byte[] cid() {
    byte[] c = new byte[36];
    c[0] = 0x01;
    c[1] = 0x55;
    c[2] = 0x12;
    c[3] = 0x20;
    for (int i = 4; i < 36; i++) {
      c[i] = (byte) i;
    }
    return c;
  }

  @Test
  void shouldEncodeCidRegistryWrites() {
    byte[] cid = cid();
    Bytes32 digest = Bytes32.of(Arrays.copyOfRange(cid, 4, 36));
    assertThat(Numeric.toHexString(CidRegistryGateway.anchor(cid, digest, 3)))
        .isEqualTo(selector("anchor(bytes,bytes32,uint8)") + word(0x60) + Numeric.cleanHexPrefix(digest.toHex())
            + word(3) + word(36) + padded(cid));
    assertThat(Numeric.toHexString(CidRegistryGateway.anchorBatch(List.of(cid), List.of(digest), List.of(1))))
        .isEqualTo(selector("anchorBatch(bytes[],bytes32[],uint8[])") + word(0x60) + word(0x100) + word(0x140)
            // bytes[] of one: length, offset of element (from after the length), element
            + word(1) + word(0x20) + word(36) + padded(cid)
            + word(1) + Numeric.cleanHexPrefix(digest.toHex())
            + word(1) + word(1));
    assertThat(CidRegistryGateway.cidKey(cid)).isEqualTo(Bytes32.keccak(cid));
  }

  @Test
  void shouldEncodeSoulRegistryWrites() {
    BigInteger id = BigInteger.valueOf(7);
    byte[] cid = cid();
    assertThat(Numeric.toHexString(SoulRegistryGateway.create(cid, List.of(A, B, C))))
        .isEqualTo(selector("create(bytes,address[])") + word(0x40) + word(0xa0) + word(36) + padded(cid)
            + word(3) + word(A) + word(B) + word(C));
    assertThat(Numeric.toHexString(SoulRegistryGateway.setBackupCid(id, cid)))
        .isEqualTo(selector("setBackupCid(uint256,bytes)") + word(7) + word(0x40) + word(36) + padded(cid));
    assertThat(Numeric.toHexString(SoulRegistryGateway.transfer(id, A)))
        .isEqualTo(selector("transfer(uint256,address)") + word(7) + word(A));
    assertThat(Numeric.toHexString(SoulRegistryGateway.proposeGuardians(id, List.of(C, B, A))))
        .isEqualTo(selector("proposeGuardians(uint256,address[])") + word(7) + word(0x40) + word(3) + word(C)
            + word(B) + word(A));
    assertThat(Numeric.toHexString(SoulRegistryGateway.executeGuardians(id)))
        .isEqualTo(selector("executeGuardians(uint256)") + word(7));
    assertThat(Numeric.toHexString(SoulRegistryGateway.cancelGuardians(id)))
        .isEqualTo(selector("cancelGuardians(uint256)") + word(7));
    assertThat(Numeric.toHexString(SoulRegistryGateway.cancelRecovery(id)))
        .isEqualTo(selector("cancelRecovery(uint256)") + word(7));
    assertThat(Numeric.toHexString(SoulRegistryGateway.approveRecovery(id, B, 4)))
        .isEqualTo(selector("approveRecovery(uint256,address,uint32)") + word(7) + word(B) + word(4));
    assertThat(Numeric.toHexString(SoulRegistryGateway.executeRecovery(id)))
        .isEqualTo(selector("executeRecovery(uint256)") + word(7));
  }

  @Test
  void shouldComputeThresholdsAsCeilTwoThirds() {
    assertThat(List.of(3, 4, 5, 6, 7).stream().map(SoulRegistryGateway::threshold).toList())
        .containsExactly(2, 3, 4, 4, 5);
  }

  @Test
  void shouldDecodePendingGuardiansAnswer() throws Exception {
    byte[] out = Numeric.hexStringToByteArray(word(0x20) + word(0x40) + word(1234) + word(3) + word(A) + word(B)
        + word(C));
    var p = SoulRegistryGateway.decodePendingGuardians(out);
    assertThat(p.guardians()).containsExactly(A, B, C);
    assertThat(p.readyAt()).isEqualTo(1234);
  }

  @Test
  void shouldDecodeCidAnchoredAndSoulEvents() {
    byte[] cid = cid();
    Bytes32 digest = Bytes32.of(Arrays.copyOfRange(cid, 4, 36));
    Log anchored = log(REGISTRY, List.of(CidRegistryGateway.CID_ANCHORED, Bytes32.keccak(cid).toHex(), "0x" + word(A),
        "0x" + word(2)), "0x" + word(0x80) + Numeric.cleanHexPrefix(digest.toHex()) + word(0x55) + word(0x12)
        + word(36) + padded(cid));
    var events = new CidRegistryGateway(null, REGISTRY).anchored(receipt(anchored));
    assertThat(events).hasSize(1);
    var e = events.get(0);
    assertThat(e.cidKey()).isEqualTo(Bytes32.keccak(cid));
    assertThat(e.owner()).isEqualTo(A);
    assertThat(e.kind()).isEqualTo(2);
    assertThat(e.cid()).isEqualTo(cid);
    assertThat(e.contentHash()).isEqualTo(digest);
    assertThat(e.codec()).isEqualTo(0x55);
    assertThat(new CidRegistryGateway(null, B).anchored(receipt(anchored))).as("another contract's log").isEmpty();

    SoulRegistryGateway souls = new SoulRegistryGateway(null, REGISTRY);
    Log created = log(REGISTRY, List.of(SoulRegistryGateway.SOUL_CREATED, "0x" + word(9), "0x" + word(A)), "0x");
    assertThat(souls.createdSoulId(receipt(anchored, created))).contains(BigInteger.valueOf(9));
    Log scheduled = log(REGISTRY, List.of(SoulRegistryGateway.RECOVERY_SCHEDULED, "0x" + word(9), "0x" + word(B)),
        "0x" + word(2) + word(5000));
    assertThat(souls.scheduled(receipt(scheduled)).orElseThrow())
        .isEqualTo(new SoulRegistryGateway.PendingRecovery(B, 2, 5000));
  }

  private static Log log(Address from, List<String> topics, String data) {
    Log l = new Log();
    l.setAddress(from.toLowerHex());
    l.setTopics(topics);
    l.setData(data);
    l.setBlockNumber("0x10");
    l.setTransactionHash("0xabc");
    return l;
  }

  private static TransactionReceipt receipt(Log... logs) {
    TransactionReceipt r = new TransactionReceipt();
    r.setLogs(List.of(logs));
    return r;
  }
}
