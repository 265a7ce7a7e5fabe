package io.pactum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pactum.chain.registry.DidRegistryGateway;
import io.pactum.chain.registry.SoulRegistryGateway;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.Deployment;
import io.pactum.cli.config.ConfigLoader;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pactum did|soul|cid} against the registries deployed by contracts/script/Deploy.s.sol on
 * anvil; the registry addresses come from the profile's deployment object (as the devnet writes
 * it). Every write is accepted by the deployed contract and its effect read back (by the CLI's
 * {@code show} commands, or by the chain module's gateways where the CLI shows no such state:
 * delegation validity); refused writes exit 1 with the decoded protocol error.
 */
class RegistriesIT {
    static Anvil anvil;
    static Deployment d;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void deploy() {
        anvil = Anvil.start();
        d = Deployment.deploy(anvil);
    }

    @AfterAll
    static void stop() {
        if (anvil != null) {
            anvil.close();
        }
    }

    record Run(int code, String out, String err) {}

    Run pactum(String... args) throws Exception {
        return pactumAs(1, args);
    }

    /** {@code pactum} with anvil account {@code key}'s key in the profile. */
    Run pactumAs(int key, String... args) throws Exception {
        ObjectNode dep = JSON.createObjectNode();
        dep.put("chainId", 31337).put("token", d.token().toLowerHex()).put("vault", d.vault().toLowerHex())
                .put("dealManager", d.dealManager().toLowerHex()).put("deployBlock", d.deployBlock())
                .put("cidRegistry", d.cidRegistry().toLowerHex()).put("didRegistry", d.didRegistry().toLowerHex())
                .put("soulRegistry", d.soulRegistry().toLowerHex());
        ObjectNode profile = JSON.createObjectNode();
        profile.put("rpcUrl", anvil.url()).put("chainId", 31337).put("key", Accounts.PRIVATE_KEYS.get(key));
        profile.set("deployment", dep);
        Path file = Files.writeString(dir.resolve("cli.json"), profile.toString());
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = file.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(all, new PrintWriter(out), new PrintWriter(err), new ConfigLoader(Map.of(), dir, () -> null),
                Backends.live());
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shouldCreateAndShowADid() throws Exception {
        String did = "did:pactum:31337:" + Accounts.address(1).toLowerCase();
        Run missing = pactum("did", "show", did);
        assertThat(missing.code()).as(missing.out()).isEqualTo(1);
        assertThat(missing.err()).contains("no DID");

        Run create = pactum("--json", "did", "create", "--capabilities", "0x00ff");
        assertThat(create.code()).as(create.err()).isZero();
        assertThat(JSON.readTree(create.out()).get("did").asText()).isEqualTo(did);
        Run key = pactum("did", "add-key", Accounts.address(2), "--purposes", "auth,delegate");
        assertThat(key.code()).as(key.err()).isZero();

        Run show = pactum("--json", "did", "show", did);
        assertThat(show.code()).as(show.err()).isZero();
        JsonNode doc = JSON.readTree(show.out());
        assertThat(doc.get("id").asText()).isEqualTo(did);
        assertThat(doc.get("verificationMethod")).hasSize(2);
        assertThat(doc.get("capabilityDelegation")).hasSize(2);
        Run human = pactum("did", "show");
        assertThat(human.code()).as(human.err()).isZero();
        assertThat(human.out()).contains("capabilities  0x00ff").contains("\"id\" : \"" + did + "\"");

        Run delegate = pactum("--json", "did", "delegate", Accounts.address(3), "--capabilities", "0x0003");
        assertThat(delegate.code()).as(delegate.err()).isZero();
        String id = JSON.readTree(delegate.out()).get("id").asText();
        Run revoke = pactum("did", "revoke", id);
        assertThat(revoke.code()).as(revoke.err()).isZero();
        assertThat(revoke.out()).contains("revoked");
        Run again = pactum("did", "revoke", id);
        assertThat(again.code()).isEqualTo(1);
    }

    @Test
    void shouldAnchorAndShowACid() throws Exception {
        String cid = Cid.rawOf("pactum cli registries IT".getBytes(StandardCharsets.UTF_8)).toString();
        Run none = pactum("cid", "show", cid);
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("not anchored");

        Run anchor = pactum("cid", "anchor", cid, "--kind", "input");
        assertThat(anchor.code()).as(anchor.err()).isZero();
        assertThat(anchor.out()).contains("anchored      " + cid);

        Run show = pactum("--json", "cid", "show", cid, "--owner", Accounts.address(1));
        assertThat(show.code()).as(show.err()).isZero();
        JsonNode a = JSON.readTree(show.out());
        assertThat(a.get("kind").asInt()).isEqualTo(2);
        assertThat(a.get("anchoredAt").asLong()).isPositive();
        assertThat(a.get("codec").asLong()).isEqualTo(Cid.RAW);

        Run twice = pactum("cid", "anchor", cid);
        assertThat(twice.code()).isEqualTo(1);
        assertThat(twice.err()).contains("CidAlreadyAnchored");
    }
    static Run ok(Run r) {
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    static Run refused(Run r, String error) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).contains(error);
        return r;
    }

