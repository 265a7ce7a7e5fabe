package io.pactum.mediator.config;

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

    @WithDefault("31337")
    long chainId();

    /** Deployment file of contracts/script/Deploy.s.sol (with {@code mediationCourt}). */
    String deployment();

    @WithDefault("1s")
    Duration pollInterval();

    /**
     * K: logs are handled, and votes cast, only once K blocks deep (W7); a reorg deeper than K halts
     * the log poller (the mediator turns unready and sends nothing).
     */
    @WithDefault("0")
    int confirmations();

    /** Blocks after which a sent transaction counts as final for the transaction manager. */
    @WithDefault("0")
    int finalityDepth();
}
