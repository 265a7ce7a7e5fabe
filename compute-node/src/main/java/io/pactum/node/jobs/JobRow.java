package io.pactum.node.jobs;

/**
 * One row of {@code node_job}.
 *
 * @param dealId 0x-hex deal id
 * @param dealJson the agreed terms (ProtocolJson of {@code Deal})
 * @param outcomeStatus name of the outcome's status once stored, else null
 * @param outcomeCid CID of the outcome record once stored, else null
 * @param fuelUsed fuel of the outcome once stored, else null
 * @param attempts runs started so far
 * @param resubmissions postResult transactions re-sent under a new key after a revert (0: the first key)
 */
public record JobRow(
        String dealId,
        String dealJson,
        JobStatus status,
        String outcomeStatus,
        String outcomeCid,
        Long fuelUsed,
        int attempts,
        String error,
        int resubmissions) {}