    @Test
    void shouldManageADidAsItsControllerThenHandItOver() throws Exception {
        String acct5 = Accounts.address(5).toLowerCase();
        String acct6 = Accounts.address(6).toLowerCase();
        String did = "did:pactum:31337:" + acct5;
        ok(pactumAs(5, "did", "create", "--capabilities", "0x000f"));
        ok(pactumAs(5, "did", "add-key", Accounts.address(7), "--purposes", "auth,delegate"));
        String delegation = JSON.readTree(ok(pactumAs(5, "--json", "did", "delegate", Accounts.address(8),
                "--capabilities", "0x0003")).out()).get("id").asText();
        try (ChainConnection chain = ChainConnection.open(anvil.url(), 31337L)) {
            DidRegistryGateway dids = new DidRegistryGateway(chain, d.didRegistry(), 31337);
            Bytes32 id = Bytes32.fromHex(delegation);
            assertThat(dids.isDelegationValid(id)).isTrue();

            // set-capabilities: shrinking below the root grant voids the delegation, restoring revives it
            JsonNode caps = JSON.readTree(ok(pactumAs(5, "--json", "did", "set-capabilities", "0x0001")).out());
            assertThat(caps.get("previous").asInt()).isEqualTo(0x0f);
            assertThat(ok(pactumAs(5, "did", "show")).out()).contains("capabilities  0x0001");
            assertThat(dids.isDelegationValid(id)).as("root grant 0x0003 no longer within 0x0001").isFalse();
            assertThat(ok(pactumAs(5, "did", "set-capabilities", "15")).out()).contains("(was 0x0001)");
            assertThat(dids.isDelegationValid(id)).isTrue();

            // set-service, then --clear
            ok(pactumAs(5, "did", "set-service", "https://agent.example/v1"));
            JsonNode doc = JSON.readTree(ok(pactumAs(5, "--json", "did", "show", did)).out());
            assertThat(doc.get("service").get(0).get("serviceEndpoint").asText()).isEqualTo("https://agent.example/v1");
            ok(pactumAs(5, "did", "set-service", "--clear"));
            assertThat(JSON.readTree(ok(pactumAs(5, "--json", "did", "show", did)).out()).has("service")).isFalse();

            // remove-key: the method is gone; removing it again is refused by the contract
            ok(pactumAs(5, "did", "remove-key", Accounts.address(7)));
            doc = JSON.readTree(ok(pactumAs(5, "--json", "did", "show", did)).out());
            assertThat(doc.get("verificationMethod")).hasSize(1);
            assertThat(doc.get("verificationMethod").get(0).get("id").asText()).endsWith("#controller");
            refused(pactumAs(5, "did", "remove-key", Accounts.address(7)), "DidMethodNotFound");

            // bump-epoch voids every delegation rooted at the DID
            JsonNode bump = JSON.readTree(ok(pactumAs(5, "--json", "did", "bump-epoch")).out());
            assertThat(bump.get("delegationEpoch").asLong()).isEqualTo(1);
            assertThat(dids.isDelegationValid(id)).isFalse();

            // set-controller: the old key is refused, the new controller manages the DID with --did
            ok(pactumAs(5, "did", "set-controller", Accounts.address(6)));
            assertThat(JSON.readTree(ok(pactumAs(5, "--json", "did", "show", did)).out()).get("controller").asText())
                    .isEqualTo("did:pactum:31337:" + acct6);
            refused(pactumAs(5, "did", "bump-epoch"), "DidNotController");
            JsonNode again = JSON.readTree(ok(pactumAs(6, "--json", "did", "bump-epoch", "--did", did)).out());
            assertThat(again.get("delegationEpoch").asLong()).isEqualTo(2);
            ok(pactumAs(6, "did", "set-service", "https://heir.example/", "--did", did));
            assertThat(ok(pactumAs(6, "did", "show", did)).out()).contains("service       https://heir.example/")
                    .contains("controller    " + Address.parse(acct6));
        }
    }

