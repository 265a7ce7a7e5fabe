package io.pactum.runtime.exec;

import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.job.JobSpec;

/**
 * The limits a job's outcome is computed under: a pure function of the deal and the job spec, so that
 * every party re-running the job (the node, any mediator) gets the same outcome CID bit for bit
 * (protocol.md §3, docs/jobs.md). Nothing of the machine enters it:
 *
 * <ul>
 *   <li>fuel = min(spec.maxFuel, deal.maxFuel): the deal's maxFuel is what the client pays for;
 *   <li>memory pages and output bytes = the spec's.
 * </ul>
 *
 * <p>A compute node applies its own hard limits when it decides to sign a deal, never when it runs
 * one; wall time only protects the runner and is no part of the outcome ({@link #engineLimits}).
 * The node and the mediators share this one rule (services never depend on each other).
 *
 * @param maxFuel WASM instructions (Chicory interpreter) the run may execute
 * @param maxMemoryPages linear-memory pages of 64 KiB
 * @param maxOutputBytes bytes of stdout
 */
public record OutcomeLimits(long maxFuel, int maxMemoryPages, long maxOutputBytes) {

    /** Largest stdout the engine can hold (runtime's {@link Limits} bound). */
    public static final long MAX_OUTPUT_BYTES = Integer.MAX_VALUE - 8;

    public OutcomeLimits {
        if (maxFuel < 1) {
            throw new IllegalArgumentException("maxFuel must be at least 1, got " + maxFuel);
        }
        if (maxMemoryPages < 1 || maxMemoryPages > Limits.MAX_PAGES) {
            throw new IllegalArgumentException("maxMemoryPages must be in 1.." + Limits.MAX_PAGES + ", got " + maxMemoryPages);
        }
        if (maxOutputBytes < 1 || maxOutputBytes > MAX_OUTPUT_BYTES) {
            throw new IllegalArgumentException("maxOutputBytes must be in 1.." + MAX_OUTPUT_BYTES + ", got " + maxOutputBytes);
        }
    }

    /** The rule, from the deal and the spec. */
    public static OutcomeLimits of(Deal deal, JobSpec spec) {
        return of(deal.maxFuel(), spec.limits());
    }

    /**
     * The rule, from the deal's {@code maxFuel} and the spec's limits (the spec's wall time is ignored).
     *
     * @throws IllegalArgumentException when a value is outside what the engine supports (such a deal is
     *     never signed by a node)
     */
    public static OutcomeLimits of(long dealMaxFuel, JobSpec.Limits spec) {
        if (dealMaxFuel < 1) {
            throw new IllegalArgumentException("deal maxFuel must be at least 1, got " + dealMaxFuel);
        }
        if (spec.maxMemoryPages() < 1 || spec.maxMemoryPages() > Limits.MAX_PAGES) {
            throw new IllegalArgumentException("spec maxMemoryPages must be in 1.." + Limits.MAX_PAGES + ", got "
                    + spec.maxMemoryPages());
        }
        return new OutcomeLimits(Math.min(spec.maxFuel(), dealMaxFuel), (int) spec.maxMemoryPages(), spec.maxOutputBytes());
    }

    /** The engine's limits: these plus the runner's own wall-time protection (not part of the outcome). */
    public Limits engineLimits(long wallTimeMillis) {
        return new Limits(maxFuel, maxMemoryPages, maxOutputBytes, wallTimeMillis);
    }
}
