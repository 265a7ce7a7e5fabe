package io.pactum.node.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.node.jobs.Ports.Submission;
import io.pactum.node.testing.Fakes;
import io.pactum.node.testing.TestDeals;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.job.JobOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The devnet cheat posts a readable, well-formed outcome that is not the honest one (only a re-run tells). */
class CheatingPosterTest {
    @Test
    void shouldPostAForgedButWellFormedOutcomeWithTheSameFuel() throws Exception {
        Fakes.MemoryContent content = new Fakes.MemoryContent();
        String stdout = content.put("9 words\n".getBytes(StandardCharsets.UTF_8));
        JobOutcome honest = new JobOutcome(JobOutcome.Status.OK, 0, 1234, Cid.parse(stdout), 8, Cid.rawOf(new byte[0]), 0);
        String honestCid = content.put(honest.toCanonicalJson());
        List<byte[]> posted = new ArrayList<>();
        List<Long> fuel = new ArrayList<>();
        List<Long> deadlines = new ArrayList<>();
        Ports.ResultPoster sink = new Ports.ResultPoster() {
            @Override
            public void submit(String key, Deal deal, byte[] resultCid, long fuelUsed, long deadline) {
                posted.add(resultCid);
                fuel.add(fuelUsed);
                deadlines.add(deadline);
            }

            @Override
            public Submission state(String key) {
                return Submission.of(Ports.SubmissionState.ABSENT);
            }
        };
        new CheatingPoster(sink, content).submit("result:x", TestDeals.deal(TestDeals.offer(2_000_000_000L), Cid.rawOf(new byte[] {1}), 2_000_000_000L), Cid.parse(honestCid).toBytes(), 1234, 1_999_000_000L);

        Cid forgedCid = Cid.fromBytes(posted.get(0));
        assertThat(forgedCid.toString()).isNotEqualTo(honestCid);
        assertThat(fuel).containsExactly(1234L);
        assertThat(deadlines).as("the deadline goes through unchanged").containsExactly(1_999_000_000L);
        JobOutcome forged = JobOutcome.parse(content.get(forgedCid.toString()).orElseThrow());
        assertThat(forged.fuelUsed()).isEqualTo(1234);
        assertThat(forged.status()).isEqualTo(JobOutcome.Status.OK);
        assertThat(new String(content.get(forged.stdoutCid().toString()).orElseThrow(), StandardCharsets.UTF_8))
                .contains("forged").contains(honestCid);
    }
}
