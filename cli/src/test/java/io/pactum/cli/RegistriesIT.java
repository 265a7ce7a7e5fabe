package io.pactum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.Deployment;
import io.pactum.cli.config.ConfigLoader;
import io.pactum.protocol.cid.Cid;
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
 * {@code pactum did create → did show} and {@code cid anchor → cid show} against the registries
 * deployed by contracts/script/Deploy.s.sol on anvil; the registry addresses come from the
 * profile's deployment object (as the devnet writes it).
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
        ObjectNode dep = JSON.createObjectNode();
        dep.put("chainId", 31337).put("token", d.token().toLowerHex()).put("vault", d.vault().toLowerHex())
                .put("dealManager", d.dealManager().toLowerHex()).put("deployBlock", d.deployBlock())
                .put("cidRegistry", d.cidRegistry().toLowerHex()).put("didRegistry", d.didRegistry().toLowerHex())
                .put("soulRegistry", d.soulRegistry().toLowerHex());
        ObjectNode profile = JSON.createObjectNode();
        profile.put("rpcUrl", anvil.url()).put("chainId", 31337).put("key", Accounts.PRIVATE_KEYS.get(1));
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
}
