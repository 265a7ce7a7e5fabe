package io.pactum.chain.deals;

import io.pactum.chain.rpc.ChainConnection;
import io.pactum.contracts.DealManager;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Typed access to {@code DealManager}: protocol {@link Deal} ⇄ the wrapper's struct, calldata for
 * the {@link io.pactum.chain.tx.TxManager} (every write goes through it), views by {@code
 * eth_call}, and decoding of every deal event ({@link DealEvent}; history by {@link DealQueries}).
 * Interactive tools without a database send the calldata with {@link io.pactum.chain.client.DirectSender}.
 */
public final class DealManagerGateway {
  /** topic0 of {@code DealAgreed(bytes32,address,address,Deal)}. */
  public static final String DEAL_AGREED = EventEncoder.encode(DealManager.DEALAGREED_EVENT);
  /** topic0 of {@code ResultPosted(bytes32,address,bytes,uint64)}. */
  public static final String RESULT_POSTED = EventEncoder.encode(DealManager.RESULTPOSTED_EVENT);
  /** topic0 of {@code DealPartyAgreed(bytes32,address)}. */
  public static final String DEAL_PARTY_AGREED = EventEncoder.encode(DealManager.DEALPARTYAGREED_EVENT);
  /** topic0 of {@code DealAccepted(bytes32,bool,uint256,uint256,uint256)}. */
  public static final String DEAL_ACCEPTED = EventEncoder.encode(DealManager.DEALACCEPTED_EVENT);
  /** topic0 of {@code MediationRequested(bytes32,address,uint256)}. */
  public static final String MEDIATION_REQUESTED = EventEncoder.encode(DealManager.MEDIATIONREQUESTED_EVENT);
  /** topic0 of {@code DealAgreeExpired(bytes32,address,uint256)}. */
  public static final String DEAL_AGREE_EXPIRED = EventEncoder.encode(DealManager.DEALAGREEEXPIRED_EVENT);
  /** topic0 of {@code DealResultTimedOut(bytes32,uint256,uint256)}. */
  public static final String DEAL_RESULT_TIMED_OUT = EventEncoder.encode(DealManager.DEALRESULTTIMEDOUT_EVENT);
  /** topic0 of {@code DealMediationTimedOut(bytes32,uint256,uint256)}. */
  public static final String DEAL_MEDIATION_TIMED_OUT = EventEncoder.encode(DealManager.DEALMEDIATIONTIMEDOUT_EVENT);
  /** topic0 of {@code DealMediated(bytes32,uint8,uint256,uint256,uint256,address[],uint256)}. */
  public static final String DEAL_MEDIATED = EventEncoder.encode(DealManager.DEALMEDIATED_EVENT);
  /** topic0 of {@code KeeperPaid(bytes32,address,uint256)} (the DealManager's). */
  public static final String KEEPER_PAID = EventEncoder.encode(DealManager.KEEPERPAID_EVENT);
  /** topic0 of every event of a deal, as a log filter's first topic (OR). */
  public static final List<String> DEAL_EVENT_TOPICS = List.of(DEAL_PARTY_AGREED, DEAL_AGREED, RESULT_POSTED, DEAL_ACCEPTED,
      MEDIATION_REQUESTED, DEAL_AGREE_EXPIRED, DEAL_RESULT_TIMED_OUT, DEAL_MEDIATION_TIMED_OUT, DEAL_MEDIATED, KEEPER_PAID);

  /** The stored facts of a deal ({@code DealRecord}); {@code phase} is the {@code DealPhase} ordinal. */
  public record DealRecord(int phase, long agreedAt, long resultAt, long disputedAt, long fuelUsed, long disputeBlock) {
    /** {@link #phase()} as the enum. */
    public DealPhase dealPhase() {
      return DealPhase.of(phase);
    }
  }

  /** {@code currentDeadline(deal)}: the running deadline (0 when none runs) and whether it passed. */
  public record Deadline(long deadline, boolean passed) {}

