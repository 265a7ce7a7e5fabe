package io.pactum.cli.commands;

import io.pactum.cli.chain.Funds;
import io.pactum.cli.output.Output;
import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pactum balance [address]}: wallet token balance and vault free balance. */
@Command(name = "balance", description = "Show the wallet token balance and the vault free balance.")
final class BalanceCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "<address>", converter = AddressConverter.class,
            description = "Account to show (default: the configured key's address).")
    Address address;

    @Override
    int run(Output out) {
        try (Funds funds = root().backends().funds(root().config(), address == null)) {
            Address who = address != null ? address : funds.account();
            BigInteger wallet = funds.tokenBalance(who);
            BigInteger free = funds.freeBalance(who);
            out.line("account      " + who);
            out.line("wallet       " + tokens(wallet));
            out.line("vault free   " + tokens(free));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("account", who.toString());
            doc.put("wallet", wallet.toString());
            doc.put("vaultFree", free.toString());
            out.result(doc);
            return 0;
        }
    }
}
