package io.pactum.chain.registry;

import static io.pactum.chain.client.EthCalls.call;
import static io.pactum.chain.client.EthCalls.callUint;
import static io.pactum.chain.client.EthCalls.encode;
import static io.pactum.chain.registry.CidRegistryGateway.big;
import static io.pactum.chain.registry.CidRegistryGateway.topic;
import static io.pactum.chain.registry.CidRegistryGateway.topicAddress;
import static io.pactum.chain.registry.DidRegistryGateway.addr;

import io.pactum.chain.rpc.ChainConnection;
import io.pactum.protocol.crypto.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint40;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Typed access to {@code SoulRegistry} (contracts/src/interfaces/ISoulRegistry.sol): calldata for
 * every write, the views by {@code eth_call}, and the events a caller needs (the new soul's id
 * from {@code SoulCreated}, a schedule from {@code RecoveryScheduled}).
 */
public final class SoulRegistryGateway {
  public static final int MIN_GUARDIANS = 3;
  public static final int MAX_GUARDIANS = 7;
  /** Largest backup CID, in bytes. */
  public static final int MAX_CID_LENGTH = 128;
  /** Recovery and guardian-change timelock, seconds (3 days). */
  public static final long DELAY_SECONDS = 3 * 24 * 3600L;

  /** topic0 of {@code SoulCreated(uint256,address,bytes,address[])}. */
  public static final String SOUL_CREATED = topic("SoulCreated(uint256,address,bytes,address[])");
  /** topic0 of {@code RecoveryScheduled(uint256,address,uint32,uint40)}. */
  public static final String RECOVERY_SCHEDULED = topic("RecoveryScheduled(uint256,address,uint32,uint40)");
  /** topic0 of {@code RecoveryApproved(uint256,address,address,uint32,uint256)}. */
  public static final String RECOVERY_APPROVED = topic("RecoveryApproved(uint256,address,address,uint32,uint256)");

  private final ChainConnection chain;
  private final Address address;

  public SoulRegistryGateway(ChainConnection chain, Address registry) {
    this.chain = chain;
    this.address = registry;
  }

  public Address address() {
    return address;
  }

  /** A soul record; {@code owner == 0}: no such soul. */
  public record Soul(Address owner, long recoveryNonce, int guardianCount, long createdAt) {
    public boolean exists() {
      return !owner.equals(Address.ZERO);
    }
  }

  /** A scheduled recovery; {@code readyAt == 0}: none. */
  public record PendingRecovery(Address newOwner, long nonce, long readyAt) {}

  /** A proposed guardian set; {@code readyAt == 0}: none. */
  public record PendingGuardians(List<Address> guardians, long readyAt) {}

  public enum RecoveryState { NONE, SCHEDULED, EXECUTABLE }

  /** ceil(2n/3): the approvals a recovery needs with {@code n} guardians. */
  public static int threshold(int guardianCount) {
    return (2 * guardianCount + 2) / 3;
  }

  // ------------------------------------------------------------------ calldata

  public static byte[] create(byte[] backupCid, List<Address> guardians) {
    return encode("create", new DynamicBytes(backupCid), addresses(guardians));
  }

  public static byte[] setBackupCid(BigInteger soulId, byte[] backupCid) {
    return encode("setBackupCid", new Uint256(soulId), new DynamicBytes(backupCid));
  }

  public static byte[] transfer(BigInteger soulId, Address newOwner) {
    return encode("transfer", new Uint256(soulId), addr(newOwner));
  }

  public static byte[] proposeGuardians(BigInteger soulId, List<Address> guardians) {
    return encode("proposeGuardians", new Uint256(soulId), addresses(guardians));
  }

  public static byte[] executeGuardians(BigInteger soulId) {
    return encode("executeGuardians", new Uint256(soulId));
  }

  public static byte[] cancelGuardians(BigInteger soulId) {
    return encode("cancelGuardians", new Uint256(soulId));
  }

  public static byte[] cancelRecovery(BigInteger soulId) {
    return encode("cancelRecovery", new Uint256(soulId));
  }

  public static byte[] approveRecovery(BigInteger soulId, Address newOwner, long nonce) {
    return encode("approveRecovery", new Uint256(soulId), addr(newOwner), new Uint32(nonce));
  }

  public static byte[] executeRecovery(BigInteger soulId) {
    return encode("executeRecovery", new Uint256(soulId));
  }

  // ------------------------------------------------------------------ views

  @SuppressWarnings("rawtypes")
  public Soul soul(BigInteger soulId) throws IOException {
    List<Type> r = call(chain, address.toLowerHex(), encode("soul", new Uint256(soulId)), List.of(
        new TypeReference<org.web3j.abi.datatypes.Address>() {}, new TypeReference<Uint32>() {},
        new TypeReference<Uint8>() {}, new TypeReference<Uint40>() {}));
    return new Soul(Address.parse((String) r.get(0).getValue()), big(r.get(1)).longValueExact(),
        big(r.get(2)).intValueExact(), big(r.get(3)).longValueExact());
  }

  /** The soul {@code owner} owns, 0 when none. */
  public BigInteger soulOf(Address owner) throws IOException {
    return callUint(chain, address.toLowerHex(), encode("soulOf", addr(owner)));
  }

