package io.pactum.node.config;

import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.logs.LogFilter;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.vault.VaultGateway;
import io.pactum.chain.worker.ChainWorker;
import io.pactum.chain.worker.Status;
import io.pactum.node.chain.ChainAdapters;
import io.pactum.node.chain.Deployment;
import io.pactum.node.deals.DealLoop;
import io.pactum.node.deals.VaultReader;
import io.pactum.runtime.job.HardLimits;
import io.pactum.node.jobs.JdbcJobStore;
import io.pactum.runtime.job.JobExecution;
import io.pactum.node.jobs.JobPipeline;
import io.pactum.runtime.job.ProtocolJobFormats;
import io.pactum.node.offers.JdbcOfferStore;
import io.pactum.node.offers.OfferFactory;
import io.pactum.node.offers.OfferLoop;
import io.pactum.node.offers.OfferTerms;
import io.pactum.node.solver.HttpSolverClient;
import io.pactum.node.solver.Json;
import io.pactum.node.store.LocalSpecs;
import io.pactum.node.store.StoreContent;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.eip712.Eip712Domain;
import io.pactum.runtime.exec.JobEngine;
import io.pactum.runtime.store.ContentStore;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Starts the node's background work when {@code pactum.node.workers.enabled}: on a {@link ChainWorker}, the
 * DealAgreed log poller, the transaction manager, and the offer, deal and job loops. Everything it runs is
 * framework-free; this class only wires it.
 */
@ApplicationScoped
public class Workers {

    private static final Logger LOG = Logger.getLogger(Workers.class);
    /** Operator-facing status lines (one place to read what the node is doing). */
    private static final Logger STATUS = Logger.getLogger("io.pactum.node.status");

    @Inject NodeConfig node;
    @Inject ChainConfig chainConfig;
    @Inject EthKey key;
    @Inject AgroalDataSource dataSource;
    @Inject JdbcJobStore jobs;
    @Inject JdbcOfferStore offers;
    @Inject StoreContent content;
    @Inject ContentStore store;
    @Inject JobEngine engine;
    @Inject ProtocolJobFormats formats;
    @Inject HardLimits limits;
    @Inject OfferTerms terms;

    private volatile ChainWorker worker;

    void onStart(@Observes StartupEvent ev) throws Exception {
        if (!node.workersEnabled()) {
            STATUS.info("workers disabled: serving content only");
            return;
        }
        Deployment d = deployment();
        if (d.chainId() != chainConfig.chainId()) {
            throw new IllegalStateException("deployment is for chain " + d.chainId() + ", configured " + chainConfig.chainId());
        }
        Address self = key.address();
        ChainWorker w = new ChainWorker("node-" + self.toLowerHex(), new ChainWorker.Settings(chainConfig.rpcUrl(),
                chainConfig.chainId(), chainConfig.confirmations(), chainConfig.finalityDepth(), chainConfig.pollInterval(),
                false),
                dataSource, key);
        ChainConnection chain = w.chain();
        DealManagerGateway gateway = new DealManagerGateway(chain, d.dealManager());
        Eip712Domain domain = Eip712Domain.pactum(chainConfig.chainId(), Address.parse(d.dealManager()));
        w.watch(LogFilter.of("node-deals-" + self.toLowerHex(), List.of(d.dealManager()),
                List.of(DealManagerGateway.DEAL_AGREED), d.deployBlock()),
                ChainAdapters.dealAgreedHandler(self), ChainAdapters.reorgListener());

        HttpSolverClient solver = new HttpSolverClient(node.solverUrl());
        OfferLoop offerLoop = new OfferLoop(key, domain, new OfferFactory(terms, new SecureRandom()), offers, solver,
                Json.INSTANCE, jobs::countOpen, node.offer().maxOpenJobs());
        // the free balance in the vault; the DealLoop takes off what unagreed signatures already promise
        VaultGateway vaultGateway = new VaultGateway(chain, Address.parse(d.vault()));
        Address token = Address.parse(d.token());
        VaultReader vault = account -> vaultGateway.freeBalance(token, account);
        DealLoop dealLoop = new DealLoop(key, domain, offers, solver, vault, Json.INSTANCE, Json::dealToJson,
                Json::dealFromJson, new LocalSpecs(store), formats, limits);
        io.pactum.node.jobs.Ports.ResultPoster poster = ChainAdapters.resultPoster(w.tx(), gateway);
        if (node.devnetCheat()) {
            LOG.error("pactum.node.devnet-cheat=true: this node POSTS FORGED RESULTS (devnet demo only; it will be slashed)");
            poster = new io.pactum.node.jobs.CheatingPoster(poster, content);
        }
        JobPipeline pipeline = new JobPipeline(self, jobs, ChainAdapters.dealChain(chain, gateway, chainConfig.finalityDepth()),
                new JobExecution(content, engine::run, formats, limits), poster,
                Json::dealFromJson, node.loops().maxJobAttempts());

        w.start();
        w.every(node.loops().offerInterval(), "offer loop", () -> offerLoop.tick(System.currentTimeMillis() / 1000));
        w.every(node.loops().dealInterval(), "deal loop", () -> dealLoop.tick(System.currentTimeMillis() / 1000));
        w.every(node.loops().jobInterval(), "job pipeline", () -> pipeline.tick(16));
        worker = w;
        STATUS.infof("node %s up: chain %d, DealManager %s, solver %s", self, chainConfig.chainId(), d.dealManager(),
                node.solverUrl());
    }

    private Deployment deployment() throws Exception {
        Deployment file = chainConfig.deployment().isPresent() && Path.of(chainConfig.deployment().get()).toFile().exists()
                ? Deployment.read(Path.of(chainConfig.deployment().get()))
                : null;
        String dm = chainConfig.dealManager().orElse(file == null ? null : file.dealManager());
        String vault = chainConfig.vault().orElse(file == null ? null : file.vault());
        String token = chainConfig.token().orElse(file == null ? null : file.token());
        if (dm == null) {
            throw new IllegalStateException("no DealManager address: set pactum.chain.deployment or pactum.chain.deal-manager");
        }
        if (vault == null || token == null) {
            throw new IllegalStateException("no vault or token address: set pactum.chain.deployment or pactum.chain.vault and "
                    + "pactum.chain.token (the node checks it can fund its collateral before signing)");
        }
        return new Deployment(file == null ? chainConfig.chainId() : file.chainId(), token, vault, dm,
                chainConfig.deployBlock().orElse(file == null ? 0L : file.deployBlock()));
    }

    /** Whether the chain workers were started (false when {@code pactum.node.workers.enabled=false}). */
    public boolean enabled() {
        return node.workersEnabled();
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
