package io.pactum.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Where commands write. Human mode: result lines on stdout, progress on stdout. JSON mode
 * ({@code --json}): exactly one JSON document on stdout for the result, progress lines on stderr so
 * scripts can parse stdout. Errors always go to stderr as one line.
 */
public final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    public Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    /** A progress line (stdout in human mode, stderr in JSON mode). */
    public void progress(String line) {
        (json ? err : out).println(line);
        (json ? err : out).flush();
    }

    /** A line of the human result; ignored in JSON mode. */
    public void line(String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }

    /** The JSON result document; ignored in human mode. */
    public void result(Map<String, ?> document) {
        if (json) {
            out.println(toJson(document));
            out.flush();
        }
    }

    /** Raw bytes of a job's output, as they are (human mode). */
    public void raw(String text) {
        out.print(text);
        if (!text.endsWith("\n")) {
            out.println();
        }
        out.flush();
    }

    public void error(String message) {
        err.println("error: " + message);
        err.flush();
    }

    public PrintWriter err() {
        return err;
    }

    public static String toJson(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise output", e);
        }
    }
}
