package io.pactum.chain.testing;

import java.io.IOException;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Tiny hand-assembled contracts for chain-level tests, independent of the Pactum contracts:
 * {@code Emitter} logs its calldata twice as {@code Ping(bytes)} (topic0 {@link #PING}) per call;
 * {@code Reverter} reverts with its calldata as revert data.
 */
public final class TestContracts {
  private TestContracts() {}

  /** topic0 of the emitter's logs. */
  public static final String PING = Hash.sha3String("Ping(bytes)");

  // CALLDATASIZE PUSH1 0 PUSH1 0 CALLDATACOPY, then twice: PUSH32 topic CALLDATASIZE PUSH1 0 LOG1; STOP
  private static String emitterRuntime() {
    String copy = "36" + "6000" + "6000" + "37";
    String log = "7f" + PING.substring(2) + "36" + "6000" + "a1";
    return copy + log + log + "00";
  }

  // CALLDATASIZE PUSH1 0 PUSH1 0 CALLDATACOPY CALLDATASIZE PUSH1 0 REVERT
  private static final String REVERTER_RUNTIME = "36600060003736" + "6000" + "fd";

  private static String initCode(String runtimeHex) {
    int len = runtimeHex.length() / 2;
    String l = String.format("%02x", len);
    // PUSH1 len PUSH1 0x0c PUSH1 0 CODECOPY PUSH1 len PUSH1 0 RETURN ; runtime
    return "0x60" + l + "600c600039" + "60" + l + "6000f3" + runtimeHex;
  }

  public static String deployEmitter(Web3j web3j, Credentials from) throws IOException {
    return deploy(web3j, from, initCode(emitterRuntime()));
  }

  public static String deployReverter(Web3j web3j, Credentials from) throws IOException {
    return deploy(web3j, from, initCode(REVERTER_RUNTIME));
  }

  private static String deploy(Web3j web3j, Credentials from, String init) throws IOException {
    String hash = sendRaw(web3j, from, null, init, BigInteger.valueOf(200_000));
    TransactionReceipt r = awaitReceipt(web3j, hash);
    if (!r.isStatusOK()) {
      throw new IllegalStateException("deploy failed " + r);
    }
    return r.getContractAddress();
  }

  /** Signs and sends a transaction with the account's pending nonce (EIP-1559); returns the hash. */
  public static String sendRaw(Web3j web3j, Credentials from, String to, String dataHex, BigInteger gas) throws IOException {
    long chainId = web3j.ethChainId().send().getChainId().longValueExact();
    BigInteger nonce = web3j.ethGetTransactionCount(from.getAddress(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
    RawTransaction raw = RawTransaction.createTransaction(chainId, nonce, gas, to == null ? "" : to, BigInteger.ZERO, dataHex,
        BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(100_000_000_000L));
    EthSendTransaction sent = web3j.ethSendRawTransaction(Numeric.toHexString(TransactionEncoder.signMessage(raw, from))).send();
    if (sent.hasError()) {
      throw new IOException(sent.getError().getMessage());
    }
    return sent.getTransactionHash();
  }

  public static TransactionReceipt awaitReceipt(Web3j web3j, String hash) throws IOException {
    for (int i = 0; i < 400; i++) {
      var r = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
      if (r.isPresent()) {
        return r.get();
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    throw new IOException("no receipt for " + hash);
  }
}
