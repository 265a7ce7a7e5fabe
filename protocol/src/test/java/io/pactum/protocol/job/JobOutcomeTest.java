package io.pactum.protocol.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.protocol.cid.Cid;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JobOutcomeTest {
    static final Cid OUT = Cid.rawOf("42\n".getBytes());
    static final Cid EMPTY = Cid.rawOf(new byte[0]);

    @Test
    void shouldWriteCanonicalJson() {
        JobOutcome o = new JobOutcome(JobOutcome.Status.OK, 0, 12345, OUT, 3, EMPTY, 0);
        assertThat(new String(o.toCanonicalJson(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"exitCode\":0,\"fuelUsed\":12345,\"status\":\"OK\",\"stderrBytes\":0,\"stderrCid\":\"" + EMPTY
                        + "\",\"stdoutBytes\":3,\"stdoutCid\":\"" + OUT + "\"}");
    }

    @Test
    void shouldGiveEqualCidsForEqualOutcomesOnly() {
        JobOutcome a = new JobOutcome(JobOutcome.Status.OUT_OF_FUEL, 0, 1000, OUT, 3, EMPTY, 0);
        JobOutcome b = JobOutcome.parse(a.toCanonicalJson());
        assertThat(b).isEqualTo(a);
        assertThat(b.cid()).isEqualTo(a.cid());
        assertThat(new JobOutcome(JobOutcome.Status.OUT_OF_FUEL, 0, 1001, OUT, 3, EMPTY, 0).cid()).isNotEqualTo(a.cid());
        assertThat(new JobOutcome(JobOutcome.Status.TRAP, 0, 1000, OUT, 3, EMPTY, 0).cid()).isNotEqualTo(a.cid());
    }

    @Test
    void shouldParseStrictly() {
        String json = new String(new JobOutcome(JobOutcome.Status.OK, 0, 1, OUT, 3, EMPTY, 0).toCanonicalJson(),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JobOutcome.parse(json.replace("\"OK\"", "\"ok\"").getBytes()))
                .isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> JobOutcome.parse(json.replace("\"fuelUsed\":1", "\"fuelUsed\":-1").getBytes()))
                .hasMessageContaining("fuelUsed: must not be negative");
        assertThatThrownBy(() -> JobOutcome.parse(json.replace("\"exitCode\":0,", "").getBytes()))
                .hasMessageContaining("exitCode");
    }
}
