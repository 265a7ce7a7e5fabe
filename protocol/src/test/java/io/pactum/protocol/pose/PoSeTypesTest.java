package io.pactum.protocol.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.crypto.Signatures;
import io.pactum.protocol.eip712.Eip712Domain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PoSeTypesTest {
    /** anvil account 0: the challenger and the signer of the cast fixtures. */
    static final EthKey ANVIL0 = EthKey.fromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    /** The first test node key of PoSeFixture (vm.createWallet(0x1001)). */
    static final EthKey NODE_KEY = EthKey.fromHex("0x0000000000000000000000000000000000000000000000000000000000001001");
    static final Address MANAGER = Address.parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    static final Eip712Domain DOMAIN = PoSe.domain(31337, MANAGER);
    static final Bytes32 NODE_ID =
            Bytes32.fromHex("0xb1f291dc77c406f8170807e4123abaf7a75fe084f7f5bf8dd7e3e6d9e6027b3b");

    static ChallengeMessageV2 challenge() {
        return ChallengeMessageV2.of(5, NODE_ID, PoSe.CAP_S, 7, ANVIL0.address(), 1_700_000_000L, 1_700_000_060L,
                Bytes32.keccak("query".getBytes(StandardCharsets.UTF_8)));
    }

    static ReceiptMessageV2 receipt() {
        return ReceiptMessageV2.answering(
                challenge(), Bytes32.keccak("response".getBytes(StandardCharsets.UTF_8)), 1_700_000_030L);
    }

    // ------------------------------------------------------------ type strings against the sources

    static String read(String relative) throws IOException {
        return Files.readString(Path.of(System.getProperty("pactum.root", ".."), relative));
    }

    /** Builds the EIP-712 type string of {@code struct name} from the Solidity source. */
    static String typeFromStruct(String source, String name) {
        Matcher m = Pattern.compile("struct\\s+" + name + "\\s*\\{(.*?)\\}", Pattern.DOTALL).matcher(source);
        assertThat(m.find()).as("struct %s", name).isTrue();
        List<String> members = new ArrayList<>();
        for (String line : m.group(1).split("\n")) {
            String code = line.replaceAll("//.*", "").trim();
            if (code.isEmpty()) continue;
            members.add(code.replace(";", "").trim().replaceAll("\\s+", " "));
        }
        return name + "(" + String.join(",", members) + ")";
    }

    /** The string literal hashed into a type hash in a Solidity source: {@code keccak256("Name(...)")}. */
    static String typeFromLiteral(String source, String name) {
        Matcher m = Pattern.compile("keccak256\\(\\s*\"(" + name + "\\([^\"]*\\))\"", Pattern.DOTALL).matcher(source);
        assertThat(m.find()).as("type string %s", name).isTrue();
        return m.group(1);
    }

    @Test
    void shouldHaveTypeStringsIdenticalToTheSoliditySources() throws IOException {
        String types = read("contracts/src/types/PoSeTypes.sol");
        String lib = read("contracts/src/libraries/PoSeLib.sol");
        String registry = read("contracts/src/NodeRegistry.sol");
        assertThat(ChallengeMessageV2.TYPE).isEqualTo(typeFromStruct(types, "ChallengeMessageV2"));
        assertThat(ReceiptMessageV2.TYPE).isEqualTo(typeFromStruct(types, "ReceiptMessageV2"));
        assertThat(ChallengeMessageV2.TYPE).isEqualTo(typeFromLiteral(lib, "ChallengeMessageV2"));
        assertThat(ReceiptMessageV2.TYPE).isEqualTo(typeFromLiteral(lib, "ReceiptMessageV2"));
        assertThat(WitnessAttestationV2.TYPE).isEqualTo(typeFromLiteral(lib, "WitnessAttestationV2"));
        assertThat(NodeRegistration.TYPE).isEqualTo(typeFromLiteral(registry, "NodeRegistration"));
        assertThat(lib).contains("keccak256(\"PactumPoSe\")", "keccak256(\"2\")");
        assertThat(registry).contains("EIP712(\"PactumNodeRegistry\", \"1\")");
    }

    @Test
    void shouldHaveRecordComponentsInSolidityOrder() throws IOException {
        String types = read("contracts/src/types/PoSeTypes.sol");
        assertThat(componentNames(ChallengeMessageV2.class))
                .isEqualTo(memberNames(typeFromStruct(types, "ChallengeMessageV2")));
        assertThat(componentNames(ReceiptMessageV2.class))
                .isEqualTo(memberNames(typeFromStruct(types, "ReceiptMessageV2")));
        assertThat(componentNames(WitnessAttestationV2.class)).isEqualTo(memberNames(WitnessAttestationV2.TYPE));
        assertThat(componentNames(NodeRegistration.class)).isEqualTo(memberNames(NodeRegistration.TYPE));
        // ReceiptLeaf (not an EIP-712 type): same members as the Solidity struct
        assertThat(componentNames(ReceiptLeaf.class))
                .isEqualTo(memberNames(typeFromStruct(types, "ReceiptLeaf")));
    }

    static List<String> componentNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
    }

    static List<String> memberNames(String type) {
        String inner = type.substring(type.indexOf('(') + 1, type.length() - 1);
        return Arrays.stream(inner.split(",")).map(p -> p.trim().split(" ")[1]).toList();
    }

    // ------------------------------------------------------------ hashes and signatures against cast

    @Test
    void shouldDeriveNodeIdsLikeTheRegistry() {
        // keccak256(pubkey) of vm.createWallet(0x1001): the first node id of the reward-tree fixture
        assertThat(PoSe.nodeId(NODE_KEY)).isEqualTo(NODE_ID);
        assertThat(PoSe.pubkey(NODE_KEY).length()).isEqualTo(64);
        assertThat(PoSe.signerOf(NODE_ID)).isEqualTo(NODE_KEY.address());
    }

    @Test
    void shouldBindTheChallengeIdLikePoSeLib() {
        // cast keccak $(cast abi-encode "f(uint64,bytes32,uint8,uint64,address)" 5 <node> 2 7 <anvil 0>)
        assertThat(challenge().challengeId()).isEqualTo(
                Bytes32.fromHex("0xa57b8624e6952b366ff668b8d880020457581e0c592783571936bcfebecc437c"));
        assertThat(challenge().idBinds()).isTrue();
        ChallengeMessageV2 c = challenge();
        ChallengeMessageV2 unbound = new ChallengeMessageV2(c.challengeId(), c.epochId(), c.nodeId(), c.challengeType(),
                c.nonce() + 1, c.challenger(), c.issuedAt(), c.deadline(), c.querySpecHash());
        assertThat(unbound.idBinds()).isFalse();
    }

    @Test
    void shouldHashStructsLikeCast() {
        assertThat(challenge().structHash()).isEqualTo(
                Bytes32.fromHex("0x0a499e0c4ea867b05158b51d323ac90bf907586377bae228e0c4dae74e881ee9"));
        assertThat(receipt().structHash()).isEqualTo(
                Bytes32.fromHex("0xe29691bd91400a1c7f6ba9715ab9473172ffe4e044e43f3a20898d564e2963d0"));
    }

    /**
     * Expected signatures from {@code cast wallet sign --data --from-file --private-key <anvil 0>
     * src/test/resources/eip712/<Type>.json}: equal RFC 6979 signatures mean equal digests.
     */
    @Test
    void shouldSignExactlyLikeCast() {
        assertThat(challenge().sign(ANVIL0, DOMAIN).toHex()).isEqualTo(
                "0x05d6118b6cafd6c48206447163c0e8a8d54b7d5cbd3d844710d0107a23d7f4396fe6533c55d2ba09def74602121fd4231a4d7b1417aeb4a6073b5c65de1d69721c");
        assertThat(receipt().sign(ANVIL0, DOMAIN).toHex()).isEqualTo(
                "0xd5873d91bbcbe34e7ae8278fb0defe67912aff62f8b1dc115579e8972c6bd8844ae0c89627330bd663403bfe58f758cdd128f4bcd55fddba08f40e4e66ddb7431b");
        assertThat(WitnessAttestationV2.of(receipt(), NODE_ID, PoSe.RESULT_PASS).sign(ANVIL0, DOMAIN).toHex())
                .isEqualTo("0xd7cde56dfdec6174f44d99a5784b80d5cde381d1fc6a52f09eed6c4f7d9724d075666df27976919a85868df03e10edcc75cbe6c9e080922a36ab8e4c2774e00f1b");
        NodeRegistration reg = new NodeRegistration(NODE_ID, ANVIL0.address(), 7,
                Bytes32.keccak("query".getBytes(StandardCharsets.UTF_8)), 0, 1_700_000_060L);
        assertThat(ANVIL0.sign(reg.digest(PoSe.registryDomain(31337, MANAGER))).toHex()).isEqualTo(
                "0x5dc5b8eb8db3f8e884198ea2bacbaa33bb165be53afa9d23c8921ed13c2ec34b7c1226973e7fc9eeb585a146498b8d77120e8bc2dde5f1b7566be249aacf331a1b");
        assertThat(Signatures.recover(reg.digest(PoSe.registryDomain(31337, MANAGER)),
                reg.sign(NODE_KEY, PoSe.registryDomain(31337, MANAGER)))).isEqualTo(NODE_KEY.address());
        assertThatThrownBy(() -> reg.sign(ANVIL0, DOMAIN)).hasMessageContaining("not the node's key");
    }

    @Test
    void shouldSeparateTheThreeMessagesAndTheirDomains() {
        Bytes32 c = challenge().structHash();
        Bytes32 r = receipt().structHash();
        Bytes32 a = WitnessAttestationV2.of(receipt(), NODE_ID, PoSe.RESULT_PASS).structHash();
        assertThat(List.of(c, r, a)).doesNotHaveDuplicates();
        assertThat(WitnessAttestationV2.of(receipt(), NODE_ID, PoSe.RESULT_FAIL).structHash()).isNotEqualTo(a);
        assertThat(receipt().digest(DOMAIN)).isNotEqualTo(receipt().digest(PoSe.domain(1, MANAGER)));
    }

    @Test
    void shouldHashLeavesLikePoSeLib() {
        var leaf = new ReceiptLeaf(challenge(), receipt(), PoSe.RESULT_PASS,
                Bytes.of(challenge().sign(ANVIL0, DOMAIN).toBytes()), Bytes.of(receipt().sign(ANVIL0, DOMAIN).toBytes()));
        // cast keccak 0x00 ‖ $(cast abi-encode "f(bytes32,bytes32,uint8,bytes32,bytes32)" ch rh 1 keccak(cs) keccak(ns))
        assertThat(leaf.hash()).isEqualTo(
                Bytes32.fromHex("0x58ebd18090a313f218e51540a6216cfa0930346f5829b2ccb36f183695af60b7"));
    }

    @Test
    void shouldRejectValuesOutsideTheSolidityTypes() {
        assertThatThrownBy(() -> ChallengeMessageV2.of(-1, NODE_ID, 1, 0, ANVIL0.address(), 0, 0, Bytes32.ZERO))
                .hasMessageContaining("epochId");
        assertThatThrownBy(() -> ChallengeMessageV2.of(0, NODE_ID, 256, 0, ANVIL0.address(), 0, 0, Bytes32.ZERO))
                .hasMessageContaining("challengeType must fit uint8");
        assertThatThrownBy(() -> new WitnessAttestationV2(Bytes32.ZERO, 0, Bytes32.ZERO, null, 1))
                .isInstanceOf(NullPointerException.class);
    }
}
