package io.pactum.chain.mediation;

import static io.pactum.chain.client.EthCalls.encode;

import io.pactum.chain.client.EthCalls;
import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.contracts.MediationCourt;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * Typed access to {@code MediationCourt} (contracts/src/interfaces/IMediationCourt.sol): the
 * mediator registry and the mediation of disputed deals. Calldata for the writes (through the
 * {@link io.pactum.chain.tx.TxManager} in services, {@link io.pactum.chain.client.DirectSender} in
 * tools), views by {@code eth_call}, and the event topics services filter on.
 */
public final class MediationCourtGateway {
  /** Capability bit of a mediator that re-runs WASM jobs deterministically. */
  public static final int CAPABILITY_WASM = 1;

  /** topic0 of {@code PanelDrawn(bytes32,uint8,uint256,address[])}. */
  public static final String PANEL_DRAWN = EventEncoder.encode(MediationCourt.PANELDRAWN_EVENT);
  /** topic0 of {@code Voted(bytes32,uint8,address,bool)}. */
  public static final String VOTED = EventEncoder.encode(MediationCourt.VOTED_EVENT);
  /** topic0 of {@code VerdictReached(bytes32,uint8,uint8,uint256)}. */
  public static final String VERDICT_REACHED = EventEncoder.encode(MediationCourt.VERDICTREACHED_EVENT);
  /** topic0 of {@code Appealed(bytes32,address,uint256,uint256)}. */
  public static final String APPEALED = EventEncoder.encode(MediationCourt.APPEALED_EVENT);

  /** {@code IMediationCourt.Case}: bitmaps are over the indices of the deal's mediators. */
  public record CaseState(long seedBlock, int round, int panel, int votedCorrect, int votedIncorrect, int verdict0,
      int winners0, int size0, boolean appellantIsNode, long verdictAt, long appealedAt) {
    /** The first panel has decided and its appeal window (or the appeal) is running. */
    public boolean verdictPending() {
      return round == 0 && verdict0 != 0;
    }

    /** Whether the mediator at {@code index} in the deal's list has voted this round. */
    public boolean voted(int index) {
      return ((votedCorrect | votedIncorrect) & (1 << index)) != 0;
    }
  }

  /** {@code IMediationCourt.Mediator}. */
  public record MediatorInfo(BigInteger bond, long exitAt, int capabilities) {
    public boolean registered() {
      return bond.signum() > 0 || exitAt != 0;
    }
  }

  /** {@code panelOf(deal)}: the stored panel ({@code drawn}), or the draw it would make now. */
  public record Panel(List<Address> members, int round, boolean drawn) {}

  /** {@code currentDeadline(deal)}. */
  public record Deadline(long deadline, boolean passed) {}

  private final ChainConnection chain;
  private final Address address;

  public MediationCourtGateway(ChainConnection chain, Address court) {
    this.chain = chain;
    this.address = court;
  }

  public Address address() {
    return address;
  }

  // ------------------------------------------------------------------ calldata

  /** {@code register(amount, capabilities)}: bond {@code amount} more from the free balance. */
  public static byte[] register(BigInteger amount, int capabilities) {
    return encode(MediationCourt.FUNC_REGISTER, new Uint256(amount), new Uint32(capabilities));
  }

  public static byte[] unregister() {
    return encode(MediationCourt.FUNC_UNREGISTER);
  }

  public static byte[] withdrawBond() {
    return encode(MediationCourt.FUNC_WITHDRAWBOND);
  }

  public static byte[] draw(Deal deal) {
    return encode(MediationCourt.FUNC_DRAW, DealManagerGateway.toStruct(deal));
  }

  /**
   * The gas limit to send a vote with, instead of an estimate. What a vote costs depends on the votes
   * mined before it (the first draws the panel, the deciding one pays and settles), so an estimate
   * made while another mediator's vote is in flight can fall short: in the devnet's appeal a first
   * vote costs 65,483 and the deciding one 129,427. The costliest vote the court allows (seven
   * mediators, the seventh vote of an appeal deciding for six winners) costs 271,718
   * ({@code DealGas.t.sol}: {@code voteWorstCase}, checked against this same limit).
   */
  public static final BigInteger VOTE_GAS_LIMIT = BigInteger.valueOf(500_000);

