package io.pactum.cli.client;

import java.util.Map;

/** Progress of a job: one call per {@link JobPhase} reached, plus free-form notes. */
public interface JobListener {
    /**
     * @param phase the phase reached
     * @param line one human line describing it
     * @param details the facts of the phase (ids, tx hashes, blocks, CIDs, amounts as strings)
     */
    void onPhase(JobPhase phase, String line, Map<String, Object> details);

    /** A note between phases (e.g. a deposit being made). */
    default void onNote(String line) {}

    JobListener NONE = (phase, line, details) -> {};
}
