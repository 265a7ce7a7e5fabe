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
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pactum did}: DIDs of the DIDRegistry ({@code did:pactum:<chainId>:<address>}). */
@Command(name = "did", description = "Create, inspect and manage did:pactum DIDs: keys, controller, capabilities, service, delegations.",
        subcommands = {DidCommand.Create.class, DidCommand.Show.class, DidCommand.AddKey.class,
                DidCommand.RemoveKey.class, DidCommand.SetController.class, DidCommand.SetCapabilities.class,
                DidCommand.SetService.class, DidCommand.BumpEpoch.class, DidCommand.Delegate.class,
                DidCommand.Revoke.class})
final class DidCommand {
    /** Largest service endpoint the DIDRegistry stores, in UTF-8 bytes ({@code MAX_SERVICE_LENGTH}). */
    static final int MAX_SERVICE_LENGTH = io.pactum.chain.registry.DidRegistryGateway.MAX_SERVICE_LENGTH;

    /**
     * The {@code --did} option of the controller's writes: the DID the configured key controls,
     * by default its own (after {@code set-controller} the new controller names the DID it took over).
     */
    abstract static class ControllerCommand extends BaseCommand {
        @Option(names = "--did", paramLabel = "<did>",
                description = "The DID to change, controlled by the configured key (default: the key's own DID).")
        String did;

