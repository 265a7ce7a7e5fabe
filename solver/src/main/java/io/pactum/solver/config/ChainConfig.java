package io.pactum.solver.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The chain the solver relays to ({@code pactum.chain.*}). */
@ConfigMapping(prefix = "pactum.chain")
public interface ChainConfig {
    /** Whether to connect to a chain at all (off in REST-only tests: no relay, no log poller). */
    @WithDefault("true")
    boolean enabled();

    /** JSON-RPC endpoint. */
    @WithDefault("http://127.0.0.1:8545")
    String rpcUrl();

    /**
     * Chain id of the EIP-712 domain offers and deals are signed under. Required unless a
     * deployment file gives it; when both are set they must agree.
     */
    Optional<Long> chainId();

    /** The DealManager address (EIP-712 verifyingContract, the relay target). */
    Optional<String> dealManager();

    /**
     * A deployment JSON written by {@code contracts/script/Deploy.s.sol} with keys {@code
     * chainId, token, vault, dealManager, deployBlock}; fills whatever is not set explicitly.
     */
    Optional<String> deploymentFile();

    /** First block the DealAgreed poller reads when it has no cursor (default: deployBlock, else 0). */
    Optional<Long> startBlock();

    /**
     * Private key (0x-hex) of the relayer account that sends {@code agreeBySig}. Development only:
     * W10 asks for an encrypted keystore or a remote signer in production (not done yet).
     */
    Optional<String> relayerPrivateKey();

    /** Blocks below the head before a log is processed. */
    @WithDefault("0")
    int confirmations();

    /** How often the log poller and the relay watcher run. */
    @WithDefault("1s")
    Duration pollInterval();
}