  public byte[] backupCid(BigInteger soulId) throws IOException {
    return (byte[]) call(chain, address.toLowerHex(), encode("backupCid", new Uint256(soulId)),
        List.of(new TypeReference<DynamicBytes>() {})).get(0).getValue();
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  public List<Address> guardians(BigInteger soulId) throws IOException {
    List<Type> r = call(chain, address.toLowerHex(), encode("guardians", new Uint256(soulId)),
        List.of(new TypeReference<DynamicArray<org.web3j.abi.datatypes.Address>>() {}));
    List<org.web3j.abi.datatypes.Address> list = (List<org.web3j.abi.datatypes.Address>) r.get(0).getValue();
    return list.stream().map(a -> Address.parse(a.getValue())).toList();
  }

  public int threshold(BigInteger soulId) throws IOException {
    return callUint(chain, address.toLowerHex(), encode("threshold", new Uint256(soulId))).intValueExact();
  }

  /** Bitmap by guardian index of approvals for {@code newOwner} under the current nonce. */
  public int approvals(BigInteger soulId, Address newOwner) throws IOException {
    return callUint(chain, address.toLowerHex(), encode("approvals", new Uint256(soulId), addr(newOwner)))
        .intValueExact();
  }

  @SuppressWarnings("rawtypes")
  public PendingRecovery pendingRecovery(BigInteger soulId) throws IOException {
    List<Type> r = call(chain, address.toLowerHex(), encode("pendingRecovery", new Uint256(soulId)), List.of(
        new TypeReference<org.web3j.abi.datatypes.Address>() {}, new TypeReference<Uint32>() {},
        new TypeReference<Uint40>() {}));
    return new PendingRecovery(Address.parse((String) r.get(0).getValue()), big(r.get(1)).longValueExact(),
        big(r.get(2)).longValueExact());
  }

  public RecoveryState recoveryState(BigInteger soulId) throws IOException {
    int s = callUint(chain, address.toLowerHex(), encode("recoveryState", new Uint256(soulId))).intValueExact();
    if (s < 0 || s >= RecoveryState.values().length) {
      throw new IOException("unexpected recoveryState " + s + " from " + address);
    }
    return RecoveryState.values()[s];
  }

  /** {@code pendingGuardians}: a struct with a dynamic array, decoded word by word. */
  public PendingGuardians pendingGuardians(BigInteger soulId) throws IOException {
    Transaction tx = Transaction.createEthCallTransaction(null, address.toLowerHex(),
        Numeric.toHexString(encode("pendingGuardians", new Uint256(soulId))));
    byte[] out = Numeric.hexStringToByteArray(
        chain.send(chain.web3j().ethCall(tx, DefaultBlockParameterName.LATEST)).getValue());
    return decodePendingGuardians(out);
  }

  static PendingGuardians decodePendingGuardians(byte[] out) throws IOException {
    int tuple = wordAt(out, 0).intValueExact();
    int arrayAt = tuple + wordAt(out, tuple).intValueExact();
    long readyAt = wordAt(out, tuple + 32).longValueExact();
    int n = wordAt(out, arrayAt).intValueExact();
    if (n > MAX_GUARDIANS) {
      throw new IOException("unexpected pendingGuardians() answer: " + n + " guardians");
    }
    List<Address> guardians = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = arrayAt + 32 + 32 * i;
      wordAt(out, at);
      guardians.add(new Address(Arrays.copyOfRange(out, at + 12, at + 32)));
    }
    return new PendingGuardians(guardians, readyAt);
  }

  // ------------------------------------------------------------------ events

  /** The soul id of the {@code SoulCreated} event in a receipt of this registry. */
  public Optional<BigInteger> createdSoulId(TransactionReceipt receipt) {
    for (Log log : receipt.getLogs()) {
      if (address.toLowerHex().equalsIgnoreCase(log.getAddress()) && log.getTopics().size() == 3
          && SOUL_CREATED.equalsIgnoreCase(log.getTopics().get(0))) {
        return Optional.of(Numeric.toBigInt(log.getTopics().get(1)));
      }
    }
    return Optional.empty();
  }

  /** A {@code RecoveryScheduled} event of a receipt of this registry (the approval that reached the threshold). */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Optional<PendingRecovery> scheduled(TransactionReceipt receipt) {
    for (Log log : receipt.getLogs()) {
      if (address.toLowerHex().equalsIgnoreCase(log.getAddress()) && log.getTopics().size() == 3
          && RECOVERY_SCHEDULED.equalsIgnoreCase(log.getTopics().get(0))) {
        List<Type> d = FunctionReturnDecoder.decode(log.getData(),
            (List) List.of(new TypeReference<Uint32>() {}, new TypeReference<Uint40>() {}));
        return Optional.of(new PendingRecovery(topicAddress(log.getTopics().get(2)), big(d.get(0)).longValueExact(),
            big(d.get(1)).longValueExact()));
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ helpers

  private static DynamicArray<org.web3j.abi.datatypes.Address> addresses(List<Address> list) {
    return new DynamicArray<>(org.web3j.abi.datatypes.Address.class,
        list.stream().map(DidRegistryGateway::addr).toList());
  }

  private static BigInteger wordAt(byte[] data, int offset) throws IOException {
    if (offset < 0 || data.length < offset + 32) {
      throw new IOException("answer too short: " + data.length + " bytes");
    }
    return new BigInteger(1, Arrays.copyOfRange(data, offset, offset + 32));
  }
}
