package io.pactum.mediator.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.mediator.cases.MediationPipeline.Step;
import io.pactum.mediator.cases.Ports.DisputeView;
import io.pactum.mediator.cases.Ports.Replay;
import io.pactum.mediator.cases.Ports.TxStatus;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Keccak;
import io.pactum.protocol.deal.Deal;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mediator's decisions from contract state (W6), its vote key (W1) and its wait for K blocks (W7). */
class MediationPipelineTest {
    static final Address SELF = Address.parse("0x00000000000000000000000000000000000000a1");
    static final Address OTHER = Address.parse("0x00000000000000000000000000000000000000a2");
    static final String OUTCOME = Cid.rawOf("outcome".getBytes(StandardCharsets.UTF_8)).toString();
    static final String WRONG = Cid.rawOf("forged".getBytes(StandardCharsets.UTF_8)).toString();
    static final int K = 2;

    final Deal deal = new Deal(Address.parse("0x00000000000000000000000000000000000000c1"),
            Address.parse("0x00000000000000000000000000000000000000d1"), Bytes32.of(new byte[32]), Bytes32.of(new byte[32]),
            Bytes.of(Cid.rawOf("spec".getBytes(StandardCharsets.UTF_8)).toBytes()), 1_000_000, BigInteger.TEN, BigInteger.ZERO,
            BigInteger.ONE, BigInteger.ONE, BigInteger.TWO, BigInteger.ONE, List.of(SELF, OTHER), 2_000_000_000L, 3600, 7200,
            10_800);
    final String id = deal.id().toHex();

    final MemoryCases cases = new MemoryCases();
    final FakeTx tx = new FakeTx();
    DisputeView view;
    int replays;
    Replay replay = new Replay(OUTCOME, 500);

    MediationPipeline pipeline;

    @BeforeEach
    void setUp() {
        cases.rows.put(id, new CaseRow(id, "json", null, null, null, null, null));
        view = disputed(OUTCOME, 500, List.of(SELF), 0, 110);
        pipeline = new MediationPipeline(SELF, cases, d -> view, d -> {
            replays++;
            return replay;
        }, tx, json -> deal, K);
    }

    static DisputeView disputed(String postedCid, long postedFuel, List<Address> panel, int round, long latestBlock) {
        return new DisputeView("MEDIATION_REQUESTED", postedFuel, Keccak.keccak256(Cid.parse(postedCid).toBytes()), 1000, 100,
                round, false, 0, 0, 0, panel, true, List.of(), latestBlock, 1100);
    }

    @Test
    void shouldVoteCorrectWhenTheRerunMatchesThePostedResult() throws IOException {
        assertThat(pipeline.tick(10)).isEqualTo(1);
        assertThat(tx.votes).containsExactly(Map.entry("vote:" + id + ":0", true));
        assertThat(tx.deadlines).as("W9: the vote carries the round's deadline (disputedAt + mediationTimeout)")
                .containsExactly(Map.entry("vote:" + id + ":0", 1000L + deal.mediationTimeout()));
        assertThat(cases.rows.get(id).correct()).isTrue();
        assertThat(cases.rows.get(id).votedRound()).isZero();
    }

    @Test
    void shouldVoteIncorrectWhenTheOutcomeCidDiffers() throws IOException {
        view = disputed(WRONG, 500, List.of(SELF), 0, 110);
        pipeline.tick(10);
        assertThat(tx.votes).containsExactly(Map.entry("vote:" + id + ":0", false));
    }

    @Test
    void shouldVoteIncorrectWhenOnlyTheFuelDiffers() throws IOException {
        view = disputed(OUTCOME, 499, List.of(SELF), 0, 110);
        pipeline.tick(10);
        assertThat(tx.votes).containsExactly(Map.entry("vote:" + id + ":0", false));
    }

    @Test
    void shouldVoteOncePerRoundAcrossRestarts() throws IOException {
        pipeline.tick(10);
        // a restart: a new pipeline over the same store and intents; the vote is still pending on chain
        MediationPipeline restarted = new MediationPipeline(SELF, cases, d -> view, d -> {
            replays++;
            return replay;
        }, tx, json -> deal, K);
        restarted.tick(10);
        restarted.tick(10);
        assertThat(tx.votes).hasSize(1);
        assertThat(replays).isEqualTo(1);
    }

