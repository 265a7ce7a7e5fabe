package io.pactum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pactum.cli.chain.DealChain;
import io.pactum.cli.chain.Funds;
import io.pactum.cli.chain.Registries;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.client.JobClient;
import io.pactum.cli.config.CliConfig;
import io.pactum.cli.config.ConfigLoader;
import io.pactum.cli.solver.SolverApi;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.did.Delegation;
import io.pactum.protocol.did.Did;
import io.pactum.protocol.did.DidState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pactum did|soul|cid}: parsing, validation (exit 2 before any chain call) and output, on a fake registry backend. */
class RegistryCommandsTest {
    static final EthKey KEY = EthKey.fromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    static final Address ME = KEY.address();
    static final Address A = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    static final Address B = Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
    static final Address C = Address.parse("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
    static final Address REGISTRY = Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    static final String CID = Cid.rawOf("hello".getBytes(StandardCharsets.UTF_8)).toString();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final FakeRegistries fake = new FakeRegistries();

    int run(String... args) {
        ConfigLoader loader = new ConfigLoader(Map.of(), dir, () -> null);
        return Main.run(args, new PrintWriter(out), new PrintWriter(err), loader, new Backends() {
            @Override
            public Funds funds(CliConfig config, boolean withKey) {
                throw new UnsupportedOperationException();
            }

            @Override
            public DealChain deals(CliConfig config) {
                throw new UnsupportedOperationException();
            }

            @Override
            public SolverApi solver(CliConfig config) {
                throw new UnsupportedOperationException();
            }

            @Override
            public JobClient jobClient(CliConfig config) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Registries registries(CliConfig config, boolean withKey) {
                fake.opened++;
                return fake;
            }

            @Override
            public io.pactum.cli.chain.Disputes disputes(CliConfig config) {
                throw new UnsupportedOperationException();
            }
        });
    }

    void assertUsage(String message, String... args) {
        err.getBuffer().setLength(0); // each call asserts its own message
        assertThat(run(args)).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains(message).doesNotContain("at io.");
        assertThat(fake.calls).as("nothing sent").isEmpty();
    }

    // ------------------------------------------------------------------ did

    @Test
    void shouldCreateADidWithACapabilityMask() throws Exception {
        assertThat(run("--json", "did", "create", "--capabilities", "0x00ff")).as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("didCreate 255");
        JsonNode j = JSON.readTree(out.toString());
        assertThat(j.get("did").asText()).isEqualTo("did:pactum:31337:" + ME.toLowerHex());
        assertThat(j.get("tx").get("hash").asText()).isEqualTo("0xtx");
    }

    @Test
    void shouldRejectBadCapabilityMasks() {
        assertUsage("capabilities must be within 0..65535", "did", "create", "--capabilities", "0x10000");
        assertUsage("capabilities is not a number", "did", "create", "--capabilities", "lots");
        assertUsage("capabilities must not be zero", "did", "delegate", A.toString(), "--capabilities", "0");
    }

    @Test
    void shouldShowTheDidDocumentOrFailForAnUnknownDid() throws Exception {
        Did did = new Did(31337, ME);
        fake.dids.put(did, new DidState(did, ME, 0x0f, 2, 100, List.of(new DidState.Method(A, 9)), Optional.empty()));
        assertThat(run("--json", "did", "show", did.toString())).as(err.toString()).isZero();
        JsonNode doc = JSON.readTree(out.toString());
        assertThat(doc.get("id").asText()).isEqualTo(did.toString());
        assertThat(doc.get("verificationMethod")).hasSize(2);

        assertThat(run("did", "show", "did:pactum:31337:" + B.toLowerHex())).isEqualTo(1);
        assertThat(err.toString()).contains("no DID");
    }

    @Test
    void shouldRejectMalformedAndForeignDids() {
        assertUsage("not a did:pactum DID", "did", "show", "did:web:example.com");
        assertUsage("malformed DID", "did", "show", "did:pactum:31337:0x12");
        assertUsage("a DID of chain 1", "did", "show", "did:pactum:1:" + A.toLowerHex());
    }

    @Test
    void shouldAddAKeyWithNamedOrNumericPurposes() {
        assertThat(run("did", "add-key", A.toString(), "--purposes", "authentication,delegate")).as(err.toString()).isZero();
        assertThat(run("did", "add-key", B.toString(), "--purposes", "6")).as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("didSetMethod " + A + " 9", "didSetMethod " + B + " 6");
        assertThat(out.toString()).contains("purposes 9");
    }

    @Test
    void shouldRejectBadPurposesAndAddresses() {
        assertUsage("unknown purpose 'sudo'", "did", "add-key", A.toString(), "--purposes", "auth,sudo");
        assertUsage("purposes must be within 0..15", "did", "add-key", A.toString(), "--purposes", "16");
        assertThat(run("did", "add-key", "0x1234", "--purposes", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("<account>");
    }

    @Test
    void shouldSignAndRegisterADelegationWithTheRegistryDigest() throws Exception {
        fake.time = 1_000;
        assertThat(run("--json", "did", "delegate", A.toString(), "--capabilities", "3", "--expires-in", "2h"))
                .as(err.toString()).isZero();
        Delegation d = fake.registered;
        assertThat(d.issuer()).isEqualTo(ME);
        assertThat(d.delegate()).isEqualTo(A);
        assertThat(d.capabilities()).isEqualTo(3);
        assertThat(d.expiry()).isEqualTo(1_000 + 7_200);
        assertThat(d.parent()).isEqualTo(Bytes32.ZERO);
        Bytes32 id = d.digest(Delegation.domain(31337, REGISTRY));
        assertThat(JSON.readTree(out.toString()).get("id").asText()).isEqualTo(id.toHex());
        assertThat(io.pactum.protocol.crypto.Signatures.recover(id.toArray(), fake.signature)).isEqualTo(ME);
    }

    @Test
    void shouldRejectBadDelegationArguments() {
        assertUsage("--expires-in is not a duration", "did", "delegate", A.toString(), "--capabilities", "1",
                "--expires-in", "soon");
        assertUsage("--parent must be 0x and 64 hex digits", "did", "delegate", A.toString(), "--capabilities", "1",
                "--parent", "0x12");
        assertUsage("delegation id must be 0x and 64 hex digits", "did", "revoke", "nope");
    }

    @Test
    void shouldRevokeOnlyAKnownDelegation() {
        Bytes32 id = Bytes32.keccak(new byte[] {1});
        assertThat(run("did", "revoke", id.toHex())).isEqualTo(1);
        assertThat(err.toString()).contains("no delegation");
        fake.delegations.put(id, new Registries.DelegationView(ME, 1, false, 3, ME, A, 5000, Bytes32.ZERO, true));
        assertThat(run("did", "revoke", id.toHex())).as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("didRevoke " + id.toHex());
    }

    // ------------------------------------------------------------------ did: controller's writes

    @Test
    void shouldRemoveAKeyOfTheKeysDidOrOfANamedDid() throws Exception {
        assertThat(run("did", "remove-key", A.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("did           did:pactum:31337:" + ME.toLowerHex())
                .contains("removed key   " + A).contains("bump the epoch");
        assertThat(run("--json", "did", "remove-key", B.toString(), "--did", "did:pactum:31337:" + C.toLowerHex()))
                .as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("didRemoveMethod " + ME + " " + A, "didRemoveMethod " + C + " " + B);
        JsonNode j = lastJson();
        assertThat(j.get("did").asText()).isEqualTo("did:pactum:31337:" + C.toLowerHex());
        assertThat(j.get("account").asText()).isEqualTo(B.toString());
        assertThat(j.get("removed").asBoolean()).isTrue();
        assertThat(j.get("tx").get("block").asLong()).isEqualTo(7);
    }

    @Test
    void shouldAddAKeyToANamedDid() {
        assertThat(run("did", "add-key", B.toString(), "--purposes", "auth", "--did", "did:pactum:31337:" + A.toLowerHex()))
                .as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("didSetMethod " + A + " " + B + " 1");
        assertThat(out.toString()).contains("did           did:pactum:31337:" + A.toLowerHex());
    }

    @Test
    void shouldRejectBadKeysToRemoveAndForeignDids() {
        assertUsage("the zero address is not a key", "did", "remove-key", Address.ZERO.toString());
        assertUsage("a DID of chain 1", "did", "remove-key", A.toString(), "--did", "did:pactum:1:" + B.toLowerHex());
        assertUsage("not a did:pactum DID", "did", "add-key", A.toString(), "--purposes", "1", "--did", "did:web:x.org");
        assertThat(run("did", "remove-key", "0x1234")).isEqualTo(2);
        assertThat(err.toString()).contains("<account>");
        assertThat(fake.calls).isEmpty();
    }

    @Test
    void shouldHandTheDidToANewControllerAndPointAtBumpEpoch() throws Exception {
        assertThat(run("did", "set-controller", A.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("controller    " + A).contains("pactum did bump-epoch --did did:pactum:31337:");
        assertThat(run("--json", "did", "set-controller", B.toString())).as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("didChangeController " + ME + " " + A, "didChangeController " + ME + " " + B);
        JsonNode j = lastJson();
        assertThat(j.get("did").asText()).isEqualTo("did:pactum:31337:" + ME.toLowerHex());
        assertThat(j.get("controller").asText()).isEqualTo(B.toString());
        assertThat(j.get("tx").get("hash").asText()).isEqualTo("0xtx");
    }

    @Test
    void shouldRejectTheZeroController() {
        assertUsage("the controller cannot be the zero address", "did", "set-controller", Address.ZERO.toString());
        assertThat(run("did", "set-controller")).isEqualTo(2);
        assertThat(err.toString()).contains("<controller>");
    }

    @Test
    void shouldSetCapabilitiesAndNameTheBitsWhoseDelegationsAreVoided() throws Exception {
        Did did = new Did(31337, ME);
        fake.dids.put(did, new DidState(did, ME, 0x0f, 0, 100, List.of(), Optional.empty()));
        assertThat(run("did", "set-capabilities", "0x0003")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("capabilities  0x0003 (was 0x000f)")
                .contains("delegations granting any of 0x000c are void");
        assertThat(run("--json", "did", "set-capabilities", "255")).as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("didSetCapabilities " + ME + " 3", "didSetCapabilities " + ME + " 255");
        JsonNode j = lastJson();
        assertThat(j.get("capabilities").asInt()).isEqualTo(255);
        assertThat(j.get("previous").asInt()).isEqualTo(15);
        assertThat(j.get("did").asText()).isEqualTo(did.toString());
    }

    @Test
    void shouldRejectBadMasksAndUnknownDidsForSetCapabilities() {
        assertUsage("capabilities must be within 0..65535", "did", "set-capabilities", "0x10000");
        assertUsage("capabilities is not a number", "did", "set-capabilities", "admin");
        assertThat(run("did", "set-capabilities", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("no DID did:pactum:31337:" + ME.toLowerHex());
        assertThat(fake.calls).as("nothing sent").isEmpty();
    }

    @Test
    void shouldSetAndClearTheServiceEndpoint() throws Exception {
        assertThat(run("did", "set-service", "https://agent.example/v1")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("service       https://agent.example/v1");
        assertThat(run("--json", "did", "set-service", "--clear")).as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("didSetService " + ME + " 'https://agent.example/v1'",
                "didSetService " + ME + " ''");
        JsonNode j = lastJson();
        assertThat(j.get("service").isNull()).isTrue();
        assertThat(j.get("did").asText()).isEqualTo("did:pactum:31337:" + ME.toLowerHex());
    }

    @Test
    void shouldRejectBadServiceEndpoints() {
        assertUsage("must be an absolute URI", "did", "set-service", "agent.example/v1");
        assertUsage("is not a URI", "did", "set-service", "https://agent example/");
        assertUsage("257 bytes, at most 256", "did", "set-service", "https://a.example/" + "x".repeat(239));
        assertUsage("not both", "did", "set-service", "https://a.example/", "--clear");
        assertUsage("give a service endpoint, or --clear", "did", "set-service");
    }

    @Test
    void shouldBumpTheEpochAndPrintTheNewOne() throws Exception {
        Did did = new Did(31337, ME);
        fake.dids.put(did, new DidState(did, ME, 0x0f, 2, 100, List.of(), Optional.empty()));
        assertThat(run("did", "bump-epoch")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("epoch         3 (every delegation issued before is void)");
        assertThat(run("--json", "did", "bump-epoch", "--did", did.toString())).as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("didBumpDelegationEpoch " + ME, "didBumpDelegationEpoch " + ME);
        JsonNode j = lastJson();
        assertThat(j.get("delegationEpoch").asLong()).isEqualTo(4);
        assertThat(j.get("did").asText()).isEqualTo(did.toString());
    }

    @Test
    void shouldRejectAMalformedDidForBumpEpoch() {
        assertUsage("malformed DID", "did", "bump-epoch", "--did", "did:pactum:31337:0x12");
    }

    // ------------------------------------------------------------------ soul

    @Test
    void shouldCreateASoulWithThreeToSevenGuardians() throws Exception {
        assertThat(run("--json", "soul", "create", "--backup-cid", CID, "--guardian", A.toString(), "--guardian",
                B.toString(), "--guardian", C.toString())).as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("soulCreate 3");
        assertThat(JSON.readTree(out.toString()).get("soulId").asText()).isEqualTo("1");
    }

    @Test
    void shouldRejectBadGuardianSetsAndCids() {
        assertUsage("3 to 7 guardians, got 2", "soul", "create", "--backup-cid", CID, "--guardian", A.toString(),
                "--guardian", B.toString());
        assertUsage("guardians must be distinct", "soul", "create", "--backup-cid", CID, "--guardian", A.toString(),
                "--guardian", A.toString(), "--guardian", B.toString());
        assertUsage("cannot be its own guardian", "soul", "create", "--backup-cid", CID, "--guardian", A.toString(),
                "--guardian", B.toString(), "--guardian", ME.toString());
        assertUsage("not a CID", "soul", "create", "--backup-cid", "bafy-nope", "--guardian", A.toString(),
                "--guardian", B.toString(), "--guardian", C.toString());
    }

    @Test
    void shouldApproveUnderTheCurrentNonceByDefault() throws Exception {
        fake.soul = new Registries.SoulView(BigInteger.ONE, A, 4, List.of(ME, B, C), 2, Cid.parse(CID).toBytes(), 10,
                "none", null, 0);
        assertThat(run("soul", "approve", "1", B.toString())).as(err.toString()).isZero();
        assertThat(run("soul", "approve", "1", C.toString(), "--nonce", "3")).as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("soulApprove 1 " + B + " 4", "soulApprove 1 " + C + " 3");
        assertThat(out.toString()).contains("scheduled");
    }

    @Test
    void shouldShowRecoverAndCancel() throws Exception {
        fake.soul = new Registries.SoulView(BigInteger.TWO, A, 1, List.of(ME, B, C), 2, Cid.parse(CID).toBytes(), 10,
                "scheduled", B, 999);
        assertThat(run("--json", "soul", "show", "2")).as(err.toString()).isZero();
        JsonNode j = JSON.readTree(out.toString());
        assertThat(j.get("backupCid").asText()).isEqualTo(CID);
        assertThat(j.get("recoveryState").asText()).isEqualTo("scheduled");
        assertThat(j.get("pendingOwner").asText()).isEqualTo(B.toString());
        assertThat(run("soul", "recover", "2")).as(err.toString()).isZero();
        assertThat(run("soul", "cancel", "2")).as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("soulExecuteRecovery 2", "soulCancelRecovery 2");
    }

    @Test
    void shouldRejectBadSoulIdsAndNonces() {
        assertUsage("soul id must be a positive integer", "soul", "recover", "0");
        assertUsage("soul id must be a positive integer", "soul", "cancel", "x");
        assertUsage("--nonce must fit 32 bits", "soul", "approve", "1", A.toString(), "--nonce", "-1");
        assertUsage("zero address", "soul", "approve", "1", Address.ZERO.toString());
        assertUsage("not both", "soul", "show", "1", "--owner", A.toString());
    }

    // ------------------------------------------------------------------ soul: owner's writes, guardian changes

    static final Address D = Address.parse("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65");

    Registries.SoulView mySoul(long nonce) {
        return new Registries.SoulView(BigInteger.ONE, ME, nonce, List.of(A, B, C), 2, Cid.parse(CID).toBytes(), 10,
                "none", null, 0);
    }

    @Test
    void shouldReplaceTheBackupCid() throws Exception {
        String next = Cid.rawOf("backup v2".getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(run("soul", "set-backup", "1", next)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("backup CID    " + next);
        assertThat(run("--json", "soul", "set-backup", "1", CID)).as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("soulSetBackupCid 1 " + next, "soulSetBackupCid 1 " + CID);
        JsonNode j = lastJson();
        assertThat(j.get("soulId").asText()).isEqualTo("1");
        assertThat(j.get("backupCid").asText()).isEqualTo(CID);
        assertThat(j.get("tx").get("hash").asText()).isEqualTo("0xtx");
    }

    @Test
    void shouldRejectBadBackupCidsAndSoulIds() {
        assertUsage("not a CID", "soul", "set-backup", "1", "bafy-nope");
        assertUsage("soul id must be a positive integer", "soul", "set-backup", "0", CID);
    }

    @Test
    void shouldTransferTheSoul() throws Exception {
        assertThat(run("soul", "transfer", "1", B.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("transferred   soul 1 from " + ME + " to " + B);
        assertThat(run("--json", "soul", "transfer", "1", C.toString())).as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("soulTransfer 1 " + B, "soulTransfer 1 " + C);
        JsonNode j = lastJson();
        assertThat(j.get("previousOwner").asText()).isEqualTo(ME.toString());
        assertThat(j.get("owner").asText()).isEqualTo(C.toString());
        assertThat(j.get("soulId").asText()).isEqualTo("1");
    }

    @Test
    void shouldRejectTransfersToZeroOrToTheKeyItself() {
        assertUsage("the new owner cannot be the zero address", "soul", "transfer", "1", Address.ZERO.toString());
        assertUsage("is the configured key itself", "soul", "transfer", "1", ME.toString());
        assertUsage("soul id must be a positive integer", "soul", "transfer", "-3", A.toString());
    }

    @Test
    void shouldProposeShowExecuteAndCancelAGuardianChange() throws Exception {
        fake.soul = mySoul(4);
        fake.time = 1_000;
        assertThat(run("--json", "soul", "guardians", "propose", "1", "--guardian", A.toString(), "--guardian",
                B.toString(), "--guardian", C.toString(), "--guardian", D.toString())).as(err.toString()).isZero();
        JsonNode p = lastJson();
        assertThat(p.get("readyAt").asLong()).isEqualTo(1_000 + 259_200);
        assertThat(p.get("guardians")).hasSize(4);
        assertThat(p.get("guardians").get(3).asText()).isEqualTo(D.toString());

        assertThat(run("soul", "show", "1")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("proposed      4 new guardians, ready at 260200").contains("  " + D);
        assertThat(run("--json", "soul", "show", "1")).as(err.toString()).isZero();
        assertThat(lastJson().get("guardianChange").get("readyAt").asLong()).isEqualTo(260_200);

        assertThat(run("--json", "soul", "guardians", "execute", "1")).as(err.toString()).isZero();
        JsonNode e = lastJson();
        assertThat(e.get("guardians")).hasSize(4);
        assertThat(e.get("threshold").asInt()).isEqualTo(3);
        assertThat(e.get("recoveryNonce").asLong()).as("the nonce moved").isEqualTo(5);

        assertThat(run("soul", "guardians", "propose", "1", "--guardian", B.toString(), "--guardian", C.toString(),
                "--guardian", D.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("proposed      3 guardians for soul 1 (recovery will need 2)")
                .contains("pactum soul guardians execute 1");
        assertThat(run("--json", "soul", "guardians", "cancel", "1")).as(err.toString()).isZero();
        assertThat(lastJson().get("cancelled").asBoolean()).isTrue();
        assertThat(run("--json", "soul", "show", "1")).as(err.toString()).isZero();
        assertThat(lastJson().get("guardianChange").isNull()).isTrue();

        assertThat(fake.calls).containsExactly("soulProposeGuardians 1 " + List.of(A, B, C, D), "soulExecuteGuardians 1",
                "soulProposeGuardians 1 " + List.of(B, C, D), "soulCancelGuardians 1");
    }

    @Test
    void shouldRejectBadProposedGuardianSets() {
        assertUsage("3 to 7 guardians, got 2", "soul", "guardians", "propose", "1", "--guardian", A.toString(),
                "--guardian", B.toString());
        List<String> eight = new ArrayList<>(List.of("soul", "guardians", "propose", "1"));
        for (int i = 1; i <= 8; i++) {
            eight.add("--guardian");
            eight.add(Address.parse(String.format("0x%040x", i)).toString());
        }
        assertUsage("3 to 7 guardians, got 8", eight.toArray(String[]::new));
        assertUsage("guardians must be distinct", "soul", "guardians", "propose", "1", "--guardian", A.toString(),
                "--guardian", B.toString(), "--guardian", A.toString());
        assertUsage("the zero address cannot be a guardian", "soul", "guardians", "propose", "1", "--guardian",
                A.toString(), "--guardian", B.toString(), "--guardian", Address.ZERO.toString());
        assertUsage("cannot be its own guardian", "soul", "guardians", "propose", "1", "--guardian", A.toString(),
                "--guardian", B.toString(), "--guardian", ME.toString());
        assertUsage("soul id must be a positive integer", "soul", "guardians", "execute", "x");
        assertUsage("soul id must be a positive integer", "soul", "guardians", "cancel", "0");
    }

    // ------------------------------------------------------------------ cid

    @Test
    void shouldAnchorWithTheCidDigestAndShow() throws Exception {
        assertThat(run("cid", "anchor", CID, "--kind", "result")).as(err.toString()).isZero();
        Cid c = Cid.parse(CID);
        assertThat(fake.calls).containsExactly("cidAnchor " + Bytes32.of(c.digest()).toHex() + " 3");
        assertThat(run("--json", "cid", "show", CID)).as(err.toString()).isZero();
        JsonNode j = JSON.readTree(out.toString().substring(out.toString().indexOf('{')));
        assertThat(j.get("kind").asInt()).isEqualTo(3);
        assertThat(j.get("owner").asText()).isEqualTo(ME.toString());
        assertThat(run("cid", "show", CID, "--owner", A.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("not anchored by " + A);
    }

    @Test
    void shouldRejectBadCidsAndKinds() {
        assertUsage("not a CID", "cid", "anchor", "Qm-not-a-cid");
        assertUsage("unknown kind 'junk'", "cid", "anchor", CID, "--kind", "junk");
        assertUsage("kind must be within 0..255", "cid", "anchor", CID, "--kind", "300");
        assertUsage("not a CID", "cid", "show", "");
    }

    static String cid(int i) {
        return Cid.rawOf(("batch " + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    void shouldAnchorSeveralCidsInOneBatch() throws Exception {
        List<String> three = List.of(cid(1), cid(2), cid(3));
        List<String> args = new ArrayList<>(List.of("--json", "cid", "anchor"));
        args.addAll(three);
        args.addAll(List.of("--kind", "result"));
        assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
        List<String> digests = three.stream().map(c -> Bytes32.of(Cid.parse(c).digest()).toHex()).toList();
        assertThat(fake.calls).containsExactly("cidAnchorBatch 3 " + digests + " [3, 3, 3]");
        assertThat(fake.batch.get(1)).isEqualTo(Cid.parse(cid(2)).toBytes());
        JsonNode j = lastJson();
        assertThat(j.get("owner").asText()).isEqualTo(ME.toString());
        assertThat(j.get("anchors")).hasSize(3);
        assertThat(j.get("anchors").get(2).get("cid").asText()).isEqualTo(cid(3));
        assertThat(j.get("anchors").get(2).get("cidKey").asText())
                .isEqualTo(Bytes32.keccak(Cid.parse(cid(3)).toBytes()).toHex());
        assertThat(j.get("anchors").get(2).get("kind").asInt()).isEqualTo(3);
        assertThat(j.has("cid")).as("no single-CID fields for a batch").isFalse();

        assertThat(run("cid", "anchor", cid(4), cid(5), "--kind", "spec", "--kind", "7")).as(err.toString()).isZero();
        assertThat(fake.calls.get(1)).endsWith(" [1, 7]");
        assertThat(out.toString()).contains("anchored      " + cid(4) + "  kind spec").contains("anchored      " + cid(5)
                + "  kind 7");
    }

    @Test
    void shouldKeepTheSingleCidJsonAndAddTheAnchorsList() throws Exception {
        assertThat(run("--json", "cid", "anchor", CID, "--kind", "backup")).as(err.toString()).isZero();
        assertThat(fake.calls).containsExactly("cidAnchor " + Bytes32.of(Cid.parse(CID).digest()).toHex() + " 4");
        JsonNode j = lastJson();
        assertThat(j.get("cid").asText()).isEqualTo(CID);
        assertThat(j.get("kind").asInt()).isEqualTo(4);
        assertThat(j.get("anchors")).hasSize(1);
        assertThat(j.get("anchors").get(0).get("cidKey").asText()).isEqualTo(j.get("cidKey").asText());
    }

    @Test
    void shouldRejectOversizedOrDuplicateBatchesAndMismatchedKinds() {
        List<String> many = new ArrayList<>(List.of("cid", "anchor"));
        for (int i = 0; i < 65; i++) {
            many.add(cid(i));
        }
        assertUsage("at most 64 CIDs per transaction, got 65", many.toArray(String[]::new));
        assertUsage(cid(1) + " is given twice", "cid", "anchor", cid(1), cid(2), cid(1));
        assertUsage("3 kinds for 2 CIDs", "cid", "anchor", cid(1), cid(2), "--kind", "spec", "--kind", "input",
                "--kind", "result");
        assertUsage("not a CID", "cid", "anchor", cid(1), "Qm-not-a-cid");
        assertUsage("unknown kind 'junk'", "cid", "anchor", cid(1), cid(2), "--kind", "junk");
    }

    /** The last JSON document printed (each --json run prints one line). */
    JsonNode lastJson() throws Exception {
        List<String> lines = out.toString().lines().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).as(out.toString()).isNotEmpty();
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    /** Records calls; answers from its maps. */
    static final class FakeRegistries implements Registries {
        final List<String> calls = new ArrayList<>();
        final Map<Did, DidState> dids = new HashMap<>();
        final Map<Bytes32, DelegationView> delegations = new HashMap<>();
        final Map<String, AnchorView> anchors = new HashMap<>();
        SoulView soul;
        PendingGuardiansView pendingGuardians;
        List<byte[]> batch;
        Delegation registered;
        byte[] signature;
        long time = 1;
        int opened;

        static final Tx TX = new Tx("0xtx", 7);

        @Override
        public long chainId() {
            return 31337;
        }

        @Override
        public Address account() {
            return ME;
        }

        @Override
        public byte[] sign(Bytes32 digest) {
            return KEY.sign(digest.toArray()).toBytes();
        }

        @Override
        public Address didRegistry() {
            return REGISTRY;
        }

        @Override
        public Optional<DidState> did(Did did) {
            return Optional.ofNullable(dids.get(did));
        }

        @Override
        public Tx didCreate(int capabilities) {
            calls.add("didCreate " + capabilities);
            return TX;
        }

        @Override
        public Tx didSetMethod(Address did, Address account, int purposes) {
            calls.add("didSetMethod " + (did.equals(ME) ? "" : did + " ") + account + " " + purposes);
            return TX;
        }

        @Override
        public Tx didRegisterDelegation(Delegation d, byte[] sig) {
            calls.add("didRegisterDelegation");
            registered = d;
            signature = sig;
            return TX;
        }

        @Override
        public Tx didRevoke(Bytes32 id) {
            calls.add("didRevoke " + id.toHex());
            return TX;
        }

        @Override
        public Tx didChangeController(Address did, Address controller) {
            calls.add("didChangeController " + did + " " + controller);
            return TX;
        }

        @Override
        public Tx didSetCapabilities(Address did, int capabilities) {
            calls.add("didSetCapabilities " + did + " " + capabilities);
            return TX;
        }

        @Override
        public Tx didRemoveMethod(Address did, Address account) {
            calls.add("didRemoveMethod " + did + " " + account);
            return TX;
        }

        @Override
        public Tx didSetService(Address did, String endpoint) {
            calls.add("didSetService " + did + " '" + endpoint + "'");
            return TX;
        }

        @Override
        public Tx didBumpDelegationEpoch(Address did) {
            calls.add("didBumpDelegationEpoch " + did);
            DidState s = dids.get(new Did(31337, did));
            if (s != null) {
                dids.put(s.did(), new DidState(s.did(), s.controller(), s.capabilities(), s.delegationEpoch() + 1,
                        s.createdAt(), s.methods(), s.service()));
            }
            return TX;
        }

        @Override
        public Optional<DelegationView> delegation(Bytes32 id) {
            return Optional.ofNullable(delegations.get(id));
        }

        @Override
        public Optional<SoulView> soul(BigInteger id) {
            return Optional.ofNullable(soul).filter(s -> s.id().equals(id));
        }

        @Override
        public BigInteger soulOf(Address owner) {
            return soul != null && soul.owner().equals(owner) ? soul.id() : BigInteger.ZERO;
        }

        @Override
        public Created soulCreate(byte[] backupCid, List<Address> guardians) {
            calls.add("soulCreate " + guardians.size());
            return new Created(TX, BigInteger.ONE);
        }

        @Override
        public Approved soulApprove(BigInteger id, Address newOwner, long nonce) {
            calls.add("soulApprove " + id + " " + newOwner + " " + nonce);
            return new Approved(TX, true, 259_200);
        }

        @Override
        public Tx soulExecuteRecovery(BigInteger id) {
            calls.add("soulExecuteRecovery " + id);
            return TX;
        }

        @Override
        public Tx soulCancelRecovery(BigInteger id) {
            calls.add("soulCancelRecovery " + id);
            return TX;
        }

        @Override
        public Tx soulSetBackupCid(BigInteger id, byte[] backupCid) {
            calls.add("soulSetBackupCid " + id + " " + Cid.fromBytes(backupCid));
            return TX;
        }

        @Override
        public Tx soulTransfer(BigInteger id, Address newOwner) {
            calls.add("soulTransfer " + id + " " + newOwner);
            return TX;
        }

        @Override
        public Tx soulProposeGuardians(BigInteger id, List<Address> guardians) {
            calls.add("soulProposeGuardians " + id + " " + guardians);
            pendingGuardians = new PendingGuardiansView(guardians, time + 259_200);
            return TX;
        }

        @Override
        public Tx soulExecuteGuardians(BigInteger id) {
            calls.add("soulExecuteGuardians " + id);
            soul = new SoulView(soul.id(), soul.owner(), soul.recoveryNonce() + 1, pendingGuardians.guardians(),
                    (2 * pendingGuardians.guardians().size() + 2) / 3, soul.backupCid(), soul.createdAt(), "none", null, 0);
            pendingGuardians = null;
            return TX;
        }

        @Override
        public Tx soulCancelGuardians(BigInteger id) {
            calls.add("soulCancelGuardians " + id);
            pendingGuardians = null;
            return TX;
        }

        @Override
        public Optional<PendingGuardiansView> soulPendingGuardians(BigInteger id) {
            return Optional.ofNullable(pendingGuardians);
        }

        @Override
        public Tx cidAnchorBatch(List<byte[]> cids, List<Bytes32> contentHashes, List<Integer> kinds) {
            calls.add("cidAnchorBatch " + cids.size() + " " + contentHashes.stream().map(Bytes32::toHex).toList() + " "
                    + kinds);
            batch = cids;
            return TX;
        }

        @Override
        public Tx cidAnchor(byte[] cid, Bytes32 contentHash, int kind) {
            calls.add("cidAnchor " + contentHash.toHex() + " " + kind);
            anchors.put(Bytes32.keccak(cid).toHex() + ME, new AnchorView(kind, 42, Cid.RAW, Cid.SHA2_256));
            return TX;
        }

        @Override
        public Optional<AnchorView> cidAnchorOf(byte[] cid, Address owner) {
            return Optional.ofNullable(anchors.get(Bytes32.keccak(cid).toHex() + owner));
        }

        @Override
        public long chainTime() {
            return time;
        }
    }
}
