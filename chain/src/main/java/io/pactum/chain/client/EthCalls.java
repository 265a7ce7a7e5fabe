package io.pactum.chain.client;

import io.pactum.chain.rpc.ChainConnection;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

/**
 * View calls ({@code eth_call} at the latest block) and calldata encoding shared by the gateways.
 * A revert surfaces as {@link io.pactum.chain.rpc.RpcException} with the revert data.
 */
public final class EthCalls {
  private EthCalls() {}

  /** Calldata of {@code name(inputs...)}. */
  public static byte[] encode(String name, Type<?>... inputs) {
    return Numeric.hexStringToByteArray(FunctionEncoder.encode(new Function(name, List.of(inputs), List.of())));
  }

  /** {@code eth_call} of {@code data} on {@code to}; the return values decoded as {@code outputs}. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static List<Type> call(ChainConnection chain, String to, byte[] data, List<TypeReference<?>> outputs) throws IOException {
    Transaction tx = Transaction.createEthCallTransaction(null, to, Numeric.toHexString(data));
    String out = chain.send(chain.web3j().ethCall(tx, DefaultBlockParameterName.LATEST)).getValue();
    List<Type> decoded = FunctionReturnDecoder.decode(out, (List) outputs);
    if (decoded.size() != outputs.size()) {
      throw new IOException("unexpected answer " + out + " from " + to + " (is the address a deployed contract?)");
    }
    return decoded;
  }

  /** A view returning one {@code uint256}. */
  public static BigInteger callUint(ChainConnection chain, String to, byte[] data) throws IOException {
    return (BigInteger) call(chain, to, data, List.of(new TypeReference<Uint256>() {})).get(0).getValue();
  }
}
