package io.pactum.solver.keeper;

import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.deals.DealPhase;
import io.pactum.chain.mediation.MediationCourtGateway;
import io.pactum.chain.tx.TxManager;
import io.pactum.protocol.deal.Deal;
import io.pactum.solver.config.ChainConfig;
import io.pactum.solver.config.SolverConfig;
import io.pactum.solver.relay.ChainRuntime;
import io.pactum.solver.relay.DealRelay;
import io.pactum.solver.relay.RelayProducer;
import io.pactum.solver.service.DealService;
import io.pactum.solver.service.Json;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.SQLException;
import org.jboss.logging.Logger;

/**
 * Runs the {@link Keeper} on the solver's chain runtime: its agreed deals, the relayer key's durable
 * transaction manager (the bounties are paid to the relayer's vault balance).
 */
@ApplicationScoped
public class KeeperScheduler {
    private static final Logger LOG = Logger.getLogger(KeeperScheduler.class);

    @Inject ChainConfig chainConfig;
    @Inject SolverConfig solverConfig;
    @Inject DealService deals;
    @Inject DealRelay relay;

    private volatile Keeper keeper;

    @Scheduled(every = "${pactum.chain.poll-interval}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!chainConfig.enabled() || !solverConfig.keeperEnabled()) {
            return;
        }
        try {
            Keeper k = keeper();
            if (k != null) {
                k.tick(200);
            }
        } catch (Exception e) {
            LOG.warnf("keeper: %s", e.toString());
        }
    }

    private Keeper keeper() throws IOException {
        if (keeper != null) {
            return keeper;
        }
        if (!(relay instanceof RelayProducer.ClosingRelay closing)) {
            return null;
        }
        ChainRuntime runtime = closing.runtime();
        DealManagerGateway dm = runtime.gateway();
        MediationCourtGateway court = new MediationCourtGateway(runtime.worker().chain(), dm.court());
        TxManager tx = runtime.worker().tx();
        Keeper.Deals work = limit -> deals.agreed(limit).stream().map(r -> Json.read(r.terms, Deal.class)).toList();
        Keeper.Chain chain = deal -> {
            DealPhase phase = dm.dealRecord(deal.id()).dealPhase();
            DealManagerGateway.Deadline deadline = dm.currentDeadline(deal);
            if (phase != DealPhase.MEDIATION_REQUESTED) {
                return new Keeper.DealState(phase.name(), deadline.passed(), 0, false);
            }
            MediationCourtGateway.CaseState c = court.caseOf(deal.id());
            return new Keeper.DealState(phase.name(), deadline.passed(), c.round(), c.verdictPending());
        };
        Keeper.Triggers triggers = new Keeper.Triggers() {
            @Override
            public boolean exists(String key) throws IOException {
                try {
                    return tx.find(key).isPresent();
                } catch (SQLException e) {
                    throw new IOException("cannot read the intent " + key, e);
                }
            }

            @Override
            public void trigger(String key, Keeper.Action action, Deal deal) throws IOException {
                String to = switch (action) {
                    case TIMEOUT_MEDIATION, EXECUTE_VERDICT -> court.address().toLowerHex();
                    default -> dm.address();
                };
                byte[] data = switch (action) {
                    case EXPIRE_AGREEMENT -> DealManagerGateway.expireAgreement(deal);
                    case TIMEOUT_RESULT -> DealManagerGateway.timeoutResult(deal);
                    case FINALIZE -> DealManagerGateway.finalizeDeal(deal);
                    case TIMEOUT_MEDIATION -> MediationCourtGateway.timeoutMediation(deal);
                    case EXECUTE_VERDICT -> MediationCourtGateway.executeVerdict(deal);
                };
                try {
                    tx.submit(key, to, data, BigInteger.ZERO, null);
                } catch (SQLException e) {
                    throw new IOException("cannot store the intent " + key, e);
                }
            }
        };
        keeper = new Keeper(work, chain, triggers);
        LOG.infof("keeper on: bounties to %s (court %s)", tx.from(), court.address());
        return keeper;
    }
}
