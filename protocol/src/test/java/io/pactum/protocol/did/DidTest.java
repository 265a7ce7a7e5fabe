package io.pactum.protocol.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.protocol.crypto.Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DidTest {
    private static final String ADDR = "0x00000000000000000000000000000000000000AB";

    @Test
    void shouldParseAndPrintCanonicalLowerCase() {
        Did did = Did.parse("did:pactum:31337:" + ADDR);
        assertThat(did.chainId()).isEqualTo(31337);
        assertThat(did.address()).isEqualTo(Address.parse(ADDR));
        assertThat(did).hasToString("did:pactum:31337:0x00000000000000000000000000000000000000ab");
        assertThat(Did.parse(did.toString())).isEqualTo(did);
        assertThat(did.withFragment("controller")).endsWith("ab#controller");
        assertThat(did.accountId(did.address())).isEqualTo("eip155:31337:0x00000000000000000000000000000000000000ab");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "did:ethr:1:0x00000000000000000000000000000000000000ab",
        "did:pactum:0x00000000000000000000000000000000000000ab",
        "did:pactum:0:0x00000000000000000000000000000000000000ab",
        "did:pactum:01:0x00000000000000000000000000000000000000ab",
        "did:pactum:-1:0x00000000000000000000000000000000000000ab",
        "did:pactum:1:0x00000000000000000000000000000000000000a",
        "did:pactum:1:0x00000000000000000000000000000000000000abc",
        "did:pactum:1:00000000000000000000000000000000000000ab00",
        "did:pactum:1:0x00000000000000000000000000000000000000zz",
        "did:pactum:1:0xAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAa",
        "did:pactum:1:0x00000000000000000000000000000000000000ab#frag",
        "did:pactum:99999999999999999999:0x00000000000000000000000000000000000000ab"
    })
    void shouldRejectMalformedDids(String text) {
        assertThatThrownBy(() -> Did.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DID");
    }

    @Test
    void shouldParsePurposeNamesAndRejectUnknownOnes() {
        assertThat(Purpose.parseBits("authentication, delegation")).isEqualTo(9);
        assertThat(Purpose.of(6)).containsExactly(Purpose.ASSERTION, Purpose.CAPABILITY_INVOCATION);
        assertThatThrownBy(() -> Purpose.parseBits("admin")).hasMessageContaining("unknown purpose 'admin'");
        assertThatThrownBy(() -> Purpose.of(0)).hasMessageContaining("1..15");
        assertThatThrownBy(() -> Purpose.of(16)).hasMessageContaining("1..15");
    }
}
