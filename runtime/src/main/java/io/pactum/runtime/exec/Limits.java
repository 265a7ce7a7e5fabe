package io.pactum.runtime.exec;

import io.pactum.protocol.job.JobSpec;

/**
 * Resource bounds of one job run.
 *
 * <p>{@code maxFuel}, {@code maxMemoryPages} and {@code maxOutputBytes} are part of the deterministic
 * outcome: a run that crosses one of them ends with the same status, the same fuel and the same
 * output on every machine. {@code wallTimeMillis} only protects the node that runs the job; crossing it
 * is not an outcome (see {@link WallTimeExceededException}).
 *
 * @param maxFuel WASM instructions the job may execute (counted by the interpreter, at least 1)
 * @param maxMemoryPages linear-memory pages of 64 KiB the job may hold (1..65536)
 * @param maxOutputBytes bytes the job may write to stdout (at least 0)
 * @param wallTimeMillis wall-clock milliseconds after which the node gives up (at least 1)
 */
public record Limits(long maxFuel, int maxMemoryPages, long maxOutputBytes, long wallTimeMillis) {

    /** WebAssembly's 32-bit address space: 65,536 pages of 64 KiB. */
    public static final int MAX_PAGES = 65_536;

    /**
     * The limits of a job spec.
     *
     * @throws IllegalArgumentException when a value is outside what the engine supports
     */
    public static Limits of(JobSpec.Limits spec) {
        if (spec.maxMemoryPages() < 1 || spec.maxMemoryPages() > MAX_PAGES) {
            throw new IllegalArgumentException("maxMemoryPages must be in 1.." + MAX_PAGES + ", got " + spec.maxMemoryPages());
        }
        return new Limits(spec.maxFuel(), (int) spec.maxMemoryPages(), spec.maxOutputBytes(), spec.wallTimeMillis());
    }

    public Limits {
        if (maxFuel < 1) {
            throw new IllegalArgumentException("maxFuel must be at least 1, got " + maxFuel);
        }
        if (maxMemoryPages < 1 || maxMemoryPages > MAX_PAGES) {
            throw new IllegalArgumentException("maxMemoryPages must be in 1.." + MAX_PAGES + ", got " + maxMemoryPages);
        }
        if (maxOutputBytes < 0 || maxOutputBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxOutputBytes must be in 0.." + (Integer.MAX_VALUE - 8) + ", got " + maxOutputBytes);
        }
        if (wallTimeMillis < 1) {
            throw new IllegalArgumentException("wallTimeMillis must be at least 1, got " + wallTimeMillis);
        }
    }
}
