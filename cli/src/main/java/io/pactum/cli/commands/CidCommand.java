package io.pactum.cli.commands;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.Registries;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.output.Output;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pactum cid}: anchors of the CidRegistry. */
@Command(name = "cid", description = "Anchor CIDs on chain (one or a batch) and read anchors.",
        subcommands = {CidCommand.Anchor.class, CidCommand.Show.class})
final class CidCommand {
    /** Largest batch of the CidRegistry's {@code anchorBatch} ({@code MAX_BATCH}). */
    static final int MAX_BATCH = io.pactum.chain.registry.CidRegistryGateway.MAX_BATCH;

    /**
     * {@code pactum cid anchor <cid>... [--kind <kind>]...}: one CID with {@code anchor}, several (up to
     * {@value #MAX_BATCH}) in one all-or-nothing {@code anchorBatch}.
     */
    @Command(name = "anchor", description = {
            "Anchor CIDs as the configured key (each CID's digest is its content hash).",
            "Several CIDs (at most 64) are anchored in one transaction, all or nothing."})
    static final class Anchor extends BaseCommand {
        @Parameters(index = "0..*", arity = "1..*", paramLabel = "<cid>", description = "CIDv0 or CIDv1 (multibase).")
        List<String> cids;

        @Option(names = "--kind", paramLabel = "<kind>",
                description = "unspecified (default), spec, input, result, backup, module or a number 0..255;"
                        + " once for every CID, or once per CID in order.")
        List<String> kinds;

        @Override
        int run(Output out) {
            if (cids.size() > MAX_BATCH) {
                throw CliException.usage("at most " + MAX_BATCH + " CIDs per transaction, got " + cids.size());
            }
            List<Cid> parsed = cids.stream().map(RegistryArgs::cid).toList();
            Set<Cid> seen = new HashSet<>();
            for (Cid c : parsed) {
                if (!seen.add(c)) {
                    throw CliException.usage(c + " is given twice (the registry rejects the whole batch)");
                }
            }
            List<Integer> k = kinds(kinds, parsed.size());
            try (Registries r = RegistryArgs.open(root(), true)) {
                Tx tx;
                if (parsed.size() == 1) {
                    Cid c = parsed.get(0);
                    tx = r.cidAnchor(c.toBytes(), Bytes32.of(c.digest()), k.get(0));
                } else {
                    tx = r.cidAnchorBatch(parsed.stream().map(Cid::toBytes).toList(),
                            parsed.stream().map(c -> Bytes32.of(c.digest())).toList(), k);
                }
                List<Map<String, Object>> anchors = new ArrayList<>();
                for (int i = 0; i < parsed.size(); i++) {
                    Cid c = parsed.get(i);
                    out.line("anchored      " + c + (parsed.size() == 1 ? "" : "  kind " + RegistryArgs.kindName(k.get(i))));
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put("cid", c.toString());
                    a.put("cidKey", Bytes32.keccak(c.toBytes()).toHex());
                    a.put("kind", k.get(i));
                    anchors.add(a);
                }
                out.line("owner         " + r.account());
                if (parsed.size() == 1) {
                    out.line("kind          " + RegistryArgs.kindName(k.get(0)));
                }
                out.line("tx            " + tx.hash() + " (block " + tx.block() + ")");
                Map<String, Object> doc = new LinkedHashMap<>();
                if (parsed.size() == 1) { // the single-CID fields, as before batches
                    doc.putAll(anchors.get(0));
                }
                doc.put("owner", r.account().toString());
                doc.put("anchors", anchors);
                doc.put("tx", RegistryArgs.txJson(tx));
                out.result(doc);
                return 0;
            }
        }

        /** One kind per CID: none given → unspecified, one → for all, else exactly one per CID. */
        static List<Integer> kinds(List<String> given, int cids) {
            if (given == null || given.isEmpty()) {
                return Collections.nCopies(cids, 0);
            }
            List<Integer> k = given.stream().map(RegistryArgs::kind).toList();
            if (k.size() == 1) {
                return Collections.nCopies(cids, k.get(0));
            }
            if (k.size() != cids) {
                throw CliException.usage("give --kind once for every CID or once per CID: " + k.size() + " kinds for "
                        + cids + " CIDs");
            }
            return k;
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
