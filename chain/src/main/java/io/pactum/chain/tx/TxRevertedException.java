package io.pactum.chain.tx;

import io.pactum.chain.errors.RevertReason;

/** An intent ended reverted (on chain, or by the dry run); keeps the intent and its decoded reason. */
public class TxRevertedException extends RuntimeException {
  private final TxIntent intent;

  public TxRevertedException(TxIntent intent) {
    super(intent.idempotencyKey() + " reverted: " + intent.revertReason().map(RevertReason::message).orElse(intent.error())
        + (intent.txHash() == null ? " (dry run, not sent)" : " in " + intent.txHash()));
    this.intent = intent;
  }

  public TxIntent intent() {
    return intent;
  }
}
