package io.pactum.chain.tx;

/** Life of a transaction intent (Chainlink txmgr states). */
public enum TxState {
  /** Stored; no nonce yet. */
  UNSTARTED("unstarted"),
  /** Nonce assigned and signed bytes stored; maybe not broadcast yet. */
  IN_PROGRESS("in_progress"),
  /** Broadcast; waiting for a receipt of any attempt. */
  UNCONFIRMED("unconfirmed"),
  /** Mined with status 1. */
  CONFIRMED("confirmed"),
  /** Mined with status 0, or refused by the eth_call dry run (then no nonce was used). */
  REVERTED("reverted"),
  /** Given up (e.g. unsignable); no transaction of it can land. */
  FAILED("failed");

  private final String db;

  TxState(String db) {
    this.db = db;
  }

  public String db() {
    return db;
  }

  public boolean terminal() {
    return this == CONFIRMED || this == REVERTED || this == FAILED;
  }

  public static TxState of(String db) {
    for (TxState s : values()) {
      if (s.db.equals(db)) {
        return s;
      }
    }
    throw new IllegalArgumentException(db);
  }
}
