package io.pactum.cli.chain;

import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DealManager as the client uses it: contract state first ({@code dealRecord},
 * {@code currentDeadline}, chain time), events for the facts state does not keep (the result CID,
 * payouts, transaction hashes).
 */
public interface DealChain extends AutoCloseable {
    /** The latest block's timestamp. */
    long chainTime();

    /** {@code dealRecord(dealId)}. */
    Record dealRecord(Bytes32 dealId);

    /** {@code currentDeadline(deal)}: the running deadline (0 if none) and whether it passed. */
    Deadline currentDeadline(Deal deal);

    /** {@code acceptResult(deal)} as the client, waited for; with the payout of its DealAccepted event. */
    Accepted acceptResult(Deal deal);

    /** The deal's events, oldest first (from the deployment block). */
    List<Event> events(Bytes32 dealId);

    /** The agreed terms from the deal's DealAgreed event, when it has one. */
    default Optional<Deal> agreedTerms(Bytes32 dealId) {
        return events(dealId).stream().filter(e -> e.deal() != null).map(Event::deal).findFirst();
    }

    /** The posted result (CID bytes, fuel) from the deal's ResultPosted event. */
    default Optional<Event> resultPosted(Bytes32 dealId) {
        return events(dealId).stream().filter(e -> e.name().equals("ResultPosted")).findFirst();
    }

    @Override
    default void close() {}

    /** The on-chain facts of a deal (Solidity {@code DealRecord}). */
    record Record(DealPhase phase, long agreedAt, long resultAt, long disputedAt, long fuelUsed) {}

    record Deadline(long deadline, boolean passed) {}

    /** Payout of an acceptance. */
    record Accepted(Tx tx, BigInteger nodePayment, BigInteger networkFee, BigInteger clientRefund) {}

    /**
     * One event of a deal: its Solidity name, where it was mined, its decoded fields (addresses
     * and hex as strings, amounts as BigInteger), and for DealAgreed the terms.
     */
    record Event(String name, long block, String txHash, Map<String, Object> fields, Deal deal) {
        public Optional<Bytes> resultCid() {
            Object v = fields.get("resultCid");
            return v instanceof String s ? Optional.of(Bytes.fromHex(s)) : Optional.empty();
        }
    }
}
