package io.pactum.cli.chain;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.deal.Deal;
import java.math.BigInteger;
import java.util.List;

/**
 * Disputes and mediators as the CLI uses them: the client's dispute and the losing party's appeal
 * (DealManager.requestMediation, MediationCourt.appeal), the court's view of a dispute, and a
 * mediator's registration. Reads are contract state; writes wait for their receipt.
 */
public interface Disputes extends DealChain {
    /** The account of the configured key. */
    Address account();

    /** The account's free balance in the vault. */
    BigInteger freeBalance(Address owner);

    /** {@code requestMediation(deal)} as the client (locks the mediation fee). */
    Tx requestMediation(Deal deal);

    /** {@code appeal(deal)} on the court as the party the first verdict went against (locks a second fee). */
    Tx appeal(Deal deal);

    /** The court's view of a disputed deal. */
    Mediation mediation(Deal deal);

    MediatorStatus mediator(Address account);

    /** {@code register(amount, CAPABILITY_WASM)}: bond {@code amount} more from the free balance. */
    Tx registerMediator(BigInteger amount);

    /** {@code unregister()}: start the unbonding period. */
    Tx unregisterMediator();

    /** {@code withdrawBond()} after the unbonding period. */
    Tx withdrawBond();

    /**
     * @param verdict0 the first panel's verdict: 0 none yet, 1 correct, 2 incorrect
     * @param panel this round's panel, or the draw it would make ({@code drawn} false)
     */
    record Mediation(int round, int verdict0, boolean verdictPending, List<Address> panel, boolean drawn, long deadline,
            boolean deadlinePassed) {}

    record MediatorStatus(BigInteger bond, long exitAt, int capabilities, boolean eligible, BigInteger minBond) {}
}
