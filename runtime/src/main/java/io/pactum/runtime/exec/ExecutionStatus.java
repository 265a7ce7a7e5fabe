package io.pactum.runtime.exec;

import io.pactum.protocol.job.JobOutcome;

/**
 * How a run ended. The names are those of the protocol's {@code JobOutcome.Status}, so that the node
 * maps one to the other by name.
 */
public enum ExecutionStatus {
    /** {@code _start} returned, or the job called {@code proc_exit}: the exit code tells which. */
    OK,
    /** The module trapped ({@code unreachable}, out-of-bounds access, division by zero, call stack exhausted...). */
    TRAP,
    /** The job would have executed more instructions than {@link Limits#maxFuel()}. */
    OUT_OF_FUEL,
    /** The job declared or tried to grow memory (or a table) beyond {@link Limits#maxMemoryPages()}. */
    MEMORY_LIMIT,
    /** The job wrote more than {@link Limits#maxOutputBytes()} to stdout. */
    OUTPUT_LIMIT,
    /** The bytes are not a valid WASM module, it imports what the engine does not offer, or exports no {@code _start}. */
    INVALID_MODULE,
    /** An input could not be fetched. Never produced by the engine: the node sets it before running. */
    INPUT_UNAVAILABLE;

    /** The protocol's status of the same name. */
    public JobOutcome.Status toOutcomeStatus() {
        return JobOutcome.Status.valueOf(name());
    }
}
