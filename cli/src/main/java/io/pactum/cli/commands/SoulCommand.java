package io.pactum.cli.commands;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.Registries;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.output.Output;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pactum soul}: souls of the SoulRegistry (identity backup CID, 3 to 7 guardians, timelocked recovery). */
@Command(name = "soul", description = "Create and inspect souls; approve, execute or cancel guardian recoveries.",
        subcommands = {SoulCommand.Create.class, SoulCommand.Show.class, SoulCommand.Approve.class,
                SoulCommand.Recover.class, SoulCommand.Cancel.class})
final class SoulCommand {
    static final int MIN_GUARDIANS = 3;
    static final int MAX_GUARDIANS = 7;

    /** {@code pactum soul create --backup-cid <cid> --guardian <a> ... (3 to 7)}. */
    @Command(name = "create", description = "Create the configured key's soul with 3 to 7 guardians.")
    static final class Create extends BaseCommand {
        @Option(names = "--backup-cid", paramLabel = "<cid>", required = true, description = "Identity backup CID.")
        String backupCid;

        @Option(names = "--guardian", paramLabel = "<address>", required = true, converter = AddressConverter.class,
                description = "A guardian (repeat 3 to 7 times; distinct, not the owner).")
        List<Address> guardians;

        @Override
        int run(Output out) {
            Cid cid = RegistryArgs.cid(backupCid);
            if (guardians.size() < MIN_GUARDIANS || guardians.size() > MAX_GUARDIANS) {
                throw CliException.usage("a soul needs 3 to 7 guardians, got " + guardians.size());
            }
            if (new HashSet<>(guardians).size() != guardians.size()) {
                throw CliException.usage("guardians must be distinct");
            }
            if (guardians.contains(Address.ZERO)) {
                throw CliException.usage("the zero address cannot be a guardian");
            }
            try (Registries r = RegistryArgs.open(root(), true)) {
                if (guardians.contains(r.account())) {
                    throw CliException.usage("the owner " + r.account() + " cannot be its own guardian");
                }
                Registries.Created c = r.soulCreate(cid.toBytes(), guardians);
                out.line("soul          " + c.soulId());
                out.line("owner         " + r.account());
                out.line("guardians     " + guardians.size() + " (recovery needs " + threshold(guardians.size()) + ")");
                out.line("tx            " + c.tx().hash() + " (block " + c.tx().block() + ")");
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("soulId", c.soulId().toString());
                doc.put("owner", r.account().toString());
                doc.put("backupCid", cid.toString());
                doc.put("guardians", guardians.stream().map(Address::toString).toList());
                doc.put("tx", RegistryArgs.txJson(c.tx()));
                out.result(doc);
                return 0;
            }
        }
    }

