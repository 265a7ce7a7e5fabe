package io.pactum.cli.client;

import io.pactum.protocol.cid.Cid;
import java.util.List;

/**
 * The job documents the client makes and reads: the {@code JobSpec} it uploads (canonical JSON,
 * its CID is the offer's {@code jobSpecCid}) and the {@code JobOutcome} record the node posts.
 * Backed by {@code io.pactum.protocol.job}.
 */
public interface JobSpecs {
    /** One input file of the job, seen by the module under {@code name}. */
    record Input(String name, Cid cid, long size) {}

    /**
     * The node's outcome record.
     *
     * @param status e.g. {@code OK}, {@code TRAP}, {@code OUT_OF_FUEL}
     * @param exitCode the WASI exit code when the module exited
     * @param fuelUsed fuel (instructions) used
     * @param stdout CID of the captured stdout (null when none)
     * @param stderr CID of the captured stderr (null when none)
     * @param success whether the job completed successfully
     */
    record Outcome(String status, Integer exitCode, long fuelUsed, Cid stdout, Cid stderr, boolean success) {}

    /** The canonical JSON bytes of a spec. */
    byte[] spec(Cid module, List<Input> inputs, List<String> args, long maxFuel, long memoryMiB);

    /** Parses an outcome record; a failure (exit 1) when it is not one. */
    Outcome outcome(byte[] json);
}
