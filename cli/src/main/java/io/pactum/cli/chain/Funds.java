package io.pactum.cli.chain;

import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;

/**
 * The client's money: its wallet's token balance and its free balance in the vault. Writes are
 * the client's own transactions, each waited for until mined; a revert is a {@code CliException}
 * (exit 1) with the decoded protocol error.
 */
public interface Funds extends AutoCloseable {
    /** The account transactions are sent from (the configured key). */
    Address account();

    BigInteger tokenBalance(Address owner);

    /** Free (unlocked) balance in the vault. */
    BigInteger freeBalance(Address owner);

    /** What the vault may still pull from {@code owner}'s wallet. */
    BigInteger allowance(Address owner);

    /** {@code token.approve(vault, amount)}. */
    Tx approve(BigInteger amount);

    /** {@code vault.deposit(token, account, amount)}: needs the allowance. */
    Tx deposit(BigInteger amount);

    /** {@code vault.withdraw(token, to, amount)} from the account's free balance. */
    Tx withdraw(Address to, BigInteger amount);

    @Override
    default void close() {}
}
