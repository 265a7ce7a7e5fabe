package io.pactum.node.testing;

import io.pactum.node.jobs.DealPhase;
import io.pactum.node.jobs.JobRow;
import io.pactum.node.jobs.JobStatus;
import io.pactum.node.jobs.JobStore;
import io.pactum.node.jobs.Ports;
import io.pactum.node.jobs.Ports.DealState;
import io.pactum.node.jobs.Ports.Submission;
import io.pactum.node.jobs.Ports.SubmissionState;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory ports for the pure pipeline tests. */
public final class Fakes {
    private Fakes() {}

    public static final class MemoryJobs implements JobStore {
        public final Map<String, JobRow> rows = new LinkedHashMap<>();

        public void add(String dealId, String dealJson) {
            rows.putIfAbsent(dealId, new JobRow(dealId, dealJson, JobStatus.PENDING, null, null, null, 0, null, 0));
        }

        private void set(String id, java.util.function.UnaryOperator<JobRow> f) {
            rows.computeIfPresent(id, (k, r) -> r.status().isFinal() ? r : f.apply(r));
        }

        @Override
        public List<JobRow> open(int limit) {
            return rows.values().stream().filter(r -> !r.status().isFinal()).limit(limit).toList();
        }

        @Override
        public Optional<JobRow> find(String dealId) {
            return Optional.ofNullable(rows.get(dealId));
        }

        @Override
        public void markRunning(String id) {
            set(id, r -> new JobRow(id, r.dealJson(), JobStatus.RUNNING, r.outcomeStatus(), r.outcomeCid(), r.fuelUsed(),
                    r.attempts() + 1, r.error(), r.resubmissions()));
        }

        @Override
        public void markRetry(String id, String error) {
            set(id, r -> new JobRow(id, r.dealJson(), r.status() == JobStatus.RUNNING ? JobStatus.PENDING : r.status(),
                    r.outcomeStatus(), r.outcomeCid(), r.fuelUsed(), r.attempts(), error, r.resubmissions()));
        }

        @Override
        public void markOutcomeStored(String id, String st, String cid, long fuel) {
            set(id, r -> new JobRow(id, r.dealJson(), JobStatus.OUTCOME_STORED, st, cid, fuel, r.attempts(), null, r.resubmissions()));
        }

        @Override
        public void markResultSubmitted(String id) {
            set(id, r -> r.status() == JobStatus.OUTCOME_STORED
                    ? new JobRow(id, r.dealJson(), JobStatus.RESULT_SUBMITTED, r.outcomeStatus(), r.outcomeCid(), r.fuelUsed(),
                            r.attempts(), r.error(), r.resubmissions())
                    : r);
        }

        @Override
        public void markResubmitting(String id, String error) {
            set(id, r -> r.status() == JobStatus.RESULT_SUBMITTED
                    ? new JobRow(id, r.dealJson(), r.status(), r.outcomeStatus(), r.outcomeCid(), r.fuelUsed(), r.attempts(),
                            error, r.resubmissions() + 1)
                    : r);
        }

        @Override
        public void markDone(String id) {
            set(id, r -> new JobRow(id, r.dealJson(), JobStatus.DONE, r.outcomeStatus(), r.outcomeCid(), r.fuelUsed(),
                    r.attempts(), r.error(), r.resubmissions()));
        }

        @Override
        public void markFailed(String id, String error) {
            set(id, r -> new JobRow(id, r.dealJson(), JobStatus.FAILED, r.outcomeStatus(), r.outcomeCid(), r.fuelUsed(),
                    r.attempts(), error, r.resubmissions()));
        }

        @Override
        public long count() {
            return rows.size();
        }
    }

    /** Content addressed by raw-leaf CIDv1 (what Kubo gives a single-chunk file with raw leaves). */
    public static final class MemoryContent implements Ports.Content {
        public final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

        @Override
        public Optional<byte[]> get(String cid) {
            return Optional.ofNullable(blobs.get(cid)).map(byte[]::clone);
        }

        @Override
        public String put(byte[] bytes) {
            String cid = Cid.rawOf(bytes).toString();
            blobs.put(cid, bytes.clone());
            return cid;
        }
    }

    public static final class FakeChain implements Ports.DealChain {
        public final Map<Bytes32, DealState> states = new HashMap<>();
        /** The phase {@code finalityDepth} blocks below the head, where it differs from the head's. */
        public final Map<Bytes32, DealPhase> finalPhases = new HashMap<>();
        public long now = 1_000_000;

        public void set(Bytes32 id, DealPhase phase, long agreedAt) {
            states.put(id, new DealState(phase, agreedAt, 0, 0));
        }

        @Override
        public DealState dealState(Bytes32 dealId) {
            return states.getOrDefault(dealId, new DealState(DealPhase.NONE, 0, 0, 0));
        }

        @Override
        public DealPhase finalPhase(Bytes32 dealId) {
            return finalPhases.getOrDefault(dealId, dealState(dealId).phase());
        }

        @Override
        public long nowSeconds() {
            return now;
        }
    }

    /** Idempotent on the key, like TxManager: counts calls and transactions. */
    public static final class FakePoster implements Ports.ResultPoster {
        public record Sent(String key, Bytes32 dealId, byte[] cid, long fuel, long deadline) {}

        public final Map<String, Sent> transactions = new LinkedHashMap<>();
        public final List<String> calls = new ArrayList<>();
        /** The state of every key sent so far, unless {@link #states} names another. */
        public SubmissionState state = SubmissionState.PENDING;
        public final Map<String, SubmissionState> states = new HashMap<>();

        @Override
        public void submit(String key, Deal deal, byte[] cid, long fuel, long deadline) throws IOException {
            calls.add(key);
            transactions.putIfAbsent(key, new Sent(key, deal.id(), cid, fuel, deadline));
        }

        @Override
        public Submission state(String key) {
            if (!transactions.containsKey(key)) {
                return Submission.of(SubmissionState.ABSENT);
            }
            SubmissionState s = states.getOrDefault(key, state);
            return s == SubmissionState.FAILED ? new Submission(s, "reverted: NotInPhase") : Submission.of(s);
        }
    }
}
