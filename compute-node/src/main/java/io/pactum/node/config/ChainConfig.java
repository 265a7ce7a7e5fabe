package io.pactum.node.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code pactum.chain.*}: where the chain is and where the contracts live. */
@ConfigMapping(prefix = "pactum.chain")
public interface ChainConfig {

    /**
     * JSON-RPC endpoint, or several, comma-separated, most preferred first
     * ({@code http://a:8545,http://b:8545}): calls fail over to the next on a transport fault and
     * return to the first after a 30 s cool-down; start-up fails when one is on another chain (W8).
     */
    @WithDefault("http://127.0.0.1:8545")
    String rpcUrl();

    /** Chain id; start-up fails when the endpoint or the deployment file says otherwise. */
    @WithDefault("31337")
    long chainId();

    /**
     * Deployment file written by {@code contracts/script/Deploy.s.sol}: {@code chainId, token, vault,
     * dealManager, deployBlock}. Optional when the addresses below are set.
     */
    Optional<String> deployment();

    /** Overrides the deployment file's {@code dealManager}. */
    Optional<String> dealManager();

    /** Overrides the deployment file's {@code vault}. */
    Optional<String> vault();

    /** Overrides the deployment file's {@code token} (the token deals are paid and collateralised in). */
    Optional<String> token();

    /** Overrides the deployment file's {@code deployBlock} (first block the log poller reads). */
    Optional<Long> deployBlock();

    /** How often the log poller and the transaction manager tick. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Blocks behind the head the log poller stays (0 on the devnet). */
    @WithDefault("0")
    int confirmations();

    /**
     * How deep a transaction's block must be before its receipt is final: until then the
     * transaction manager re-checks it and re-sends it when a reorganisation took it away (W4).
     */
    @WithDefault("12")
    int finalityDepth();
}
