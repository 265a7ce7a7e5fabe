package io.pactum.solver.api;

/** The error codes of docs/api.md, each with its HTTP status. */
public enum ErrorCode {
    BAD_SIGNATURE(400),
    WRONG_CHAIN(400),
    EXPIRED(400),
    NONCE_REUSED(409),
    TOO_LARGE(413),
    UNKNOWN_FIELD(400),
    INVALID_FIELD(400),
    /** The offer is well formed but breaks a protocol rule (protocol Validation). */
    INVALID_OFFER(400),
    /** The deal no longer accepts signatures (expired, failed, already relaying with that party's signature). */
    DEAL_CLOSED(409),
    NOT_FOUND(404),
    UNSUPPORTED_MEDIA_TYPE(415),
    /** The chain (or the DID registry) is not configured or does not answer: retry later. */
    CHAIN_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
