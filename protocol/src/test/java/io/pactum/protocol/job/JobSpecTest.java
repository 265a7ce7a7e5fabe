package io.pactum.protocol.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JobSpecTest {
    static final Cid MODULE = Cid.rawOf("module".getBytes());
    static final Cid INPUT = Cid.rawOf("input".getBytes());
    static final JobSpec.Limits LIMITS = new JobSpec.Limits(1_000_000, 16, 65536, 10_000);

    static JobSpec spec(List<JobSpec.Input> inputs, List<String> args, Map<String, String> env) {
        return new JobSpec(MODULE, inputs, args, new TreeMap<>(env), LIMITS);
    }

    static JobSpec sample() {
        return spec(List.of(new JobSpec.Input("data/in.txt", INPUT)), List.of("--count", "3"),
                Map.of("LANG", "C", "A_B", "x\"y\n"));
    }

    @Test
    void shouldWriteCanonicalJsonWithSortedKeysAndNoWhitespace() {
        String json = new String(sample().toCanonicalJson(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"args\":[\"--count\",\"3\"],\"env\":{\"A_B\":\"x\\\"y\\n\",\"LANG\":\"C\"},"
                + "\"inputs\":[{\"cid\":\"" + INPUT + "\",\"path\":\"data/in.txt\"}],"
                + "\"limits\":{\"maxFuel\":1000000,\"maxMemoryPages\":16,\"maxOutputBytes\":65536,"
                + "\"wallTimeMillis\":10000},\"module\":\"" + MODULE + "\"}");
    }

    @Test
    void shouldGiveTheRawCidOfTheCanonicalBytes() {
        JobSpec spec = sample();
        assertThat(spec.cid()).isEqualTo(Cid.rawOf(spec.toCanonicalJson()));
        assertThat(spec.cid().toString()).startsWith("bafkrei");
    }

    @Test
    void shouldParseAnyFormattingToTheSameCid() {
        String pretty = """
                { "module": "%s", "limits": {"wallTimeMillis": 10000, "maxOutputBytes": 65536,
                  "maxMemoryPages": 16, "maxFuel": 1000000},
                  "inputs": [ {"path": "data/in.txt", "cid": "%s"} ],
                  "env": {"LANG": "C", "A_B": "x\\"y\\n"}, "args": ["--count", "3"] }
                """.formatted(MODULE, INPUT);
        JobSpec parsed = JobSpec.parse(pretty.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed).isEqualTo(sample());
        assertThat(parsed.cid()).isEqualTo(sample().cid());
        assertThat(JobSpec.parse(sample().toCanonicalJson())).isEqualTo(sample());
    }

    @Test
    void shouldRejectUnknownFieldsAndBadCids() {
        String json = new String(sample().toCanonicalJson(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JobSpec.parse(json.replace("{\"args\"", "{\"x\":1,\"args\"").getBytes()))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("\"x\"");
        assertThatThrownBy(() -> JobSpec.parse(json.replace(MODULE.toString(), "bafy-not-a-cid").getBytes()))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("CID");
    }

    @Test
    void shouldRejectEscapingAndAbsolutePaths() {
        for (String bad : List.of("/etc/passwd", "../x", "a/../b", "a//b", "./a", "a\\b", "", "a/")) {
            JobSpec spec = spec(List.of(new JobSpec.Input(bad, INPUT)), List.of(), Map.of());
            assertThat(spec.violations()).as(bad).extracting(Violation::field).containsExactly("inputs[0].path");
        }
        JobSpec dup = spec(List.of(new JobSpec.Input("a", INPUT), new JobSpec.Input("a", INPUT)), List.of(), Map.of());
        assertThat(dup.violations()).extracting(Violation::toString).containsExactly("inputs[1].path: duplicate path a");
    }

    @Test
    void shouldBoundCountsAndSizes() {
        List<JobSpec.Input> inputs = new ArrayList<>();
        for (int i = 0; i < 65; i++) inputs.add(new JobSpec.Input("f" + i, INPUT));
        List<String> args = new ArrayList<>(Collections.nCopies(64, "a"));
        args.add(0, "x".repeat(4097));
        JobSpec spec = spec(inputs, args, Map.of("1BAD", "v"));
        assertThat(spec.violations()).extracting(Violation::toString).containsExactlyInAnyOrder(
                "inputs: at most 64 inputs, got 65",
                "args: at most 64 args, got 65",
                "args[0]: longer than 4096 bytes",
                "env: invalid variable name '1BAD'");
        assertThatThrownBy(() -> JobSpec.parse(spec.toCanonicalJson()))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("inputs: at most 64 inputs");
    }

    @Test
    void shouldRequirePositiveLimits() {
        JobSpec spec = new JobSpec(MODULE, List.of(), List.of(), new TreeMap<>(), new JobSpec.Limits(0, 65537, 1, -1));
        assertThat(spec.violations()).extracting(Violation::field).containsExactlyInAnyOrder(
                "limits.maxFuel", "limits.maxMemoryPages", "limits.wallTimeMillis");
    }

    @Test
    void shouldBeImmutable() {
        List<String> args = new ArrayList<>(List.of("a"));
        JobSpec spec = spec(List.of(), args, Map.of());
        args.add("b");
        assertThat(spec.args()).containsExactly("a");
        assertThatThrownBy(() -> spec.env().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
