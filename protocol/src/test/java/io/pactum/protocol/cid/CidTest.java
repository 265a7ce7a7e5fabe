package io.pactum.protocol.cid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidTest {
    static final String EMPTY_RAW = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    /** "b" + base32(0x01 0x55 0x12 0x20 ‖ sha256("hello world\n")), computed with sha256sum and basenc. */
    static final String HELLO_RAW = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";

    @Test
    void shouldComputeRawCidsOfSmallContent() {
        assertThat(Cid.rawOf(new byte[0]).toString()).isEqualTo(EMPTY_RAW);
        assertThat(Cid.rawOf("hello world\n".getBytes(StandardCharsets.US_ASCII)).toString()).isEqualTo(HELLO_RAW);
    }

    @ParameterizedTest
    @ValueSource(strings = {EMPTY_RAW, HELLO_RAW, "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o",
        "bafybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mby"})
    void shouldRoundTripTextAndBinaryForms(String text) {
        Cid cid = Cid.parse(text);
        assertThat(cid.toString()).isEqualTo(text);
        assertThat(Cid.fromBytes(cid.toBytes())).isEqualTo(cid);
    }

    @Test
    void shouldUseTheDocumentedBinaryForms() {
        Cid raw = Cid.parse(EMPTY_RAW);
        assertThat(raw.toBytes()).hasSize(36).startsWith(0x01, 0x55, 0x12, 0x20);
        Cid v0 = Cid.parse("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
        assertThat(v0.version()).isZero();
        assertThat(v0.toBytes()).hasSize(34).startsWith(0x12, 0x20);
        // ipfs_cid prints the same node as v1: base32 of 0x01 0x70 ‖ multihash
        assertThat(v0.toV1().toString()).isEqualTo("bafybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mby");
    }

    @Test
    void shouldAcceptBase58AndUpperCaseMultibaseForV1() {
        Cid cid = Cid.parse(HELLO_RAW);
        assertThat(Cid.parse("z" + Multibase.base58Encode(cid.toBytes()))).isEqualTo(cid);
        assertThat(Cid.parse(HELLO_RAW.toUpperCase())).isEqualTo(cid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x123", "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk",
        "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk1",
        "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff50"})
    void shouldRejectMalformedCids(String text) {
        assertThatThrownBy(() -> Cid.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectOtherHashesAndCodecs() {
        byte[] identity = {0x01, 0x55, 0x00, 0x01, 0x61};
        assertThatThrownBy(() -> Cid.fromBytes(identity)).hasMessageContaining("only sha2-256");
        byte[] dagCbor = {0x01, 0x71, 0x12, 0x20};
        assertThatThrownBy(() -> Cid.fromBytes(dagCbor)).hasMessageContaining("codec 0x71");
        byte[] trailing = new byte[37];
        System.arraycopy(Cid.parse(EMPTY_RAW).toBytes(), 0, trailing, 0, 36);
        assertThatThrownBy(() -> Cid.fromBytes(trailing)).hasMessageContaining("trailing");
    }

    @Test
    void shouldVerifyBlocks() {
        byte[] block = "hello world\n".getBytes(StandardCharsets.US_ASCII);
        Cid cid = Cid.rawOf(block);
        assertThat(cid.verify(block)).isTrue();
        block[0] ^= 1;
        assertThat(cid.verify(block)).isFalse();
    }

    @Test
    void shouldRoundTripBase58WithLeadingZeros() {
        byte[] data = {0, 0, 1, 2, 3};
        assertThat(Multibase.base58Encode(data)).startsWith("11");
        assertThat(Multibase.base58Decode(Multibase.base58Encode(data))).isEqualTo(data);
        assertThat(Multibase.base32Decode(Multibase.base32Encode(data))).isEqualTo(data);
    }
}
