package io.pactum.cli.commands;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.Registries;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.output.Output;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pactum cid}: anchors of the CidRegistry. */
@Command(name = "cid", description = "Anchor CIDs on chain and read anchors.",
        subcommands = {CidCommand.Anchor.class, CidCommand.Show.class})
final class CidCommand {

    /** {@code pactum cid anchor <cid> [--kind spec|input|result|backup|module|<n>]}. */
    @Command(name = "anchor", description = "Anchor a CID as the configured key (its digest is the content hash).")
    static final class Anchor extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<cid>", description = "CIDv0 or CIDv1 (multibase).")
        String cid;

        @Option(names = "--kind", paramLabel = "<kind>", defaultValue = "unspecified",
                description = "unspecified, spec, input, result, backup, module or a number 0..255.")
        String kind;

        @Override
        int run(Output out) {
            Cid c = RegistryArgs.cid(cid);
            int k = RegistryArgs.kind(kind);
            try (Registries r = RegistryArgs.open(root(), true)) {
                Tx tx = r.cidAnchor(c.toBytes(), Bytes32.of(c.digest()), k);
                out.line("anchored      " + c);
                out.line("owner         " + r.account());
                out.line("kind          " + RegistryArgs.kindName(k));
                out.line("tx            " + tx.hash() + " (block " + tx.block() + ")");
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("cid", c.toString());
                doc.put("cidKey", Bytes32.keccak(c.toBytes()).toHex());
                doc.put("owner", r.account().toString());
                doc.put("kind", k);
                doc.put("tx", RegistryArgs.txJson(tx));
                out.result(doc);
                return 0;
            }
        }
    }

    /** {@code pactum cid show <cid> [--owner <address>]}. */
    @Command(name = "show", description = "Show an account's anchor of a CID (default: the configured key's).")
    static final class Show extends BaseCommand {
        @Parameters(index = "0", paramLabel = "<cid>", description = "CIDv0 or CIDv1 (multibase).")
        String cid;

        @Option(names = "--owner", paramLabel = "<address>", converter = AddressConverter.class,
                description = "Whose anchor (default: the configured key's address).")
        Address owner;

        @Override
        int run(Output out) {
            Cid c = RegistryArgs.cid(cid);
            try (Registries r = RegistryArgs.open(root(), owner == null)) {
                Address who = owner != null ? owner : r.account();
                Registries.AnchorView a = r.cidAnchorOf(c.toBytes(), who)
                        .orElseThrow(() -> CliException.failure(c + " is not anchored by " + who));
                out.line("cid           " + c);
                out.line("owner         " + who);
                out.line("kind          " + RegistryArgs.kindName(a.kind()));
                out.line("anchored at   " + a.anchoredAt());
                out.line("codec         0x" + Long.toHexString(a.codec()) + ", hash 0x" + Long.toHexString(a.hashFunction()));
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("cid", c.toString());
                doc.put("owner", who.toString());
                doc.put("kind", a.kind());
                doc.put("anchoredAt", a.anchoredAt());
                doc.put("codec", a.codec());
                doc.put("hashFunction", a.hashFunction());
                out.result(doc);
                return 0;
            }
        }
    }
}
