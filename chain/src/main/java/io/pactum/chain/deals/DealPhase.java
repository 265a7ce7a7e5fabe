package io.pactum.chain.deals;

/** Solidity {@code DealPhase} (contracts/src/types/DealTypes.sol), in declaration order. */
public enum DealPhase {
  NONE, CLIENT_AGREED, NODE_AGREED, AGREED, RESULT_POSTED, MEDIATION_REQUESTED, ACCEPTED, MEDIATED_CORRECT,
  MEDIATED_INCORRECT, AGREE_EXPIRED, RESULT_TIMED_OUT, MEDIATION_TIMED_OUT;

  /** The phase of ordinal {@code ordinal} as the contract returns it. */
  public static DealPhase of(int ordinal) {
    if (ordinal < 0 || ordinal >= values().length) {
      throw new IllegalArgumentException("unknown deal phase " + ordinal);
    }
    return values()[ordinal];
  }

  /** No further transition is possible. */
  public boolean terminal() {
    return ordinal() >= ACCEPTED.ordinal();
  }

  /** The Solidity name, e.g. {@code ResultPosted}. */
  public String solidityName() {
    StringBuilder sb = new StringBuilder();
    for (String part : name().toLowerCase().split("_")) {
      sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return sb.toString();
  }
}