        Did target(Registries r) {
            return did == null ? new Did(r.chainId(), r.account()) : RegistryArgs.did(did, r.chainId());
        }
    }

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
                return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                        "did", did.toString(),
                        "capabilities", caps));
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

    /** {@code pactum did add-key <account> --purposes ... [--did <did>]}: a verification method of a DID the key controls. */
    @Command(name = "add-key", description = "Add (or update) a verification method of a DID the configured key controls.")
    static final class AddKey extends ControllerCommand {
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
                Did did = target(r);
                Tx tx = r.didSetMethod(did.address(), account, bits);
                out.line("did           " + did);
                out.line("key           " + account + "  purposes " + bits);
                return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                        "did", did.toString(),
                        "account", account.toString(),
                        "purposes", bits));
            }
        }
    }

    /** {@code pactum did remove-key <account> [--did <did>]}. */
    @Command(name = "remove-key", description = "Remove a verification method of a DID the configured key controls.")
    static final class RemoveKey extends ControllerCommand {
        @Parameters(index = "0", paramLabel = "<account>", converter = AddressConverter.class,
                description = "The key's address.")
        Address account;

        @Override
        int run(Output out) {
            if (account.equals(Address.ZERO)) {
                throw CliException.usage("the zero address is not a key of any DID");
            }
            try (Registries r = RegistryArgs.open(root(), true)) {
                Did did = target(r);
                Tx tx = r.didRemoveMethod(did.address(), account);
                out.line("did           " + did);
                out.line("removed key   " + account);
                out.line("note          delegations this key signed stay valid; bump the epoch to void them");
                return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                        "did", did.toString(),
                        "account", account.toString(),
                        "removed", true));
            }
        }
    }

    /** {@code pactum did set-controller <controller> [--did <did>]}: hands the DID to another account. */
    @Command(name = "set-controller", description = {
            "Hand a DID the configured key controls to another controller.",
            "Delegations stay valid; run 'did bump-epoch' to void them."})
    static final class SetController extends ControllerCommand {
        @Parameters(index = "0", paramLabel = "<controller>", converter = AddressConverter.class,
                description = "The new controller's address.")
        Address controller;

        @Override
        int run(Output out) {
            if (controller.equals(Address.ZERO)) {
                throw CliException.usage("the controller cannot be the zero address");
            }
            try (Registries r = RegistryArgs.open(root(), true)) {
                Did did = target(r);
                Tx tx = r.didChangeController(did.address(), controller);
                out.line("did           " + did);
                out.line("controller    " + controller);
                out.line("note          existing delegations stay valid; the new controller may run"
                        + " 'pactum did bump-epoch --did " + did + "' to void them");
                return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                        "did", did.toString(),
                        "controller", controller.toString()));
            }
        }
    }

    /** {@code pactum did set-capabilities <mask> [--did <did>]}. */
    @Command(name = "set-capabilities", description = {
            "Set the capability mask of a DID the configured key controls.",
            "Removing bits voids every delegation whose root grant is no longer within the mask."})
    static final class SetCapabilities extends ControllerCommand {
        @Parameters(index = "0", paramLabel = "<mask>", description = "16-bit capability mask (decimal or 0x-hex).")
        String capabilities;

        @Override
        int run(Output out) {
            int caps = RegistryArgs.capabilities(capabilities, false);
            try (Registries r = RegistryArgs.open(root(), true)) {
                Did did = target(r);
                DidState before = r.did(did).orElseThrow(() -> CliException.failure("no DID " + did + " in the registry"));
                Tx tx = r.didSetCapabilities(did.address(), caps);
                int removed = before.capabilities() & ~caps;
                out.line("did           " + did);
                out.line("capabilities  " + RegistryArgs.hex16(caps) + " (was " + RegistryArgs.hex16(before.capabilities())
                        + ")");
                if (removed != 0) {
                    out.line("note          delegations granting any of " + RegistryArgs.hex16(removed)
                            + " are void while those bits are off");
                }
                return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                        "did", did.toString(),
                        "capabilities", caps,
                        "previous", before.capabilities()));
            }
        }
    }

    /** {@code pactum did set-service <endpoint> | --clear [--did <did>]}. */
    @Command(name = "set-service", description = "Set (or with --clear remove) the service endpoint of a DID the configured key controls.")
    static final class SetService extends ControllerCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "<endpoint>",
                description = "An absolute URI of at most 256 bytes, e.g. https://agent.example/v1.")
        String endpoint;

        @Option(names = "--clear", description = "Remove the service endpoint.")
        boolean clear;

        @Override
        int run(Output out) {
            String value = serviceEndpoint(endpoint, clear);
            try (Registries r = RegistryArgs.open(root(), true)) {
                Did did = target(r);
                Tx tx = r.didSetService(did.address(), value);
                out.line("did           " + did);
                out.line("service       " + (value.isEmpty() ? "(cleared)" : value));
                return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                        "did", did.toString(),
                        "service", value.isEmpty() ? null : value));
            }
        }
    }

    /** {@code pactum did bump-epoch [--did <did>]}: voids every delegation rooted at the DID. */
    @Command(name = "bump-epoch", description = {
            "Void every delegation rooted at a DID the configured key controls (bumps its delegation epoch).",
            "Use it after a key compromise or a controller change."})
    static final class BumpEpoch extends ControllerCommand {
        @Override
        int run(Output out) {
            try (Registries r = RegistryArgs.open(root(), true)) {
                Did did = target(r);
                Tx tx = r.didBumpDelegationEpoch(did.address());
                long epoch = r.did(did).map(DidState::delegationEpoch)
                        .orElseThrow(() -> CliException.failure("no DID " + did + " in the registry after tx " + tx.hash()));
                out.line("did           " + did);
                out.line("epoch         " + epoch + " (every delegation issued before is void)");
                return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                        "did", did.toString(),
                        "delegationEpoch", epoch));
            }
        }
    }

    /** The endpoint to store: {@code ""} with {@code --clear}, else an absolute URI of at most 256 UTF-8 bytes. */
    static String serviceEndpoint(String endpoint, boolean clear) {
        if (clear) {
            if (endpoint != null) {
                throw CliException.usage("give an endpoint or --clear, not both");
            }
            return "";
        }
        if (endpoint == null || endpoint.isBlank()) {
            throw CliException.usage("give a service endpoint, or --clear to remove it");
        }
        int length = endpoint.getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_SERVICE_LENGTH) {
            throw CliException.usage("the service endpoint has " + length + " bytes, at most " + MAX_SERVICE_LENGTH
                    + " are allowed");
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw CliException.usage("the service endpoint is not a URI: " + e.getMessage());
        }
        if (!uri.isAbsolute()) {
            throw CliException.usage("the service endpoint must be an absolute URI (e.g. https://agent.example/v1): "
                    + endpoint);
        }
        return endpoint;
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
                return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                        "id", id.toHex(),
                        "issuer", d.issuer().toString(),
                        "delegate", delegate.toString(),
                        "capabilities", caps,
                        "expiry", d.expiry(),
                        "parent", parentId.toHex(),
                        "salt", d.salt().toHex()));
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
                return RegistryArgs.sent(out, tx, RegistryArgs.doc(
                        "id", delegationId.toHex(),
                        "revoked", true));
            }
        }
    }
}
