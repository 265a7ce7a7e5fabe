package io.pactum.chain.token;

import static io.pactum.chain.client.EthCalls.callUint;
import static io.pactum.chain.client.EthCalls.encode;

import io.pactum.chain.rpc.ChainConnection;
import io.pactum.protocol.crypto.Address;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Typed access to the ERC-20 the deals are priced in ({@code PactumToken} on devnets): calldata
 * for {@code approve}, {@code transfer} and the owner's {@code mint}; views by {@code eth_call}.
 */
public final class TokenGateway {
  private final ChainConnection chain;
  private final Address address;

  public TokenGateway(ChainConnection chain, Address token) {
    this.chain = chain;
    this.address = token;
  }

  public Address address() {
    return address;
  }

  // ------------------------------------------------------------------ calldata

  /** {@code approve(spender, amount)}. */
  public static byte[] approve(Address spender, BigInteger amount) {
    return encode("approve", addr(spender), new Uint256(amount));
  }

  /** {@code transfer(to, amount)}. */
  public static byte[] transfer(Address to, BigInteger amount) {
    return encode("transfer", addr(to), new Uint256(amount));
  }

  /** {@code PactumToken.mint(to, amount)} (owner only; devnets and tests). */
  public static byte[] mint(Address to, BigInteger amount) {
    return encode("mint", addr(to), new Uint256(amount));
  }

  // ------------------------------------------------------------------ views

  /** {@code balanceOf(owner)}. */
  public BigInteger balanceOf(Address owner) throws IOException {
    return callUint(chain, address.toLowerHex(), encode("balanceOf", addr(owner)));
  }

  /** {@code allowance(owner, spender)}. */
  public BigInteger allowance(Address owner, Address spender) throws IOException {
    return callUint(chain, address.toLowerHex(), encode("allowance", addr(owner), addr(spender)));
  }

  /** {@code totalSupply()}. */
  public BigInteger totalSupply() throws IOException {
    return callUint(chain, address.toLowerHex(), encode("totalSupply"));
  }

  private static org.web3j.abi.datatypes.Address addr(Address a) {
    return new org.web3j.abi.datatypes.Address(a.toLowerHex());
  }
}
