package io.pactum.runtime.job;

import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.job.InvalidRecordException;
import io.pactum.protocol.job.JobOutcome;
import io.pactum.protocol.job.JobSpec;
import io.pactum.runtime.exec.ExecutionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@link JobFormats} with protocol's {@link JobSpec} and {@link JobOutcome} (canonical JSON).
 *
 * <p>Mapping decisions a mediator must share to reproduce the outcome CID: the exit code is the job's
 * own only for {@code OK} (0 for every failed status, as JobOutcome documents); when nothing ran (inputs
 * unavailable) stdout and stderr are the empty file; the random seed of WASI {@code random_get} is 0
 * (JobSpec has no seed).
 */
public final class ProtocolJobFormats implements JobFormats {

    private static final Cid EMPTY = Cid.rawOf(new byte[0]);

    @Override
    public JobPlan parseSpec(byte[] specBytes) {
        JobSpec spec;
        try {
            spec = JobSpec.parse(specBytes);
        } catch (InvalidRecordException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        TreeMap<String, String> inputs = new TreeMap<>();
        for (JobSpec.Input in : spec.inputs()) {
            inputs.put(in.path(), in.cid().toString());
        }
        List<String> args = new ArrayList<>(spec.args());
        JobSpec.Limits l = spec.limits();
        return new JobPlan(spec.module().toString(), inputs, args, new TreeMap<>(spec.env()), 0, l.maxFuel(),
                (int) Math.min(Integer.MAX_VALUE, l.maxMemoryPages()), l.maxOutputBytes(), l.wallTimeMillis());
    }

    @Override
    public byte[] outcomeRecord(OutcomeFacts f) {
        JobOutcome.Status status = JobOutcome.Status.valueOf(f.status().name());
        int exitCode = f.status() == ExecutionStatus.OK ? f.exitCode() : 0;
        JobOutcome outcome = new JobOutcome(status, exitCode, f.fuelUsed(),
                f.stdoutCid() == null ? EMPTY : Cid.parse(f.stdoutCid()), f.stdoutBytes(),
                f.stderrCid() == null ? EMPTY : Cid.parse(f.stderrCid()), f.stderrBytes());
        return outcome.toCanonicalJson();
    }
}
