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
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pactum soul}: souls of the SoulRegistry (identity backup CID, 3 to 7 guardians, timelocked recovery). */
@Command(name = "soul", description = "Create, inspect and hand over souls; change their guardians; approve, execute or cancel guardian recoveries.",
        subcommands = {SoulCommand.Create.class, SoulCommand.Show.class, SoulCommand.SetBackup.class,
                SoulCommand.Transfer.class, SoulCommand.Guardians.class, SoulCommand.Approve.class,
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
            checkGuardians(guardians);
            try (Registries r = RegistryArgs.open(root(), true)) {
                checkNotOwner(guardians, r.account());
                Registries.Created c = r.soulCreate(cid.toBytes(), guardians);
                out.line("soul          " + c.soulId());
                out.line("owner         " + r.account());
                out.line("guardians     " + guardians.size() + " (recovery needs " + threshold(guardians.size()) + ")");
                return RegistryArgs.sent(out, c.tx(), RegistryArgs.doc(
                        "soulId", c.soulId().toString(),
                        "owner", r.account().toString(),
                        "backupCid", cid.toString(),
                        "guardians", guardians.stream().map(Address::toString).toList()));
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
                Registries.SoulView s = existing(r, id);
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
                Optional<Registries.PendingGuardiansView> change = r.soulPendingGuardians(id);
                change.ifPresent(p -> {
                    out.line("proposed      " + p.guardians().size() + " new guardians, ready at " + p.readyAt());
                    for (Address g : p.guardians()) {
                        out.line("  " + g);
                    }
                });
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
                doc.put("guardianChange", change.map(SoulCommand::changeJson).orElse(null));
                out.result(doc);
                return 0;
            }
        }
    }

    /** {@code pactum soul set-backup <soulId> <cid>}: the owner replaces the identity backup CID. */
    @Command(name = "set-backup", description = "As the owner, replace a soul's identity backup CID.")
    static final class SetBackup extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<soulId>", description = "Soul id.")
        String soulId;

        @Parameters(index = "1", paramLabel = "<cid>", description = "The new identity backup CID.")
        String backupCid;

        @Override
        int run(Output out) {
            BigInteger id = RegistryArgs.soulId(soulId);
            Cid cid = RegistryArgs.cid(backupCid);
            try (Registries r = RegistryArgs.open(root(), true)) {
                Tx tx = r.soulSetBackupCid(id, cid.toBytes());
                out.line("soul          " + id);
                out.line("backup CID    " + cid);
                return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                        "soulId", id.toString(),
                        "backupCid", cid.toString()));
            }
        }
    }

    /** {@code pactum soul transfer <soulId> <newOwner>}: the owner hands the soul over. */
    @Command(name = "transfer", description = {
            "As the owner, hand a soul to another account (which must own no soul).",
            "Voids every recovery approval so far (the recovery nonce moves)."})
    static final class Transfer extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<soulId>", description = "Soul id.")
        String soulId;

        @Parameters(index = "1", paramLabel = "<newOwner>", converter = AddressConverter.class,
                description = "The account the soul is handed to.")
        Address newOwner;

        @Override
        int run(Output out) {
            BigInteger id = RegistryArgs.soulId(soulId);
            if (newOwner.equals(Address.ZERO)) {
                throw CliException.usage("the new owner cannot be the zero address");
            }
            try (Registries r = RegistryArgs.open(root(), true)) {
                if (newOwner.equals(r.account())) {
                    throw CliException.usage("the new owner " + newOwner + " is the configured key itself");
                }
                Tx tx = r.soulTransfer(id, newOwner);
                out.line("transferred   soul " + id + " from " + r.account() + " to " + newOwner);
                return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                        "soulId", id.toString(),
                        "previousOwner", r.account().toString(),
                        "owner", newOwner.toString()));
            }
        }
    }

    /** {@code pactum soul guardians propose|execute|cancel}: timelocked guardian-set changes. */
    @Command(name = "guardians", description = "Change a soul's guardians: the owner proposes a new set, effective 3 days later.",
            subcommands = {Guardians.Propose.class, Guardians.Execute.class, Guardians.CancelChange.class})
    static final class Guardians {

        /** {@code pactum soul guardians propose <soulId> --guardian <a> ... (3 to 7)}. */
        @Command(name = "propose", description = {
                "As the owner, propose a new set of 3 to 7 guardians (replaces an earlier proposal).",
                "It can be executed once the 3-day delay has passed."})
        static final class Propose extends BaseCommand {
            @Parameters(index = "0", paramLabel = "<soulId>", description = "Soul id.")
            String soulId;

            @Option(names = "--guardian", paramLabel = "<address>", required = true, converter = AddressConverter.class,
                    description = "A guardian of the new set (repeat 3 to 7 times; distinct, not the owner).")
            List<Address> guardians;

            @Override
            int run(Output out) {
                BigInteger id = RegistryArgs.soulId(soulId);
                checkGuardians(guardians);
                try (Registries r = RegistryArgs.open(root(), true)) {
                    checkNotOwner(guardians, r.account());
                    Tx tx = r.soulProposeGuardians(id, guardians);
                    Registries.PendingGuardiansView p = r.soulPendingGuardians(id).orElseThrow(() -> CliException.failure(
                            "proposeGuardians was mined (tx " + tx.hash() + ") but soul " + id + " has no pending change"));
                    out.line("proposed      " + guardians.size() + " guardians for soul " + id + " (recovery will need "
                            + threshold(guardians.size()) + ")");
                    out.line("ready at      " + p.readyAt() + "; then run 'pactum soul guardians execute " + id + "'");
                    return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                            "soulId", id.toString(),
                            "guardians", guardians.stream().map(Address::toString).toList(),
                            "readyAt", p.readyAt()));
                }
            }
        }

        /** {@code pactum soul guardians execute <soulId>}: applies a ready proposal (anyone may). */
        @Command(name = "execute", description = {
                "Apply a proposed guardian set whose delay has passed (anyone may).",
                "Voids every recovery approval so far (the recovery nonce moves)."})
        static final class Execute extends BaseCommand {
            @Parameters(index = "0", paramLabel = "<soulId>", description = "Soul id.")
            String soulId;

            @Override
            int run(Output out) {
                BigInteger id = RegistryArgs.soulId(soulId);
                try (Registries r = RegistryArgs.open(root(), true)) {
                    Tx tx = r.soulExecuteGuardians(id);
                    Registries.SoulView s = existing(r, id);
                    out.line("guardians     soul " + id + " now has " + s.guardians().size() + " (recovery needs "
                            + s.threshold() + ")");
                    for (Address g : s.guardians()) {
                        out.line("  " + g);
                    }
                    out.line("nonce         " + s.recoveryNonce());
                    return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                            "soulId", id.toString(),
                            "guardians", s.guardians().stream().map(Address::toString).toList(),
                            "threshold", s.threshold(),
                            "recoveryNonce", s.recoveryNonce()));
                }
            }
        }

        /** {@code pactum soul guardians cancel <soulId>}: the owner drops the proposal. */
        @Command(name = "cancel", description = "As the owner, drop a proposed guardian set.")
        static final class CancelChange extends BaseCommand {
            @Parameters(index = "0", paramLabel = "<soulId>", description = "Soul id.")
            String soulId;

            @Override
            int run(Output out) {
                BigInteger id = RegistryArgs.soulId(soulId);
                try (Registries r = RegistryArgs.open(root(), true)) {
                    Tx tx = r.soulCancelGuardians(id);
                    out.line("cancelled     guardian change of soul " + id);
                    return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                            "soulId", id.toString(),
                            "cancelled", true));
                }
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
                Registries.SoulView s = existing(r, id);
                long n = nonce != null ? nonce : s.recoveryNonce();
                Registries.Approved a = r.soulApprove(id, newOwner, n);
                out.line("approved      soul " + id + " to " + newOwner + " (nonce " + n + ")");
                if (a.scheduled()) {
                    out.line("scheduled     executable at " + a.readyAt() + " unless the owner cancels");
                }
                return RegistryArgs.sent(out, a.tx(), RegistryArgs.doc(
                        "soulId", id.toString(),
                        "newOwner", newOwner.toString(),
                        "nonce", n,
                        "scheduled", a.scheduled(),
                        "readyAt", a.readyAt()));
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
                Registries.SoulView s = existing(r, id);
                out.line("recovered     soul " + id + ", owner now " + s.owner());
                return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                        "soulId", id.toString(),
                        "owner", s.owner().toString()));
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
                return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                        "soulId", id.toString(),
                        "cancelled", true));
            }
        }
    }

    /** A guardian set as the registry accepts it: 3 to 7 distinct, non-zero addresses. */
    /** The soul {@code id}, or a failure saying there is none. */
    static Registries.SoulView existing(Registries r, BigInteger id) {
        return r.soul(id).orElseThrow(() -> CliException.failure("no soul " + id));
    }

    static void checkGuardians(List<Address> guardians) {
        if (guardians.size() < MIN_GUARDIANS || guardians.size() > MAX_GUARDIANS) {
            throw CliException.usage("a soul needs 3 to 7 guardians, got " + guardians.size());
        }
        if (new HashSet<>(guardians).size() != guardians.size()) {
            throw CliException.usage("guardians must be distinct");
        }
        if (guardians.contains(Address.ZERO)) {
            throw CliException.usage("the zero address cannot be a guardian");
        }
    }

    static void checkNotOwner(List<Address> guardians, Address owner) {
        if (guardians.contains(owner)) {
            throw CliException.usage("the owner " + owner + " cannot be its own guardian");
        }
    }

    static Map<String, Object> changeJson(Registries.PendingGuardiansView p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("guardians", p.guardians().stream().map(Address::toString).toList());
        m.put("readyAt", p.readyAt());
        return m;
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
