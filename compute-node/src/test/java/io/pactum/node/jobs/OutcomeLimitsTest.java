package io.pactum.node.jobs;

import io.pactum.runtime.job.HardLimits;
import io.pactum.runtime.exec.OutcomeLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.node.testing.TestDeals;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.job.JobSpec;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The outcome-limits rule: a pure function of deal and spec; the node's limits only decide signing. */
class OutcomeLimitsTest {
    static final Deal DEAL = TestDeals.deal(TestDeals.offer(2_000_000), Cid.rawOf("spec".getBytes()), 1_000_100); // maxFuel 5 M

    static JobSpec spec(long fuel, long pages, long output, long wall) {
        return new JobSpec(Cid.rawOf("module".getBytes()), List.of(), List.of(), new TreeMap<>(),
                new JobSpec.Limits(fuel, pages, output, wall));
    }

    @Test
    void shouldTakeTheSmallerFuelOfSpecAndDealAndTheSpecsMemoryAndOutput() {
        assertThat(OutcomeLimits.of(DEAL, spec(100_000_000, 1024, 1 << 20, 60_000)))
                .isEqualTo(new OutcomeLimits(5_000_000, 1024, 1 << 20));
        assertThat(OutcomeLimits.of(DEAL, spec(1_000, 1, 1, 1)))
                .isEqualTo(new OutcomeLimits(1_000, 1, 1));
    }

    @Test
    void shouldIgnoreTheSpecsWallTimeAndEveryNodeSetting() {
        OutcomeLimits a = OutcomeLimits.of(DEAL, spec(7_000, 16, 4096, 1));
        OutcomeLimits b = OutcomeLimits.of(DEAL, spec(7_000, 16, 4096, 3_600_000));
        assertThat(a).isEqualTo(b);
        // two nodes with different hard limits run a signed deal under the same engine limits but their wall time
        HardLimits small = new HardLimits(1, 1, 0, 1_000);
        HardLimits large = new HardLimits(Long.MAX_VALUE / 2, 65_536, 1 << 30, 90_000);
        var s = small.forRun(a);
        var l = large.forRun(a);
        assertThat(new long[] {s.maxFuel(), s.maxMemoryPages(), s.maxOutputBytes()})
                .containsExactly(l.maxFuel(), l.maxMemoryPages(), l.maxOutputBytes())
                .containsExactly(7_000, 16, 4096);
        assertThat(s.wallTimeMillis()).isEqualTo(1_000);
        assertThat(l.wallTimeMillis()).isEqualTo(90_000);
    }

    @Test
    void shouldListWhatExceedsTheNodesHardLimits() {
        HardLimits hard = new HardLimits(1_000_000, 64, 65_536, 60_000);
        assertThat(hard.violations(new OutcomeLimits(1_000_000, 64, 65_536))).isEmpty();
        assertThat(hard.violations(new OutcomeLimits(1_000_001, 65, 65_537)))
                .containsExactly("job fuel 1000001 is above the node's limit of 1000000",
                        "job memory of 65 pages is above the node's limit of 64",
                        "job output of 65537 bytes is above the node's limit of 65536");
    }

    @Test
    void shouldRefuseLimitsTheEngineCannotRun() {
        assertThatThrownBy(() -> OutcomeLimits.of(5, new JobSpec.Limits(10, 65_537, 10, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMemoryPages");
        assertThatThrownBy(() -> OutcomeLimits.of(5, new JobSpec.Limits(10, 1, 1L << 40, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxOutputBytes");
        assertThatThrownBy(() -> OutcomeLimits.of(0, new JobSpec.Limits(10, 1, 10, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFuel");
    }
}