  /** A decoded {@code DealAgreed} log. */
  public record DealAgreed(Bytes32 dealId, Address client, Address node, Deal deal, long blockNumber, String txHash)
      implements DealEvent {
    @Override
    public String name() {
      return "DealAgreed";
    }
  }

  /** A decoded {@code ResultPosted} log. */
  public record ResultPosted(Bytes32 dealId, Address node, Bytes resultCid, long fuelUsed, long blockNumber, String txHash)
      implements DealEvent {
    @Override
    public String name() {
      return "ResultPosted";
    }
  }

  private final ChainConnection chain;
  private final String address;

  public DealManagerGateway(ChainConnection chain, String dealManagerAddress) {
    this.chain = chain;
    this.address = dealManagerAddress.toLowerCase();
  }

  public DealManagerGateway(ChainConnection chain, Address dealManager) {
    this(chain, dealManager.toLowerHex());
  }

  public String address() {
    return address;
  }

  // ------------------------------------------------------------------ conversion

  public static DealManager.Deal toStruct(Deal d) {
    return new DealManager.Deal(d.client().toLowerHex(), d.node().toLowerHex(), d.jobOfferId().toArray(), d.resourceOfferId().toArray(),
        d.jobSpecCid().toArray(), BigInteger.valueOf(d.maxFuel()), d.price(), d.pricePerFuel(), d.clientCollateral(), d.nodeCollateral(),
        d.cheatingCollateral(), d.mediationFee(), d.mediators().stream().map(Address::toLowerHex).toList(),
        BigInteger.valueOf(d.agreeDeadline()), BigInteger.valueOf(d.resultTimeout()), BigInteger.valueOf(d.judgeTimeout()),
        BigInteger.valueOf(d.mediationTimeout()));
  }

  public static Deal fromStruct(DealManager.Deal s) {
    return new Deal(Address.parse(s.client), Address.parse(s.node), Bytes32.of(s.jobOfferId), Bytes32.of(s.resourceOfferId),
        Bytes.of(s.jobSpecCid), s.maxFuel.longValueExact(), s.price, s.pricePerFuel, s.clientCollateral, s.nodeCollateral,
        s.cheatingCollateral, s.mediationFee, s.mediators.stream().map(Address::parse).toList(), s.agreeDeadline.longValueExact(),
        s.resultTimeout.longValueExact(), s.judgeTimeout.longValueExact(), s.mediationTimeout.longValueExact());
  }

  // ------------------------------------------------------------------ calldata

  private static byte[] encode(String name, Type<?>... inputs) {
    return Numeric.hexStringToByteArray(FunctionEncoder.encode(new Function(name, List.of(inputs), List.of())));
  }

  public static byte[] agree(Deal deal) {
    return encode(DealManager.FUNC_AGREE, toStruct(deal));
  }

  public static byte[] agreeBySig(Deal deal, byte[] clientSig, byte[] nodeSig) {
    return encode(DealManager.FUNC_AGREEBYSIG, toStruct(deal), new DynamicBytes(clientSig), new DynamicBytes(nodeSig));
  }

  public static byte[] postResult(Deal deal, byte[] resultCid, long fuelUsed) {
    return encode(DealManager.FUNC_POSTRESULT, toStruct(deal), new DynamicBytes(resultCid), new Uint64(BigInteger.valueOf(fuelUsed)));
  }

  public static byte[] acceptResult(Deal deal) {
    return encode(DealManager.FUNC_ACCEPTRESULT, toStruct(deal));
  }

  public static byte[] finalizeDeal(Deal deal) {
    return encode(DealManager.FUNC_FINALIZE, toStruct(deal));
  }

  public static byte[] requestMediation(Deal deal) {
    return encode(DealManager.FUNC_REQUESTMEDIATION, toStruct(deal));
  }

  public static byte[] expireAgreement(Deal deal) {
    return encode(DealManager.FUNC_EXPIREAGREEMENT, toStruct(deal));
  }

