package io.pactum.node.jobs;

import io.pactum.runtime.job.HardLimits;
import io.pactum.runtime.job.JobExecution;
import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.node.solver.Json;
import io.pactum.node.testing.Fakes.FakeChain;
import io.pactum.node.testing.Fakes.FakePoster;
import io.pactum.node.testing.Fakes.MemoryContent;
import io.pactum.node.testing.Fakes.MemoryJobs;
import io.pactum.node.testing.TestDeals;
import io.pactum.node.testing.TestDeals.SimpleFormats;
import io.pactum.node.testing.Wasm;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.deal.Deal;
import io.pactum.runtime.exec.ExecutionStatus;
import io.pactum.runtime.exec.JobEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobPipelineTest {
    static final long FUEL = 2_000_000;

    final MemoryJobs jobs = new MemoryJobs();
    final MemoryContent content = new MemoryContent();
    final FakeChain chain = new FakeChain();
    final FakePoster poster = new FakePoster();
    final SimpleFormats formats = new SimpleFormats();
    final JobEngine engine = new JobEngine();
    HardLimits limits = new HardLimits(FUEL, 64, 64 * 1024, 20_000);

    JobPipeline pipeline() {
        return new JobPipeline(TestDeals.NODE.address(), jobs, chain, new JobExecution(content, engine::run, formats, limits),
                poster, Json::dealFromJson, 3);
    }

    /** An agreed deal whose spec runs {@code module}; returns its id. */
    Deal agreedDeal(byte[] module, Map<String, String> inputs) {
        return agreedDeal(module, inputs, 100_000_000, 5_000_000);
    }

    Deal agreedDeal(byte[] module, Map<String, String> inputs, long specFuel, long dealFuel) {
        String moduleCid = content.put(module);
        String specCid = content.put(SimpleFormats.spec(moduleCid, inputs, specFuel, 1024, 1 << 20));
        Deal deal = TestDeals.deal(TestDeals.offer(chain.now + 600), Cid.parse(specCid), chain.now + 60, dealFuel);
        jobs.add(deal.id().toHex(), Json.dealToJson(deal));
        chain.set(deal.id(), DealPhase.AGREED, chain.now);
        return deal;
    }

    JsonOutcome outcomeOf(Deal deal) throws Exception {
        JobRow row = jobs.find(deal.id().toHex()).orElseThrow();
        var n = SimpleFormats.read(content.get(row.outcomeCid()).orElseThrow());
        return new JsonOutcome(row, n.get("status").asText(), n.get("fuelUsed").asLong());
    }

    record JsonOutcome(JobRow row, String status, long fuel) {}

    @Test
    void shouldRunAJobStoreItsOutcomeAndPostItOnce() throws Exception {
        Deal deal = agreedDeal(Wasm.ok(), Map.of());
        JobPipeline p = pipeline();

        assertThat(p.tick(10)).isEqualTo(1);
        JsonOutcome o = outcomeOf(deal);
        assertThat(o.status()).isEqualTo("OK");
        assertThat(o.row().status()).isEqualTo(JobStatus.RESULT_SUBMITTED);
        var sent = poster.transactions.get("result:" + deal.id().toHex());
        assertThat(Cid.fromBytes(sent.cid()).toString()).isEqualTo(o.row().outcomeCid());
        assertThat(sent.fuel()).isEqualTo(o.fuel()).isPositive();
        assertThat(sent.deadline()).as("W9: the result deadline goes with the transaction")
                .isEqualTo(chain.dealState(deal.id()).agreedAt() + deal.resultTimeout());
        var outcome = SimpleFormats.read(content.get(o.row().outcomeCid()).orElseThrow());
        assertThat(new String(content.get(outcome.get("stdoutCid").asText()).orElseThrow())).isEqualTo("ok\n");

        // while the transaction is pending nothing more happens; once the contract says ResultPosted: done
        p.tick(10);
        assertThat(poster.calls).hasSize(1);
        chain.set(deal.id(), DealPhase.RESULT_POSTED, chain.now);
        p.tick(10);
        assertThat(jobs.find(deal.id().toHex()).orElseThrow().status()).isEqualTo(JobStatus.DONE);
        assertThat(poster.transactions).hasSize(1);
    }

    @Test
    void shouldPostTheSameOutcomeAfterACrashMidRun() throws Exception {
        Deal deal = agreedDeal(Wasm.ok(), Map.of());
        pipeline().tick(10);
        String first = jobs.find(deal.id().toHex()).orElseThrow().outcomeCid();
        // the process died after the run, before the row said so: the row is "running" again
        String id = deal.id().toHex();
        jobs.rows.put(id, new JobRow(id, jobs.rows.get(id).dealJson(), JobStatus.RUNNING, null, null, null, 1, null, 0));
        pipeline().tick(10);
        assertThat(jobs.find(id).orElseThrow().outcomeCid()).isEqualTo(first);
        assertThat(poster.calls).hasSize(2);
        assertThat(poster.transactions).hasSize(1); // the idempotency key keeps it one transaction
    }

    @Test
    void shouldResubmitAStoredOutcomeWithoutRunningAgain() {
        Deal deal = agreedDeal(Wasm.ok(), Map.of());
        String id = deal.id().toHex();
        String cid = content.put("outcome".getBytes());
        jobs.rows.put(id, new JobRow(id, jobs.rows.get(id).dealJson(), JobStatus.OUTCOME_STORED, "OK", cid, 7L, 1, null, 0));
        assertThat(pipeline().process(jobs.rows.get(id))).isEqualTo(JobPipeline.Step.SUBMITTED);
        assertThat(poster.transactions.get("result:" + id).fuel()).isEqualTo(7);
    }

    @Test
    void shouldSendARevertedPostResultAgainWhileTheResultIsStillDue() {
        // a reorganisation took the agreement away, the re-mined postResult reverted, the agreement came back
        Deal deal = agreedDeal(Wasm.ok(), Map.of());
        String id = deal.id().toHex();
        JobPipeline p = pipeline();
        p.tick(10);
        poster.states.put("result:" + id, Ports.SubmissionState.FAILED);

        assertThat(p.process(jobs.rows.get(id))).isEqualTo(JobPipeline.Step.SUBMITTED);

        JobRow row = jobs.find(id).orElseThrow();
        assertThat(row.status()).isEqualTo(JobStatus.RESULT_SUBMITTED);
        assertThat(row.resubmissions()).isEqualTo(1);
        assertThat(row.error()).contains("NotInPhase");
        assertThat(poster.transactions.keySet()).containsExactly("result:" + id, "result:" + id + "#1");
        assertThat(poster.transactions.get("result:" + id + "#1").cid()).isEqualTo(poster.transactions.get("result:" + id).cid());
        // the new key is pending: nothing more is sent; once posted the job is done
        p.tick(10);
        assertThat(poster.transactions).hasSize(2);
        chain.set(deal.id(), DealPhase.RESULT_POSTED, chain.now);
        p.tick(10);
        assertThat(jobs.find(id).orElseThrow().status()).isEqualTo(JobStatus.DONE);
    }

    @Test
    void shouldGiveUpOnAPostResultThatKeepsReverting() {
        Deal deal = agreedDeal(Wasm.ok(), Map.of());
        String id = deal.id().toHex();
        poster.state = Ports.SubmissionState.FAILED;
        JobPipeline p = pipeline();

        for (int i = 0; i < 10; i++) {
            p.tick(10);
        }

        JobRow row = jobs.find(id).orElseThrow();
        assertThat(row.status()).isEqualTo(JobStatus.FAILED);
        assertThat(row.error()).contains("postResult failed " + (JobPipeline.MAX_RESUBMISSIONS + 1) + " times");
        assertThat(poster.transactions).hasSize(JobPipeline.MAX_RESUBMISSIONS + 1);
    }

    @Test
    void shouldKeepAPostedResultOpenUntilItIsFinal_andSendItAgainWhenAReorgTakesItAway() {
        // seen on CI: the node saw ResultPosted and closed the job; a reorganisation took the agreement and
        // the result away, the re-mined postResult reverted before the agreement came back, and nobody sent it again
        Deal deal = agreedDeal(Wasm.ok(), Map.of());
        String id = deal.id().toHex();
        JobPipeline p = pipeline();
        p.tick(10);
        chain.set(deal.id(), DealPhase.RESULT_POSTED, chain.now);
        chain.finalPhases.put(deal.id(), DealPhase.AGREED);

        assertThat(p.process(jobs.rows.get(id))).as("posted, not final").isEqualTo(JobPipeline.Step.WAITING);
        assertThat(jobs.find(id).orElseThrow().status()).isEqualTo(JobStatus.RESULT_SUBMITTED);

        // the reorganisation: agreement and result gone; the re-sent postResult reverts; the agreement comes back
        chain.set(deal.id(), DealPhase.NONE, 0);
        chain.finalPhases.put(deal.id(), DealPhase.NONE);
        poster.states.put("result:" + id, Ports.SubmissionState.FAILED);
        assertThat(p.process(jobs.rows.get(id))).isEqualTo(JobPipeline.Step.WAITING);
        chain.set(deal.id(), DealPhase.AGREED, chain.now);
        assertThat(p.process(jobs.rows.get(id))).isEqualTo(JobPipeline.Step.SUBMITTED);
        assertThat(poster.transactions).containsOnlyKeys("result:" + id, "result:" + id + "#1");

        chain.set(deal.id(), DealPhase.RESULT_POSTED, chain.now);
        chain.finalPhases.put(deal.id(), DealPhase.RESULT_POSTED);
        assertThat(p.process(jobs.rows.get(id))).isEqualTo(JobPipeline.Step.DONE);
        assertThat(jobs.find(id).orElseThrow().status()).isEqualTo(JobStatus.DONE);
    }

    @Test
    void shouldWaitInsteadOfResendingWhileTheAgreementIsReorganisedAway() {
        Deal deal = agreedDeal(Wasm.ok(), Map.of());
        String id = deal.id().toHex();
        JobPipeline p = pipeline();
        p.tick(10);
        poster.states.put("result:" + id, Ports.SubmissionState.FAILED);
        chain.set(deal.id(), DealPhase.NONE, 0);

        assertThat(p.process(jobs.rows.get(id))).isEqualTo(JobPipeline.Step.WAITING);
        assertThat(poster.transactions).hasSize(1);
        assertThat(jobs.find(id).orElseThrow().resubmissions()).isZero();
    }

    @Test
    void shouldPostAFailedOutcomeForEachHostileJob() throws Exception {
        Deal loop = agreedDeal(Wasm.infiniteLoop(), Map.of());
        Deal bomb = agreedDeal(Wasm.memoryBomb(), Map.of());
        Deal huge = agreedDeal(Wasm.hugeOutput(), Map.of());
        Deal trap = agreedDeal(Wasm.trap(), Map.of());
        Deal invalid = agreedDeal(Wasm.invalid(), Map.of());
        Deal missing = agreedDeal(Wasm.ok(), Map.of("data.txt", Cid.rawOf("never uploaded".getBytes()).toString()));
        chain.set(missing.id(), DealPhase.AGREED, chain.now - missing.resultTimeout() / 2); // past the retry window

        pipeline().tick(10);

        assertThat(outcomeOf(loop).status()).isEqualTo(ExecutionStatus.OUT_OF_FUEL.name());
        // the outcome's fuel is min(spec, deal): 100 M and 5 M here, whatever the node's hard limit (2 M)
        assertThat(outcomeOf(loop).fuel()).isEqualTo(loop.maxFuel()).isNotEqualTo(FUEL);
        assertThat(outcomeOf(bomb).status()).isEqualTo(ExecutionStatus.MEMORY_LIMIT.name());
        assertThat(outcomeOf(huge).status()).isEqualTo(ExecutionStatus.OUTPUT_LIMIT.name());
        assertThat(outcomeOf(trap).status()).isEqualTo(ExecutionStatus.TRAP.name());
        assertThat(outcomeOf(invalid).status()).isEqualTo(ExecutionStatus.INVALID_MODULE.name());
        assertThat(outcomeOf(missing).status()).isEqualTo(ExecutionStatus.INPUT_UNAVAILABLE.name());
        assertThat(poster.transactions).hasSize(6);
        assertThat(jobs.rows.values()).allMatch(r -> r.status() == JobStatus.RESULT_SUBMITTED);
    }

    @Test
    void shouldPostNothingWhenTheWallTimeRunsOut() {
        limits = new HardLimits(Long.MAX_VALUE / 2, 64, 1024, 300);
        // fuel for minutes of interpretation: the 300 ms wall time ends it first on any machine
        Deal loop = agreedDeal(Wasm.infiniteLoop(), Map.of(), 100_000_000_000L, 100_000_000_000L);
        Deal after = agreedDeal(Wasm.ok(), Map.of());

        pipeline().tick(10);

        JobRow row = jobs.find(loop.id().toHex()).orElseThrow();
        assertThat(row.status()).isEqualTo(JobStatus.FAILED);
        assertThat(row.error()).contains("wall time");
        assertThat(poster.transactions).containsOnlyKeys("result:" + after.id().toHex()); // the next job still ran
    }

    @Test
    void shouldDecideFromTheContract() {
        Deal notYet = agreedDeal(Wasm.ok(), Map.of());
        chain.set(notYet.id(), DealPhase.NONE, 0);
        Deal posted = agreedDeal(Wasm.ok(), Map.of());
        chain.set(posted.id(), DealPhase.RESULT_POSTED, chain.now);
        Deal timedOut = agreedDeal(Wasm.ok(), Map.of());
        chain.set(timedOut.id(), DealPhase.RESULT_TIMED_OUT, chain.now);

        pipeline().tick(10);

        assertThat(jobs.find(notYet.id().toHex()).orElseThrow().status()).isEqualTo(JobStatus.PENDING);
        assertThat(jobs.find(posted.id().toHex()).orElseThrow().status()).isEqualTo(JobStatus.DONE);
        assertThat(jobs.find(timedOut.id().toHex()).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        assertThat(poster.calls).isEmpty();

        chain.now = notYet.agreeDeadline() + 1;
        pipeline().tick(10);
        assertThat(jobs.find(notYet.id().toHex()).orElseThrow().error()).contains("not agreed");
    }

    @Test
    void shouldNotRunPastTheResultDeadline() {
        Deal deal = agreedDeal(Wasm.ok(), Map.of());
        chain.set(deal.id(), DealPhase.AGREED, chain.now - deal.resultTimeout());
        pipeline().tick(10);
        assertThat(jobs.find(deal.id().toHex()).orElseThrow().error()).contains("result deadline");
        assertThat(poster.calls).isEmpty();
    }

    @Test
    void shouldRunUnderTheDealsLimitsNotTheNodes() throws Exception {
        // a node whose hard limits are far below the spec's (e.g. changed after signing) still produces
        // the outcome every mediator computes: the deal and the spec decide, not the node
        limits = new HardLimits(1000, 1, 10, 20_000);
        Deal deal = agreedDeal(Wasm.ok(), Map.of());
        pipeline().tick(10);
        JsonOutcome o = outcomeOf(deal);
        assertThat(o.status()).isEqualTo("OK");

        MemoryContent other = new MemoryContent(); // a mediator with generous limits and the same content
        other.blobs.putAll(content.blobs);
        var mediator = new JobExecution(other, engine::run, formats, new HardLimits(Long.MAX_VALUE / 2, 65_536, 1 << 30, 20_000));
        assertThat(mediator.run(deal).outcomeCid()).isEqualTo(o.row().outcomeCid());
    }

    @Test
    void shouldRetryUnreachableInputsWithBackoffAndThenRunTheJob() throws Exception {
        FlakyContent flaky = new FlakyContent(content);
        Deal deal = agreedDeal(Wasm.ok(), Map.of("data.txt", content.put("hello".getBytes())));
        String input = Cid.rawOf("hello".getBytes()).toString();
        flaky.failures.put(input, 3);
        long[] clock = {0};
        JobPipeline p = new JobPipeline(TestDeals.NODE.address(), jobs, chain,
                new JobExecution(flaky, engine::run, formats, limits), poster, Json::dealFromJson, 3,
                new RetryBackoff(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(8)), () -> clock[0]);
        String id = deal.id().toHex();

        assertThat(p.process(jobs.rows.get(id))).isEqualTo(JobPipeline.Step.RETRY);
        assertThat(jobs.rows.get(id).error()).contains("not retrievable").contains("INPUT_UNAVAILABLE after chain time");
        assertThat(p.process(jobs.rows.get(id))).as("backoff: 1 s").isEqualTo(JobPipeline.Step.WAITING);
        clock[0] += 1_000;
        assertThat(p.process(jobs.rows.get(id))).isEqualTo(JobPipeline.Step.RETRY);
        clock[0] += 1_000;
        assertThat(p.process(jobs.rows.get(id))).as("backoff doubled: 2 s").isEqualTo(JobPipeline.Step.WAITING);
        clock[0] += 1_000;
        assertThat(p.process(jobs.rows.get(id))).isEqualTo(JobPipeline.Step.RETRY);
        clock[0] += 4_000;
        assertThat(p.process(jobs.rows.get(id))).isEqualTo(JobPipeline.Step.SUBMITTED);

        assertThat(flaky.calls.get(input)).isEqualTo(4);
        assertThat(outcomeOf(deal).status()).isEqualTo("OK");
        assertThat(jobs.rows.get(id).attempts()).as("retries of content use no run attempts").isEqualTo(1);
        assertThat(poster.transactions).hasSize(1);
    }

    @Test
    void shouldPostInputUnavailableOnceHalfTheResultTimeoutHasPassed() throws Exception {
        FlakyContent flaky = new FlakyContent(content);
        Deal deal = agreedDeal(Wasm.ok(), Map.of("data.txt", content.put("hello".getBytes())));
        String input = Cid.rawOf("hello".getBytes()).toString();
        flaky.failures.put(input, Integer.MAX_VALUE);
        long agreedAt = chain.now;
        long[] clock = {0};
        JobPipeline p = new JobPipeline(TestDeals.NODE.address(), jobs, chain,
                new JobExecution(flaky, engine::run, formats, limits), poster, Json::dealFromJson, 3,
                new RetryBackoff(java.time.Duration.ZERO, java.time.Duration.ZERO), () -> clock[0]);
        String id = deal.id().toHex();

        chain.now = agreedAt + deal.resultTimeout() / 2 - 1;
        assertThat(p.process(jobs.rows.get(id))).isEqualTo(JobPipeline.Step.RETRY);
        assertThat(poster.calls).isEmpty();

        chain.now = agreedAt + deal.resultTimeout() / 2; // chain time, not the node's clock
        assertThat(p.process(jobs.rows.get(id))).isEqualTo(JobPipeline.Step.SUBMITTED);
        assertThat(outcomeOf(deal).status()).isEqualTo(ExecutionStatus.INPUT_UNAVAILABLE.name());
        assertThat(poster.transactions).hasSize(1);
    }

    /** Content whose gets fail a given number of times per CID (an unreachable client endpoint), then succeed. */
    static final class FlakyContent implements io.pactum.node.jobs.Ports.Content {
        final MemoryContent delegate;
        final Map<String, Integer> failures = new java.util.HashMap<>();
        final Map<String, Integer> calls = new java.util.HashMap<>();

        FlakyContent(MemoryContent delegate) {
            this.delegate = delegate;
        }

        @Override
        public java.util.Optional<byte[]> get(String cid) {
            int n = calls.merge(cid, 1, Integer::sum);
            return n <= failures.getOrDefault(cid, 0) ? java.util.Optional.empty() : delegate.get(cid);
        }

        @Override
        public String put(byte[] bytes) {
            return delegate.put(bytes);
        }
    }
}
