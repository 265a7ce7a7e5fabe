package io.pactum.node.jobs;

import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import java.io.IOException;

/** The ports of the {@link JobPipeline}: what it needs from the chain, the store and the engine. */
public final class Ports {
    private Ports() {}

    /** Contract reads (DealManager.dealRecord) and chain time. */
    public interface DealChain {
        DealState dealState(Bytes32 dealId) throws IOException;

        /**
         * The deal's phase in the block {@code finalityDepth} below the head: what no reorganisation the
         * node allows for can take away any more.
         */
        DealPhase finalPhase(Bytes32 dealId) throws IOException;

        /** Timestamp of the latest block, unix seconds. */
        long nowSeconds() throws IOException;
    }

    /** The on-chain facts of a deal. */
    public record DealState(DealPhase phase, long agreedAt, long resultAt, long fuelUsed) {}

    /** Content by CID: the node's own store first, then a fallback (a client's Kubo endpoint). */
    public interface Content extends io.pactum.runtime.job.JobContent {}

    /** The WASM engine. */
    @FunctionalInterface
    public interface JobRunner extends io.pactum.runtime.job.JobRunner {}

    /** Sends {@code postResult} through the durable transaction manager. */
    public interface ResultPoster {
        /**
         * Idempotent on {@code idempotencyKey}: a second call with the same key sends nothing new.
         *
         * @param deadline the deal's result deadline (chain time): fees rise as it nears (W9)
         */
        void submit(String idempotencyKey, Deal deal, byte[] resultCid, long fuelUsed, long deadline) throws IOException;

        Submission state(String idempotencyKey) throws IOException;
    }

    public enum SubmissionState { ABSENT, PENDING, CONFIRMED, FAILED }

    public record Submission(SubmissionState state, String error) {
        public static Submission of(SubmissionState s) {
            return new Submission(s, null);
        }
    }
}
