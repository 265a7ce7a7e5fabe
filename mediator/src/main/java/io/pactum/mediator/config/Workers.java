package io.pactum.mediator.config;

import io.agroal.api.AgroalDataSource;
import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.logs.LogFilter;
import io.pactum.chain.mediation.MediationCourtGateway;
import io.pactum.chain.tx.TxManager;
import io.pactum.chain.worker.ChainWorker;
import io.pactum.chain.worker.Status;
import io.pactum.mediator.cases.JdbcCaseStore;
import io.pactum.mediator.cases.MediationPipeline;
import io.pactum.mediator.cases.Ports;
import io.pactum.mediator.chain.CourtAdapters;
import io.pactum.mediator.chain.Deployment;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.json.ProtocolJson;
import io.pactum.protocol.deal.Deal;
import io.pactum.runtime.exec.JobEngine;
import io.pactum.runtime.job.HardLimits;
import io.pactum.runtime.job.JobExecution;
import io.pactum.runtime.job.ProtocolJobFormats;
import io.pactum.runtime.store.ContentStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Starts the mediator's background work when {@code pactum.mediator.workers.enabled}: on a
 * {@link ChainWorker}, the log poller
 * (DealAgreed naming it, MediationRequested), the transaction manager, the registration check and the
 * case loop ({@link MediationPipeline}). Everything it runs is framework-free; this class only wires it.
 */
@ApplicationScoped
public class Workers {
    private static final Logger STATUS = Logger.getLogger("io.pactum.mediator.status");
    /** Largest module or input the mediator fetches for a re-run. */
    static final long MAX_CONTENT_BYTES = 256L * 1024 * 1024;

    @Inject MediatorConfig config;
    @Inject ChainConfig chainConfig;
    @Inject AgroalDataSource dataSource;
    @Inject ContentStore store;

    private volatile ChainWorker worker;

    void onStart(@Observes StartupEvent ev) throws Exception {
        if (!config.workersEnabled()) {
            STATUS.info("workers disabled");
            return;
        }
        EthKey key = MediatorKey.load(config);
        Deployment d = Deployment.read(Path.of(chainConfig.deployment()));
        if (d.chainId() != chainConfig.chainId()) {
            throw new IllegalStateException("deployment is for chain " + d.chainId() + ", configured " + chainConfig.chainId());
        }
        Address self = key.address();
        ChainWorker w = new ChainWorker("mediator-" + self.toLowerHex(), new ChainWorker.Settings(chainConfig.rpcUrl(),
                chainConfig.chainId(), chainConfig.confirmations(), chainConfig.finalityDepth(), chainConfig.pollInterval(),
                true /* W7: votes never follow a reorg deeper than K */),
                dataSource, key);
        DealManagerGateway deals = new DealManagerGateway(w.chain(), d.dealManager());
        MediationCourtGateway court = new MediationCourtGateway(w.chain(), Address.parse(d.mediationCourt()));
        w.watch(LogFilter.of("mediator-cases-" + self.toLowerHex(), List.of(d.dealManager()),
                List.of(DealManagerGateway.DEAL_AGREED, DealManagerGateway.MEDIATION_REQUESTED), d.deployBlock()),
                CourtAdapters.caseHandler(self, Workers::dealToJson), CourtAdapters.reorgListener());

        JobEngine engine = new JobEngine();
        // the deal's outcome limits rule the re-run; only the wall time is the mediator's (no part of the outcome)
        HardLimits limits = new HardLimits(Long.MAX_VALUE, io.pactum.runtime.exec.Limits.MAX_PAGES, Integer.MAX_VALUE - 8,
                config.wallTime().toMillis());
        JobExecution execution = new JobExecution(new MediatorContent(store, MAX_CONTENT_BYTES), engine::run,
                new ProtocolJobFormats(), limits);
        Ports.Replayer replayer = deal -> {
            try {
                JobExecution.Outcome o = execution.run(deal);
                return new Ports.Replay(o.outcomeCid(), o.fuelUsed());
            } catch (io.pactum.runtime.exec.WallTimeExceededException e) {
                throw new IOException("re-run exceeded the mediator's wall time: " + e.getMessage(), e);
            }
        };
        MediationPipeline pipeline = new MediationPipeline(self, new JdbcCaseStore(dataSource),
                CourtAdapters.court(w.chain(), deals, court), replayer, CourtAdapters.courtTx(w.tx(), court),
                Workers::dealFromJson, chainConfig.confirmations());

        w.start();
        w.every(config.caseInterval(), "case loop", () -> {
            ensureRegistered(w.tx(), court, self);
            pipeline.tick(32);
        });
        worker = w;
        STATUS.infof("mediator %s up: chain %d, DealManager %s, MediationCourt %s", self, chainConfig.chainId(),
                d.dealManager(), d.mediationCourt());
    }

    /**
     * Keeps {@code pactum.mediator.bond} registered: tops the bond up from the free balance under the key
     * {@code register:<self>:<current bond>} (one intent per bond level, so a restart sends nothing twice).
     */
    private void ensureRegistered(TxManager tx, MediationCourtGateway court, Address self) throws Exception {
        BigInteger wanted = config.bond();
        if (wanted.signum() == 0) {
            return;
        }
        MediationCourtGateway.MediatorInfo info = court.mediator(self);
        if (info.exitAt() != 0 || info.bond().compareTo(wanted) >= 0) {
            return; // exiting on purpose (operator's unregister), or bonded enough
        }
        String idempotencyKey = "register:" + self.toLowerHex() + ":" + info.bond();
        if (tx.find(idempotencyKey).isEmpty()) {
            tx.submit(idempotencyKey, court.address().toLowerHex(),
                    MediationCourtGateway.register(wanted.subtract(info.bond()), MediationCourtGateway.CAPABILITY_WASM),
                    BigInteger.ZERO, null);
            STATUS.infof("registering with a bond of %s", wanted);
        }
    }

    static String dealToJson(Deal deal) {
        try {
            return ProtocolJson.mapper().writeValueAsString(deal);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise a deal", e);
        }
    }

    static Deal dealFromJson(String json) {
        try {
            return ProtocolJson.mapper().readValue(json, Deal.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("stored deal is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether the chain workers were started (false when {@code pactum.mediator.workers.enabled=false}). */
    public boolean enabled() {
        return config.workersEnabled();
    }

    /** What readiness reports; {@link Status#notStarted()} while starting or after a failed start. */
    public Status status() {
        ChainWorker w = worker;
        return w == null ? Status.notStarted() : w.status();
    }

    void onStop(@Observes ShutdownEvent ev) {
        if (worker != null) {
            worker.close();
        }
    }
}
