package io.pactum.cli.commands;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.Disputes;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.client.Describe;
import io.pactum.cli.output.Output;
import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pactum mediator register|status|withdraw}: a mediator operator's registration in the MediationCourt. */
@Command(name = "mediator", description = "Register as a mediator, show a mediator's bond, withdraw it.",
        subcommands = {MediatorCommand.Register.class, MediatorCommand.Status.class, MediatorCommand.Withdraw.class})
final class MediatorCommand {

    static Map<String, Object> statusJson(Address who, Disputes.MediatorStatus s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("mediator", who.toString());
        doc.put("bond", s.bond().toString());
        doc.put("minBond", s.minBond().toString());
        doc.put("eligible", s.eligible());
        doc.put("exitAt", s.exitAt() == 0 ? null : s.exitAt());
        doc.put("capabilities", s.capabilities());
        return doc;
    }

    static void print(Output out, Address who, Disputes.MediatorStatus s) {
        out.line("mediator     " + who);
        out.line("bond         " + BaseCommand.tokens(s.bond()) + " (minimum " + BaseCommand.tokens(s.minBond()) + ")");
        out.line("status       " + (s.exitAt() != 0 ? "exiting: bond withdrawable from " + Describe.time(s.exitAt())
                : s.eligible() ? "eligible for panels" : s.bond().signum() == 0 ? "not registered" : "bond below the minimum"));
    }

    @Command(name = "register", description = {
            "Lock <bond> from the vault free balance as the mediator bond (or add to it) with the WASM",
            "re-execution capability. A mediator that does not vote on a panel it was drawn for pays the",
            "keeper bounty out of its bond."})
    static final class Register extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<bond>", converter = AmountConverter.class,
                description = "Tokens (100) or base units (100wei).")
        BigInteger bond;

        @Override
        int run(Output out) {
            positive(bond, "bond");
            try (Disputes chain = root().backends().disputes(root().config())) {
                Address me = chain.account();
                Disputes.MediatorStatus before = chain.mediator(me);
                if (before.bond().add(bond).compareTo(before.minBond()) < 0) {
                    throw CliException.usage("the bond would be " + tokens(before.bond().add(bond)) + ", below the minimum of "
                            + tokens(before.minBond()));
                }
                BigInteger free = chain.freeBalance(me);
                if (free.compareTo(bond) < 0) {
                    throw CliException.failure("vault free balance is " + tokens(free) + ", less than " + tokens(bond)
                            + ": deposit first");
                }
                Tx tx = chain.registerMediator(bond);
                out.progress("registered " + me + " (tx " + tx.hash() + ", block " + tx.block() + ")");
                Disputes.MediatorStatus after = chain.mediator(me);
                print(out, me, after);
                Map<String, Object> doc = statusJson(me, after);
                doc.put("tx", DepositCommand.txJson(tx));
                out.result(doc);
                return 0;
            }
        }
    }

    @Command(name = "status", description = "Show a mediator's bond and eligibility (default: this key's account).")
    static final class Status extends BaseCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "<address>", converter = AddressConverter.class,
                description = "The mediator (default: the configured key's account).")
        Address who;

        @Override
        int run(Output out) {
            try (Disputes chain = root().backends().disputes(root().config())) {
                Address account = who != null ? who : chain.account();
                Disputes.MediatorStatus s = chain.mediator(account);
                print(out, account, s);
                out.result(statusJson(account, s));
                return 0;
            }
        }
    }

    @Command(name = "withdraw", description = {
            "Leave: the first call unregisters (no more panels) and starts the unbonding period; a call after",
            "it releases the whole bond to the vault free balance."})
    static final class Withdraw extends BaseCommand {
        @Option(names = "--unregister-only", description = "Only unregister, even if the bond could be withdrawn.")
        boolean unregisterOnly;

        @Override
        int run(Output out) {
            try (Disputes chain = root().backends().disputes(root().config())) {
                Address me = chain.account();
                Disputes.MediatorStatus s = chain.mediator(me);
                if (s.bond().signum() == 0 && s.exitAt() == 0) {
                    throw CliException.failure(me + " is not a registered mediator");
                }
                Tx tx;
                if (s.exitAt() == 0) {
                    tx = chain.unregisterMediator();
                    s = chain.mediator(me);
                    out.progress("unregistered " + me + " (tx " + tx.hash() + "); bond withdrawable from "
                            + Describe.time(s.exitAt()));
                } else {
                    long now = chain.chainTime();
                    if (unregisterOnly || now < s.exitAt()) {
                        throw CliException.failure("the bond is withdrawable from " + Describe.time(s.exitAt()) + " (in "
                                + Describe.duration(s.exitAt() - now) + ")");
                    }
                    BigInteger bond = s.bond();
                    tx = chain.withdrawBond();
                    s = chain.mediator(me);
                    out.progress("withdrew the bond of " + tokens(bond) + " to the vault free balance (tx " + tx.hash() + ")");
                }
                print(out, me, s);
                Map<String, Object> doc = statusJson(me, s);
                doc.put("tx", DepositCommand.txJson(tx));
                out.result(doc);
                return 0;
            }
        }
    }
}
