package io.pactum.cli;

import io.pactum.cli.chain.DealChain;
import io.pactum.cli.chain.Disputes;
import io.pactum.cli.chain.Funds;
import io.pactum.cli.chain.LiveChain;
import io.pactum.cli.chain.LiveRegistries;
import io.pactum.cli.chain.Registries;
import io.pactum.cli.client.JobClient;
import io.pactum.cli.config.CliConfig;
import io.pactum.cli.config.Signer;
import io.pactum.cli.solver.HttpSolverApi;
import io.pactum.cli.solver.SolverApi;

/**
 * How commands reach the outside world. {@link #live()} talks to the configured chain, solver and
 * node; tests substitute fakes to check parsing and output without a network.
 */
public interface Backends {
    /** The client's funds; {@code withKey}: load the key (needed for writes and for "my" balance). */
    Funds funds(CliConfig config, boolean withKey);

    /** The DealManager, read-only. */
    DealChain deals(CliConfig config);

    /** The solver, when one is configured (for deals not yet on chain). */
    SolverApi solver(CliConfig config);

    /** The job flow with the configured key. */
    JobClient jobClient(CliConfig config);

    /** The registries (CID, DID, soul); {@code withKey}: load the key (needed for writes and "my" records). */
    Registries registries(CliConfig config, boolean withKey);

    /** Disputes, appeals and mediator registration with the configured key. */
    Disputes disputes(CliConfig config);

    static Backends live() {
        return new Backends() {
            @Override
            public Funds funds(CliConfig config, boolean withKey) {
                Signer signer = withKey ? config.key().load() : null;
                return LiveChain.open(config, signer);
            }

            @Override
            public DealChain deals(CliConfig config) {
                return LiveChain.open(config, null);
            }

            @Override
            public SolverApi solver(CliConfig config) {
                return new HttpSolverApi(config.requireSolverUrl());
            }

            @Override
            public JobClient jobClient(CliConfig config) {
                return JobClient.connect(config);
            }

            @Override
            public Registries registries(CliConfig config, boolean withKey) {
                return LiveRegistries.open(config, withKey ? config.key().load() : null);
            }

            @Override
            public Disputes disputes(CliConfig config) {
                return LiveChain.open(config, config.key().load());
            }
        };
    }
}
