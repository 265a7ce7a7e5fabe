package io.pactum.runtime.job;

import io.pactum.runtime.exec.ExecutionStatus;

/** Port: the protocol's job formats (spec in, outcome record out), so the pipeline stays testable alone. */
public interface JobFormats {

    /**
     * Parses a job spec.
     *
     * @throws IllegalArgumentException when the bytes are not a valid spec
     */
    JobPlan parseSpec(byte[] specBytes);

    /** The canonical bytes of the outcome record (the same facts give the same bytes, hence the same CID). */
    byte[] outcomeRecord(OutcomeFacts facts);

    /**
     * The deterministic facts of a run.
     *
     * @param exitCode the job's exit code, or -1 when it did not exit
     * @param stdoutCid null when there is no output (e.g. inputs unavailable)
     */
    record OutcomeFacts(
            String jobSpecCid,
            ExecutionStatus status,
            int exitCode,
            long fuelUsed,
            String stdoutCid,
            long stdoutBytes,
            String stderrCid,
            long stderrBytes,
            String diagnostic) {}
}
