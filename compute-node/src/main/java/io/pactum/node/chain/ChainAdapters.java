package io.pactum.node.chain;

import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.logs.LogHandler;
import io.pactum.chain.logs.ReorgListener;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.tx.TxIntent;
import io.pactum.chain.tx.TxManager;
import io.pactum.chain.tx.TxState;
import io.pactum.node.jobs.DealPhase;
import io.pactum.node.jobs.JdbcJobStore;
import io.pactum.node.jobs.Ports;
import io.pactum.node.jobs.Ports.DealState;
import io.pactum.node.jobs.Ports.Submission;
import io.pactum.node.jobs.Ports.SubmissionState;
import io.pactum.node.solver.Json;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The node's ports implemented with chain/ (the only place the node meets web3j types). */
public final class ChainAdapters {
    private static final Logger LOG = Logger.getLogger(ChainAdapters.class);

    private ChainAdapters() {}

    /** dealRecord (at the head, and {@code finalityDepth} blocks below it) and chain time. */
    public static Ports.DealChain dealChain(ChainConnection chain, DealManagerGateway gateway, int finalityDepth) {
        return new Ports.DealChain() {
            @Override
            public DealState dealState(Bytes32 dealId) throws IOException {
                DealManagerGateway.DealRecord r = gateway.dealRecord(dealId);
                return new DealState(DealPhase.of(r.phase()), r.agreedAt(), r.resultAt(), r.fuelUsed());
            }

            @Override
            public DealPhase finalPhase(Bytes32 dealId) throws IOException {
                long block = Math.max(0, chain.blockNumber() - finalityDepth);
                return DealPhase.of(gateway.dealRecordAt(dealId, block).phase());
            }

            @Override
            public long nowSeconds() throws IOException {
                return chain.latestHeader().getTimestamp().longValueExact();
            }
        };
    }

    /** postResult through the durable transaction manager, idempotent on the key (W1). */
    public static Ports.ResultPoster resultPoster(TxManager tx, DealManagerGateway gateway) {
        return new Ports.ResultPoster() {
            @Override
            public void submit(String key, Deal deal, byte[] resultCid, long fuelUsed, long deadline) throws IOException {
                try {
                    tx.submit(key, gateway.address(), DealManagerGateway.postResult(deal, resultCid, fuelUsed), BigInteger.ZERO,
                            null, deadline);
                } catch (SQLException e) {
                    throw new IOException("cannot store the postResult intent", e);
                }
            }

            @Override
            public Submission state(String key) throws IOException {
                Optional<TxIntent> intent;
                try {
                    intent = tx.find(key);
                } catch (SQLException e) {
                    throw new IOException("cannot read the postResult intent", e);
                }
                if (intent.isEmpty()) {
                    return Submission.of(SubmissionState.ABSENT);
                }
                TxIntent i = intent.get();
                if (i.state() == TxState.CONFIRMED) {
                    return Submission.of(SubmissionState.CONFIRMED);
                }
                if (i.state() == TxState.REVERTED || i.state() == TxState.FAILED) {
                    String reason = i.revertReason().map(Object::toString).orElse(i.error());
                    return new Submission(SubmissionState.FAILED, i.state().db() + ": " + reason);
                }
                return Submission.of(SubmissionState.PENDING);
            }
        };
    }

    /** DealAgreed for this node → a pending job, in the poller's transaction (idempotent on deal id). */
    public static LogHandler dealAgreedHandler(Address self) {
        return (connection, log) -> {
            DealManagerGateway.DealAgreed e = DealManagerGateway.decodeDealAgreed(log);
            if (!e.node().equals(self)) {
                return;
            }
            boolean inserted = JdbcJobStore.insertIfAbsent(connection, e.dealId().toHex(), Json.dealToJson(e.deal()),
                    e.blockNumber(), log.getBlockHash());
            if (inserted) {
                LOG.infof("deal %s agreed (block %d): job queued", e.dealId(), e.blockNumber());
            }
        };
    }

    /** Reorg: forget jobs that came from blocks above the common ancestor and never started. */
    public static ReorgListener reorgListener() {
        return (connection, ancestorBlock) -> JdbcJobStore.rollbackFrom(connection, ancestorBlock + 1);
    }
}
