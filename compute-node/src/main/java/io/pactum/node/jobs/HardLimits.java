package io.pactum.node.jobs;

import io.pactum.runtime.exec.Limits;

/** The limits the node enforces on every job whatever its spec asks (pactum.node.limits.*). */
public record HardLimits(long maxFuel, int maxMemoryPages, long maxOutputBytes, long wallTimeMillis) {

    public HardLimits {
        new Limits(maxFuel, maxMemoryPages, maxOutputBytes, wallTimeMillis); // same validation
    }

    /** min(spec, deal, node) for each bound (the deal's maxFuel caps fuel too). */
    public Limits effective(JobPlan plan, long dealMaxFuel) {
        long fuel = min(min(positiveOr(plan.maxFuel(), maxFuel), dealMaxFuel), maxFuel);
        int pages = (int) min(positiveOr(plan.maxMemoryPages(), maxMemoryPages), maxMemoryPages);
        long output = min(plan.maxOutputBytes() < 0 ? maxOutputBytes : plan.maxOutputBytes(), maxOutputBytes);
        long wall = min(positiveOr(plan.wallTimeMillis(), wallTimeMillis), wallTimeMillis);
        return new Limits(Math.max(1, fuel), Math.max(1, pages), output, wall);
    }

    private static long positiveOr(long v, long fallback) {
        return v > 0 ? v : fallback;
    }

    private static long min(long a, long b) {
        return Math.min(a, b);
    }
}
