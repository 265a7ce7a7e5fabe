package io.pactum.node.jobs;

import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import io.pactum.runtime.exec.ExecutionResult;
import io.pactum.runtime.exec.JobInput;
import io.pactum.runtime.exec.Limits;
import io.pactum.runtime.exec.WallTimeExceededException;
import java.io.IOException;
import java.util.Optional;

/** The ports of the {@link JobPipeline}: what it needs from the chain, the store and the engine. */
public final class Ports {
    private Ports() {}

    /** Contract reads (DealManager.dealRecord) and chain time. */
    public interface DealChain {
        DealState dealState(Bytes32 dealId) throws IOException;

        /** Timestamp of the latest block, unix seconds. */
        long nowSeconds() throws IOException;
    }

    /** The on-chain facts of a deal. */
    public record DealState(DealPhase phase, long agreedAt, long resultAt, long fuelUsed) {}

    /** Content by CID: the node's own store first, then a fallback (a client's Kubo endpoint). */
    public interface Content {
        /** The bytes of {@code cid}, or empty when nobody the node asks has them. */
        Optional<byte[]> get(String cid) throws IOException;

        /** Stores {@code bytes} (pinned) and returns their CID (CIDv1, raw leaves, as Kubo with explicit parameters). */
        String put(byte[] bytes) throws IOException;
    }

    /** The WASM engine. */
    @FunctionalInterface
    public interface JobRunner {
        ExecutionResult run(byte[] wasm, JobInput input, Limits limits) throws WallTimeExceededException;
    }

    /** Sends {@code postResult} through the durable transaction manager. */
    public interface ResultPoster {
        /** Idempotent on {@code idempotencyKey}: a second call with the same key sends nothing new. */
        void submit(String idempotencyKey, Deal deal, byte[] resultCid, long fuelUsed) throws IOException;

        Submission state(String idempotencyKey) throws IOException;
    }

    public enum SubmissionState { ABSENT, PENDING, CONFIRMED, FAILED }

    public record Submission(SubmissionState state, String error) {
        public static Submission of(SubmissionState s) {
            return new Submission(s, null);
        }
    }
}
