package io.pactum.cli.client;

import io.pactum.cli.CliException;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.job.JobOutcome;
import io.pactum.protocol.job.JobSpec;
import io.pactum.runtime.store.ContentStore;
import io.pactum.runtime.store.KuboContentStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;

/**
 * Wiring of the client's ports to the other modules: {@link Content} to runtime's Kubo RPC client
 * (which itself checks every CID and block it handles), {@link JobSpecs} to protocol's job
 * documents.
 */
public final class Adapters {
    /** Largest outcome record or stdout the client fetches. */
    public static final long MAX_FETCH_BYTES = 64L * 1024 * 1024;
    /** stdout/stderr limit asked for in the spec. */
    public static final long MAX_OUTPUT_BYTES = 16L * 1024 * 1024;
    /** Wall-time limit asked for in the spec (protects the node only). */
    public static final long WALL_TIME_MILLIS = 120_000;

    private Adapters() {}

    /** The node's Kubo-compatible API at {@code ipfsUrl} (commands under {@code /api/v0}). */
    public static Content content(URI ipfsUrl) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return content(new KuboContentStore(ipfsUrl, http, Duration.ofMinutes(2)), ipfsUrl.toString());
    }

    /** Any runtime {@link ContentStore} as the client's {@link Content}. */
    public static Content content(ContentStore store, String where) {
        return new Content() {
            @Override
            public Cid add(String name, byte[] bytes) {
                try {
                    return store.add(bytes);
                } catch (IOException e) {
                    throw CliException.failure("uploading " + name + " to " + where + " failed: " + e.getMessage(), e);
                }
            }

            @Override
            public byte[] cat(Cid cid) {
                try {
                    return store.catBytes(cid, MAX_FETCH_BYTES);
                } catch (IOException e) {
                    throw CliException.failure("fetching " + cid + " from " + where + " failed: " + e.getMessage(), e);
                }
            }
        };
    }

    /** Protocol's {@link JobSpec} and {@link JobOutcome}. */
    public static JobSpecs jobSpecs() {
        return new JobSpecs() {
            @Override
            public byte[] spec(Cid module, List<Input> inputs, List<String> args, long maxFuel, long memoryMiB) {
                JobSpec spec = new JobSpec(module,
                        inputs.stream().map(i -> new JobSpec.Input(i.name(), i.cid())).toList(), args, new TreeMap<>(),
                        new JobSpec.Limits(maxFuel, memoryMiB * 16, MAX_OUTPUT_BYTES, WALL_TIME_MILLIS));
                var problems = spec.violations();
                if (!problems.isEmpty()) {
                    throw CliException.usage("invalid job: " + problems);
                }
                return spec.toCanonicalJson();
            }

            @Override
            public Outcome outcome(byte[] json) {
                JobOutcome o;
                try {
                    o = JobOutcome.parse(json);
                } catch (RuntimeException e) {
                    throw CliException.failure("the result is not a valid job outcome record: " + e.getMessage());
                }
                return new Outcome(o.status().name(), o.exitCode(), o.fuelUsed(), o.stdoutCid(), o.stderrCid(),
                        o.status() == JobOutcome.Status.OK && o.exitCode() == 0);
            }
        };
    }
}
