package io.pactum.cli.client;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.Funds;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.units.TokenAmount;
import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;
import java.util.function.Consumer;

/** Deposits and top-ups shared by {@code pactum deposit} and the job flow. */
public final class FundsOps {
    private FundsOps() {}

    /** The transactions of one deposit: {@code approve} is null when the allowance sufficed. */
    public record Deposit(BigInteger amount, Tx approve, Tx deposit) {}

    /** Approves the vault (only if the allowance is short), then deposits {@code amount}. */
    public static Deposit deposit(Funds funds, BigInteger amount, Consumer<String> say) {
        Address me = funds.account();
        Tx approve = null;
        if (funds.allowance(me).compareTo(amount) < 0) {
            approve = funds.approve(amount);
            say.accept("approved the vault for " + TokenAmount.format(amount) + " (tx " + approve.hash() + ", block "
                    + approve.block() + ")");
        }
        Tx deposit = funds.deposit(amount);
        say.accept("deposited " + TokenAmount.format(amount) + " into the vault (tx " + deposit.hash() + ", block "
                + deposit.block() + ")");
        return new Deposit(amount, approve, deposit);
    }

    /**
     * Makes sure the account's vault free balance covers {@code required}, depositing the
     * difference from the wallet (saying so). Returns the deposit made, or null when none was
     * needed. Fails (exit 1) when the wallet cannot cover the difference.
     */
    public static Deposit ensureFree(Funds funds, BigInteger required, Consumer<String> say) {
        Address me = funds.account();
        BigInteger free = funds.freeBalance(me);
        if (free.compareTo(required) >= 0) {
            return null;
        }
        BigInteger missing = required.subtract(free);
        BigInteger wallet = funds.tokenBalance(me);
        if (wallet.compareTo(missing) < 0) {
            throw CliException.failure("the deal needs " + TokenAmount.format(required) + " free in the vault; "
                    + me + " has " + TokenAmount.format(free) + " there and " + TokenAmount.format(wallet)
                    + " in the wallet");
        }
        say.accept("vault free balance " + TokenAmount.format(free) + " < " + TokenAmount.format(required)
                + ": depositing " + TokenAmount.format(missing) + " from the wallet");
        return deposit(funds, missing, say);
    }
}
