package io.pactum.chain.tx;

import io.pactum.chain.errors.RevertReason;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A row of {@code chain_tx_intent}. {@code nonce}, {@code txHash}, {@code receiptBlock} are null
 * until known. {@code revertData} is the raw revert data for a reverted intent. {@code deadline}
 * (chain time, unix seconds) is when it must land by, null for none; {@code deadlineMissed} once it
 * was still open past it (W9).
 */
public record TxIntent(
    long id,
    String idempotencyKey,
    String from,
    String to,
    byte[] data,
    BigInteger value,
    BigInteger gasLimit,
    TxState state,
    Long nonce,
    String txHash,
    Long receiptBlock,
    String receiptBlockHash,
    BigInteger gasUsed,
    boolean isFinal,
    String error,
    byte[] revertData,
    Long deadline,
    boolean deadlineMissed) {

  /** The decoded revert reason of a reverted intent. */
  public Optional<RevertReason> revertReason() {
    return state == TxState.REVERTED && revertData != null ? Optional.of(RevertReason.decode(revertData)) : Optional.empty();
  }

  /** Reverted by the dry run: no transaction was sent, no gas spent. */
  public boolean rejectedByDryRun() {
    return state == TxState.REVERTED && nonce == null;
  }
}
