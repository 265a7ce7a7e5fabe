package io.pactum.runtime.exec;

/**
 * The run was stopped because it took longer than {@link Limits#wallTimeMillis()} on this machine.
 *
 * <p>Not an outcome: wall time depends on the machine and its load, so a job that runs out of it has no
 * deterministic result to post. The node treats it as its own failure to run the job (it lets the deal
 * time out or retries on a quieter machine); fuel is what bounds a job deterministically.
 */
public final class WallTimeExceededException extends Exception {

    private final long wallTimeMillis;
    private final long fuelUsedSoFar;

    public WallTimeExceededException(long wallTimeMillis, long fuelUsedSoFar) {
        super("job exceeded its wall time of " + wallTimeMillis + " ms after " + fuelUsedSoFar + " instructions");
        this.wallTimeMillis = wallTimeMillis;
        this.fuelUsedSoFar = fuelUsedSoFar;
    }

    public long wallTimeMillis() {
        return wallTimeMillis;
    }

    /** Instructions executed when the run was stopped; informative only (not deterministic). */
    public long fuelUsedSoFar() {
        return fuelUsedSoFar;
    }
}
