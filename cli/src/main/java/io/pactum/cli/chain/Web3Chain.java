package io.pactum.cli.chain;

import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.rpc.RpcException;
import io.pactum.cli.CliException;
import io.pactum.cli.config.CliConfig;
import io.pactum.cli.config.Signer;
import io.pactum.protocol.crypto.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Hex;
import io.pactum.protocol.crypto.Keccak;
import io.pactum.protocol.deal.Deal;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The client's view of the chain over web3j: reads by {@code eth_call}, its own writes through
 * {@link TxSender}. Opened once per command; the chain id is checked against the profile.
 */
public class Web3Chain implements Funds, DealChain {
    protected final ChainConnection chain;
    protected final CliConfig.Deployment deployment;
    private final Signer signer; // null: read-only
    private final TxSender sender;

    protected Web3Chain(ChainConnection chain, CliConfig.Deployment deployment, Signer signer) {
        this.chain = chain;
        this.deployment = deployment;
        this.signer = signer;
        this.sender = signer == null ? null : new TxSender(chain, signer.credentials(), Duration.ofMinutes(2));
    }

    /** Connects to the profile's chain; {@code signer} may be null for read-only use. */
    public static Web3Chain open(CliConfig config, Signer signer) {
        String url = config.requireRpcUrl().toString();
        CliConfig.Deployment deployment = config.requireDeployment();
        try {
            return new Web3Chain(ChainConnection.open(url, config.chainId()), deployment, signer);
        } catch (IllegalStateException e) { // chain id mismatch
            throw CliException.usage("wrong chain at " + url + ": " + e.getMessage());
        } catch (IOException e) {
            throw CliException.failure("cannot reach the chain at " + url + ": " + e.getMessage(), e);
        }
    }

    public long chainId() {
        return chain.chainId();
    }

    public CliConfig.Deployment deployment() {
        return deployment;
    }

    @Override
    public Address account() {
        if (signer == null) {
            throw CliException.usage("this command needs a key (see --keystore or the profile's \"key\")");
        }
        return signer.address();
    }

