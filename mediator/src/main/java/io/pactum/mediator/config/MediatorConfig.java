package io.pactum.mediator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/** {@code pactum.mediator.*}: the mediator's identity, bond, content sources and limits. */
@ConfigMapping(prefix = "pactum.mediator")
public interface MediatorConfig {

    /** Dev only (the devnet): the mediator's private key as hex; production uses {@link #keystore()}. Never printed. */
    Optional<String> key();

    /** Encrypted JSON keystore of the mediator's key; password from {@value MediatorKey#PASSWORD_ENV}. Takes precedence. */
    Optional<String> keystore();

    /** Directory of the mediator's content store (modules, inputs, its own outcome records). */
    @WithDefault("data/mediator-store")
    String storeDir();

    /** Kubo RPC endpoint to fetch modules and inputs from when the own store lacks them (a client's or node's). */
    Optional<String> fallbackKuboUrl();

    /**
     * The bond the mediator keeps registered (token base units, from its free vault balance); 0 = do not
     * register automatically (use {@code pactum mediator register}).
     */
    @WithDefault("0")
    BigInteger bond();

    /** Whether the log poller, the transaction manager and the case loop run (off in tests of the HTTP side). */
    @WithName("workers.enabled")
    @WithDefault("true")
    boolean workersEnabled();

    /** Interval of the case loop. */
    @WithDefault("1s")
    Duration caseInterval();

    /** Wall time of one re-run (protects the mediator; no part of the outcome). */
    @WithDefault("60s")
    Duration wallTime();
}
