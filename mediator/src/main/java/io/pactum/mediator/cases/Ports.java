package io.pactum.mediator.cases;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.deal.Deal;
import java.io.IOException;
import java.util.List;

/** What the {@link MediationPipeline} needs from the chain, the engine and the transaction manager. */
public final class Ports {
    private Ports() {}

    /** The contracts' view of one dispute, read fresh on every pass (W6). */
    public record DisputeView(
            String phase, // DealPhase name
            long fuelUsed, // posted with the result
            byte[] resultCidHash, // keccak256 of the posted result CID
            long disputedAt,
            long disputeBlock,
            int round,
            boolean verdictPending,
            long verdictAt,
            long appealedAt,
            long seedBlock, // 0: round 0's default (disputeBlock + 1)
            List<Address> panel, // this round's panel, or its preview; empty when not drawable yet
            boolean panelDrawn,
            List<Address> votedThisRound,
            long latestBlock,
            long nowSeconds) {

        public long effectiveSeedBlock() {
            return seedBlock != 0 ? seedBlock : disputeBlock + 1;
        }

        /** Voting deadline of the current round. */
        public long roundDeadline(Deal deal) {
            return (round == 0 ? disputedAt : appealedAt) + deal.mediationTimeout();
        }
    }

    public interface Court {
        DisputeView view(Deal deal) throws IOException;
    }

    /** The deterministic re-run: the outcome record's CID and the fuel the job used. */
    public record Replay(String outcomeCid, long fuelUsed) {}

    @FunctionalInterface
    public interface Replayer {
        /** @throws IOException content or the own store unavailable now: retry later */
        Replay replay(Deal deal) throws IOException;
    }

    public enum TxStatus { ABSENT, PENDING, CONFIRMED, FAILED }

    /** Court transactions through the durable transaction manager, idempotent on the key (W1). */
    public interface CourtTx {
        /**
         * @param deadline the round's voting deadline (chain time): fees rise as it nears, and an
         *     alert is raised if the vote is still not mined when it passes (W9)
         */
        void vote(String idempotencyKey, Deal deal, boolean correct, long deadline) throws IOException;

        void executeVerdict(String idempotencyKey, Deal deal) throws IOException;

        TxStatus status(String idempotencyKey) throws IOException;
    }
}
