package io.pactum.node.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.node.solver.Json;
import io.pactum.node.testing.EmbeddedPostgresResource;
import io.pactum.node.testing.TestDeals;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.deal.Deal;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The job table's transitions on PostgreSQL (V301, V302). */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class JdbcJobStoreTest {
    @Inject JdbcJobStore jobs;

    Deal deal(long agreeDeadline) {
        return TestDeals.deal(TestDeals.offer(agreeDeadline + 600), Cid.rawOf(("spec " + agreeDeadline).getBytes()), agreeDeadline);
    }

    @Test
    void shouldCountResubmissionsOnlyOfSubmittedJobsAndKeepTheReason() {
        Deal d = deal(1_950_000_000L + System.nanoTime() % 1_000_000);
        String id = d.id().toHex();
        assertThat(jobs.insertIfAbsent(id, Json.dealToJson(d), 7, "0x07")).isTrue();

        jobs.markResubmitting(id, "too early"); // pending: no postResult was sent, nothing to count
        assertThat(jobs.find(id).orElseThrow().resubmissions()).isZero();

        jobs.markRunning(id);
        jobs.markOutcomeStored(id, "OK", Cid.rawOf("outcome".getBytes()).toString(), 42);
        jobs.markResultSubmitted(id);
        jobs.markResubmitting(id, "postResult result:" + id + " reverted: NotInPhase");
        jobs.markResubmitting(id, "postResult result:" + id + "#1 reverted: NotInPhase");

        JobRow row = jobs.find(id).orElseThrow();
        assertThat(row.status()).isEqualTo(JobStatus.RESULT_SUBMITTED);
        assertThat(row.resubmissions()).isEqualTo(2);
        assertThat(row.error()).endsWith("#1 reverted: NotInPhase");
        assertThat(row.outcomeCid()).isEqualTo(Cid.rawOf("outcome".getBytes()).toString());
        assertThat(row.fuelUsed()).isEqualTo(42);
    }
}
