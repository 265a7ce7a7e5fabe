package io.pactum.node.jobs;

import java.util.Locale;

/**
 * Where the node is with one agreed deal. Advanced by {@link JobPipeline}; the stored value is the
 * node's bookkeeping only, every decision is taken again from the contract's {@code dealRecord}.
 */
public enum JobStatus {
    PENDING,
    RUNNING,
    OUTCOME_STORED,
    RESULT_SUBMITTED,
    DONE,
    FAILED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == DONE || this == FAILED;
    }
}