    /** {@code pactum soul show [<soulId>] [--owner <address>]}. */
    @Command(name = "show", description = "Show a soul, its guardians and any recovery in progress (default: the key's soul).")
    static final class Show extends BaseCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "<soulId>", description = "Soul id.")
        String soulId;

        @Option(names = "--owner", paramLabel = "<address>", converter = AddressConverter.class,
                description = "Show the soul this account owns.")
        Address owner;

        @Override
        int run(Output out) {
            if (soulId != null && owner != null) {
                throw CliException.usage("give a soul id or --owner, not both");
            }
            BigInteger given = soulId == null ? null : RegistryArgs.soulId(soulId);
            try (Registries r = RegistryArgs.open(root(), given == null && owner == null)) {
                BigInteger id = given;
                if (id == null) {
                    Address who = owner != null ? owner : r.account();
                    id = r.soulOf(who);
                    if (id.signum() == 0) {
                        throw CliException.failure(who + " owns no soul");
                    }
                }
                BigInteger soul = id;
                Registries.SoulView s = r.soul(id).orElseThrow(() -> CliException.failure("no soul " + soul));
                out.line("soul          " + s.id());
                out.line("owner         " + s.owner());
                out.line("backup CID    " + cidText(s.backupCid()));
                out.line("guardians     " + s.guardians().size() + " (recovery needs " + s.threshold() + ")");
                for (Address g : s.guardians()) {
                    out.line("  " + g);
                }
                out.line("nonce         " + s.recoveryNonce());
                out.line("recovery      " + s.recoveryState()
                        + (s.pendingOwner() == null ? "" : " to " + s.pendingOwner() + ", ready at " + s.readyAt()));
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("soulId", s.id().toString());
                doc.put("owner", s.owner().toString());
                doc.put("backupCid", cidText(s.backupCid()));
                doc.put("guardians", s.guardians().stream().map(Address::toString).toList());
                doc.put("threshold", s.threshold());
                doc.put("recoveryNonce", s.recoveryNonce());
                doc.put("createdAt", s.createdAt());
                doc.put("recoveryState", s.recoveryState());
                doc.put("pendingOwner", s.pendingOwner() == null ? null : s.pendingOwner().toString());
                doc.put("readyAt", s.readyAt());
                out.result(doc);
                return 0;
            }
        }
    }

    /** {@code pactum soul approve <soulId> <newOwner> [--nonce n]}: as a guardian. */
    @Command(name = "approve", description = "As a guardian, approve recovering a soul to a new owner.")
    static final class Approve extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<soulId>", description = "Soul id.")
        String soulId;

        @Parameters(index = "1", paramLabel = "<newOwner>", converter = AddressConverter.class,
                description = "The account the soul is recovered to.")
        Address newOwner;

        @Option(names = "--nonce", paramLabel = "<n>",
                description = "Recovery nonce the approval is for (default: the soul's current nonce).")
        Long nonce;

        @Override
        int run(Output out) {
            BigInteger id = RegistryArgs.soulId(soulId);
            if (newOwner.equals(Address.ZERO)) {
                throw CliException.usage("the new owner cannot be the zero address");
            }
            if (nonce != null && (nonce < 0 || nonce > 0xffffffffL)) {
                throw CliException.usage("--nonce must fit 32 bits");
            }
            try (Registries r = RegistryArgs.open(root(), true)) {
                Registries.SoulView s = r.soul(id).orElseThrow(() -> CliException.failure("no soul " + id));
                long n = nonce != null ? nonce : s.recoveryNonce();
                Registries.Approved a = r.soulApprove(id, newOwner, n);
                out.line("approved      soul " + id + " to " + newOwner + " (nonce " + n + ")");
                if (a.scheduled()) {
                    out.line("scheduled     executable at " + a.readyAt() + " unless the owner cancels");
                }
                out.line("tx            " + a.tx().hash() + " (block " + a.tx().block() + ")");
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("soulId", id.toString());
                doc.put("newOwner", newOwner.toString());
                doc.put("nonce", n);
                doc.put("scheduled", a.scheduled());
                doc.put("readyAt", a.readyAt());
                doc.put("tx", RegistryArgs.txJson(a.tx()));
                out.result(doc);
                return 0;
            }
        }
    }

    /** {@code pactum soul recover <soulId>}: executes a scheduled recovery once ready. */
    @Command(name = "recover", description = "Execute a scheduled recovery whose timelock has passed (anyone may).")
    static final class Recover extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<soulId>", description = "Soul id.")
        String soulId;

        @Override
        int run(Output out) {
            BigInteger id = RegistryArgs.soulId(soulId);
            try (Registries r = RegistryArgs.open(root(), true)) {
                Tx tx = r.soulExecuteRecovery(id);
                Registries.SoulView s = r.soul(id).orElseThrow(() -> CliException.failure("no soul " + id));
                out.line("recovered     soul " + id + ", owner now " + s.owner());
                out.line("tx            " + tx.hash() + " (block " + tx.block() + ")");
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("soulId", id.toString());
                doc.put("owner", s.owner().toString());
                doc.put("tx", RegistryArgs.txJson(tx));
                out.result(doc);
                return 0;
            }
        }
    }

    /** {@code pactum soul cancel <soulId>}: the owner voids any recovery in progress. */
    @Command(name = "cancel", description = "As the owner, cancel any recovery in progress (voids every approval).")
    static final class Cancel extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<soulId>", description = "Soul id.")
        String soulId;

        @Override
        int run(Output out) {
            BigInteger id = RegistryArgs.soulId(soulId);
            try (Registries r = RegistryArgs.open(root(), true)) {
                Tx tx = r.soulCancelRecovery(id);
                out.line("cancelled     recovery of soul " + id);
                out.line("tx            " + tx.hash() + " (block " + tx.block() + ")");
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("soulId", id.toString());
                doc.put("cancelled", true);
                doc.put("tx", RegistryArgs.txJson(tx));
                out.result(doc);
                return 0;
            }
        }
    }

    static int threshold(int n) {
        return (2 * n + 2) / 3;
    }

    static String cidText(byte[] bytes) {
        try {
            return Cid.fromBytes(bytes).toString();
        } catch (IllegalArgumentException e) {
            return io.pactum.protocol.crypto.Hex.encode(bytes);
        }
    }
}