  public static byte[] timeoutResult(Deal deal) {
    return encode(DealManager.FUNC_TIMEOUTRESULT, toStruct(deal));
  }


  // ------------------------------------------------------------------ views

  private List<Type> call(byte[] data, List<TypeReference<?>> outputs) throws IOException {
    return call(data, outputs, DefaultBlockParameterName.LATEST);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private List<Type> call(byte[] data, List<TypeReference<?>> outputs, DefaultBlockParameter block) throws IOException {
    Transaction tx = Transaction.createEthCallTransaction(null, address, Numeric.toHexString(data));
    String out = chain.send(chain.web3j().ethCall(tx, block)).getValue();
    return FunctionReturnDecoder.decode(out, (List) outputs);
  }

  /** {@code hashDeal(deal)}: the deal id computed by the contract. */
  public Bytes32 hashDeal(Deal deal) throws IOException {
    List<Type> r = call(encode(DealManager.FUNC_HASHDEAL, toStruct(deal)), List.of(new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {}));
    return Bytes32.of((byte[]) r.get(0).getValue());
  }

  /** {@code dealDigest(deal)}: the EIP-712 digest the parties sign. */
  public Bytes32 dealDigest(Deal deal) throws IOException {
    List<Type> r = call(encode(DealManager.FUNC_DEALDIGEST, toStruct(deal)), List.of(new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {}));
    return Bytes32.of((byte[]) r.get(0).getValue());
  }

  public DealRecord dealRecord(Bytes32 dealId) throws IOException {
    return dealRecord(dealId, DefaultBlockParameterName.LATEST);
  }

  /**
   * {@code dealRecord(dealId)} as of block {@code blockNumber}: the state an older block holds (a node
   * keeps recent state; archive nodes keep all of it).
   */
  public DealRecord dealRecordAt(Bytes32 dealId, long blockNumber) throws IOException {
    return dealRecord(dealId, DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber)));
  }

  private DealRecord dealRecord(Bytes32 dealId, DefaultBlockParameter block) throws IOException {
    List<Type> r = call(encode(DealManager.FUNC_DEALRECORD, new org.web3j.abi.datatypes.generated.Bytes32(dealId.toArray())),
        List.of(new TypeReference<DealManager.DealRecord>() {}), block);
    DealManager.DealRecord rec = (DealManager.DealRecord) r.get(0);
    return new DealRecord(rec.phase.intValueExact(), rec.agreedAt.longValueExact(), rec.resultAt.longValueExact(),
        rec.disputedAt.longValueExact(), rec.fuelUsed.longValueExact(), rec.disputeBlock.longValueExact());
  }

  /** {@code currentDeadline(deal)}. */
  public Deadline currentDeadline(Deal deal) throws IOException {
    List<Type> r = call(encode(DealManager.FUNC_CURRENTDEADLINE, toStruct(deal)),
        List.of(new TypeReference<Uint256>() {}, new TypeReference<Bool>() {}));
    return new Deadline(((BigInteger) r.get(0).getValue()).longValueExact(), (Boolean) r.get(1).getValue());
  }

  /** {@code paymentFor(deal, fuelUsed)}: the node's payment before the network fee. */
  public BigInteger paymentFor(Deal deal, long fuelUsed) throws IOException {
    List<Type> r = call(encode(DealManager.FUNC_PAYMENTFOR, toStruct(deal), new Uint64(BigInteger.valueOf(fuelUsed))),
        List.of(new TypeReference<Uint256>() {}));
    return (BigInteger) r.get(0).getValue();
  }

  /** {@code escrowOfDeal(deal)}: what the deal holds in the vault in its current phase. */
  public BigInteger escrowOfDeal(Deal deal) throws IOException {
    List<Type> r = call(encode("escrowOfDeal", toStruct(deal)), List.of(new TypeReference<Uint256>() {}));
    return (BigInteger) r.get(0).getValue();
  }

  /** {@code resultCidHash(dealId)}: keccak256 of the posted result CID (zero before a result). */
  public Bytes32 resultCidHash(Bytes32 dealId) throws IOException {
    List<Type> r = call(encode(DealManager.FUNC_RESULTCIDHASH, new org.web3j.abi.datatypes.generated.Bytes32(dealId.toArray())),
        List.of(new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {}));
    return Bytes32.of((byte[]) r.get(0).getValue());
  }

  /** {@code court()}: the MediationCourt this DealManager trusts (immutable). */
  public Address court() throws IOException {
    List<Type> r = call(encode(DealManager.FUNC_COURT), List.of(new TypeReference<org.web3j.abi.datatypes.Address>() {}));
    return Address.parse((String) r.get(0).getValue());
  }

  /** {@code keeperBounty()}: the most a keeper is paid for triggering an expired deadline. */
  public BigInteger keeperBounty() throws IOException {
    List<Type> r = call(encode(DealManager.FUNC_KEEPERBOUNTY), List.of(new TypeReference<Uint256>() {}));
    return (BigInteger) r.get(0).getValue();
  }

  /** {@code networkFeeBps()}. */
  public int networkFeeBps() throws IOException {
    List<Type> r = call(encode(DealManager.FUNC_NETWORKFEEBPS), List.of(new TypeReference<Uint16>() {}));
    return ((BigInteger) r.get(0).getValue()).intValueExact();
  }

  // ------------------------------------------------------------------ logs

  /**
   * Decodes any {@code DealManager} deal event; empty for a log of another event (or contract).
   * Throws {@link IllegalArgumentException} when a known event's data does not decode.
   */
  public static Optional<DealEvent> decodeEvent(Log log) {
    if (log.getTopics() == null || log.getTopics().size() < 2) {
      return Optional.empty();
    }
    String t0 = log.getTopics().get(0).toLowerCase();
    if (t0.equals(DEAL_AGREED)) {
      return Optional.of(decodeDealAgreed(log));
    }
    if (t0.equals(RESULT_POSTED)) {
      return Optional.of(decodeResultPosted(log));
    }
    Bytes32 dealId = Bytes32.fromHex(log.getTopics().get(1));
    long block = log.getBlockNumber() == null ? -1 : log.getBlockNumber().longValueExact();
    String tx = log.getTransactionHash();
    try {
      if (t0.equals(DEAL_PARTY_AGREED)) {
        return Optional.of(new DealEvent.PartyAgreed(dealId, topicAddress(log.getTopics().get(2)), block, tx));
      }
      if (t0.equals(DEAL_ACCEPTED)) {
        List<Type> d = data(log, DealManager.DEALACCEPTED_EVENT);
        return Optional.of(new DealEvent.Accepted(dealId, (Boolean) d.get(0).getValue(), uint(d, 1), uint(d, 2), uint(d, 3), block, tx));
      }
      if (t0.equals(MEDIATION_REQUESTED)) {
        List<Type> d = data(log, DealManager.MEDIATIONREQUESTED_EVENT);
        return Optional.of(new DealEvent.MediationRequested(dealId, topicAddress(log.getTopics().get(2)), uint(d, 0), block, tx));
      }
      if (t0.equals(DEAL_AGREE_EXPIRED)) {
        List<Type> d = data(log, DealManager.DEALAGREEEXPIRED_EVENT);
        return Optional.of(new DealEvent.AgreeExpired(dealId, topicAddress(log.getTopics().get(2)), uint(d, 0), block, tx));
      }
      if (t0.equals(DEAL_RESULT_TIMED_OUT)) {
        List<Type> d = data(log, DealManager.DEALRESULTTIMEDOUT_EVENT);
        return Optional.of(new DealEvent.ResultTimedOut(dealId, uint(d, 0), uint(d, 1), block, tx));
      }
      if (t0.equals(DEAL_MEDIATED)) {
        List<Type> d = data(log, DealManager.DEALMEDIATED_EVENT);
        @SuppressWarnings("unchecked")
        List<org.web3j.abi.datatypes.Address> meds = (List<org.web3j.abi.datatypes.Address>) d.get(4).getValue();
        return Optional.of(new DealEvent.Mediated(dealId, uint(d, 0).intValueExact() == 1, uint(d, 1), uint(d, 2), uint(d, 3),
            meds.stream().map(a -> Address.parse(a.getValue())).toList(), uint(d, 5), block, tx));
      }
      if (t0.equals(KEEPER_PAID)) {
        List<Type> d = data(log, DealManager.KEEPERPAID_EVENT);
        return Optional.of(new DealEvent.KeeperPaid(dealId, topicAddress(log.getTopics().get(2)), uint(d, 0), block, tx));
      }
      if (t0.equals(DEAL_MEDIATION_TIMED_OUT)) {
        List<Type> d = data(log, DealManager.DEALMEDIATIONTIMEDOUT_EVENT);
        return Optional.of(new DealEvent.MediationTimedOut(dealId, uint(d, 0), uint(d, 1), block, tx));
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("undecodable DealManager log " + t0 + " in tx " + tx + ": " + e.getMessage(), e);
    }
    return Optional.empty();
  }

  /** The deal events among a receipt's logs emitted by this DealManager, in log order. */
  public List<DealEvent> events(TransactionReceipt receipt) {
    List<DealEvent> out = new ArrayList<>();
    for (Log log : receipt.getLogs()) {
      if (address.equalsIgnoreCase(log.getAddress())) {
        decodeEvent(log).ifPresent(out::add);
      }
    }
    return out;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Type> data(Log log, Event event) {
    List<Type> d = FunctionReturnDecoder.decode(log.getData(), (List) event.getNonIndexedParameters());
    if (d.size() != event.getNonIndexedParameters().size()) {
      throw new IllegalArgumentException("data too short for " + event.getName());
    }
    return d;
  }

  @SuppressWarnings("rawtypes")
  private static BigInteger uint(List<Type> d, int i) {
    return (BigInteger) d.get(i).getValue();
  }

  /** Decodes a {@code DealAgreed} log: the full terms are its data (one dynamic struct). */
  public static DealAgreed decodeDealAgreed(Log log) {
    requireTopic(log, DEAL_AGREED);
    @SuppressWarnings({"rawtypes", "unchecked"})
    List<Type> data = FunctionReturnDecoder.decode(log.getData(), (List) List.of(new TypeReference<DealManager.Deal>() {}));
    Deal deal = fromStruct((DealManager.Deal) data.get(0));
    return new DealAgreed(Bytes32.fromHex(log.getTopics().get(1)), topicAddress(log.getTopics().get(2)), topicAddress(log.getTopics().get(3)),
        deal, log.getBlockNumber().longValueExact(), log.getTransactionHash());
  }

  /** Decodes a {@code ResultPosted} log. */
  public static ResultPosted decodeResultPosted(Log log) {
    requireTopic(log, RESULT_POSTED);
    @SuppressWarnings({"rawtypes", "unchecked"})
    List<Type> data = FunctionReturnDecoder.decode(log.getData(),
        (List) List.of(new TypeReference<DynamicBytes>() {}, new TypeReference<Uint64>() {}));
    return new ResultPosted(Bytes32.fromHex(log.getTopics().get(1)), topicAddress(log.getTopics().get(2)),
        Bytes.of((byte[]) data.get(0).getValue()), ((BigInteger) data.get(1).getValue()).longValueExact(),
        log.getBlockNumber().longValueExact(), log.getTransactionHash());
  }

  private static void requireTopic(Log log, String topic0) {
    if (log.getTopics().isEmpty() || !log.getTopics().get(0).equalsIgnoreCase(topic0)) {
      throw new IllegalArgumentException("not the expected event: " + log.getTopics());
    }
  }

  private static Address topicAddress(String topic) {
    return Address.parse("0x" + Numeric.cleanHexPrefix(topic).substring(24));
  }
}
