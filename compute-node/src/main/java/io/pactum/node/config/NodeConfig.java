package io.pactum.node.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code pactum.node.*}: the node's identity, its peers, the terms it offers and the limits it enforces. */
@ConfigMapping(prefix = "pactum.node")
public interface NodeConfig {

    /**
     * The node's private key as hex. Dev only (the devnet): a plain key in configuration breaks W10;
     * production uses {@link #keystore()}. Ignored when a keystore is set. Never printed.
     */
    Optional<String> key();

    /**
     * Encrypted JSON keystore (geth/web3j V3, e.g. {@code cast wallet new}) of the node's key; its
     * password comes from the environment variable {@value NodeKey#PASSWORD_ENV}. Takes precedence
     * over {@link #key()}.
     */
    Optional<String> keystore();

    /** Base URL of the solver's REST API. */
    @WithDefault("http://127.0.0.1:8081")
    String solverUrl();

    /** Directory of the node's content store (blocks by CID, pins). */
    @WithDefault("data/node-store")
    String storeDir();

    /** A client's Kubo RPC endpoint to fetch missing content from (fallback after the own store). */
    Optional<String> fallbackKuboUrl();

    /** Whether the offer, deal and job loops and the log poller run (off in tests of the HTTP side). */
    @io.smallrye.config.WithName("workers.enabled")
    @WithDefault("true")
    boolean workersEnabled();

    /**
     * DEVNET ONLY: post a forged outcome instead of the honest one ({@code pactum demo --cheat}), so that
     * disputes, mediation and slashing can be shown. Off by default; the node logs an error when on.
     */
    @io.smallrye.config.WithName("devnet-cheat")
    @WithDefault("false")
    boolean devnetCheat();

    /** Terms of the resource offers the node signs. */
    Offer offer();

    /**
     * What the node is willing to run: a deal whose outcome limits (docs/jobs.md) exceed these is not
     * signed; a signed deal runs under its own outcome limits plus the node's wall time.
     */
    Limits limits();

    /** Loop intervals. */
    Loops loops();

    interface Offer {
        @WithDefault("1000")
        int cpuMillis();

        @WithDefault("256")
        int memoryMib();

        /** Most fuel one job may use; also the offer's {@code maxFuel}. */
        @WithDefault("1000000000")
        long maxFuel();

        /** Fixed price per job, in token base units (used when {@code price-per-fuel} is 0). */
        @WithDefault("1000000000000000")
        BigInteger price();

        /** Price per unit of fuel (0 = fixed price). */
        @WithDefault("0")
        BigInteger pricePerFuel();

        /** Node timeout collateral locked at agreement. */
        @WithDefault("100000000000000")
        BigInteger nodeCollateral();

        /** Cheating collateral = multiplier × price. */
        @WithDefault("2")
        int cheatingMultiplier();

        /** Acceptable mediators (addresses); empty means none. */
        Optional<List<String>> mediators();

        /** How long a signed offer stays valid. */
        @WithDefault("10m")
        Duration validity();

        /** No new offer while this many jobs are open. */
        @WithDefault("4")
        int maxOpenJobs();
    }

    interface Limits {
        @WithDefault("1000000000")
        long maxFuel();

        /** Linear-memory pages of 64 KiB (4096 = 256 MiB). */
        @WithDefault("4096")
        int maxMemoryPages();

        /**
         * Largest stdout limit a job spec may ask for (16 MiB: what `pactum job run` puts in its specs; the
         * node refuses to sign deals whose spec asks for more).
         */
        @WithDefault("16777216")
        long maxOutputBytes();

        @WithDefault("60s")
        Duration wallTime();
    }

    interface Loops {
        @WithDefault("2s")
        Duration offerInterval();

        @WithDefault("1s")
        Duration dealInterval();

        @WithDefault("1s")
        Duration jobInterval();

        /** Attempts at one job before it is marked failed (retryable errors only). */
        @WithDefault("5")
        int maxJobAttempts();
    }
}
