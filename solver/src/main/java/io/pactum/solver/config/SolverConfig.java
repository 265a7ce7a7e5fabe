package io.pactum.solver.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Order book and matching settings ({@code pactum.solver.*}). */
@ConfigMapping(prefix = "pactum.solver")
public interface SolverConfig {
    /** {@code agreeDeadline} of a proposed deal = proposal time + this window. */
    @WithDefault("10m")
    Duration agreeWindow();

    /**
     * How long a proposal waits for both signatures before it expires and its offers reopen;
     * capped at the agree window (the relay needs time before the on-chain deadline, so keep it
     * shorter).
     */
    @WithDefault("5m")
    Duration proposalTtl();

    /** Period of the housekeeping tick: expire offers and proposals, match again. */
    @WithDefault("5s")
    Duration tick();

    /** Largest accepted request body; bigger ones get 413 TOO_LARGE. */
    @WithDefault("65536")
    int maxBodyBytes();

    /** Most open offers of each side loaded into one matching pass (oldest first). */
    @WithDefault("1000")
    int matchBatch();

    /**
     * Whether the solver also keeps: triggers expired deadlines of the deals it relayed for the keeper
     * bounty ({@link io.pactum.solver.keeper.Keeper}). Needs a chain.
     */
    @io.smallrye.config.WithName("keeper.enabled")
    @WithDefault("true")
    boolean keeperEnabled();
}
