package io.pactum.solver.keeper;

import io.pactum.protocol.deal.Deal;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The keeper: finds deals whose running deadline has passed, from contract state (W6), and triggers
 * the timeout for the keeper bounty (paid by the party at fault; docs/contracts/deals.md §3.4):
 * half-agreed → {@code expireAgreement}; Agreed → {@code timeoutResult}; ResultPosted → {@code finalize}
 * (a judge timeout is acceptance); MediationRequested → the court's {@code timeoutMediation}, or
 * {@code executeVerdict} once a first verdict's appeal window is over. Each trigger is one intent
 * under the key {@code keeper:<action>:<dealId>[:<round>]} (W1); the transaction manager's dry run
 * sends nothing when someone else was faster.
 */
public final class Keeper {
    private static final Logger LOG = Logger.getLogger(Keeper.class);

    /** The deals the keeper watches (the solver's agreed deals). */
    public interface Deals {
        List<Deal> candidates(int limit) throws IOException;
    }

    /** A deal's state as the contracts say. */
    public record DealState(String phase, boolean deadlinePassed, int round, boolean verdictPending) {}

    public interface Chain {
        DealState state(Deal deal) throws IOException;
    }

    public enum Action { EXPIRE_AGREEMENT, TIMEOUT_RESULT, FINALIZE, TIMEOUT_MEDIATION, EXECUTE_VERDICT }

    public interface Triggers {
        /** Whether an intent under {@code key} exists already. */
        boolean exists(String key) throws IOException;

        /** Stores the intent for {@code action} on {@code deal} under {@code key}. */
        void trigger(String key, Action action, Deal deal) throws IOException;
    }

    private final Deals deals;
    private final Chain chain;
    private final Triggers triggers;
    private final Set<String> ended = new HashSet<>();

    public Keeper(Deals deals, Chain chain, Triggers triggers) {
        this.deals = deals;
        this.chain = chain;
        this.triggers = triggers;
    }

    public static String key(Action action, String dealId, int round) {
        String base = "keeper:" + action.name().toLowerCase() + ":" + dealId;
        return action == Action.TIMEOUT_MEDIATION || action == Action.EXECUTE_VERDICT ? base + ":" + round : base;
    }

    /** One pass; returns how many timeouts it triggered. */
    public int tick(int limit) throws IOException {
        int triggered = 0;
        for (Deal deal : deals.candidates(limit)) {
            String id = deal.id().toHex();
            if (ended.contains(id)) {
                continue;
            }
            try {
                DealState s = chain.state(deal);
                Action action = action(s);
                if (action == null) {
                    if (terminal(s.phase())) {
                        ended.add(id);
                    }
                    continue;
                }
                String key = key(action, id, s.round());
                if (!triggers.exists(key)) {
                    triggers.trigger(key, action, deal);
                    LOG.infof("keeper: %s on deal %s (its %s deadline passed)", action, id, s.phase());
                    triggered++;
                }
            } catch (IOException e) {
                LOG.warnf("keeper: deal %s: %s", id, e.getMessage());
            }
        }
        return triggered;
    }

    /** What to trigger for a deal in state {@code s}; null when nothing is due. */
    static Action action(DealState s) {
        if (!s.deadlinePassed()) {
            return null;
        }
        return switch (s.phase()) {
            case "CLIENT_AGREED", "NODE_AGREED" -> Action.EXPIRE_AGREEMENT;
            case "AGREED" -> Action.TIMEOUT_RESULT;
            case "RESULT_POSTED" -> Action.FINALIZE;
            case "MEDIATION_REQUESTED" -> s.verdictPending() ? Action.EXECUTE_VERDICT : Action.TIMEOUT_MEDIATION;
            default -> null;
        };
    }

    private static boolean terminal(String phase) {
        return switch (phase) {
            case "ACCEPTED", "MEDIATED_CORRECT", "MEDIATED_INCORRECT", "AGREE_EXPIRED", "RESULT_TIMED_OUT",
                    "MEDIATION_TIMED_OUT" -> true;
            default -> false;
        };
    }
}
