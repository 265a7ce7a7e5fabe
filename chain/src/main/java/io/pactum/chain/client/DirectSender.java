package io.pactum.chain.client;

import io.pactum.chain.errors.RevertReason;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.rpc.RpcException;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.EthKey;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.TransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * Transactions sent directly, without a database: for interactive tools (the {@code pactum}
 * command) and tests. Services use the durable {@link io.pactum.chain.tx.TxManager} instead.
 *
 * <p>Each send is simulated first ({@code eth_estimateGas}; a revert there is decoded into its
 * {@code ProtocolError} and nothing is sent), signed with the chain id (EIP-1559 fees when the
 * chain has a base fee, else a legacy EIP-155 transaction at {@code eth_gasPrice}), broadcast and
 * waited for with the connection's fast receipt polling. A mined revert is replayed with {@code
 * eth_call} at the parent block to decode its reason. Failures are {@link TxFailedException}.
 * Nonces come from the pending count: one sender per key, one transaction at a time.
 */
public final class DirectSender {
  /** Priority fee of every EIP-1559 transaction: 1 gwei. */
  public static final BigInteger PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L);

  private final ChainConnection chain;
  private final Credentials credentials;
  private final Address from;
  private final RawTransactionManager manager;
  private final TransactionReceiptProcessor receipts;

  public DirectSender(ChainConnection chain, EthKey key, Duration receiptTimeout) {
    this.chain = chain;
    this.credentials = Credentials.create(key.privateKeyHex());
    this.from = key.address();
    this.receipts = chain.receiptProcessor(receiptTimeout);
    this.manager = new RawTransactionManager(chain.web3j(), credentials, chain.chainId(), receipts);
  }

  /** The sending account. */
  public Address from() {
    return from;
  }

  public ChainConnection chain() {
    return chain;
  }

  /** Sends {@code data} to {@code to} and waits for a successful receipt; {@code what} names it in messages. */
  public Mined send(String what, Address to, byte[] data) {
    return send(what, to.toLowerHex(), data);
  }

  public Mined send(String what, String to, byte[] data) {
    String dataHex = Numeric.toHexString(data);
    BigInteger gas = simulate(what, to, dataHex);
    String hash = broadcast(what, to, dataHex, gas);
    TransactionReceipt receipt;
    try {
      receipt = receipts.waitForTransactionReceipt(hash);
    } catch (TransactionException e) {
      throw new TxFailedException(TxFailedException.Stage.NO_RECEIPT, what + ": no receipt for " + hash + " yet ("
          + e.getMessage() + "); check it later with the transaction hash", hash, null, e);
    } catch (IOException e) {
      throw new TxFailedException(TxFailedException.Stage.UNREACHABLE,
          what + ": lost the chain while waiting for " + hash + ": " + e.getMessage(), hash, null, e);
    }
    if (!receipt.isStatusOK()) {
      RevertReason reason = replay(to, dataHex, receipt);
      throw new TxFailedException(TxFailedException.Stage.REVERTED, what + " reverted in tx " + hash + ": "
          + (reason == null ? "reason not reproducible" : reason.message()), hash, reason, null);
    }
    return Mined.of(receipt);
  }

  /** {@code eth_estimateGas} plus 20 % and 10,000 headroom; a revert becomes {@link TxFailedException.Stage#SIMULATION}. */
  private BigInteger simulate(String what, String to, String dataHex) {
    try {
      BigInteger gas = chain.send(chain.web3j().ethEstimateGas(
          Transaction.createEthCallTransaction(from.toLowerHex(), to, dataHex))).getAmountUsed();
      return gas.multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN).add(BigInteger.valueOf(10_000));
    } catch (RpcException e) {
      RevertReason reason = decoded(e.data());
      throw new TxFailedException(TxFailedException.Stage.SIMULATION,
          what + " would fail: " + (reason != null ? reason.message() : e.rpcMessage()), null, reason, e);
    } catch (IOException e) {
      throw unreachable(what, e);
    }
  }

  private String broadcast(String what, String to, String dataHex, BigInteger gas) {
    try {
      EthBlock.Block head = chain.latestHeader();
      BigInteger base = head.getBaseFeePerGas();
      EthSendTransaction sent;
      if (base != null) {
        BigInteger maxFee = base.multiply(BigInteger.TWO).add(PRIORITY_FEE);
        sent = manager.sendEIP1559Transaction(chain.chainId(), PRIORITY_FEE, maxFee, gas, to, dataHex, BigInteger.ZERO);
      } else {
        BigInteger gasPrice = chain.send(chain.web3j().ethGasPrice()).getGasPrice();
        sent = manager.sendTransaction(gasPrice, gas, to, dataHex, BigInteger.ZERO);
      }
      if (sent.hasError()) {
        RevertReason reason = decoded(RpcExceptionData.of(sent.getError().getData()));
        throw new TxFailedException(TxFailedException.Stage.REJECTED, what + " was rejected: "
            + (reason != null ? reason.message() : sent.getError().getMessage()), null, reason, null);
      }
      return sent.getTransactionHash();
    } catch (IOException e) {
      throw unreachable(what, e);
    }
  }

  private RevertReason replay(String to, String dataHex, TransactionReceipt receipt) {
    try {
      EthCall call = chain.web3j().ethCall(Transaction.createEthCallTransaction(from.toLowerHex(), to, dataHex),
          DefaultBlockParameter.valueOf(receipt.getBlockNumber().subtract(BigInteger.ONE))).send();
      if (call.hasError()) {
        return RevertReason.decode(RpcExceptionData.of(call.getError().getData()));
      }
      return call.getRevertReason() == null ? null : RevertReason.decode(call.getValue());
    } catch (IOException e) {
      return null;
    }
  }

  private static TxFailedException unreachable(String what, IOException e) {
    return new TxFailedException(TxFailedException.Stage.UNREACHABLE, what + ": chain unreachable: " + e.getMessage(), null,
        null, e);
  }

  /** The catalogued revert in {@code data}, or null when there is none. */
  private static RevertReason decoded(String data) {
    if (data == null || !data.startsWith("0x") || data.length() < 10) {
      return null;
    }
    RevertReason r = RevertReason.decode(data);
    return r.error().isPresent() ? r : null;
  }

  /**
   * A user-facing reason for a failed view call or RPC: the decoded {@code ProtocolError} when the
   * reply carries known revert data, else the node's message.
   */
  public static String describe(IOException e) {
    if (e instanceof RpcException rpc) {
      RevertReason r = decoded(rpc.data());
      return r != null ? r.message() : rpc.rpcMessage();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** web3j keeps an error's data as raw JSON text: strip the quotes of a JSON string. */
  private static final class RpcExceptionData {
    static String of(String raw) {
      if (raw == null) {
        return null;
      }
      String d = raw.trim();
      if (d.length() >= 2 && d.startsWith("\"") && d.endsWith("\"")) {
        d = d.substring(1, d.length() - 1);
      }
      return d.isEmpty() || "null".equals(d) ? null : d;
    }
  }
}
