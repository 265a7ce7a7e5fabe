package io.pactum.solver.book;

/**
 * Why an offer or a signature is refused. {@code field} is the JSON path of the culprit (or null).
 */
public record Rejection(Reason reason, String message, String field) {
    public enum Reason {
        /** Does not recover to the party under the solver's EIP-712 domain (wrong key, chain or contract). */
        BAD_SIGNATURE,
        /** The offer's expiry has passed. */
        EXPIRED,
        /** A protocol rule is broken by a field. */
        INVALID_FIELD
    }
}
