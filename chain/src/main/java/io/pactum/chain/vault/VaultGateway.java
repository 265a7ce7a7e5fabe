package io.pactum.chain.vault;

import static io.pactum.chain.client.EthCalls.callUint;
import static io.pactum.chain.client.EthCalls.encode;

import io.pactum.chain.client.EthCalls;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.protocol.crypto.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Typed access to {@code CollateralVault} (contracts/src/interfaces/ICollateralVault.sol):
 * calldata for the account-side writes (send it with {@link io.pactum.chain.client.DirectSender}
 * or the {@link io.pactum.chain.tx.TxManager}) and the views by {@code eth_call}.
 */
public final class VaultGateway {
  private final ChainConnection chain;
  private final Address address;

  public VaultGateway(ChainConnection chain, Address vault) {
    this.chain = chain;
    this.address = vault;
  }

  public Address address() {
    return address;
  }

  // ------------------------------------------------------------------ calldata

  /** {@code deposit(token, account, amount)}: pulls {@code amount} from the caller's wallet (needs the allowance). */
  public static byte[] deposit(Address token, Address account, BigInteger amount) {
    return encode("deposit", addr(token), addr(account), new Uint256(amount));
  }

  /** {@code withdraw(token, to, amount)} from the caller's free balance. */
  public static byte[] withdraw(Address token, Address to, BigInteger amount) {
    return encode("withdraw", addr(token), addr(to), new Uint256(amount));
  }

  /** {@code setTokenAllowed(token, allowed)} (owner). */
  public static byte[] setTokenAllowed(Address token, boolean allowed) {
    return encode("setTokenAllowed", addr(token), new Bool(allowed));
  }

  /** {@code setLocker(locker, authorised)} (owner). */
  public static byte[] setLocker(Address locker, boolean authorised) {
    return encode("setLocker", addr(locker), new Bool(authorised));
  }

  /** {@code withdrawTreasury(token, to, amount)} (owner). */
  public static byte[] withdrawTreasury(Address token, Address to, BigInteger amount) {
    return encode("withdrawTreasury", addr(token), addr(to), new Uint256(amount));
  }

  // ------------------------------------------------------------------ views

  /** {@code freeBalance(token, account)}: unlocked, withdrawable. */
  public BigInteger freeBalance(Address token, Address account) throws IOException {
    return callUint(chain, address.toLowerHex(), encode("freeBalance", addr(token), addr(account)));
  }

  /** {@code escrowOf(token, locker)}: what {@code locker} (e.g. the DealManager) holds locked. */
  public BigInteger escrowOf(Address token, Address locker) throws IOException {
    return callUint(chain, address.toLowerHex(), encode("escrowOf", addr(token), addr(locker)));
  }

  /** {@code treasury(token)}: network fees collected. */
  public BigInteger treasury(Address token) throws IOException {
    return callUint(chain, address.toLowerHex(), encode("treasury", addr(token)));
  }

  /** {@code insurance(token)}. */
  public BigInteger insurance(Address token) throws IOException {
    return callUint(chain, address.toLowerHex(), encode("insurance", addr(token)));
  }

  /** {@code isTokenAllowed(token)}. */
  public boolean isTokenAllowed(Address token) throws IOException {
    return bool(encode("isTokenAllowed", addr(token)));
  }

  /** {@code isLocker(locker)}. */
  public boolean isLocker(Address locker) throws IOException {
    return bool(encode("isLocker", addr(locker)));
  }

  @SuppressWarnings("rawtypes")
  private boolean bool(byte[] data) throws IOException {
    List<Type> r = EthCalls.call(chain, address.toLowerHex(), data, List.of(new TypeReference<Bool>() {}));
    return (Boolean) r.get(0).getValue();
  }

  private static org.web3j.abi.datatypes.Address addr(Address a) {
    return new org.web3j.abi.datatypes.Address(a.toLowerHex());
  }
}
