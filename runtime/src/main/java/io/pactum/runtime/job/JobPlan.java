package io.pactum.runtime.job;

import io.pactum.runtime.exec.OutcomeLimits;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a job spec asks the node to run (the node's view of protocol's JobSpec).
 *
 * @param moduleCid CID of the WASM module
 * @param inputs input files: relative path under /input → CID
 * @param maxFuel the spec's fuel limit
 * @param maxMemoryPages the spec's memory limit in 64 KiB pages
 * @param maxOutputBytes the spec's stdout limit
 * @param wallTimeMillis the spec's wall-time wish (ignored: the node applies its own; not part of the outcome)
 */
public record JobPlan(
        String moduleCid,
        SortedMap<String, String> inputs,
        List<String> args,
        SortedMap<String, String> env,
        long randomSeed,
        long maxFuel,
        int maxMemoryPages,
        long maxOutputBytes,
        long wallTimeMillis) {

    /** The spec's limits as protocol's record, for {@link OutcomeLimits#of(long, JobSpec.Limits)}. */
    public io.pactum.protocol.job.JobSpec.Limits specLimits() {
        return new io.pactum.protocol.job.JobSpec.Limits(maxFuel, maxMemoryPages, maxOutputBytes, wallTimeMillis);
    }

    public JobPlan {
        Objects.requireNonNull(moduleCid, "moduleCid");
        inputs = new TreeMap<>(inputs);
        args = List.copyOf(args);
        env = new TreeMap<>(env);
    }
}
