package io.pactum.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CryptoTest {
    static final String ANVIL_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String ANVIL_KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    @Test
    void shouldHashKnownKeccakVectors() {
        assertThat(Hex.encode(Keccak.keccak256(new byte[0])))
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(Hex.encode(Keccak.keccak256("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
        // cast keccak "pactum"
        assertThat(Hex.encode(Keccak.keccak256("pact".getBytes(), "um".getBytes())))
                .isEqualTo("0x466d79267300fae8d51b276a486ff6e82fabb54ec17e16969b66449c72bc78a9");
    }

    @Test
    void shouldRoundTripHex() {
        assertThat(Hex.encode(new byte[] {0, 1, (byte) 0xab, (byte) 0xff})).isEqualTo("0x0001abff");
        assertThat(Hex.decode("0x0001ABff")).containsExactly(0, 1, 0xab, 0xff);
        assertThat(Hex.decode("0x")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0001", "0x123", "0xzz", " 0x00", "0x00 "})
    void shouldRejectMalformedHex(String bad) {
        assertThatThrownBy(() -> Hex.decode(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldExplainHexErrors() {
        assertThatThrownBy(() -> Hex.decode("abcd")).hasMessageContaining("must start with 0x");
        assertThatThrownBy(() -> Hex.decode("0xabc")).hasMessageContaining("odd number");
        assertThatThrownBy(() -> Hex.decode("0xag")).hasMessageContaining("invalid hex character 'g' at index 3");
        assertThatThrownBy(() -> Hex.decode("0xab", 2)).hasMessageContaining("expected 2 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    })
    void shouldProduceEip55ChecksumFromEipVectors(String checksummed) {
        assertThat(Address.parse(checksummed.toLowerCase().replace("0X", "0x")).toString()).isEqualTo(checksummed);
        assertThat(Address.parse(checksummed).toString()).isEqualTo(checksummed);
    }

    @Test
    void shouldRejectBadChecksumAndLengths() {
        assertThatThrownBy(() -> Address.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checksum");
        assertThatThrownBy(() -> Address.parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae"))
                .hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> new Address(new byte[19])).hasMessageContaining("20 bytes");
        assertThat(Address.parse("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED"))
                .isEqualTo(Address.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    }

    @Test
    void shouldOrderAddressesAsUnsignedNumbers() {
        Address low = Address.parse("0x7fffffffffffffffffffffffffffffffffffffff");
        Address high = Address.parse("0x8000000000000000000000000000000000000000");
        assertThat(low).isLessThan(high);
    }

    @Test
    void shouldDeriveAnvilAccountAddresses() {
        assertThat(EthKey.fromHex(ANVIL_KEY_0).address().toString())
                .isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertThat(EthKey.fromHex(ANVIL_KEY_1).address().toString())
                .isEqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        assertThat(EthKey.fromHex(ANVIL_KEY_0).toString()).doesNotContain("ac0974");
    }

    /** Expected signatures from {@code cast wallet sign --no-hash --private-key <key> <digest>}. */
    @ParameterizedTest
    @CsvSource({
        ANVIL_KEY_0 + ",0x466d79267300fae8d51b276a486ff6e82fabb54ec17e16969b66449c72bc78a9,"
                + "0xd87dd8f0af08d70b476e0f58540b5e4fc55892acbaff537a14484f503504141d26b6fb03e8f612595733999751c53d4e68c4255c288adf784d843491b71642261b",
        ANVIL_KEY_1 + ",0x466d79267300fae8d51b276a486ff6e82fabb54ec17e16969b66449c72bc78a9,"
                + "0x7d54e7e6c9606df646f589dac6247caba656c20ccbc52c335b3b0bd35976ef9a0ad2c561c64d3359aafcbed4550640a475954eb8ffbe08e46955384417c7cc4b1b",
        ANVIL_KEY_0 + ",0xac87b267a5ea107846bda03704dc27654b45c1448616e5092c2685e6cead75fd,"
                + "0x3be21cbf6397924bcb46f649841da91f5a612848dde15a347dc9f64fccec94637bca727f9b8ecc5c48c5d0e845fb6ad1dcc8fbf3e8d1936c6106992a41edce151c",
        ANVIL_KEY_0 + ",0xc0c0d092f0c98b9fcff4554fc496e841c6acbdd337b036778765928c2d71f3f6,"
                + "0x5ad210031116fa62e78bfaad36dc6a3ba5cd994ef73c2bfe781ddcd333335d7d1b9b1cb33eaec3d00439935294c53bb11b0f92b4205c6282804d2fc3fb54515a1c",
    })
    void shouldSignExactlyLikeCast(String key, String digest, String expected) {
        EthKey ethKey = EthKey.fromHex(key);
        Signature signature = ethKey.sign(Hex.decode(digest));
        assertThat(signature.toHex()).isEqualTo(expected);
        assertThat(signature.toBytes()).hasSize(65);
        assertThat(Signatures.recover(Hex.decode(digest), signature)).isEqualTo(ethKey.address());
        assertThat(Signatures.recover(Hex.decode(digest), Hex.decode(expected))).isEqualTo(ethKey.address());
    }

    @Test
    void shouldSignLowSAndRecoverForRandomKeys() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 50; i++) {
            EthKey key = EthKey.generate(random);
            byte[] digest = new byte[32];
            random.nextBytes(digest);
            Signature sig = key.sign(digest);
            assertThat(sig.isLowS()).isTrue();
            assertThat(sig.v()).isIn(27, 28);
            assertThat(Signatures.recover(digest, sig)).isEqualTo(key.address());
            assertThat(Signature.fromBytes(sig.toBytes())).isEqualTo(sig);
        }
    }

    @Test
    void shouldRejectHighSAndBadV() {
        EthKey key = EthKey.fromHex(ANVIL_KEY_0);
        byte[] digest = Keccak.keccak256("x".getBytes());
        Signature sig = key.sign(digest);
        Signature malleable = new Signature(sig.r(), Signature.N.subtract(sig.s()), sig.v() == 27 ? 28 : 27);
        assertThatThrownBy(() -> Signatures.recover(digest, malleable))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upper half");
        assertThat(Signatures.verify(digest, malleable, key.address())).isFalse();
        byte[] bytes = sig.toBytes();
        bytes[64] = 29;
        assertThatThrownBy(() -> Signatures.recover(digest, bytes)).hasMessageContaining("v must be 27 or 28");
        assertThatThrownBy(() -> new Signature(BigInteger.ZERO, BigInteger.ONE, 27)).hasMessageContaining("r must be");
        assertThatThrownBy(() -> Signature.fromBytes(new byte[64])).hasMessageContaining("65 bytes");
    }

    @Test
    void shouldAcceptZeroOneRecoveryByte() {
        EthKey key = EthKey.fromHex(ANVIL_KEY_0);
        byte[] digest = Keccak.keccak256("y".getBytes());
        byte[] bytes = key.sign(digest).toBytes();
        bytes[64] -= 27;
        assertThat(Signatures.recover(digest, bytes)).isEqualTo(key.address());
    }

    @Test
    void shouldRecoverOtherAddressForWrongDigest() {
        EthKey key = EthKey.fromHex(ANVIL_KEY_0);
        Signature sig = key.sign(Keccak.keccak256("a".getBytes()));
        assertThat(Signatures.verify(Keccak.keccak256("b".getBytes()), sig, key.address())).isFalse();
    }

    @Test
    void shouldRejectInvalidPrivateKeys() {
        assertThatThrownBy(() -> EthKey.fromBytes(new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EthKey.fromHex("0x1234")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCompareBytesByContent() {
        assertThat(Bytes.fromHex("0x0102")).isEqualTo(Bytes.of(new byte[] {1, 2}));
        assertThat(Bytes.fromHex("0x0102").hashCode()).isEqualTo(Bytes.of(new byte[] {1, 2}).hashCode());
        assertThatThrownBy(() -> Bytes32.fromHex("0x01")).hasMessageContaining("expected 32 bytes");
    }
}