    @Test
    void shouldReuseTheStoredVerdictAfterACrashBetweenRerunAndVote() throws IOException {
        cases.rows.put(id, new CaseRow(id, "json", OUTCOME, 500L, false, null, null)); // stored, crashed before the vote
        pipeline.tick(10);
        assertThat(replays).isZero();
        assertThat(tx.votes).containsExactly(Map.entry("vote:" + id + ":0", false));
    }

    @Test
    void shouldNotVoteWhenNotOnThePanel() throws IOException {
        view = disputed(OUTCOME, 500, List.of(OTHER), 0, 110);
        assertThat(pipeline.process(cases.rows.get(id))).isEqualTo(Step.NOT_ON_PANEL);
        assertThat(tx.votes).isEmpty();
        assertThat(replays).isZero();
    }

    @Test
    void shouldWaitUntilTheSeedBlockIsKDeep() throws IOException {
        view = disputed(OUTCOME, 500, List.of(SELF), 0, 101 + K - 1); // seed block 101
        assertThat(pipeline.process(cases.rows.get(id))).isEqualTo(Step.WAITING);
        view = disputed(OUTCOME, 500, List.of(SELF), 0, 101 + K);
        assertThat(pipeline.process(cases.rows.get(id))).isEqualTo(Step.VOTE_PENDING);
        assertThat(tx.votes).hasSize(1);
    }

    @Test
    void shouldWaitWhileThePanelCannotBeDrawnYet() throws IOException {
        view = disputed(OUTCOME, 500, List.of(), 0, 101);
        assertThat(pipeline.process(cases.rows.get(id))).isEqualTo(Step.WAITING);
        assertThat(tx.votes).isEmpty();
    }

    @Test
    void shouldVoteAgainInTheAppealRoundWithItsOwnKey() throws IOException {
        pipeline.tick(10);
        tx.status.put("vote:" + id + ":0", TxStatus.CONFIRMED);
        view = disputed(OUTCOME, 500, List.of(SELF, OTHER), 1, 300);
        view = new DisputeView(view.phase(), view.fuelUsed(), view.resultCidHash(), 1000, 100, 1, false, 1050, 1060, 200,
                view.panel(), true, List.of(), 300, 1100);
        pipeline.tick(10);
        assertThat(tx.votes).containsExactly(Map.entry("vote:" + id + ":0", true), Map.entry("vote:" + id + ":1", true));
        assertThat(tx.deadlines.get("vote:" + id + ":1")).as("the appeal round's deadline: appealedAt + mediationTimeout")
                .isEqualTo(1060L + deal.mediationTimeout());
        assertThat(replays).isEqualTo(1); // deterministic: the first re-run's verdict is reused
    }

    @Test
    void shouldSendARevertedVoteAgainWhileTheRoundWantsIt_aBoundedNumberOfTimes() throws IOException {
        // e.g. sent with an estimate made before another mediator's vote, mined after it (out of gas)
        pipeline.tick(10);
        String key = "vote:" + id + ":0";
        tx.status.put(key, TxStatus.FAILED);

        assertThat(pipeline.process(cases.rows.get(id))).isEqualTo(MediationPipeline.Step.VOTE_PENDING);
        assertThat(tx.votes).containsExactly(Map.entry(key, true), Map.entry(key + "#1", true));
        assertThat(replays).as("the verdict of the first re-run is reused").isEqualTo(1);

        // confirmed: nothing more
        tx.status.put(key + "#1", TxStatus.CONFIRMED);
        assertThat(pipeline.process(cases.rows.get(id))).isEqualTo(MediationPipeline.Step.VOTED);

        // a vote that keeps reverting is given up after MAX_VOTE_RESENDS resends
        tx.status.put(key + "#1", TxStatus.FAILED);
        for (int i = 0; i < 10; i++) {
            tx.status.replaceAll((k, st) -> TxStatus.FAILED);
            pipeline.process(cases.rows.get(id));
        }
        assertThat(tx.votes).hasSize(1 + MediationPipeline.MAX_VOTE_RESENDS);
        assertThat(pipeline.process(cases.rows.get(id))).isEqualTo(MediationPipeline.Step.MISSED);
    }

