package io.pactum.cli.chain;

/**
 * Solidity {@code DealPhase} (contracts/src/types/DealTypes.sol), in declaration order: the CLI's
 * port vocabulary, kept because devnet's end-to-end tests use it. Mirrors {@code
 * io.pactum.chain.deals.DealPhase} (ordinal for ordinal, see {@code LiveChain}); fold into that one
 * when devnet's import moves.
 */
public enum DealPhase {
    NONE, CLIENT_AGREED, NODE_AGREED, AGREED, RESULT_POSTED, MEDIATION_REQUESTED, ACCEPTED, MEDIATED_CORRECT,
    MEDIATED_INCORRECT, AGREE_EXPIRED, RESULT_TIMED_OUT, MEDIATION_TIMED_OUT;

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
