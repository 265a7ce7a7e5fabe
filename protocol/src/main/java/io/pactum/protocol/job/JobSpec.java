package io.pactum.protocol.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.cid.UnixFsImporter;
import io.pactum.protocol.json.CanonicalJson;
import io.pactum.protocol.json.ProtocolJson;
import io.pactum.protocol.validation.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a job runs: a WASM (WASI) module, its inputs mounted at relative paths, its arguments and
 * environment, and its limits. Stored as {@link #toCanonicalJson() canonical JSON}; its CID
 * ({@link #cid()}, the deal's {@code jobSpecCid}) is that of those bytes imported like Kubo with
 * {@link UnixFsImporter.Options#pactumDefault()} (a spec is always one chunk, so a raw CID).
 *
 * <p>Rules ({@link #violations()}): at most {@value #MAX_INPUTS} inputs with distinct paths; a path
 * is 1 to {@value #MAX_PATH_BYTES} UTF-8 bytes, relative, '/'-separated, with no empty, '.' or '..'
 * segment, no backslash or NUL; at most {@value #MAX_ARGS} args of at most {@value #MAX_ARG_BYTES}
 * bytes without NUL; at most {@value #MAX_ENV} env entries, names {@code [A-Za-z_][A-Za-z0-9_]*} of
 * at most 256 bytes, values of at most {@value #MAX_ARG_BYTES} bytes without NUL; every limit &gt;
 * 0 and {@code maxMemoryPages ≤ 65536} (4 GiB, the wasm32 maximum).
 */
public record JobSpec(Cid module, List<Input> inputs, List<String> args, SortedMap<String, String> env, Limits limits) {
    public static final int MAX_INPUTS = 64;
    public static final int MAX_ARGS = 64;
    public static final int MAX_ARG_BYTES = 4096;
    public static final int MAX_ENV = 64;
    public static final int MAX_PATH_BYTES = 1024;
    public static final long MAX_MEMORY_PAGES = 65536;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,255}");

    /** A content-addressed input, mounted read-only at {@code path} (relative to the job's root). */
    public record Input(String path, Cid cid) {
        public Input {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(cid, "cid");
        }
    }

    /**
     * @param maxFuel WASM instructions the run may use
     * @param maxMemoryPages linear memory limit in 64 KiB pages
     * @param maxOutputBytes limit of stdout and of stderr, each
     * @param wallTimeMillis protects the node only; not part of the outcome
     */
    public record Limits(long maxFuel, long maxMemoryPages, long maxOutputBytes, long wallTimeMillis) {}

    public JobSpec {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(limits, "limits");
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        args = List.copyOf(Objects.requireNonNull(args, "args"));
        Objects.requireNonNull(env, "env");
        TreeMap<String, String> copy = new TreeMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "env name"), Objects.requireNonNull(e.getValue(), "env value"));
        }
        env = Collections.unmodifiableSortedMap(copy);
    }

    /** Every broken rule; empty when the spec is valid. */
    public List<Violation> violations() {
        List<Violation> v = new ArrayList<>();
        if (inputs.size() > MAX_INPUTS) {
            v.add(new Violation("inputs", "at most " + MAX_INPUTS + " inputs, got " + inputs.size()));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            String path = inputs.get(i).path();
            String reason = pathProblem(path);
            if (reason != null) {
                v.add(new Violation("inputs[" + i + "].path", reason));
            } else if (!seen.add(path)) {
                v.add(new Violation("inputs[" + i + "].path", "duplicate path " + path));
            }
        }
        if (args.size() > MAX_ARGS) {
            v.add(new Violation("args", "at most " + MAX_ARGS + " args, got " + args.size()));
        }
        for (int i = 0; i < args.size(); i++) {
            text(v, "args[" + i + "]", args.get(i));
        }
        if (env.size() > MAX_ENV) {
            v.add(new Violation("env", "at most " + MAX_ENV + " entries, got " + env.size()));
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                v.add(new Violation("env", "invalid variable name '" + e.getKey() + "'"));
            }
            text(v, "env." + e.getKey(), e.getValue());
        }
        positive(v, "limits.maxFuel", limits.maxFuel());
        positive(v, "limits.maxMemoryPages", limits.maxMemoryPages());
        if (limits.maxMemoryPages() > MAX_MEMORY_PAGES) {
            v.add(new Violation("limits.maxMemoryPages", "at most " + MAX_MEMORY_PAGES + " (4 GiB)"));
        }
        positive(v, "limits.maxOutputBytes", limits.maxOutputBytes());
        positive(v, "limits.wallTimeMillis", limits.wallTimeMillis());
        return v;
    }

    /** Throws {@link InvalidRecordException} listing the violations, if any. */
    public JobSpec validated() {
        List<Violation> v = violations();
        if (!v.isEmpty()) {
            throw new InvalidRecordException("job spec", v);
        }
        return this;
    }

    /** Canonical JSON (sorted keys, no whitespace; see {@link CanonicalJson}). */
    public byte[] toCanonicalJson() {
        return CanonicalJson.toBytes(this);
    }

    /** The CID of the canonical JSON (the deal's {@code jobSpecCid}). */
    public Cid cid() {
        return new UnixFsImporter(UnixFsImporter.Options.pactumDefault()).cidOf(toCanonicalJson());
    }

    /**
     * Strictly parses and validates a spec (any JSON whitespace or key order; unknown or missing
     * fields fail).
     *
     * @throws InvalidRecordException when the JSON is malformed or a rule is broken
     */
    public static JobSpec parse(byte[] json) {
        JobSpec spec;
        try {
            spec = ProtocolJson.mapper().readValue(json, JobSpec.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("job spec", e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidRecordException("job spec", e.getMessage(), e);
        }
        return spec.validated();
    }

    static String pathProblem(String path) {
        if (path.isEmpty()) return "must not be empty";
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) return "longer than " + MAX_PATH_BYTES + " bytes";
        if (path.startsWith("/")) return "must be relative: " + path;
        if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) return "must not contain a backslash or NUL: " + path;
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) return "has an empty segment: " + path;
            if (segment.equals("..")) return "must not contain '..': " + path;
            if (segment.equals(".")) return "must not contain '.': " + path;
        }
        return null;
    }

    private static void text(List<Violation> v, String field, String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_ARG_BYTES) {
            v.add(new Violation(field, "longer than " + MAX_ARG_BYTES + " bytes"));
        }
        if (value.indexOf('\0') >= 0) {
            v.add(new Violation(field, "must not contain NUL"));
        }
    }

    private static void positive(List<Violation> v, String field, long value) {
        if (value <= 0) {
            v.add(new Violation(field, "must be greater than 0"));
        }
    }
}
