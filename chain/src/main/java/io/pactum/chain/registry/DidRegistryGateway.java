package io.pactum.chain.registry;

import static io.pactum.chain.client.EthCalls.call;
import static io.pactum.chain.client.EthCalls.encode;

import io.pactum.chain.rpc.ChainConnection;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Keccak;
import io.pactum.protocol.did.Delegation;
import io.pactum.protocol.did.Did;
import io.pactum.protocol.did.DidReader;
import io.pactum.protocol.did.DidState;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint40;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

/**
 * Typed access to {@code DIDRegistry} (contracts/src/interfaces/IDIDRegistry.sol): calldata for
 * the writes (send with {@link io.pactum.chain.client.DirectSender} or the TxManager) and the
 * views by {@code eth_call}. Implements the protocol's {@link DidReader} port, so the pure
 * {@link io.pactum.protocol.did.DidResolver} resolves DIDs from chain state.
 */
public final class DidRegistryGateway implements DidReader {
  /** Longest service endpoint the registry stores, in bytes ({@code MAX_SERVICE_LENGTH}). */
  public static final int MAX_SERVICE_LENGTH = 256;
  private static final String DELEGATION_TUPLE = "(address,address,uint16,uint64,bytes32,bytes32)";

  private final ChainConnection chain;
  private final Address address;
  private final long chainId;

  public DidRegistryGateway(ChainConnection chain, Address registry, long chainId) {
    this.chain = chain;
    this.address = registry;
    this.chainId = chainId;
  }

  public Address address() {
    return address;
  }

  /** A delegation record as the registry stores it. {@code depth == 0}: unknown id. */
  public record DelegationRecord(Address root, int depth, boolean revoked, long rootEpoch, int capabilities,
      Address issuer, long expiry, Address delegate, Bytes32 parent) {}

  // ------------------------------------------------------------------ calldata

  public static byte[] create(int capabilities) {
    return encode("create", new Uint16(capabilities));
  }

  public static byte[] changeController(Address did, Address controller) {
    return encode("changeController", addr(did), addr(controller));
  }

  public static byte[] setCapabilities(Address did, int capabilities) {
    return encode("setCapabilities", addr(did), new Uint16(capabilities));
  }

  public static byte[] setMethod(Address did, Address account, int purposes) {
    return encode("setMethod", addr(did), addr(account), new Uint8(purposes));
  }

  public static byte[] removeMethod(Address did, Address account) {
    return encode("removeMethod", addr(did), addr(account));
  }

  public static byte[] setService(Address did, String endpoint) {
    return encode("setService", addr(did), new Utf8String(endpoint));
  }

  public static byte[] bumpDelegationEpoch(Address did) {
    return encode("bumpDelegationEpoch", addr(did));
  }

  /** {@code registerDelegation(Delegation, signature)}: the struct is static, so it is encoded inline. */
  public static byte[] registerDelegation(Delegation d, byte[] signature65) {
    List<Type> args = new ArrayList<>(delegationWords(d));
    args.add(new DynamicBytes(signature65));
    return withSelector("registerDelegation(" + DELEGATION_TUPLE + ",bytes)", args);
  }

  public static byte[] revokeDelegation(Bytes32 id) {
    return encode("revokeDelegation", b32(id));
  }

  // ------------------------------------------------------------------ views

  @Override
  @SuppressWarnings("rawtypes")
  public Optional<DidState> read(Did did) throws IOException {
    if (did.chainId() != chainId) {
      return Optional.empty();
    }
    Address a = did.address();
    List<Type> idn = call(chain, address.toLowerHex(), encode("identity", addr(a)), List.of(
        new TypeReference<org.web3j.abi.datatypes.Address>() {}, new TypeReference<Uint16>() {},
        new TypeReference<Uint8>() {}, new TypeReference<Uint32>() {}, new TypeReference<Uint40>() {}));
    long createdAt = ((BigInteger) idn.get(4).getValue()).longValueExact();
    if (createdAt == 0) {
      return Optional.empty();
    }
    String service = (String) call(chain, address.toLowerHex(), encode("service", addr(a)),
        List.of(new TypeReference<Utf8String>() {})).get(0).getValue();
    return Optional.of(new DidState(did, Address.parse((String) idn.get(0).getValue()),
        ((BigInteger) idn.get(1).getValue()).intValueExact(), ((BigInteger) idn.get(3).getValue()).longValueExact(),
        createdAt, methods(a), service.isEmpty() ? Optional.empty() : Optional.of(service)));
  }

