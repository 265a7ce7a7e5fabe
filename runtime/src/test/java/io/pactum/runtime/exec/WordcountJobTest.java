package io.pactum.runtime.exec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WordcountJobTest {

    private static final Limits LIMITS = new Limits(50_000_000, 16, 1 << 20, 30_000);

    private final JobEngine engine = new JobEngine();

    @Test
    void shouldShipTheWasmCompiledFromItsWatSource() {
        byte[] fromSource = WatModules.compile(WatModules.resource("/jobs/wordcount.wat"));

        assertThat(DemoJobs.wordcount())
                .as("jobs/wordcount.wasm is stale: regenerate it from wordcount.wat with wat2wasm")
                .isEqualTo(fromSource);
    }

    @Test
    void shouldCountLinesWordsAndBytesOfEveryFileUnderInput() throws Exception {
        JobInput input = new JobInput(List.of(), Map.of(), Map.of(
                "a.txt", "hello world\nfoo\n".getBytes(UTF_8),
                "dir/b.txt", "one two  three".getBytes(UTF_8),
                "dir/sub/c", new byte[0]), 0);

        ExecutionResult result = engine.run(DemoJobs.wordcount(), input, LIMITS);

        assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
        assertThat(result.exitCode()).isZero();
        assertThat(new String(result.stdout(), UTF_8)).isEqualTo("""
                2 3 16 a.txt
                0 3 14 dir/b.txt
                0 0 0 dir/sub/c
                2 6 30 total
                """);
    }

    @Test
    void shouldReadDirectoriesLargerThanOneReaddirBuffer() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            files.put(String.format("many/file-%03d", i), ("word " + i + "\n").getBytes(UTF_8));
        }

        ExecutionResult result = engine.run(DemoJobs.wordcount(), new JobInput(List.of(), Map.of(), files, 0), LIMITS);

        String[] lines = new String(result.stdout(), UTF_8).split("\n");
        assertThat(lines).hasSize(301);
        assertThat(lines[0]).isEqualTo("1 2 7 many/file-000");
        assertThat(lines[299]).isEqualTo("1 2 9 many/file-299");
        long bytes = files.values().stream().mapToLong(b -> b.length).sum();
        assertThat(lines[300]).isEqualTo("300 600 " + bytes + " total");
    }

    @Test
    void shouldPrintAZeroTotalForAnEmptyInput() throws Exception {
        ExecutionResult result = engine.run(DemoJobs.wordcount(), JobInput.empty(), LIMITS);

        assertThat(new String(result.stdout(), UTF_8)).isEqualTo("0 0 0 total\n");
    }
}
