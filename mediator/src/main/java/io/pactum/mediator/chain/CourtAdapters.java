package io.pactum.mediator.chain;

import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.deals.DealPhase;
import io.pactum.chain.logs.LogHandler;
import io.pactum.chain.logs.ReorgListener;
import io.pactum.chain.mediation.MediationCourtGateway;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.tx.TxIntent;
import io.pactum.chain.tx.TxManager;
import io.pactum.chain.tx.TxState;
import io.pactum.mediator.cases.JdbcCaseStore;
import io.pactum.mediator.cases.Ports;
import io.pactum.mediator.cases.Ports.DisputeView;
import io.pactum.mediator.cases.Ports.TxStatus;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/** The mediator's ports implemented with chain/ (the only place the mediator meets the contracts). */
public final class CourtAdapters {
    private static final Logger LOG = Logger.getLogger(CourtAdapters.class);

    private CourtAdapters() {}

    /** dealRecord, resultCidHash, caseOf, panelOf and chain head, read fresh. */
    public static Ports.Court court(ChainConnection chain, DealManagerGateway deals, MediationCourtGateway court) {
        return deal -> {
            Bytes32 id = deal.id();
            DealManagerGateway.DealRecord r = deals.dealRecord(id);
            MediationCourtGateway.CaseState c = court.caseOf(id);
            MediationCourtGateway.Panel panel = court.panelOf(deal);
            List<Address> voted = new ArrayList<>();
            for (int i = 0; i < deal.mediators().size(); i++) {
                if (c.voted(i)) {
                    voted.add(deal.mediators().get(i));
                }
            }
            var head = chain.latestHeader();
            return new DisputeView(DealPhase.of(r.phase()).name(), r.fuelUsed(), deals.resultCidHash(id).toArray(),
                    r.disputedAt(), r.disputeBlock(), c.round(), c.verdictPending(), c.verdictAt(), c.appealedAt(),
                    c.seedBlock(), panel.members(), panel.drawn(), voted, head.getNumber().longValueExact(),
                    head.getTimestamp().longValueExact());
        };
    }

    /** vote and executeVerdict through the durable transaction manager (W1). */
    public static Ports.CourtTx courtTx(TxManager tx, MediationCourtGateway court) {
        String to = court.address().toLowerHex();
        return new Ports.CourtTx() {
            @Override
            public void vote(String key, Deal deal, boolean correct, long deadline) throws IOException {
                // a fixed limit: an estimate made while another vote is in flight can fall short
                submit(key, MediationCourtGateway.vote(deal, correct), MediationCourtGateway.VOTE_GAS_LIMIT, deadline);
            }

            @Override
            public void executeVerdict(String key, Deal deal) throws IOException {
                submit(key, MediationCourtGateway.executeVerdict(deal), null, null);
            }

            private void submit(String key, byte[] data, BigInteger gasLimit, Long deadline) throws IOException {
                try {
                    tx.submit(key, to, data, BigInteger.ZERO, gasLimit, deadline);
                } catch (SQLException e) {
                    throw new IOException("cannot store the intent " + key, e);
                }
            }

            @Override
            public TxStatus status(String key) throws IOException {
                Optional<TxIntent> intent;
                try {
                    intent = tx.find(key);
                } catch (SQLException e) {
                    throw new IOException("cannot read the intent " + key, e);
                }
                if (intent.isEmpty()) {
                    return TxStatus.ABSENT;
                }
                TxState s = intent.get().state();
                if (s == TxState.CONFIRMED) {
                    return TxStatus.CONFIRMED;
                }
                return s == TxState.REVERTED || s == TxState.FAILED ? TxStatus.FAILED : TxStatus.PENDING;
            }
        };
    }

    /**
     * DealAgreed naming {@code self} as a mediator → a case row; MediationRequested → the case is
     * disputed. In the poller's transaction, idempotent.
     */
    public static LogHandler caseHandler(Address self, Function<Deal, String> dealToJson) {
        return (connection, log) -> {
            String t0 = log.getTopics().get(0).toLowerCase();
            if (t0.equals(DealManagerGateway.DEAL_AGREED)) {
                DealManagerGateway.DealAgreed e = DealManagerGateway.decodeDealAgreed(log);
                if (e.deal().mediators().contains(self)
                        && JdbcCaseStore.insertIfAbsent(connection, e.dealId().toHex(), dealToJson.apply(e.deal()), e.blockNumber())) {
                    LOG.infof("deal %s names this mediator (block %d)", e.dealId(), e.blockNumber());
                }
            } else if (t0.equals(DealManagerGateway.MEDIATION_REQUESTED)) {
                String dealId = log.getTopics().get(1).toLowerCase();
                if (JdbcCaseStore.markDisputed(connection, dealId)) {
                    LOG.infof("deal %s disputed: following its panel", dealId);
                }
            }
        };
    }

    public static ReorgListener reorgListener() {
        return (connection, ancestorBlock) -> JdbcCaseStore.rollbackFrom(connection, ancestorBlock + 1);
    }
}
