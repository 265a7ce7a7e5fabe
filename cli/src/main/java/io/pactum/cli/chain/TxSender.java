package io.pactum.cli.chain;

import io.pactum.chain.errors.RevertReason;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.rpc.RpcException;
import io.pactum.cli.CliException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * The client's own transactions, sent directly: the CLI has no database, so no durable
 * transaction manager. Each call is simulated first ({@code eth_estimateGas}; a revert there is
 * decoded into a {@code ProtocolError} message and nothing is sent), then signed (EIP-155,
 * EIP-1559 fees), sent and waited for with fast receipt polling. A mined revert is replayed with
 * {@code eth_call} at its block to decode the reason. Failures are {@link CliException} with
 * exit code 1 that keep the transaction hash in their message.
 */
public final class TxSender {
    private static final BigInteger PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L); // 1 gwei

    private final ChainConnection chain;
    private final Credentials credentials;
    private final RawTransactionManager manager;
    private final TransactionReceiptProcessor receipts;

    public TxSender(ChainConnection chain, Credentials credentials, Duration receiptTimeout) {
        this.chain = chain;
        this.credentials = credentials;
        this.receipts = chain.receiptProcessor(receiptTimeout);
        this.manager = new RawTransactionManager(chain.web3j(), credentials, chain.chainId(), receipts);
    }

    /** The sender's address, lower-case hex. */
    public String from() {
        return credentials.getAddress();
    }

    /** Sends {@code data} to {@code to} and waits for a successful receipt; {@code what} names it in errors. */
    public TransactionReceipt send(String what, String to, String data) {
        Web3j web3j = chain.web3j();
        BigInteger gas;
        try {
            gas = chain.send(web3j.ethEstimateGas(Transaction.createEthCallTransaction(from(), to, data)))
                    .getAmountUsed();
        } catch (RpcException e) {
            throw CliException.failure(what + " would fail: " + reason(e.data(), e.rpcMessage()));
        } catch (IOException e) {
            throw CliException.failure(what + ": chain unreachable: " + e.getMessage(), e);
        }
        gas = gas.multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN).add(BigInteger.valueOf(10_000));
        String hash;
        try {
            EthBlock.Block head = chain.latestHeader();
            BigInteger base = head.getBaseFeePerGas() == null ? BigInteger.ZERO : head.getBaseFeePerGas();
            BigInteger maxFee = base.multiply(BigInteger.TWO).add(PRIORITY_FEE);
            EthSendTransaction sent = manager.sendEIP1559Transaction(
                    chain.chainId(), PRIORITY_FEE, maxFee, gas, to, data, BigInteger.ZERO);
            if (sent.hasError()) {
                throw CliException.failure(what + " was rejected: "
                        + reason(sent.getError().getData(), sent.getError().getMessage()));
            }
            hash = sent.getTransactionHash();
        } catch (IOException e) {
            throw CliException.failure(what + ": chain unreachable: " + e.getMessage(), e);
        }
        TransactionReceipt receipt;
        try {
            receipt = receipts.waitForTransactionReceipt(hash);
        } catch (TransactionException e) {
            throw CliException.failure(what + ": no receipt for " + hash + " yet (" + e.getMessage()
                    + "); check it later with the transaction hash");
        } catch (IOException e) {
            throw CliException.failure(what + ": lost the chain while waiting for " + hash + ": " + e.getMessage(), e);
        }
        if (!receipt.isStatusOK()) {
            throw CliException.failure(what + " reverted in tx " + hash + ": " + replay(to, data, receipt));
        }
        return receipt;
    }

    private String replay(String to, String data, TransactionReceipt receipt) {
        try {
            EthCall call = chain.web3j()
                    .ethCall(Transaction.createEthCallTransaction(from(), to, data),
                            DefaultBlockParameter.valueOf(receipt.getBlockNumber().subtract(BigInteger.ONE)))
                    .send();
            if (call.hasError()) {
                return reason(call.getError().getData(), call.getError().getMessage());
            }
            return call.getRevertReason() != null ? call.getRevertReason() : "reverted (reason not reproducible)";
        } catch (IOException e) {
            return "reverted (reason unavailable: " + e.getMessage() + ")";
        }
    }

    /** The decoded custom error when the revert data is known, else the node's message. */
    static String reason(String revertData, String message) {
        if (revertData != null && revertData.startsWith("0x") && revertData.length() >= 10) {
            RevertReason r = RevertReason.decode(revertData);
            if (r.error().isPresent()) {
                return r.message();
            }
        }
        return message == null ? "unknown error" : message;
    }
}
