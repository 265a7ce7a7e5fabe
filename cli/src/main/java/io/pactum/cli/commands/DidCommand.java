package io.pactum.cli.commands;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.Registries;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.output.Output;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.did.Delegation;
import io.pactum.protocol.did.Did;
import io.pactum.protocol.did.DidDocuments;
import io.pactum.protocol.did.DidState;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pactum did}: DIDs of the DIDRegistry ({@code did:pactum:<chainId>:<address>}). */
@Command(name = "did", description = "Create and inspect did:pactum DIDs, their keys and capability delegations.",
        subcommands = {DidCommand.Create.class, DidCommand.Show.class, DidCommand.AddKey.class,
                DidCommand.Delegate.class, DidCommand.Revoke.class})
final class DidCommand {

    /** {@code pactum did create [--capabilities <mask>]}: the key's own DID. */
    @Command(name = "create", description = "Create the DID of the configured key's address.")
    static final class Create extends BaseCommand {
        @Option(names = "--capabilities", paramLabel = "<mask>", defaultValue = "0",
                description = "16-bit capability mask (decimal or 0x-hex), default 0.")
        String capabilities;

        @Override
        int run(Output out) {
            int caps = RegistryArgs.capabilities(capabilities, false);
            try (Registries r = RegistryArgs.open(root(), true)) {
                Did did = new Did(r.chainId(), r.account());
                Tx tx = r.didCreate(caps);
                out.line("did           " + did);
                out.line("capabilities  " + RegistryArgs.hex16(caps));
                out.line("tx            " + tx.hash() + " (block " + tx.block() + ")");
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("did", did.toString());
                doc.put("capabilities", caps);
                doc.put("tx", RegistryArgs.txJson(tx));
                out.result(doc);
                return 0;
            }
        }
    }

    /** {@code pactum did show [<did>]}: the DID Core document. */
    @Command(name = "show", description = "Show a DID's W3C DID Core document (default: the configured key's DID).")
    static final class Show extends BaseCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "<did>",
                description = "did:pactum:<chainId>:<address> (default: the key's DID).")
        String did;

        @Override
        int run(Output out) {
            try (Registries r = RegistryArgs.open(root(), did == null)) {
                Did d = did == null ? new Did(r.chainId(), r.account()) : RegistryArgs.did(did, r.chainId());
                DidState state = r.did(d).orElseThrow(() -> CliException.failure("no DID " + d + " in the registry"));
                var document = DidDocuments.document(state);
                out.line("did           " + d);
                out.line("controller    " + state.controller());
                out.line("capabilities  " + RegistryArgs.hex16(state.capabilities()));
                out.line("epoch         " + state.delegationEpoch());
                for (DidState.Method m : state.methods()) {
                    out.line("key           " + m.account() + "  purposes " + m.purposes());
                }
                state.service().ifPresent(s -> out.line("service       " + s));
                out.line("");
                out.line(document.toPrettyString());
                if (out.json()) {
                    out.raw(document.toString());
                }
                return 0;
            }
        }
    }

    /** {@code pactum did add-key <account> --purposes ...}: a verification method of the key's DID. */
    @Command(name = "add-key", description = "Add (or update) a verification method of the configured key's DID.")
    static final class AddKey extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<account>", converter = AddressConverter.class,
                description = "The key's address.")
        Address account;

        @Option(names = "--purposes", paramLabel = "<list>", required = true,
                description = "Comma list of authentication, assertion, invocation, delegation, or a number 1..15.")
        String purposes;

        @Override
        int run(Output out) {
            int bits = RegistryArgs.purposes(purposes);
            try (Registries r = RegistryArgs.open(root(), true)) {
                Did did = new Did(r.chainId(), r.account());
                Tx tx = r.didSetMethod(r.account(), account, bits);
                out.line("did           " + did);
                out.line("key           " + account + "  purposes " + bits);
                out.line("tx            " + tx.hash() + " (block " + tx.block() + ")");
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("did", did.toString());
                doc.put("account", account.toString());
                doc.put("purposes", bits);
                doc.put("tx", RegistryArgs.txJson(tx));
                out.result(doc);
                return 0;
            }
        }
    }

    /** {@code pactum did delegate <delegate> --capabilities <mask> [--parent <id>] [--expires-in 30d]}. */
    @Command(name = "delegate", description = "Sign (EIP-712) and register a capability delegation issued by the configured key.")
    static final class Delegate extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<delegate>", converter = AddressConverter.class,
                description = "Who receives the capabilities.")
        Address delegate;

        @Option(names = "--capabilities", paramLabel = "<mask>", required = true,
                description = "Non-zero 16-bit mask, a subset of what the issuer holds.")
        String capabilities;

        @Option(names = "--parent", paramLabel = "<id>",
                description = "Delegation id this one re-delegates (default: a root delegation of the key's DID).")
        String parent;

        @Option(names = "--expires-in", paramLabel = "<duration>", defaultValue = "30d",
                description = "Lifetime from the chain's current time (30d, 12h, 90m), default 30d.")
        String expiresIn;

        @Override
        int run(Output out) {
            int caps = RegistryArgs.capabilities(capabilities, true);
            long seconds = RegistryArgs.duration(expiresIn, "--expires-in").toSeconds();
            Bytes32 parentId = parent == null ? Bytes32.ZERO : RegistryArgs.id(parent, "--parent");
            try (Registries r = RegistryArgs.open(root(), true)) {
                byte[] salt = new byte[32];
                new SecureRandom().nextBytes(salt);
                Delegation d = new Delegation(r.account(), delegate, caps, r.chainTime() + seconds, parentId,
                        Bytes32.of(salt));
                Bytes32 id = d.digest(Delegation.domain(r.chainId(), r.didRegistry()));
                Tx tx = r.didRegisterDelegation(d, r.sign(id));
                out.line("delegation    " + id.toHex());
                out.line("issuer        " + d.issuer());
                out.line("delegate      " + delegate);
                out.line("capabilities  " + RegistryArgs.hex16(caps));
                out.line("expiry        " + d.expiry());
                out.line("tx            " + tx.hash() + " (block " + tx.block() + ")");
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("id", id.toHex());
                doc.put("issuer", d.issuer().toString());
                doc.put("delegate", delegate.toString());
                doc.put("capabilities", caps);
                doc.put("expiry", d.expiry());
                doc.put("parent", parentId.toHex());
                doc.put("salt", d.salt().toHex());
                doc.put("tx", RegistryArgs.txJson(tx));
                out.result(doc);
                return 0;
            }
        }
    }

    /** {@code pactum did revoke <delegationId>}. */
    @Command(name = "revoke", description = "Revoke a delegation (as its issuer, its delegate or the root DID's controller).")
    static final class Revoke extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<id>", description = "Delegation id (0x + 64 hex digits).")
        String id;

        @Override
        int run(Output out) {
            Bytes32 delegationId = RegistryArgs.id(id, "delegation id");
            try (Registries r = RegistryArgs.open(root(), true)) {
                if (r.delegation(delegationId).isEmpty()) {
                    throw CliException.failure("no delegation " + delegationId.toHex() + " in the registry");
                }
                Tx tx = r.didRevoke(delegationId);
                out.line("revoked       " + delegationId.toHex());
                out.line("tx            " + tx.hash() + " (block " + tx.block() + ")");
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("id", delegationId.toHex());
                doc.put("revoked", true);
                doc.put("tx", RegistryArgs.txJson(tx));
                out.result(doc);
                return 0;
            }
        }
    }
}
