package io.pactum.cli.commands;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.Funds;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.client.FundsOps;
import io.pactum.cli.output.Output;
import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pactum deposit <amount>}: approve the vault if needed, then deposit. */
@Command(name = "deposit", description = "Move tokens from the wallet into the vault (approving the vault first if needed).")
final class DepositCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "<amount>", converter = AmountConverter.class,
            description = "Tokens (1.5 = 1.5 × 10^18 base units) or base units with a wei suffix (1500wei).")
    BigInteger amount;

    @Override
    int run(Output out) {
        positive(amount, "amount");
        try (Funds funds = root().backends().funds(root().config(), true)) {
            Address me = funds.account();
            BigInteger wallet = funds.tokenBalance(me);
            if (wallet.compareTo(amount) < 0) {
                throw CliException.failure("wallet " + me + " holds " + tokens(wallet) + ", less than " + tokens(amount));
            }
            FundsOps.Deposit d = FundsOps.deposit(funds, amount, out::progress);
            BigInteger free = funds.freeBalance(me);
            out.line("vault free   " + tokens(free));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("account", me.toString());
            doc.put("amount", amount.toString());
            doc.put("approveTx", d.approve() == null ? null : txJson(d.approve()));
            doc.put("depositTx", txJson(d.deposit()));
            doc.put("vaultFree", free.toString());
            out.result(doc);
            return 0;
        }
    }

    static Map<String, Object> txJson(Tx tx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", tx.hash());
        m.put("block", tx.block());
        return m;
    }
}