  public static byte[] vote(Deal deal, boolean correct) {
    return encode(MediationCourt.FUNC_VOTE, DealManagerGateway.toStruct(deal), new Bool(correct));
  }

  public static byte[] appeal(Deal deal) {
    return encode(MediationCourt.FUNC_APPEAL, DealManagerGateway.toStruct(deal));
  }

  public static byte[] executeVerdict(Deal deal) {
    return encode(MediationCourt.FUNC_EXECUTEVERDICT, DealManagerGateway.toStruct(deal));
  }

  public static byte[] timeoutMediation(Deal deal) {
    return encode(MediationCourt.FUNC_TIMEOUTMEDIATION, DealManagerGateway.toStruct(deal));
  }

  // ------------------------------------------------------------------ views

  @SuppressWarnings("rawtypes")
  public CaseState caseOf(Bytes32 dealId) throws IOException {
    List<Type> r = EthCalls.call(chain, address.toLowerHex(),
        encode(MediationCourt.FUNC_CASEOF, new org.web3j.abi.datatypes.generated.Bytes32(dealId.toArray())),
        List.of(new TypeReference<MediationCourt.Case>() {}));
    MediationCourt.Case c = (MediationCourt.Case) r.get(0);
    return new CaseState(c.seedBlock.longValueExact(), c.round.intValueExact(), c.panel.intValueExact(),
        c.votedCorrect.intValueExact(), c.votedIncorrect.intValueExact(), c.verdict0.intValueExact(),
        c.winners0.intValueExact(), c.size0.intValueExact(), c.appellantIsNode, c.verdictAt.longValueExact(),
        c.appealedAt.longValueExact());
  }

  @SuppressWarnings("rawtypes")
  public MediatorInfo mediator(Address account) throws IOException {
    List<Type> r = EthCalls.call(chain, address.toLowerHex(), encode(MediationCourt.FUNC_MEDIATOR, addr(account)),
        List.of(new TypeReference<MediationCourt.Mediator>() {}));
    MediationCourt.Mediator m = (MediationCourt.Mediator) r.get(0);
    return new MediatorInfo(m.bond, m.exitAt.longValueExact(), m.capabilities.intValueExact());
  }

  @SuppressWarnings("rawtypes")
  public boolean isEligible(Address account) throws IOException {
    List<Type> r = EthCalls.call(chain, address.toLowerHex(), encode(MediationCourt.FUNC_ISELIGIBLE, addr(account)),
        List.of(new TypeReference<Bool>() {}));
    return (Boolean) r.get(0).getValue();
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  public Panel panelOf(Deal deal) throws IOException {
    List<Type> r = EthCalls.call(chain, address.toLowerHex(), encode(MediationCourt.FUNC_PANELOF, DealManagerGateway.toStruct(deal)),
        List.of(new TypeReference<DynamicArray<org.web3j.abi.datatypes.Address>>() {}, new TypeReference<Uint8>() {},
            new TypeReference<Bool>() {}));
    List<org.web3j.abi.datatypes.Address> members = (List<org.web3j.abi.datatypes.Address>) r.get(0).getValue();
    return new Panel(members.stream().map(a -> Address.parse(a.getValue())).toList(),
        ((BigInteger) r.get(1).getValue()).intValueExact(), (Boolean) r.get(2).getValue());
  }

  @SuppressWarnings("rawtypes")
  public Deadline currentDeadline(Deal deal) throws IOException {
    List<Type> r = EthCalls.call(chain, address.toLowerHex(),
        encode(MediationCourt.FUNC_CURRENTDEADLINE, DealManagerGateway.toStruct(deal)),
        List.of(new TypeReference<Uint256>() {}, new TypeReference<Bool>() {}));
    return new Deadline(((BigInteger) r.get(0).getValue()).longValueExact(), (Boolean) r.get(1).getValue());
  }

  public BigInteger minBond() throws IOException {
    return EthCalls.callUint(chain, address.toLowerHex(), encode(MediationCourt.FUNC_MINBOND));
  }

  public BigInteger keeperBounty() throws IOException {
    return EthCalls.callUint(chain, address.toLowerHex(), encode(MediationCourt.FUNC_KEEPERBOUNTY));
  }

  private static org.web3j.abi.datatypes.Address addr(Address a) {
    return new org.web3j.abi.datatypes.Address(a.toLowerHex());
  }
}
