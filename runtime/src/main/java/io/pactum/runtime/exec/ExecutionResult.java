package io.pactum.runtime.exec;

import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.job.JobOutcome;
import java.util.Arrays;
import java.util.Objects;

/**
 * The deterministic result of a run: the same module and input under the same limits give an equal
 * result on every machine (status, exit code, fuel, stdout, stderr; {@code diagnostic} too, as long as the
 * Chicory version is the same).
 *
 * @param status how the run ended
 * @param exitCode the job's exit code when {@code status} is {@link ExecutionStatus#OK} (0 when
 *     {@code _start} returned, n after {@code proc_exit(n)}); {@value #NO_EXIT_CODE} otherwise
 * @param fuelUsed instructions executed; equals the limit after {@link ExecutionStatus#OUT_OF_FUEL}
 * @param stdout what the job wrote to stdout, at most {@link Limits#maxOutputBytes()}
 * @param stderr what the job wrote to stderr, at most {@link JobEngine#STDERR_LIMIT} bytes (the rest is dropped)
 * @param diagnostic a human-readable reason for a non-OK status, empty for OK
 */
public record ExecutionResult(ExecutionStatus status, int exitCode, long fuelUsed, byte[] stdout, byte[] stderr,
                              String diagnostic) {

    /** Exit code of a run that did not end by returning or exiting (0, as in {@code JobOutcome}). */
    public static final int NO_EXIT_CODE = 0;

    public ExecutionResult {
        Objects.requireNonNull(status, "status");
        stdout = stdout.clone();
        stderr = stderr.clone();
        Objects.requireNonNull(diagnostic, "diagnostic");
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    @Override
    public byte[] stderr() {
        return stderr.clone();
    }

    /**
     * The protocol's outcome record of this run, once stdout and stderr are stored under their CIDs
     * (the caller adds them to its content store).
     */
    public JobOutcome toOutcome(Cid stdoutCid, Cid stderrCid) {
        return new JobOutcome(status.toOutcomeStatus(), exitCode, fuelUsed, stdoutCid, stdout.length, stderrCid,
                stderr.length);
    }

    public boolean isSuccess() {
        return status == ExecutionStatus.OK && exitCode == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionResult r && status == r.status && exitCode == r.exitCode && fuelUsed == r.fuelUsed
                && Arrays.equals(stdout, r.stdout) && Arrays.equals(stderr, r.stderr) && diagnostic.equals(r.diagnostic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, exitCode, fuelUsed, Arrays.hashCode(stdout), Arrays.hashCode(stderr), diagnostic);
    }

    @Override
    public String toString() {
        return "ExecutionResult[status=" + status + ", exitCode=" + exitCode + ", fuelUsed=" + fuelUsed + ", stdout="
                + stdout.length + " bytes, stderr=" + stderr.length + " bytes" + (diagnostic.isEmpty() ? "" : ", " + diagnostic)
                + "]";
    }
}
