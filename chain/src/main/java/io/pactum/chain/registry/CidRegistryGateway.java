package io.pactum.chain.registry;

import static io.pactum.chain.client.EthCalls.call;
import static io.pactum.chain.client.EthCalls.encode;
import static io.pactum.chain.registry.DidRegistryGateway.addr;
import static io.pactum.chain.registry.DidRegistryGateway.b32;

import io.pactum.chain.rpc.ChainConnection;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Keccak;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Typed access to {@code CidRegistry} (contracts/src/interfaces/ICidRegistry.sol): calldata for
 * {@code anchor} and {@code anchorBatch} (send with {@link io.pactum.chain.client.DirectSender} or
 * the TxManager), the views by {@code eth_call}, and the {@code CidAnchored} event.
 */
public final class CidRegistryGateway {
  /** Largest CID the registry accepts, in bytes. */
  public static final int MAX_CID_LENGTH = 128;
  /** Largest batch of {@code anchorBatch}. */
  public static final int MAX_BATCH = 64;
  /** topic0 of {@code CidAnchored(bytes32,address,uint8,bytes,bytes32,uint64,uint64)}. */
  public static final String CID_ANCHORED =
      topic("CidAnchored(bytes32,address,uint8,bytes,bytes32,uint64,uint64)");

  private final ChainConnection chain;
  private final Address address;

  public CidRegistryGateway(ChainConnection chain, Address registry) {
    this.chain = chain;
    this.address = registry;
  }

  public Address address() {
    return address;
  }

  /** An anchor as stored; {@code anchoredAt == 0} means none. */
  public record Anchor(int kind, long anchoredAt, long codec, long hashFunction) {
    public boolean exists() {
      return anchoredAt != 0;
    }
  }

  /** A {@code CidAnchored} event. */
  public record Anchored(Bytes32 cidKey, Address owner, int kind, byte[] cid, Bytes32 contentHash, long codec,
      long hashFunction, long blockNumber, String txHash) {}

  /** What {@code parseCid} returns. */
  public record Parsed(long version, long codec, long hashFunction, Bytes32 digest) {}

  // ------------------------------------------------------------------ calldata

  public static byte[] anchor(byte[] cid, Bytes32 contentHash, int kind) {
    return encode("anchor", new DynamicBytes(cid), b32(contentHash), new Uint8(kind));
  }

  public static byte[] anchorBatch(List<byte[]> cids, List<Bytes32> contentHashes, List<Integer> kinds) {
    return encode("anchorBatch",
        new DynamicArray<>(DynamicBytes.class, cids.stream().map(DynamicBytes::new).toList()),
        new DynamicArray<>(org.web3j.abi.datatypes.generated.Bytes32.class,
            contentHashes.stream().map(DidRegistryGateway::b32).toList()),
        new DynamicArray<>(Uint8.class, kinds.stream().map(Uint8::new).toList()));
  }

  /** {@code keccak256(cid)}: the registry's key of a CID. */
  public static Bytes32 cidKey(byte[] cid) {
    return Bytes32.keccak(cid);
  }

  // ------------------------------------------------------------------ views

  @SuppressWarnings("rawtypes")
  public Anchor anchorOf(Bytes32 cidKey, Address owner) throws IOException {
    List<Type> r = call(chain, address.toLowerHex(), encode("anchorOf", b32(cidKey), addr(owner)), List.of(
        new TypeReference<Uint8>() {}, new TypeReference<Uint64>() {}, new TypeReference<Uint64>() {},
        new TypeReference<Uint64>() {}));
    return new Anchor(big(r.get(0)).intValueExact(), big(r.get(1)).longValueExact(), big(r.get(2)).longValueExact(),
        big(r.get(3)).longValueExact());
  }

  public boolean isAnchored(byte[] cid, Address owner) throws IOException {
    return (Boolean) call(chain, address.toLowerHex(), encode("isAnchored", new DynamicBytes(cid), addr(owner)),
        List.of(new TypeReference<Bool>() {})).get(0).getValue();
  }

  /** The contract's parse of {@code cid}; a malformed CID reverts ({@link io.pactum.chain.rpc.RpcException}). */
  @SuppressWarnings("rawtypes")
  public Parsed parseCid(byte[] cid) throws IOException {
    List<Type> r = call(chain, address.toLowerHex(), encode("parseCid", new DynamicBytes(cid)), List.of(
        new TypeReference<Uint64>() {}, new TypeReference<Uint64>() {}, new TypeReference<Uint64>() {},
        new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {}));
    return new Parsed(big(r.get(0)).longValueExact(), big(r.get(1)).longValueExact(), big(r.get(2)).longValueExact(),
        Bytes32.of((byte[]) r.get(3).getValue()));
  }

  // ------------------------------------------------------------------ events

  /** The {@code CidAnchored} events of a receipt emitted by this registry, in log order. */
  public List<Anchored> anchored(TransactionReceipt receipt) {
    List<Anchored> out = new ArrayList<>();
    for (Log log : receipt.getLogs()) {
      if (address.toLowerHex().equalsIgnoreCase(log.getAddress())) {
        decodeAnchored(log).ifPresent(out::add);
      }
    }
    return out;
  }

  /** A {@code CidAnchored} log decoded; empty for any other log. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static Optional<Anchored> decodeAnchored(Log log) {
    List<String> topics = log.getTopics();
    if (topics == null || topics.size() != 4 || !CID_ANCHORED.equalsIgnoreCase(topics.get(0))) {
      return Optional.empty();
    }
    List<Type> d = FunctionReturnDecoder.decode(log.getData(), (List) List.of(new TypeReference<DynamicBytes>() {},
        new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {}, new TypeReference<Uint64>() {},
        new TypeReference<Uint64>() {}));
    return Optional.of(new Anchored(Bytes32.fromHex(topics.get(1)), topicAddress(topics.get(2)),
        Numeric.toBigInt(topics.get(3)).intValueExact(), (byte[]) d.get(0).getValue(),
        Bytes32.of((byte[]) d.get(1).getValue()), big(d.get(2)).longValueExact(), big(d.get(3)).longValueExact(),
        log.getBlockNumber() == null ? -1 : log.getBlockNumber().longValueExact(), log.getTransactionHash()));
  }

  static Address topicAddress(String topic) {
    byte[] w = Numeric.hexStringToByteArray(topic);
    return new Address(java.util.Arrays.copyOfRange(w, 12, 32));
  }

  static String topic(String signature) {
    return Numeric.toHexString(Keccak.keccak256(signature.getBytes(StandardCharsets.US_ASCII)));
  }

  @SuppressWarnings("rawtypes")
  static BigInteger big(Type t) {
    return (BigInteger) t.getValue();
  }
}
