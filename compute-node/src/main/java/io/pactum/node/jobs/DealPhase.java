package io.pactum.node.jobs;

/** Solidity {@code DealPhase} (contracts/src/types/DealTypes.sol), same order. */
public enum DealPhase {
    NONE,
    CLIENT_AGREED,
    NODE_AGREED,
    AGREED,
    RESULT_POSTED,
    MEDIATION_REQUESTED,
    ACCEPTED,
    MEDIATED_CORRECT,
    MEDIATED_INCORRECT,
    AGREE_EXPIRED,
    RESULT_TIMED_OUT,
    MEDIATION_TIMED_OUT;

    public static DealPhase of(int ordinal) {
        DealPhase[] all = values();
        if (ordinal < 0 || ordinal >= all.length) {
            throw new IllegalArgumentException("unknown DealPhase " + ordinal);
        }
        return all[ordinal];
    }

    /** The node has posted its result (or the deal went past that point by another way). */
    public boolean resultPostedOrLater() {
        return this == RESULT_POSTED || this == MEDIATION_REQUESTED || this == ACCEPTED || this == MEDIATED_CORRECT
                || this == MEDIATED_INCORRECT || this == MEDIATION_TIMED_OUT;
    }

    /** Not agreed by both parties yet (or not visible yet at the node's RPC). */
    public boolean beforeAgreement() {
        return this == NONE || this == CLIENT_AGREED || this == NODE_AGREED;
    }
}
