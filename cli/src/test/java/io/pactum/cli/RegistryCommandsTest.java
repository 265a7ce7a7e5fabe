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

    /** Records calls; answers from its maps. */
    static final class FakeRegistries implements Registries {
        final List<String> calls = new ArrayList<>();
        final Map<Did, DidState> dids = new HashMap<>();
        final Map<Bytes32, DelegationView> delegations = new HashMap<>();
        final Map<String, AnchorView> anchors = new HashMap<>();
        SoulView soul;
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
            calls.add("didSetMethod " + account + " " + purposes);
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
