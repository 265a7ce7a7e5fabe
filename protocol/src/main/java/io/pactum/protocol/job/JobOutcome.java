package io.pactum.protocol.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.cid.UnixFsImporter;
import io.pactum.protocol.json.CanonicalJson;
import io.pactum.protocol.json.ProtocolJson;
import io.pactum.protocol.validation.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The deterministic result of running a job: what the node stores and posts (its {@link #cid()}
 * is the deal's result CID) and what a mediator reproduces. Equal outcomes give equal canonical
 * JSON and thus equal CIDs, so mediators compare CIDs. Wall time is deliberately absent.
 *
 * @param status how the run ended
 * @param exitCode the WASI exit code ({@code proc_exit}); 0 unless the module exited itself
 * @param fuelUsed instructions counted, at most the spec's {@code maxFuel}
 * @param stdoutCid CID of the captured stdout (up to the output limit)
 * @param stdoutBytes its length
 * @param stderrCid CID of the captured stderr
 * @param stderrBytes its length
 */
public record JobOutcome(
        Status status, int exitCode, long fuelUsed, Cid stdoutCid, long stdoutBytes, Cid stderrCid, long stderrBytes) {

    /** How a run ended. Every value except {@link #OK} is a deterministic failure. */
    public enum Status {
        /** The module returned or exited (see {@code exitCode}). */
        OK,
        /** A WASM trap (unreachable, out-of-bounds access, division by zero, stack overflow...). */
        TRAP,
        /** The fuel limit was reached. */
        OUT_OF_FUEL,
        /** The module tried to grow memory past {@code maxMemoryPages}. */
        MEMORY_LIMIT,
        /** stdout or stderr exceeded {@code maxOutputBytes}. */
        OUTPUT_LIMIT,
        /** The module does not validate or lacks the entry point. */
        INVALID_MODULE,
        /** An input (or the module) could not be fetched or did not match its CID. */
        INPUT_UNAVAILABLE
    }

    public JobOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(stdoutCid, "stdoutCid");
        Objects.requireNonNull(stderrCid, "stderrCid");
    }

    public List<Violation> violations() {
        List<Violation> v = new ArrayList<>();
        if (fuelUsed < 0) v.add(new Violation("fuelUsed", "must not be negative"));
        if (stdoutBytes < 0) v.add(new Violation("stdoutBytes", "must not be negative"));
        if (stderrBytes < 0) v.add(new Violation("stderrBytes", "must not be negative"));
        return v;
    }

    /** Canonical JSON (sorted keys, no whitespace). */
    public byte[] toCanonicalJson() {
        return CanonicalJson.toBytes(this);
    }

    /** The CID of the canonical JSON, imported with {@link UnixFsImporter.Options#pactumDefault()}. */
    public Cid cid() {
        return new UnixFsImporter(UnixFsImporter.Options.pactumDefault()).cidOf(toCanonicalJson());
    }

    /** Strict parsing. @throws InvalidRecordException on malformed JSON or a broken rule */
    public static JobOutcome parse(byte[] json) {
        JobOutcome outcome;
        try {
            outcome = ProtocolJson.mapper().readValue(json, JobOutcome.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("job outcome", e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidRecordException("job outcome", e.getMessage(), e);
        }
        List<Violation> v = outcome.violations();
        if (!v.isEmpty()) {
            throw new InvalidRecordException("job outcome", v);
        }
        return outcome;
    }
}