    @Test
    void shouldNotSendAVoteAgainOnceTheCourtCountsIt() throws IOException {
        pipeline.tick(10);
        tx.status.put("vote:" + id + ":0", TxStatus.FAILED);
        view = new DisputeView(view.phase(), view.fuelUsed(), view.resultCidHash(), 1000, 100, 0, false, 0, 0, 0,
                view.panel(), true, List.of(SELF), view.latestBlock(), view.nowSeconds());
        assertThat(pipeline.process(cases.rows.get(id))).isEqualTo(MediationPipeline.Step.VOTED);
        assertThat(tx.votes).hasSize(1);
    }

    @Test
    void shouldNotVoteAfterTheRoundDeadline() throws IOException {
        view = new DisputeView("MEDIATION_REQUESTED", 500, Keccak.keccak256(Cid.parse(OUTCOME).toBytes()), 1000, 100, 0,
                false, 0, 0, 0, List.of(SELF), true, List.of(), 110, 1000 + 10_800 + 1);
        assertThat(pipeline.process(cases.rows.get(id))).isEqualTo(Step.MISSED);
        assertThat(tx.votes).isEmpty();
    }

    @Test
    void shouldExecuteAFirstVerdictAfterTheAppealWindowOnce() throws IOException {
        view = new DisputeView("MEDIATION_REQUESTED", 500, new byte[32], 1000, 100, 0, true, 1050, 0, 0, List.of(SELF),
                true, List.of(SELF), 110, 1050 + 7200);
        assertThat(pipeline.process(cases.rows.get(id))).isEqualTo(Step.WAITING); // at the window's end: not yet
        view = new DisputeView("MEDIATION_REQUESTED", 500, new byte[32], 1000, 100, 0, true, 1050, 0, 0, List.of(SELF),
                true, List.of(SELF), 110, 1050 + 7200 + 1);
        assertThat(pipeline.process(cases.rows.get(id))).isEqualTo(Step.EXECUTE_SUBMITTED);
        tx.status.put("execute:" + id, TxStatus.PENDING);
        assertThat(pipeline.process(cases.rows.get(id))).isEqualTo(Step.WAITING);
        assertThat(tx.executes).containsExactly("execute:" + id);
    }

    @Test
    void shouldFinishWhenTheDealEnded() throws IOException {
        view = new DisputeView("MEDIATED_INCORRECT", 0, new byte[32], 0, 0, 0, false, 0, 0, 0, List.of(), false, List.of(), 0, 0);
        pipeline.tick(10);
        assertThat(cases.finished).containsEntry(id, "MEDIATED_INCORRECT");
        assertThat(cases.rows).doesNotContainKey(id);
    }

    // ------------------------------------------------------------------ fakes

    static final class MemoryCases implements CaseStore {
        final Map<String, CaseRow> rows = new LinkedHashMap<>();
        final Map<String, String> finished = new HashMap<>();

        @Override
        public List<CaseRow> open(int limit) {
            return new ArrayList<>(rows.values());
        }

        @Override
        public void saveOutcome(String dealId, String outcomeCid, long fuelUsed, boolean correct) {
            CaseRow r = rows.get(dealId);
            rows.put(dealId, new CaseRow(dealId, r.dealJson(), outcomeCid, fuelUsed, correct, r.votedRound(), null));
        }

        @Override
        public void markVoted(String dealId, int round) {
            CaseRow r = rows.get(dealId);
            rows.put(dealId, new CaseRow(dealId, r.dealJson(), r.outcomeCid(), r.fuelUsed(), r.correct(), round, r.error()));
        }

        @Override
        public void finish(String dealId, String finalPhase) {
            rows.remove(dealId);
            finished.put(dealId, finalPhase);
        }

        @Override
        public void note(String dealId, String error) {}
    }

    static final class FakeTx implements Ports.CourtTx {
        final List<Map.Entry<String, Boolean>> votes = new ArrayList<>();
        final List<String> executes = new ArrayList<>();
        final Map<String, TxStatus> status = new HashMap<>();
        final Map<String, Long> deadlines = new HashMap<>();

        @Override
        public void vote(String key, Deal deal, boolean correct, long deadline) {
            if (status.putIfAbsent(key, TxStatus.PENDING) == null) {
                votes.add(Map.entry(key, correct));
                deadlines.put(key, deadline);
            }
        }

        @Override
        public void executeVerdict(String key, Deal deal) {
            if (status.putIfAbsent(key, TxStatus.PENDING) == null) {
                executes.add(key);
            }
        }

        @Override
        public TxStatus status(String key) {
            return status.getOrDefault(key, TxStatus.ABSENT);
        }
    }
}
