package io.pactum.mediator.cases;

import java.io.IOException;
import java.util.List;

/** The mediator's memory of its cases (JDBC in the service, in memory in tests). */
public interface CaseStore {
    /** Disputed cases not ended yet, oldest first, at most {@code limit}. */
    List<CaseRow> open(int limit) throws IOException;

    /** Remembers the re-run's outcome (the same for every round: the job is deterministic). */
    void saveOutcome(String dealId, String outcomeCid, long fuelUsed, boolean correct) throws IOException;

    /** A vote for {@code round} was submitted (its intent is stored). */
    void markVoted(String dealId, int round) throws IOException;

    /** The deal ended ({@code finalPhase} is the DealPhase name); nothing more to do. */
    void finish(String dealId, String finalPhase) throws IOException;

    /** Notes why a case cannot progress now (null clears). */
    void note(String dealId, String error) throws IOException;
}