    /** The latest block's timestamp: the chain's "now", which deadlines are measured against. */
    @Override
    public long chainTime() {
        try {
            return chain.latestHeader().getTimestamp().longValueExact();
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    public long blockNumber() {
        try {
            return chain.blockNumber();
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    // ---------------------------------------------------------------- funds

    @Override
    public BigInteger tokenBalance(Address owner) {
        return uint(call(deployment.token(), "balanceOf", addr(owner)));
    }

    @Override
    public BigInteger freeBalance(Address owner) {
        return uint(call(deployment.vault(), "freeBalance", addr(deployment.token()), addr(owner)));
    }

    @Override
    public BigInteger allowance(Address owner) {
        return uint(call(deployment.token(), "allowance", addr(owner), addr(deployment.vault())));
    }

    @Override
    public Tx approve(BigInteger amount) {
        return send("approve", deployment.token(), fn("approve", addr(deployment.vault()), new Uint256(amount)));
    }

    @Override
    public Tx deposit(BigInteger amount) {
        return send("deposit", deployment.vault(),
                fn("deposit", addr(deployment.token()), addr(account()), new Uint256(amount)));
    }

    @Override
    public Tx withdraw(Address to, BigInteger amount) {
        return send("withdraw", deployment.vault(), fn("withdraw", addr(deployment.token()), addr(to), new Uint256(amount)));
    }

    // ---------------------------------------------------------------- deals

    private static final String DEAL_AGREED = topic("DealAgreed(bytes32,address,address," + DealAbi.TUPLE + ")");
    private static final String DEAL_PARTY_AGREED = topic("DealPartyAgreed(bytes32,address)");
    private static final String RESULT_POSTED = topic("ResultPosted(bytes32,address,bytes,uint64)");
    private static final String DEAL_ACCEPTED = topic("DealAccepted(bytes32,bool,uint256,uint256,uint256)");
    private static final String MEDIATION_REQUESTED = topic("MediationRequested(bytes32,address,uint256)");
    private static final String AGREE_EXPIRED = topic("DealAgreeExpired(bytes32,address,uint256)");
    private static final String RESULT_TIMED_OUT = topic("DealResultTimedOut(bytes32,uint256,uint256)");
    private static final String MEDIATION_TIMED_OUT = topic("DealMediationTimedOut(bytes32,uint256,uint256)");

    @Override
    public Record dealRecord(Bytes32 dealId) {
        String data = FunctionEncoder.encode(fn("dealRecord", new org.web3j.abi.datatypes.generated.Bytes32(dealId.toArray())));
        DealAbi.Reader r = new DealAbi.Reader(Numeric.hexStringToByteArray(callRaw(deployment.dealManager(), data)), 0);
        try {
            return new Record(DealPhase.of(r.uint(0).intValueExact()), r.uint(1).longValueExact(),
                    r.uint(2).longValueExact(), r.uint(3).longValueExact(), r.uint(4).longValueExact());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw CliException.failure("unexpected dealRecord answer (is the deployment right?): " + e.getMessage());
        }
    }

    @Override
    public Deadline currentDeadline(Deal deal) {
        DealAbi.Reader r = new DealAbi.Reader(
                Numeric.hexStringToByteArray(callRaw(deployment.dealManager(), DealAbi.call("currentDeadline", deal))), 0);
        try {
            return new Deadline(r.uint(0).longValueExact(), r.bool(1));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw CliException.failure("unexpected currentDeadline answer: " + e.getMessage());
        }
    }

    @Override
    public Accepted acceptResult(Deal deal) {
        TransactionReceipt receipt = sendRaw("acceptResult", deployment.dealManager(), DealAbi.call("acceptResult", deal));
        Tx tx = new Tx(receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact());
        for (Log log : receipt.getLogs()) {
            Event e = decode(log);
            if (e != null && e.name().equals("DealAccepted")) {
                return new Accepted(tx, (BigInteger) e.fields().get("nodePayment"), (BigInteger) e.fields().get("networkFee"),
                        (BigInteger) e.fields().get("clientRefund"));
            }
        }
        throw CliException.failure("acceptResult was mined (tx " + tx.hash() + ") but emitted no DealAccepted event");
    }

    @Override
    public List<Event> events(Bytes32 dealId) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(deployment.deployBlock())),
                DefaultBlockParameterName.LATEST, deployment.dealManager().toLowerHex());
        filter.addNullTopic();
        filter.addSingleTopic(dealId.toHex());
        List<EthLog.LogResult> logs;
        try {
            logs = chain.send(chain.web3j().ethGetLogs(filter)).getLogs();
        } catch (IOException e) {
            throw unreachable(e);
        }
        List<Event> out = new ArrayList<>();
        for (EthLog.LogResult<?> lr : logs) {
            if (lr.get() instanceof Log log && !log.isRemoved()) {
                Event e = decode(log);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Decodes one DealManager log, or null for an event the client does not know. */
    static Event decode(Log log) {
        List<String> topics = log.getTopics();
        if (topics.isEmpty()) {
            return null;
        }
        String t0 = topics.get(0).toLowerCase();
        byte[] data = Numeric.hexStringToByteArray(log.getData());
        DealAbi.Reader r = new DealAbi.Reader(data, 0);
        Map<String, Object> f = new LinkedHashMap<>();
        Deal deal = null;
        String name;
        try {
            if (t0.equals(DEAL_AGREED)) {
                name = "DealAgreed";
                f.put("client", topicAddress(topics, 2));
                f.put("node", topicAddress(topics, 3));
                deal = DealAbi.decodeSingle(data);
            } else if (t0.equals(DEAL_PARTY_AGREED)) {
                name = "DealPartyAgreed";
                f.put("party", topicAddress(topics, 2));
            } else if (t0.equals(RESULT_POSTED)) {
                name = "ResultPosted";
                f.put("node", topicAddress(topics, 2));
                f.put("resultCid", Hex.encode(r.bytesAt(r.offset(0))));
                f.put("fuelUsed", r.uint(1));
            } else if (t0.equals(DEAL_ACCEPTED)) {
                name = "DealAccepted";
                f.put("byClient", r.bool(0));
                f.put("nodePayment", r.uint(1));
                f.put("networkFee", r.uint(2));
                f.put("clientRefund", r.uint(3));
            } else if (t0.equals(MEDIATION_REQUESTED)) {
                name = "MediationRequested";
                f.put("client", topicAddress(topics, 2));
                f.put("fee", r.uint(0));
            } else if (t0.equals(AGREE_EXPIRED)) {
                name = "DealAgreeExpired";
                f.put("party", topicAddress(topics, 2));
                f.put("refunded", r.uint(0));
            } else if (t0.equals(RESULT_TIMED_OUT)) {
                name = "DealResultTimedOut";
                f.put("clientRefund", r.uint(0));
                f.put("nodeCollateralToClient", r.uint(1));
            } else if (t0.equals(MEDIATION_TIMED_OUT)) {
                name = "DealMediationTimedOut";
                f.put("clientRefund", r.uint(0));
                f.put("nodeRefund", r.uint(1));
            } else {
                return null;
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            name = "Undecodable";
            f.put("topic0", t0);
        }
        return new Event(name, log.getBlockNumber() == null ? -1 : log.getBlockNumber().longValueExact(),
                log.getTransactionHash(), f, deal);
    }

    private static String topicAddress(List<String> topics, int i) {
        byte[] w = Numeric.hexStringToByteArray(topics.get(i));
        return new Address(Arrays.copyOfRange(w, 12, 32)).toString();
    }

    private static String topic(String signature) {
        return Hex.encode(Keccak.keccak256(signature.getBytes(StandardCharsets.US_ASCII)));
    }

    // -------------------------------------------------------------- helpers

    protected static org.web3j.abi.datatypes.Address addr(Address a) {
        return new org.web3j.abi.datatypes.Address(a.toLowerHex());
    }

    protected static Function fn(String name, Type<?>... args) {
        return new Function(name, List.of(args), List.of());
    }

    /** Raw return data of a view call, {@code 0x}-hex. */
    protected String callRaw(Address to, String data) {
        try {
            EthCall r = chain.send(chain.web3j().ethCall(
                    Transaction.createEthCallTransaction(null, to.toLowerHex(), data), DefaultBlockParameterName.LATEST));
            return r.getValue();
        } catch (RpcException e) {
            throw CliException.failure("call to " + to + " failed: " + TxSender.reason(e.data(), e.rpcMessage()));
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** A view call returning one uint256 (the common case). */
    protected String call(Address to, String name, Type<?>... args) {
        return callRaw(to, FunctionEncoder.encode(fn(name, args)));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    protected static BigInteger uint(String returnData) {
        List<Type> out = FunctionReturnDecoder.decode(returnData, (List) List.of(new TypeReference<Uint256>() {}));
        if (out.isEmpty()) {
            throw CliException.failure("unexpected empty answer from the chain (is the deployment right?)");
        }
        return (BigInteger) out.get(0).getValue();
    }

    protected Tx send(String what, Address to, Function function) {
        if (sender == null) {
            account(); // throws the usage error
        }
        TransactionReceipt r = sender.send(what, to.toLowerHex(), FunctionEncoder.encode(function));
        return new Tx(r.getTransactionHash(), r.getBlockNumber().longValueExact());
    }

    protected TransactionReceipt sendRaw(String what, Address to, String calldata) {
        if (sender == null) {
            account();
        }
        return sender.send(what, to.toLowerHex(), calldata);
    }

    protected CliException unreachable(IOException e) {
        return CliException.failure("chain unreachable: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        chain.close();
    }
}