    @Test
    void shouldChangeBackupGuardiansAndOwnerOfASoul() throws Exception {
        String v1 = Cid.rawOf("soul backup v1".getBytes(StandardCharsets.UTF_8)).toString();
        String v2 = Cid.rawOf("soul backup v2".getBytes(StandardCharsets.UTF_8)).toString();
        String soulId = JSON.readTree(ok(pactum("--json", "soul", "create", "--backup-cid", v1, "--guardian",
                Accounts.address(2), "--guardian", Accounts.address(3), "--guardian", Accounts.address(4))).out())
                .get("soulId").asText();

        ok(pactum("soul", "set-backup", soulId, v2));
        JsonNode s = JSON.readTree(ok(pactum("--json", "soul", "show", soulId)).out());
        assertThat(s.get("backupCid").asText()).isEqualTo(v2);
        assertThat(s.get("guardianChange").isNull()).isTrue();

        // propose: pending for 3 days; executing early is refused by the contract
        JsonNode p = JSON.readTree(ok(pactum("--json", "soul", "guardians", "propose", soulId, "--guardian",
                Accounts.address(5), "--guardian", Accounts.address(6), "--guardian", Accounts.address(7), "--guardian",
                Accounts.address(8))).out());
        long readyAt = p.get("readyAt").asLong();
        s = JSON.readTree(ok(pactum("--json", "soul", "show", soulId)).out());
        assertThat(s.get("guardianChange").get("readyAt").asLong()).isEqualTo(readyAt);
        assertThat(s.get("guardianChange").get("guardians")).hasSize(4);
        assertThat(s.get("guardians")).hasSize(3);
        refused(pactumAs(9, "soul", "guardians", "execute", soulId), "SoulGuardianChangeNotReady");

        anvil.increaseTime(SoulRegistryGateway.DELAY_SECONDS + 1);
        anvil.mine();
        JsonNode e = JSON.readTree(ok(pactumAs(9, "--json", "soul", "guardians", "execute", soulId)).out());
        assertThat(e.get("threshold").asInt()).isEqualTo(3);
        assertThat(e.get("recoveryNonce").asLong()).isEqualTo(1);
        s = JSON.readTree(ok(pactum("--json", "soul", "show", soulId)).out());
        assertThat(s.get("guardians")).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(s.get("guardians").get(i).asText()).isEqualToIgnoringCase(Accounts.address(5 + i));
        }
        assertThat(s.get("guardianChange").isNull()).isTrue();

        // propose then cancel: nothing pending; cancelling again is refused
        ok(pactum("soul", "guardians", "propose", soulId, "--guardian", Accounts.address(2), "--guardian",
                Accounts.address(3), "--guardian", Accounts.address(4)));
        ok(pactum("soul", "guardians", "cancel", soulId));
        s = JSON.readTree(ok(pactum("--json", "soul", "show", soulId)).out());
        assertThat(s.get("guardianChange").isNull()).isTrue();
        assertThat(s.get("guardians")).hasSize(4);
        refused(pactum("soul", "guardians", "cancel", soulId), "SoulNoGuardianChange");

        // transfer: the new owner holds it, the old key owns nothing and may not transfer it again
        ok(pactum("soul", "transfer", soulId, Accounts.address(9)));
        s = JSON.readTree(ok(pactum("--json", "soul", "show", "--owner", Accounts.address(9))).out());
        assertThat(s.get("soulId").asText()).isEqualTo(soulId);
        assertThat(s.get("recoveryNonce").asLong()).isEqualTo(2);
        refused(pactum("soul", "show"), "owns no soul");
        refused(pactum("soul", "transfer", soulId, Accounts.address(2)), "SoulNotOwner");
        refused(pactum("soul", "set-backup", soulId, v1), "SoulNotOwner");
    }

    @Test
    void shouldAnchorABatchAllOrNothing() throws Exception {
        String[] cids = new String[4];
        for (int i = 0; i < cids.length; i++) {
            cids[i] = Cid.rawOf(("cli batch " + i).getBytes(StandardCharsets.UTF_8)).toString();
        }
        JsonNode b = JSON.readTree(ok(pactum("--json", "cid", "anchor", cids[0], cids[1], cids[2], "--kind", "spec",
                "--kind", "input", "--kind", "result")).out());
        assertThat(b.get("anchors")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode a = JSON.readTree(ok(pactum("--json", "cid", "show", cids[i])).out());
            assertThat(a.get("kind").asInt()).isEqualTo(i + 1);
            assertThat(a.get("anchoredAt").asLong()).isPositive();
        }
        // a batch holding one already anchored CID reverts as a whole: the new one stays unanchored
        refused(pactum("cid", "anchor", cids[3], cids[1]), "CidAlreadyAnchored");
        refused(pactum("cid", "show", cids[3]), "not anchored");
    }
}
