package io.pactum.node.jobs;

import java.util.List;
import java.util.Optional;

/** Port: the node's job table. Every method is its own transaction unless it takes a connection. */
public interface JobStore {

    /** Open jobs (neither done nor failed), oldest first. */
    List<JobRow> open(int limit);

    Optional<JobRow> find(String dealId);

    /** Increments the attempt counter and moves the job to running. */
    void markRunning(String dealId);

    /** A retryable problem: a running job goes back to pending (others keep their status); the error is kept. */
    void markRetry(String dealId, String error);

    void markOutcomeStored(String dealId, String outcomeStatus, String outcomeCid, long fuelUsed);

    void markResultSubmitted(String dealId);

    /**
     * The last postResult reverted while the result is still due: counts one more resubmission (the
     * next key) and keeps {@code error} as the reason. Done before the new intent is stored, so a
     * crash in between sends the new key on the next pass.
     */
    void markResubmitting(String dealId, String error);

    void markDone(String dealId);

    void markFailed(String dealId, String error);

    long count();
}
