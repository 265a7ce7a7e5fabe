package io.pactum.mediator.cases;

/**
 * A row of {@code mediator_case}: a deal naming this mediator that was disputed.
 *
 * @param outcomeCid this mediator's re-run outcome record, null before the re-run
 * @param votedRound last round a vote was submitted in, null before the first
 */
public record CaseRow(String dealId, String dealJson, String outcomeCid, Long fuelUsed, Boolean correct,
        Integer votedRound, String error) {}
