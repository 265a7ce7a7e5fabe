package io.pactum.cli.commands;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.Funds;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.output.Output;
import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pactum withdraw <amount> [--to addr]}: from the vault free balance to a wallet. */
@Command(name = "withdraw", description = "Withdraw from the vault free balance to a wallet.")
final class WithdrawCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "<amount>", converter = AmountConverter.class,
            description = "Tokens (1.5) or base units (1500wei).")
    BigInteger amount;

    @Option(names = "--to", paramLabel = "<address>", converter = AddressConverter.class,
            description = "Recipient wallet (default: the account itself).")
    Address to;

    @Override
    int run(Output out) {
        positive(amount, "amount");
        try (Funds funds = root().backends().funds(root().config(), true)) {
            Address me = funds.account();
            Address recipient = to != null ? to : me;
            if (recipient.equals(Address.ZERO)) {
                throw CliException.usage("--to must not be the zero address");
            }
            BigInteger free = funds.freeBalance(me);
            if (free.compareTo(amount) < 0) {
                throw CliException.failure("vault free balance of " + me + " is " + tokens(free) + ", less than "
                        + tokens(amount) + " (locked collateral cannot be withdrawn)");
            }
            Tx tx = funds.withdraw(recipient, amount);
            out.progress("withdrew " + tokens(amount) + " to " + recipient + " (tx " + tx.hash() + ", block " + tx.block() + ")");
            BigInteger after = funds.freeBalance(me);
            out.line("vault free   " + tokens(after));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("account", me.toString());
            doc.put("to", recipient.toString());
            doc.put("amount", amount.toString());
            doc.put("tx", DepositCommand.txJson(tx));
            doc.put("vaultFree", after.toString());
            out.result(doc);
            return 0;
        }
    }
}
