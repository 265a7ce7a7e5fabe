package io.pactum.mediator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.deals.DealPhase;
import io.pactum.chain.logs.LogFilter;
import io.pactum.chain.logs.LogPoller;
import io.pactum.chain.mediation.MediationCourtGateway;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.Deployment;
import io.pactum.chain.testing.EmbeddedDb;
import io.pactum.chain.tx.TxIntent;
import io.pactum.chain.tx.TxManager;
import io.pactum.chain.tx.TxState;
import io.pactum.chain.vault.VaultGateway;
import io.pactum.mediator.cases.JdbcCaseStore;
import io.pactum.mediator.cases.MediationPipeline;
import io.pactum.mediator.cases.Ports;
import io.pactum.mediator.chain.CourtAdapters;
import io.pactum.mediator.config.MediatorContent;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.job.JobSpec;
import io.pactum.protocol.json.ProtocolJson;
import io.pactum.runtime.exec.DemoJobs;
import io.pactum.runtime.exec.JobEngine;
import io.pactum.runtime.job.HardLimits;
import io.pactum.runtime.job.JobExecution;
import io.pactum.runtime.job.ProtocolJobFormats;
import io.pactum.runtime.store.DiskContentStore;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;

/**
 * The mediator against the real contracts on anvil (deployed by Deploy.s.sol): a real word-count job,
 * a node that posts the honest outcome or a forged one, a client that disputes, and the mediator's
 * pipeline (log poller, re-run, TxManager) deciding the single-mediator panel. Also the W1 check for
 * votes: the mediator process dies right after broadcasting its vote and restarts; exactly one vote.
 */
