package io.pactum.runtime.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Job modules shipped in this jar for the devnet and demos (sources beside them, in {@code /jobs/*.wat}). */
public final class DemoJobs {

    /** Classpath location of the word-count job. */
    public static final String WORDCOUNT_RESOURCE = "/jobs/wordcount.wasm";

    private DemoJobs() {}

    /**
     * The word-count job: walks {@code /input} and prints {@code <lines> <words> <bytes> <path>} per file,
     * then a {@code total} line.
     */
    public static byte[] wordcount() {
        try (InputStream in = DemoJobs.class.getResourceAsStream(WORDCOUNT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(WORDCOUNT_RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
