package io.pactum.chain.client;

import io.pactum.chain.errors.ProtocolError;
import io.pactum.chain.errors.RevertReason;
import java.util.Optional;

/**
 * A transaction of {@link DirectSender} that did not succeed. {@link #stage()} says how far it
 * got; {@link #txHash()} is set once it was broadcast (check it later when {@link
 * Stage#NO_RECEIPT}); {@link #reason()} is the decoded revert when the contract refused it. The
 * message is ready for a user: {@code withdraw would fail: VaultInsufficientFree(...)}.
 */
public final class TxFailedException extends RuntimeException {
  /** Where the transaction failed. */
  public enum Stage {
    /** {@code eth_estimateGas} reverted: nothing was sent. */
    SIMULATION,
    /** The node refused the signed transaction (nonce, fees, funds): nothing was mined. */
    REJECTED,
    /** The chain could not be reached (before or while sending). */
    UNREACHABLE,
    /** Sent, but no receipt within the timeout: it may still be mined. */
    NO_RECEIPT,
    /** Mined with status 0. */
    REVERTED
  }

  private final Stage stage;
  private final String txHash;
  private final RevertReason reason;

  public TxFailedException(Stage stage, String message, String txHash, RevertReason reason, Throwable cause) {
    super(message, cause);
    this.stage = stage;
    this.txHash = txHash;
    this.reason = reason;
  }

  public Stage stage() {
    return stage;
  }

  /** The transaction hash once broadcast, else empty. */
  public Optional<String> txHash() {
    return Optional.ofNullable(txHash);
  }

  /** The decoded revert, when the failure is a contract revert with data. */
  public Optional<RevertReason> reason() {
    return Optional.ofNullable(reason);
  }

  /** The revert is the catalogued error {@code error}. */
  public boolean is(ProtocolError error) {
    return reason != null && reason.is(error);
  }
}
