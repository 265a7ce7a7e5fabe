package io.pactum.solver.config;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.eip712.Eip712Domain;

/**
 * The solver's settings, resolved once from {@link ChainConfig}, {@link SolverConfig} and the
 * deployment file, and checked.
 *
 * @param startBlock first block the DealAgreed poller reads without a cursor
 * @param didRegistry the DIDRegistry DIDs are resolved against, when configured
 */
public record Settings(
        long chainId,
        Address dealManager,
        Eip712Domain domain,
        long agreeWindowSeconds,
        long proposalTtlSeconds,
        int maxBodyBytes,
        int matchBatch,
        long startBlock,
        java.util.Optional<Address> didRegistry) {

    public Settings {
        java.util.Objects.requireNonNull(didRegistry, "didRegistry");
        if (agreeWindowSeconds <= 0) {
            throw new IllegalArgumentException("pactum.solver.agree-window must be positive");
        }
        if (proposalTtlSeconds <= 0 || proposalTtlSeconds > agreeWindowSeconds) {
            throw new IllegalArgumentException(
                    "pactum.solver.proposal-ttl must be positive and at most pactum.solver.agree-window");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("pactum.solver.max-body-bytes must be at least 1024");
        }
        if (matchBatch < 1) {
            throw new IllegalArgumentException("pactum.solver.match-batch must be positive");
        }
    }
}
