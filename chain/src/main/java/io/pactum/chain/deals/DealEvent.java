package io.pactum.chain.deals;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import java.math.BigInteger;

/**
 * One decoded {@code DealManager} event of a deal (see {@code IDealManager.sol}). Every event has
 * the deal id as its first indexed topic; {@link #blockNumber()} and {@link #txHash()} say where
 * it was mined. Decoded by {@link DealManagerGateway#decodeEvent}; read for one deal by
 * {@link DealQueries#history}.
 */
public sealed interface DealEvent
    permits DealManagerGateway.DealAgreed, DealManagerGateway.ResultPosted, DealEvent.PartyAgreed, DealEvent.Accepted,
        DealEvent.MediationRequested, DealEvent.AgreeExpired, DealEvent.ResultTimedOut, DealEvent.MediationTimedOut,
        DealEvent.Mediated, DealEvent.KeeperPaid {

  Bytes32 dealId();

  long blockNumber();

  String txHash();

  /** The Solidity event name, e.g. {@code DealAccepted}. */
  String name();

  /** {@code DealPartyAgreed(dealId, party)}: the first of the two {@code agree} calls. */
  record PartyAgreed(Bytes32 dealId, Address party, long blockNumber, String txHash)
      implements DealEvent {
    @Override
    public String name() {
      return "DealPartyAgreed";
    }
  }

  /** {@code DealAccepted(dealId, byClient, nodePayment, networkFee, clientRefund)}. */
  record Accepted(Bytes32 dealId, boolean byClient, BigInteger nodePayment, BigInteger networkFee,
      BigInteger clientRefund, long blockNumber, String txHash) implements DealEvent {
    @Override
    public String name() {
      return "DealAccepted";
    }
  }

  /** {@code MediationRequested(dealId, client, fee)}. */
  record MediationRequested(Bytes32 dealId, Address client, BigInteger fee, long blockNumber,
      String txHash) implements DealEvent {
    @Override
    public String name() {
      return "MediationRequested";
    }
  }

  /** {@code DealAgreeExpired(dealId, party, refunded)}. */
  record AgreeExpired(Bytes32 dealId, Address party, BigInteger refunded, long blockNumber,
      String txHash) implements DealEvent {
    @Override
    public String name() {
      return "DealAgreeExpired";
    }
  }

  /** {@code DealResultTimedOut(dealId, clientRefund, nodeCollateralToClient)}. */
  record ResultTimedOut(Bytes32 dealId, BigInteger clientRefund, BigInteger nodeCollateralToClient,
      long blockNumber, String txHash) implements DealEvent {
    @Override
    public String name() {
      return "DealResultTimedOut";
    }
  }

  /** {@code DealMediationTimedOut(dealId, clientRefund, nodeRefund)}. */
  record MediationTimedOut(Bytes32 dealId, BigInteger clientRefund, BigInteger nodeRefund,
      long blockNumber, String txHash) implements DealEvent {
    @Override
    public String name() {
      return "DealMediationTimedOut";
    }
  }

  /**
   * {@code DealMediated(dealId, verdict, nodePayment, networkFee, clientRefund, mediators, mediatorPay)}:
   * the court settled a dispute. {@code correct} is the verdict; {@code mediators} (those who voted
   * for it) shared {@code mediatorPay}.
   */
  record Mediated(Bytes32 dealId, boolean correct, BigInteger nodePayment, BigInteger networkFee,
      BigInteger clientRefund, java.util.List<Address> mediators, BigInteger mediatorPay, long blockNumber,
      String txHash) implements DealEvent {
    @Override
    public String name() {
      return "DealMediated";
    }
  }

  /** {@code KeeperPaid(dealId, keeper, bounty)}: whoever triggered an expired deadline was paid. */
  record KeeperPaid(Bytes32 dealId, Address keeper, BigInteger bounty, long blockNumber, String txHash)
      implements DealEvent {
    @Override
    public String name() {
      return "KeeperPaid";
    }
  }
}
