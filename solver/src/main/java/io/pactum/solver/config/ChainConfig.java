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

    /**
     * JSON-RPC endpoint, or several, comma-separated, most preferred first
     * ({@code http://a:8545,http://b:8545}): calls fail over to the next on a transport fault and
     * return to the first after a 30 s cool-down; start-up fails when one is on another chain (W8).
     */
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

    /**
     * The DIDRegistry address {@code GET /v1/dids/{did}} resolves against; default: the deployment
     * file's {@code didRegistry}. Without either, DID resolution answers 503.
     */
    Optional<String> didRegistry();

    /** First block the DealAgreed poller reads when it has no cursor (default: deployBlock, else 0). */
    Optional<Long> startBlock();

    /**
     * Private key (0x-hex) of the relayer account that sends {@code agreeBySig}. Development only
     * (the devnet): production uses {@link #relayerKeystore()} (W10). Ignored when a keystore is set.
     */
    Optional<String> relayerPrivateKey();

    /**
     * Encrypted JSON keystore (geth/web3j V3, e.g. {@code cast wallet new}) of the relayer account;
     * its password comes from the environment variable {@value RelayerKey#PASSWORD_ENV}, never from
     * a file of configuration. Takes precedence over {@link #relayerPrivateKey()}.
     */
    Optional<String> relayerKeystore();

    /** Blocks below the head before a log is processed. */
    @WithDefault("0")
    int confirmations();

    /**
     * How deep a relayed transaction's block must be before its receipt is final: until then the
     * transaction manager re-checks it and re-sends it when a reorganisation took it away (W4).
     */
    @WithDefault("12")
    int finalityDepth();

    /** How often the log poller and the relay watcher run. */
    @WithDefault("1s")
    Duration pollInterval();
}
