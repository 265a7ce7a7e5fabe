package io.pactum.mediator.cases;

import io.pactum.mediator.cases.Ports.Court;
import io.pactum.mediator.cases.Ports.CourtTx;
import io.pactum.mediator.cases.Ports.DisputeView;
import io.pactum.mediator.cases.Ports.Replay;
import io.pactum.mediator.cases.Ports.Replayer;
import io.pactum.mediator.cases.Ports.TxStatus;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Keccak;
import io.pactum.protocol.deal.Deal;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Drives each disputed case of this mediator, deciding from the contracts every time (W6):
 *
 * <ul>
 *   <li>deal no longer MediationRequested: done (accepted, mediated or timed out);
 *   <li>a first verdict awaiting its appeal window: after the window, {@code executeVerdict} under the
 *       key {@code execute:<dealId>} (the mediators are paid by it);
 *   <li>this mediator on the round's panel (drawn, or the draw the vote will make), not voted yet, the
 *       seed block {@code confirmations} deep (W7: a reorg cannot change the panel it votes in), within
 *       the round's deadline: re-run the job (spec, module and inputs by CID, the deterministic engine
 *       under the deal's outcome limits), compare the outcome record's CID and the fuel with what the
 *       node posted, and vote under the key {@code vote:<dealId>:<round>} (W1: one vote per round
 *       whatever the crashes; the re-run is deterministic, so a re-run after a crash votes the same),
 *       carrying the round's deadline: the transaction manager raises the fee as it nears (W9). A vote
 *       that reverted is no vote: while the round still wants it, it is sent again under
 *       {@code vote:<dealId>:<round>#n}, at most {@link #MAX_VOTE_RESENDS} times.
 * </ul>
 */
public final class MediationPipeline {

    private static final Logger LOG = Logger.getLogger(MediationPipeline.class);

    /** What one pass over a case did. */
    public enum Step { WAITING, NOT_ON_PANEL, VOTED, VOTE_PENDING, EXECUTE_SUBMITTED, DONE, MISSED }

    private final Address self;
    private final CaseStore cases;
    private final Court court;
    private final Replayer replayer;
    private final CourtTx tx;
    private final Function<String, Deal> dealParser;
    private final int confirmations;

    public MediationPipeline(Address self, CaseStore cases, Court court, Replayer replayer, CourtTx tx,
            Function<String, Deal> dealParser, int confirmations) {
        this.self = self;
        this.cases = cases;
        this.court = court;
        this.replayer = replayer;
        this.tx = tx;
        this.dealParser = dealParser;
        this.confirmations = confirmations;
    }

    /** How often a reverted vote is sent again (under a new key) while the round still wants it. */
    public static final int MAX_VOTE_RESENDS = 3;

    public static String voteKey(String dealId, int round) {
        return voteKey(dealId, round, 0);
    }

    /** The TxManager key of a round's vote: {@code vote:<dealId>:<round>}, then {@code #1, #2 ...} for resends. */
    public static String voteKey(String dealId, int round, int resend) {
        return "vote:" + dealId + ":" + round + (resend == 0 ? "" : "#" + resend);
    }

    public static String executeKey(String dealId) {
        return "execute:" + dealId;
    }

    /** One pass over the open cases; returns how many it looked at. */
    public int tick(int limit) throws IOException {
        int n = 0;
        for (CaseRow row : cases.open(limit)) {
            try {
                process(row);
            } catch (IOException e) {
                LOG.warnf("case %s: %s (retrying)", row.dealId(), e.getMessage());
                cases.note(row.dealId(), e.getMessage());
            }
            n++;
        }
        return n;
    }

    /** One step of one case. */
    public Step process(CaseRow row) throws IOException {
        Deal deal = dealParser.apply(row.dealJson());
        String dealId = row.dealId();
        DisputeView v = court.view(deal);
        if (!"MEDIATION_REQUESTED".equals(v.phase())) {
            if (isTerminal(v.phase())) {
                cases.finish(dealId, v.phase());
                LOG.infof("case %s ended: %s", dealId, v.phase());
                return Step.DONE;
            }
            return Step.WAITING; // the MediationRequested log ran ahead of our view: look again
        }
        if (v.verdictPending()) {
            if (v.nowSeconds() > v.verdictAt() + deal.judgeTimeout() && tx.status(executeKey(dealId)) == TxStatus.ABSENT) {
                tx.executeVerdict(executeKey(dealId), deal);
                LOG.infof("case %s: appeal window over, executing the first verdict", dealId);
                return Step.EXECUTE_SUBMITTED;
            }
            return Step.WAITING;
        }
        int round = v.round();
        boolean voted = v.votedThisRound().contains(self);
        // A reverted vote is no vote: while the round still wants one, send it again under the next key.
        int resend = 0;
        String key = voteKey(dealId, round);
        TxStatus status = tx.status(key);
        while (status == TxStatus.FAILED && !voted && resend < MAX_VOTE_RESENDS) {
            resend++;
            key = voteKey(dealId, round, resend);
            status = tx.status(key);
        }
        if (status != TxStatus.ABSENT || voted) {
            if (row.votedRound() == null || row.votedRound() != round) {
                cases.markVoted(dealId, round);
            }
            if (status == TxStatus.FAILED && !voted) {
                cases.note(dealId, "vote of round " + round + " failed " + (resend + 1) + " times");
                return Step.MISSED;
            }
            return status == TxStatus.CONFIRMED || voted ? Step.VOTED : Step.VOTE_PENDING;
        }
        if (v.panel().isEmpty()) {
            return Step.WAITING; // seed block not mined yet (or no eligible mediator)
        }
        if (!v.panel().contains(self)) {
            return Step.NOT_ON_PANEL;
        }
        if (v.latestBlock() < v.effectiveSeedBlock() + confirmations) {
            return Step.WAITING; // W7: the panel is final only once its seed block is K deep
        }
        long deadline = v.roundDeadline(deal);
        if (v.nowSeconds() > deadline) {
            cases.note(dealId, "round " + round + " deadline passed before this mediator voted");
            return Step.MISSED;
        }
        boolean correct;
        if (row.correct() != null) {
            correct = row.correct(); // re-ran already (before a crash or in round 0)
        } else {
            Replay r = replayer.replay(deal);
            correct = matches(deal, v, r);
            cases.saveOutcome(dealId, r.outcomeCid(), r.fuelUsed(), correct);
            LOG.infof("case %s: re-run outcome %s fuel %d: the posted result is %s", dealId, r.outcomeCid(), r.fuelUsed(),
                    correct ? "correct" : "WRONG");
        }
        tx.vote(key, deal, correct, deadline);
        cases.markVoted(dealId, round);
        LOG.infof("case %s: voted %s in round %d%s", dealId, correct ? "correct" : "incorrect", round,
                resend == 0 ? "" : " (sent again: the earlier vote reverted)");
        return Step.VOTE_PENDING;
    }

    /** The posted result is the re-run's: same outcome record CID and the same fuel (as the node posts it). */
    static boolean matches(Deal deal, DisputeView v, Replay r) {
        byte[] cidHash = Keccak.keccak256(Cid.parse(r.outcomeCid()).toBytes());
        long fuel = Math.min(r.fuelUsed(), deal.maxFuel());
        return Arrays.equals(cidHash, v.resultCidHash()) && fuel == v.fuelUsed();
    }

    private static boolean isTerminal(String phase) {
        return switch (phase) {
            case "ACCEPTED", "MEDIATED_CORRECT", "MEDIATED_INCORRECT", "AGREE_EXPIRED", "RESULT_TIMED_OUT",
                    "MEDIATION_TIMED_OUT" -> true;
            default -> false;
        };
    }
}
