package io.pactum.protocol.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Keccak;
import io.pactum.protocol.eip712.Eip712Domain;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DelegationTest {
    private static final Address ISSUER = Address.parse("0x1111111111111111111111111111111111111111");
    private static final Address DELEGATE = Address.parse("0x2222222222222222222222222222222222222222");
    private static final Address REGISTRY = Address.parse("0x3333333333333333333333333333333333333333");

    @Test
    void shouldUseTheContractsTypeString() {
        assertThat(Delegation.TYPEHASH).isEqualTo(Bytes32.keccak(
                "Delegation(address issuer,address delegate,uint16 capabilities,uint64 expiry,bytes32 parent,bytes32 salt)"
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldHashTheStructAsAbiEncodeOfTheWords() {
        Bytes32 parent = Bytes32.keccak(new byte[] {1});
        Bytes32 salt = Bytes32.keccak(new byte[] {2});
        Delegation d = new Delegation(ISSUER, DELEGATE, 0x0103, 1_800_000_000L, parent, salt);
        byte[] words = new byte[32 * 7];
        System.arraycopy(Delegation.TYPEHASH.toArray(), 0, words, 0, 32);
        System.arraycopy(ISSUER.value(), 0, words, 32 + 12, 20);
        System.arraycopy(DELEGATE.value(), 0, words, 64 + 12, 20);
        words[96 + 30] = 0x01;
        words[96 + 31] = 0x03;
        long e = 1_800_000_000L;
        for (int i = 0; i < 8; i++) {
            words[128 + 31 - i] = (byte) (e >>> (8 * i));
        }
        System.arraycopy(parent.toArray(), 0, words, 160, 32);
        System.arraycopy(salt.toArray(), 0, words, 192, 32);
        assertThat(d.structHash()).isEqualTo(Bytes32.of(Keccak.keccak256(words)));
        assertThat(d.isRoot()).isFalse();
    }

    @Test
    void shouldBindDomainChainAndRegistry() {
        Delegation d = new Delegation(ISSUER, DELEGATE, 1, 1_800_000_000L, Bytes32.ZERO, Bytes32.ZERO);
        Eip712Domain domain = Delegation.domain(31337, REGISTRY);
        assertThat(domain.name()).isEqualTo("Pactum DIDRegistry");
        assertThat(d.digest(domain)).isNotEqualTo(d.digest(Delegation.domain(1, REGISTRY)));
        assertThat(d.digest(domain)).isNotEqualTo(d.digest(Delegation.domain(31337, ISSUER)));
        assertThat(d.isRoot()).isTrue();
    }

    @Test
    void shouldRejectEmptyOrWideCapabilities() {
        assertThatThrownBy(() -> new Delegation(ISSUER, DELEGATE, 0, 1, Bytes32.ZERO, Bytes32.ZERO))
                .hasMessageContaining("non-zero 16-bit");
        assertThatThrownBy(() -> new Delegation(ISSUER, DELEGATE, 0x10000, 1, Bytes32.ZERO, Bytes32.ZERO))
                .hasMessageContaining("non-zero 16-bit");
    }

    @Test
    void shouldAcceptOnlyNonEmptySubsets() {
        assertThat(Delegation.isSubset(0b0101, 0b0111)).isTrue();
        assertThat(Delegation.isSubset(0b1000, 0b0111)).isFalse();
        assertThat(Delegation.isSubset(0, 0b0111)).isFalse();
    }
}