  /** {@code methods(did)}: an array of static {@code (address, uint8)} tuples, decoded word by word. */
  public List<DidState.Method> methods(Address did) throws IOException {
    byte[] out = rawCall(encode("methods", addr(did)));
    int count = word(out, 1).intValueExact();
    if (count > DidState.MAX_METHODS || out.length < 64 + 64 * count) {
      throw new IOException("unexpected methods() answer of " + out.length + " bytes from " + address);
    }
    List<DidState.Method> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] account = new byte[20];
      System.arraycopy(out, 64 + 64 * i + 12, account, 0, 20);
      list.add(new DidState.Method(new Address(account), word(out, 2 + 2 * i + 1).intValueExact()));
    }
    return list;
  }

  @SuppressWarnings("rawtypes")
  public DelegationRecord delegation(Bytes32 id) throws IOException {
    List<Type> r = call(chain, address.toLowerHex(), encode("delegation", b32(id)), List.of(
        new TypeReference<org.web3j.abi.datatypes.Address>() {}, new TypeReference<Uint8>() {},
        new TypeReference<Bool>() {}, new TypeReference<Uint32>() {}, new TypeReference<Uint16>() {},
        new TypeReference<org.web3j.abi.datatypes.Address>() {}, new TypeReference<Uint64>() {},
        new TypeReference<org.web3j.abi.datatypes.Address>() {},
        new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {}));
    return new DelegationRecord(Address.parse((String) r.get(0).getValue()), big(r.get(1)).intValueExact(),
        (Boolean) r.get(2).getValue(), big(r.get(3)).longValueExact(), big(r.get(4)).intValueExact(),
        Address.parse((String) r.get(5).getValue()), big(r.get(6)).longValueExact(),
        Address.parse((String) r.get(7).getValue()), Bytes32.of((byte[]) r.get(8).getValue()));
  }

  public boolean isDelegationValid(Bytes32 id) throws IOException {
    return (Boolean) call(chain, address.toLowerHex(), encode("isDelegationValid", b32(id)),
        List.of(new TypeReference<Bool>() {})).get(0).getValue();
  }

  public boolean hasCapability(Bytes32 id, Address account, int capabilities) throws IOException {
    return (Boolean) call(chain, address.toLowerHex(),
        encode("hasCapability", b32(id), addr(account), new Uint16(capabilities)),
        List.of(new TypeReference<Bool>() {})).get(0).getValue();
  }

  /** The registry's own EIP-712 digest of {@code d} (cross-check of {@link Delegation#digest}). */
  public Bytes32 delegationDigest(Delegation d) throws IOException {
    byte[] out = rawCall(withSelector("delegationDigest(" + DELEGATION_TUPLE + ")", delegationWords(d)));
    if (out.length != 32) {
      throw new IOException("unexpected delegationDigest() answer from " + address);
    }
    return Bytes32.of(out);
  }

  // ------------------------------------------------------------------ encoding helpers

  private static List<Type> delegationWords(Delegation d) {
    return List.of(addr(d.issuer()), addr(d.delegate()), new Uint16(d.capabilities()), new Uint64(d.expiry()),
        b32(d.parent()), b32(d.salt()));
  }

  @SuppressWarnings("rawtypes")
  private static byte[] withSelector(String signature, List<Type> args) {
    byte[] selector = Keccak.keccak256(signature.getBytes(StandardCharsets.UTF_8));
    String params = FunctionEncoder.encodeConstructor(args);
    byte[] body = Numeric.hexStringToByteArray(params);
    byte[] out = new byte[4 + body.length];
    System.arraycopy(selector, 0, out, 0, 4);
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }

  private byte[] rawCall(byte[] data) throws IOException {
    Transaction tx = Transaction.createEthCallTransaction(null, address.toLowerHex(), Numeric.toHexString(data));
    return Numeric.hexStringToByteArray(
        chain.send(chain.web3j().ethCall(tx, DefaultBlockParameterName.LATEST)).getValue());
  }

  private static BigInteger word(byte[] data, int index) throws IOException {
    if (data.length < 32 * (index + 1)) {
      throw new IOException("answer too short: " + data.length + " bytes");
    }
    return new BigInteger(1, java.util.Arrays.copyOfRange(data, 32 * index, 32 * (index + 1)));
  }

  @SuppressWarnings("rawtypes")
  private static BigInteger big(Type t) {
    return (BigInteger) t.getValue();
  }

  static org.web3j.abi.datatypes.Address addr(Address a) {
    return new org.web3j.abi.datatypes.Address(a.toLowerHex());
  }

  static org.web3j.abi.datatypes.generated.Bytes32 b32(Bytes32 b) {
    return new org.web3j.abi.datatypes.generated.Bytes32(b.toArray());
  }
}
