package io.pactum.node.jobs;

import io.pactum.runtime.job.JobExecution;
import io.pactum.runtime.job.JobExecution.ContentUnavailableException;
import io.pactum.runtime.job.JobExecution.Fetched;
import io.pactum.runtime.job.JobExecution.Outcome;
import io.pactum.node.jobs.Ports.DealChain;
import io.pactum.node.jobs.Ports.DealState;
import io.pactum.node.jobs.Ports.ResultPoster;
import io.pactum.node.jobs.Ports.Submission;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import io.pactum.runtime.exec.WallTimeExceededException;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Drives each open job to its end, deciding from the contract's {@code dealRecord} every time (W6):
 *
 * <ul>
 *   <li>not agreed yet (or not visible yet): wait, until the agree deadline has passed;
 *   <li>Agreed: run the job (or reuse the stored outcome), store the outcome, submit {@code postResult}
 *       under the idempotency key {@code "result:" + dealId} (W1: one transaction, whatever the crashes);
 *   <li>ResultPosted or later, also in the block {@code finalityDepth} below the head: done (until then
 *       a reorganisation may take the result away, so the job stays open and is decided again);
 *       AgreeExpired / ResultTimedOut: failed with that reason.
 * </ul>
 *
 * A wall-time overrun posts nothing (the deal will time out) and fails the job; a hostile job's trap,
 * fuel, memory or output overrun is an ordinary outcome and is posted. Content that cannot be fetched
 * (the client's endpoint down, say) is retried with backoff until half the result timeout has passed in
 * chain time ({@code agreedAt + resultTimeout / 2}); only then is INPUT_UNAVAILABLE stored and posted,
 * leaving the other half for the run and the transaction.
 */
public final class JobPipeline {

    private static final Logger LOG = Logger.getLogger(JobPipeline.class);

    /** What one call of {@link #process} did. */
    public enum Step { WAITING, SUBMITTED, DONE, FAILED, RETRY }

    private final Address self;
    private final JobStore jobs;
    private final DealChain chain;
    private final JobExecution execution;
    private final ResultPoster poster;
    private final Function<String, Deal> dealParser;
    private final int maxAttempts;
    private final RetryBackoff backoff;
    private final LongSupplier clockMillis;

    public JobPipeline(Address self, JobStore jobs, DealChain chain, JobExecution execution, ResultPoster poster,
            Function<String, Deal> dealParser, int maxAttempts) {
        this(self, jobs, chain, execution, poster, dealParser, maxAttempts, RetryBackoff.defaults(), System::currentTimeMillis);
    }

    /**
     * @param backoff paces the retries of jobs whose content is unreachable
     * @param clockMillis wall clock of the backoff (deadlines are chain time)
     */
    public JobPipeline(Address self, JobStore jobs, DealChain chain, JobExecution execution, ResultPoster poster,
            Function<String, Deal> dealParser, int maxAttempts, RetryBackoff backoff, LongSupplier clockMillis) {
        this.backoff = backoff;
        this.clockMillis = clockMillis;
        this.self = self;
        this.jobs = jobs;
        this.chain = chain;
        this.execution = execution;
        this.poster = poster;
        this.dealParser = dealParser;
        this.maxAttempts = maxAttempts;
    }

    /**
     * How often a reverted postResult is sent again under a new key while the result is still due
     * (see {@link #process}); a revert that keeps coming back is not a reorganisation.
     */
    public static final int MAX_RESUBMISSIONS = 3;

    /** The TxManager key of the {@code resubmission}-th postResult of a deal ({@code result:<id>}, then {@code #1, #2 ...}). */
    public static String idempotencyKey(String dealId, int resubmission) {
        return "result:" + dealId + (resubmission == 0 ? "" : "#" + resubmission);
    }

    /** One pass over the open jobs; returns how many it touched. */
    public int tick(int limit) {
        int n = 0;
        for (JobRow row : jobs.open(limit)) {
            try {
                process(row);
            } catch (RuntimeException e) {
                LOG.errorf(e, "job %s: unexpected failure", row.dealId());
                jobs.markRetry(row.dealId(), "unexpected: " + e);
            }
            n++;
        }
        return n;
    }

    public Step process(JobRow row) {
        String dealId = row.dealId();
        if (!backoff.ready(dealId, clockMillis.getAsLong())) {
            return Step.WAITING; // content was unreachable: waiting out the backoff
        }
        Deal deal;
        try {
            deal = dealParser.apply(row.dealJson());
        } catch (IllegalArgumentException e) {
            return fail(dealId, "stored deal terms unreadable: " + e.getMessage());
        }
        if (!deal.id().toHex().equals(dealId)) {
            return fail(dealId, "stored terms hash to " + deal.id().toHex());
        }
        if (!deal.node().equals(self)) {
            return fail(dealId, "deal belongs to node " + deal.node());
        }
        DealState state;
        long now;
        try {
            state = chain.dealState(Bytes32.fromHex(dealId));
            now = chain.nowSeconds();
        } catch (IOException e) {
            return retry(row, "chain unreachable: " + e.getMessage());
        }
        DealPhase phase = state.phase();
        if (phase.resultPostedOrLater()) {
            DealPhase settled;
            try {
                settled = chain.finalPhase(Bytes32.fromHex(dealId));
            } catch (IOException e) {
                return retry(row, "chain unreachable: " + e.getMessage());
            }
            if (!settled.resultPostedOrLater()) {
                // Posted, but not final: a reorganisation may still take the result (and the agreement)
                // away, and the re-mined postResult may revert. Keep the job open until then.
                return Step.WAITING;
            }
            backoff.clear(dealId);
            jobs.markDone(dealId);
            LOG.infof("job %s done (deal %s)", dealId, phase);
            return Step.DONE;
        }
        if (phase == DealPhase.AGREE_EXPIRED || phase == DealPhase.RESULT_TIMED_OUT) {
            return fail(dealId, "deal is " + phase);
        }
        if (phase.beforeAgreement()) {
            if (now > deal.agreeDeadline()) {
                return fail(dealId, "deal not agreed on-chain before its agree deadline (phase " + phase + ")");
            }
            return Step.WAITING; // the log may be ahead of the node's RPC, or reorged out and coming back
        }
        // Agreed: the result is due.
        long resultDeadline = state.agreedAt() + deal.resultTimeout();
        if (now >= resultDeadline) {
            return fail(dealId, "result deadline " + resultDeadline + " passed (chain time " + now + ")");
        }
        String key = idempotencyKey(dealId, row.resubmissions());
        try {
            if (row.status() == JobStatus.RESULT_SUBMITTED || row.status() == JobStatus.OUTCOME_STORED) {
                Submission s = poster.state(key);
                switch (s.state()) {
                    case FAILED:
                        // The contract says Agreed and the result is due, yet the transaction reverted: it was
                        // mined while a reorganisation had taken the agreement away (the agreement came back
                        // after it). Send it again under the next key, a bounded number of times.
                        if (row.resubmissions() >= MAX_RESUBMISSIONS) {
                            return fail(dealId, "postResult failed " + (row.resubmissions() + 1) + " times; last: " + s.error());
                        }
                        jobs.markResultSubmitted(dealId);
                        jobs.markResubmitting(dealId, "postResult " + key + " " + s.error());
                        LOG.warnf("job %s: postResult %s reverted (%s) but the result is still due: sending it again",
                                dealId, key, s.error());
                        return submit(deal, dealId, row.outcomeCid(), row.fuelUsed(), row.resubmissions() + 1, resultDeadline);
                    case PENDING:
                    case CONFIRMED: // confirmed but not visible in dealRecord yet: wait
                        if (row.status() == JobStatus.OUTCOME_STORED) {
                            jobs.markResultSubmitted(dealId);
                        }
                        return Step.WAITING;
                    case ABSENT:
                    default:
                        return submit(deal, dealId, row.outcomeCid(), row.fuelUsed(), row.resubmissions(), resultDeadline);
                }
            }
            // pending or running (a crash mid-run): run again; the outcome is deterministic
            if (row.attempts() >= maxAttempts) {
                return fail(dealId, "gave up after " + row.attempts() + " attempts"
                        + (row.error() == null ? "" : "; last error: " + row.error()));
            }
            Outcome outcome;
            try {
                Fetched fetched = execution.fetch(deal);
                jobs.markRunning(dealId);
                outcome = execution.execute(fetched);
            } catch (ContentUnavailableException e) {
                // maybe the client's endpoint is down for a while: retry while the result deadline leaves a
                // margin (half the result timeout, chain time), then post INPUT_UNAVAILABLE
                long retryUntil = state.agreedAt() + deal.resultTimeout() / 2;
                if (now < retryUntil) {
                    long delay = backoff.failed(dealId, clockMillis.getAsLong());
                    jobs.markRetry(dealId, e.getMessage() + " (try " + backoff.failures(dealId) + ", next in " + delay
                            + " ms; INPUT_UNAVAILABLE after chain time " + retryUntil + ")");
                    LOG.warnf("job %s: %s; retrying in %d ms until chain time %d", dealId, e.getMessage(), delay, retryUntil);
                    return Step.RETRY;
                }
                LOG.warnf("job %s: %s, still at chain time %d: INPUT_UNAVAILABLE", dealId, e.getMessage(), now);
                outcome = execution.unavailable(e);
            }
            backoff.clear(dealId);
            jobs.markOutcomeStored(dealId, outcome.status().name(), outcome.outcomeCid(), outcome.fuelUsed());
            LOG.infof("job %s: %s, fuel %d, outcome %s", dealId, outcome.status(), outcome.fuelUsed(), outcome.outcomeCid());
            return submit(deal, dealId, outcome.outcomeCid(), outcome.fuelUsed(), row.resubmissions(), resultDeadline);
        } catch (WallTimeExceededException e) {
            // not an outcome: post nothing; the deal times out and the node loses its timeout collateral
            return fail(dealId, "wall time exceeded: " + e.getMessage());
        } catch (IOException e) {
            return retry(row, e.getMessage());
        }
    }

    private Step submit(Deal deal, String dealId, String outcomeCid, long fuelUsed, int resubmission, long resultDeadline)
            throws IOException {
        byte[] cidBytes = Cid.parse(outcomeCid).toBytes();
        poster.submit(idempotencyKey(dealId, resubmission), deal, cidBytes, Math.min(fuelUsed, deal.maxFuel()), resultDeadline);
        jobs.markResultSubmitted(dealId);
        LOG.infof("job %s: postResult submitted (%s)", dealId, outcomeCid);
        return Step.SUBMITTED;
    }

    private Step retry(JobRow row, String error) {
        jobs.markRetry(row.dealId(), error);
        LOG.warnf("job %s: will retry: %s", row.dealId(), error);
        return Step.RETRY;
    }

    private Step fail(String dealId, String error) {
        backoff.clear(dealId);
        jobs.markFailed(dealId, error);
        LOG.warnf("job %s failed: %s", dealId, error);
        return Step.FAILED;
    }
}
