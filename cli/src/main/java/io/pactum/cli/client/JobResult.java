package io.pactum.cli.client;

import io.pactum.cli.chain.DealChain;
import io.pactum.cli.chain.DealPhase;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;

/**
 * The end of a job run.
 *
 * @param jobOfferId the offer's id
 * @param dealId the deal's id
 * @param deal the agreed terms
 * @param agreeTx the {@code agreeBySig} transaction (from DealAgreed)
 * @param agreeBlock its block
 * @param resultCid the outcome record's CID
 * @param fuelUsed fuel reported on chain
 * @param outcome the verified outcome record
 * @param stdout the job's verified stdout (empty when none)
 * @param accepted the acceptance and payouts, null with {@code --no-accept}
 * @param phase the deal's phase at the end
 */
public record JobResult(
        Bytes32 jobOfferId,
        Bytes32 dealId,
        Deal deal,
        String agreeTx,
        long agreeBlock,
        Cid resultCid,
        long fuelUsed,
        JobSpecs.Outcome outcome,
        byte[] stdout,
        DealChain.Accepted accepted,
        DealPhase phase) {}