class MediatorIT {
    static final EthKey CLIENT = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(1));
    static final EthKey NODE = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(2));
    static final EthKey MEDIATOR = EthKey.fromHex(Accounts.PRIVATE_KEYS.get(5));
    static final BigInteger PRICE = new BigInteger("1000000000000000000");
    static final BigInteger CLIENT_COLLATERAL = new BigInteger("100000000000000000");
    static final BigInteger NODE_COLLATERAL = new BigInteger("100000000000000000");
    static final BigInteger CHEATING = new BigInteger("2000000000000000000");
    static final BigInteger FEE = new BigInteger("50000000000000000");
    static final int K = 1;
    static final AtomicLong SEQ = new AtomicLong();

    static Anvil anvil;
    static Deployment deployment;
    static ChainConnection chain;
    static EmbeddedDb pg;
    static DealManagerGateway deals;
    static MediationCourtGateway court;
    static VaultGateway vault;
    static DiskContentStore store;
    static JobExecution nodeRun;
    static Cid specCid;

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String m) {
            super(m);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        anvil = Anvil.start();
        deployment = Deployment.deploy(anvil);
        chain = ChainConnection.open(anvil.url(), 31337L);
        pg = EmbeddedDb.start("classpath:db/mediator");
        deals = new DealManagerGateway(chain, deployment.dealManager());
        court = new MediationCourtGateway(chain, deployment.mediationCourt());
        vault = new VaultGateway(chain, deployment.vault());
        BigInteger big = new BigInteger("1000000000000000000000");
        deployment.fund(chain, CLIENT, BigInteger.ZERO, big);
        deployment.fund(chain, NODE, BigInteger.ZERO, big);
        deployment.fund(chain, MEDIATOR, BigInteger.ZERO, court.minBond());
        Deployment.sender(chain, MEDIATOR).send("register", court.address(),
                MediationCourtGateway.register(court.minBond(), MediationCourtGateway.CAPABILITY_WASM));

        Path dir = Files.createTempDirectory("mediator-it-store");
        store = new DiskContentStore(dir);
        Cid module = store.add(DemoJobs.wordcount());
        Cid input = store.add("the quick brown fox jumps over the lazy dog\n".getBytes(StandardCharsets.UTF_8));
        JobSpec spec = new JobSpec(module, List.of(new JobSpec.Input("data.txt", input)), List.of("wordcount", "/input/data.txt"),
                new TreeMap<>(), new JobSpec.Limits(50_000_000, 64, 65_536, 10_000));
        specCid = store.add(spec.toCanonicalJson());
        nodeRun = new JobExecution(new MediatorContent(store, 1 << 24), new JobEngine()::run, new ProtocolJobFormats(),
                new HardLimits(1_000_000_000, 4096, 1 << 24, 30_000));
    }

    @AfterAll
    static void stop() {
        if (chain != null) {
            chain.close();
        }
        if (pg != null) {
            pg.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    /** A deal with this mediator as the only agreed one, agreed by signatures, its result posted and disputed. */
    Deal disputedDeal(boolean cheat) throws Exception {
        long now = chain.latestHeader().getTimestamp().longValueExact();
        byte[] nonce = new byte[32];
        nonce[31] = (byte) SEQ.incrementAndGet();
        Deal deal = new Deal(CLIENT.address(), NODE.address(), Bytes32.of(nonce), Bytes32.of(nonce), Bytes.of(specCid.toBytes()),
                50_000_000, PRICE, BigInteger.ZERO, CLIENT_COLLATERAL, NODE_COLLATERAL, CHEATING, FEE, List.of(MEDIATOR.address()),
                now + 3_600, 3_600, 3_600, 3_600);
        Deployment.sender(chain, CLIENT).send("agreeBySig", deployment.dealManager(), DealManagerGateway.agreeBySig(deal,
                deal.sign(CLIENT, deployment.domain()).toBytes(), deal.sign(NODE, deployment.domain()).toBytes()));
        JobExecution.Outcome honest = nodeRun.run(deal);
        String posted = cheat ? store.add("{\"forged\":true}".getBytes(StandardCharsets.UTF_8)).toString() : honest.outcomeCid();
        Deployment.sender(chain, NODE).send("postResult", deployment.dealManager(),
                DealManagerGateway.postResult(deal, Cid.parse(posted).toBytes(), honest.fuelUsed()));
        Deployment.sender(chain, CLIENT).send("requestMediation", deployment.dealManager(), DealManagerGateway.requestMediation(deal));
        return deal;
    }

    /** The mediator service's parts over {@code db}: poller, tx manager (with {@code hooks}), pipeline. */
    record Service(LogPoller poller, TxManager tx, MediationPipeline pipeline) {}

    Service service(DataSource db, TxManager.Hooks hooks) {
        TxManager tx = new TxManager(chain, db, MEDIATOR, TxManager.Config.defaults().withOwner("mediator-it"), hooks);
        LogPoller poller = new LogPoller(chain, db, LogFilter.of("mediator-it", List.of(deployment.dealManager().toLowerHex()),
                List.of(DealManagerGateway.DEAL_AGREED, DealManagerGateway.MEDIATION_REQUESTED), deployment.deployBlock()),
                LogPoller.Config.defaults().withConfirmations(K),
                CourtAdapters.caseHandler(MEDIATOR.address(), MediatorIT::json), CourtAdapters.reorgListener());
        Ports.Replayer replayer = deal -> {
            try {
                JobExecution.Outcome o = nodeRun.run(deal);
                return new Ports.Replay(o.outcomeCid(), o.fuelUsed());
            } catch (io.pactum.runtime.exec.WallTimeExceededException e) {
                throw new java.io.IOException(e);
            }
        };
        MediationPipeline pipeline = new MediationPipeline(MEDIATOR.address(), new JdbcCaseStore(db),
                CourtAdapters.court(chain, deals, court), replayer, CourtAdapters.courtTx(tx, court), MediatorIT::deal, K);
        return new Service(poller, tx, pipeline);
    }

    static String json(Deal d) {
        try {
            return ProtocolJson.mapper().writeValueAsString(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Deal deal(String json) {
        try {
            return ProtocolJson.mapper().readValue(json, Deal.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    BigInteger free(EthKey k) throws Exception {
        return vault.freeBalance(deployment.token(), k.address());
    }

    long votesOnChain(Deal deal) throws Exception {
        EthFilter f = new EthFilter(new DefaultBlockParameterNumber(deployment.deployBlock()),
                new DefaultBlockParameterNumber(chain.blockNumber()), court.address().toLowerHex());
        f.addSingleTopic(MediationCourtGateway.VOTED);
        f.addSingleTopic(deal.id().toHex());
        return chain.web3j().ethGetLogs(f).send().getLogs().size();
    }

    /** Ticks {@code tx} until the intent under {@code key} is signed and broadcast; the hash it has in the pool. */
    private String broadcast(TxManager tx, String key) throws Exception {
        for (int i = 0; i < 50; i++) {
            tx.tick();
            TxIntent intent = tx.find(key).orElseThrow();
            if (intent.nonce() != null) { // signed and sent in the same tick
                var pendingBlock = chain.send(chain.web3j().ethGetBlockByNumber(
                        org.web3j.protocol.core.DefaultBlockParameterName.PENDING, true)).getBlock();
                return pendingBlock.getTransactions().stream()
                        .map(t -> (org.web3j.protocol.core.methods.response.Transaction) t.get())
                        .filter(t -> t.getFrom().equalsIgnoreCase(intent.from()))
                        .map(org.web3j.protocol.core.methods.response.Transaction::getHash)
                        .findFirst().orElseThrow(() -> new AssertionError(key + " signed but not in the pool"));
            }
            Thread.sleep(20);
        }
        throw new AssertionError(key + " not broadcast after 50 ticks: " + tx.find(key).orElseThrow());
    }

    @Test
    void shouldOverturnASingleBoughtVoteOnAppeal() throws Exception {
        // three agreed mediators: k = 1 draws one; an appeal draws all three (2k+1)
        List<EthKey> panelists = new java.util.ArrayList<>(List.of(MEDIATOR, EthKey.fromHex(Accounts.PRIVATE_KEYS.get(6)),
                EthKey.fromHex(Accounts.PRIVATE_KEYS.get(7))));
        panelists.sort(java.util.Comparator.comparing(k -> k.address().toLowerHex()));
        for (EthKey k : panelists.subList(0, 3)) {
            if (!court.isEligible(k.address())) {
                deployment.fund(chain, k, BigInteger.ZERO, court.minBond());
                Deployment.sender(chain, k).send("register", court.address(),
                        MediationCourtGateway.register(court.minBond(), MediationCourtGateway.CAPABILITY_WASM));
            }
        }
        long now = chain.latestHeader().getTimestamp().longValueExact();
        byte[] nonce = new byte[32];
        nonce[31] = (byte) SEQ.incrementAndGet();
        nonce[0] = 7;
        Deal deal = new Deal(CLIENT.address(), NODE.address(), Bytes32.of(nonce), Bytes32.of(nonce), Bytes.of(specCid.toBytes()),
                50_000_000, PRICE, BigInteger.ZERO, CLIENT_COLLATERAL, NODE_COLLATERAL, CHEATING, FEE,
                panelists.stream().map(EthKey::address).toList(), now + 3_600, 3_600, 3_600, 3_600);
        Deployment.sender(chain, CLIENT).send("agreeBySig", deployment.dealManager(), DealManagerGateway.agreeBySig(deal,
                deal.sign(CLIENT, deployment.domain()).toBytes(), deal.sign(NODE, deployment.domain()).toBytes()));
        JobExecution.Outcome honest = nodeRun.run(deal);
        String forged = store.add("{\"forged\":\"appeal\"}".getBytes(StandardCharsets.UTF_8)).toString();
        Deployment.sender(chain, NODE).send("postResult", deployment.dealManager(),
                DealManagerGateway.postResult(deal, Cid.parse(forged).toBytes(), honest.fuelUsed()));
        Deployment.sender(chain, CLIENT).send("requestMediation", deployment.dealManager(), DealManagerGateway.requestMediation(deal));
        anvil.mine(K + 1);

        // the one drawn mediator was bought: it calls the forged result correct
        Address drawn = court.panelOf(deal).members().get(0);
        EthKey bought = panelists.stream().filter(k -> k.address().equals(drawn)).findFirst().orElseThrow();
        Deployment.sender(chain, bought).send("vote", court.address(), MediationCourtGateway.vote(deal, true));
        MediationCourtGateway.CaseState first = court.caseOf(deal.id());
        assertThat(first.verdictPending()).as("a larger panel is possible: the verdict waits").isTrue();
        assertThat(first.verdict0()).isEqualTo(1);

        // the client appeals for a second fee; the honest mediators' services vote in the appeal round
        BigInteger clientBefore = free(CLIENT);
        Deployment.sender(chain, CLIENT).send("appeal", court.address(), MediationCourtGateway.appeal(deal));
        anvil.mine(K + 1);
        assertThat(court.panelOf(deal).members()).hasSize(3);
        // Both honest votes are sent before either is mined, as two services voting in the same
        // second do: the one mined second decides, and costs twice what the first does (CI once saw
        // the deal stall when votes went with estimates made before either was mined).
        List<TxManager> managers = new java.util.ArrayList<>();
        List<LogPoller> pollers = new java.util.ArrayList<>();
        String key = MediationPipeline.voteKey(deal.id().toHex(), 1);
        anvil.setAutomine(false);
        try {
            for (EthKey k : panelists) {
                if (k.equals(bought)) {
                    continue;
                }
                DataSource db = pg.freshDatabase();
                TxManager tx = new TxManager(chain, db, k, TxManager.Config.defaults().withOwner("appeal-" + k.address()));
                LogPoller poller = new LogPoller(chain, db, LogFilter.of("appeal-" + k.address().toLowerHex(),
                        List.of(deployment.dealManager().toLowerHex()),
                        List.of(DealManagerGateway.DEAL_AGREED, DealManagerGateway.MEDIATION_REQUESTED), deployment.deployBlock()),
                        LogPoller.Config.defaults().withConfirmations(K), CourtAdapters.caseHandler(k.address(), MediatorIT::json),
                        CourtAdapters.reorgListener());
                poller.catchUp(10);
                Ports.Replayer replayer = d -> {
                    try {
                        JobExecution.Outcome o = nodeRun.run(d);
                        return new Ports.Replay(o.outcomeCid(), o.fuelUsed());
                    } catch (io.pactum.runtime.exec.WallTimeExceededException e) {
                        throw new java.io.IOException(e);
                    }
                };
                new MediationPipeline(k.address(), new JdbcCaseStore(db), CourtAdapters.court(chain, deals, court), replayer,
                        CourtAdapters.courtTx(tx, court), MediatorIT::deal, K).tick(10); // the vote intent
                managers.add(tx);
                pollers.add(poller);
            }
            // Each transaction manager signs and broadcasts as if the other's vote were not in the pool yet
            // (an estimate then would see neither vote): the first vote is taken out of the pool while the
            // second is sent, then the first manager finds it gone and sends its stored bytes again.
            anvil.dropTransaction(broadcast(managers.get(0), key));
            broadcast(managers.get(1), key);
            managers.get(0).tick();
            long pending = chain.send(chain.web3j().ethGetBlockTransactionCountByNumber(
                    org.web3j.protocol.core.DefaultBlockParameterName.PENDING)).getTransactionCount().longValueExact();
            assertThat(pending).as("both votes wait in the pool").isEqualTo(2);
        } finally {
            anvil.setAutomine(true);
        }
        anvil.mine();
        for (TxManager tx : managers) {
            TxIntent v = tx.awaitFinal(key, 0, Duration.ofSeconds(30));
            assertThat(v.state()).as("each vote lands, whichever is mined second").isEqualTo(TxState.CONFIRMED);
            tx.close();
        }
        pollers.forEach(LogPoller::close);
        assertThat(deals.dealRecord(deal.id()).dealPhase()).as("overturned").isEqualTo(DealPhase.MEDIATED_INCORRECT);
        assertThat(free(CLIENT).subtract(clientBefore)).as("client: stake back + cheating collateral, both fees paid")
                .isEqualTo(PRICE.add(CLIENT_COLLATERAL).add(CHEATING).subtract(FEE));
        assertThat(votesOnChain(deal)).isEqualTo(3);
    }

    @Test
    void shouldFindAnHonestResultCorrect_nodePaid_clientPaysTheFee() throws Exception {
        DataSource db = pg.freshDatabase();
        BigInteger clientBefore = free(CLIENT);
        BigInteger nodeBefore = free(NODE);
        BigInteger mediatorBefore = free(MEDIATOR);
        Deal deal = disputedDeal(false);
        anvil.mine(K + 1); // the seed block (dispute block + 1), then K confirmations
        Service s = service(db, TxManager.Hooks.NONE);
        s.poller().catchUp(10);
        s.pipeline().tick(10); // (also looks at, and closes, the other test's ended case if it ran first)
        assertThat(s.tx().find(MediationPipeline.voteKey(deal.id().toHex(), 0))).as("vote intent stored").isPresent();
        TxIntent vote = s.tx().awaitFinal(MediationPipeline.voteKey(deal.id().toHex(), 0), 0, Duration.ofSeconds(30));
        assertThat(vote.state()).isEqualTo(TxState.CONFIRMED);

        assertThat(deals.dealRecord(deal.id()).dealPhase()).isEqualTo(DealPhase.MEDIATED_CORRECT);
        BigInteger networkFee = PRICE.divide(BigInteger.valueOf(100)); // Deploy's default 1 %
        assertThat(free(NODE).subtract(nodeBefore)).as("node paid").isEqualTo(PRICE.subtract(networkFee));
        assertThat(clientBefore.subtract(free(CLIENT))).as("client pays the price and the fee").isEqualTo(PRICE.add(FEE));
        assertThat(free(MEDIATOR).subtract(mediatorBefore)).as("the voting mediator gets the fee").isEqualTo(FEE);
        s.tx().close();
        s.poller().close();
    }

    @Test
    void shouldSlashACheatingNode_andVoteExactlyOnceAcrossAKillWhileVoting() throws Exception {
        DataSource db = pg.freshDatabase();
        BigInteger clientBefore = free(CLIENT);
        BigInteger nodeBefore = free(NODE);
        BigInteger mediatorBefore = free(MEDIATOR);
        Deal deal = disputedDeal(true);
        anvil.mine(K + 1);

        AtomicBoolean armed = new AtomicBoolean(true);
        Service first = service(db, (point, id) -> {
            if (point == TxManager.Point.AFTER_BROADCAST && armed.getAndSet(false)) {
                throw new SimulatedCrash("kill -9 after broadcasting intent " + id);
            }
        });
        first.poller().catchUp(10);
        first.pipeline().tick(10);
        try {
            for (int i = 0; i < 5; i++) {
                first.tx().tick();
            }
        } catch (SimulatedCrash expected) {
            // the mediator process dies here, its vote broadcast but not recorded as such
        }
        assertThat(armed).as("the crash was injected").isFalse();

        Service restarted = service(db, TxManager.Hooks.NONE);
        restarted.poller().catchUp(10);
        for (int i = 0; i < 3; i++) {
            restarted.pipeline().tick(10);
            restarted.tx().tick();
        }
        TxIntent vote = restarted.tx().awaitFinal(MediationPipeline.voteKey(deal.id().toHex(), 0), 0, Duration.ofSeconds(30));
        assertThat(vote.state()).isEqualTo(TxState.CONFIRMED);
        restarted.pipeline().tick(10); // sees the deal ended
        assertThat(votesOnChain(deal)).as("exactly one vote").isEqualTo(1);

        assertThat(deals.dealRecord(deal.id()).dealPhase()).isEqualTo(DealPhase.MEDIATED_INCORRECT);
        assertThat(nodeBefore.subtract(free(NODE))).as("node loses its cheating collateral, unpaid").isEqualTo(CHEATING);
        assertThat(free(CLIENT).subtract(clientBefore)).as("client refunded + the slash less the mediators' pay")
                .isEqualTo(CHEATING.subtract(FEE));
        assertThat(free(MEDIATOR).subtract(mediatorBefore)).isEqualTo(FEE);
        try (var c = db.getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT status, correct, final_phase FROM mediator_case WHERE deal_id = '"
                        + deal.id().toHex() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("done");
            assertThat(rs.getBoolean(2)).isFalse();
            assertThat(rs.getString(3)).isEqualTo("MEDIATED_INCORRECT");
        }
        restarted.tx().close();
        restarted.poller().close();
    }
}
