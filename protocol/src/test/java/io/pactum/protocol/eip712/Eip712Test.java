package io.pactum.protocol.eip712;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.crypto.Hex;
import io.pactum.protocol.crypto.Keccak;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vectors of the "Mail" example in the EIP-712 specification. */
class Eip712Test {
    static final Bytes32 PERSON = Eip712.typeHash("Person(string name,address wallet)");
    static final Bytes32 MAIL =
            Eip712.typeHash("Mail(Person from,Person to,string contents)Person(string name,address wallet)");
    static final Eip712Domain DOMAIN = new Eip712Domain(
            "Ether Mail", "1", BigInteger.ONE, Address.parse("0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"));

    static Bytes32 person(String name, String wallet) {
        return Eip712.struct(PERSON).string(name).address(Address.parse(wallet)).hash();
    }

    static Bytes32 mail() {
        return Eip712.struct(MAIL)
                .struct(person("Cow", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"))
                .struct(person("Bob", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"))
                .string("Hello, Bob!")
                .hash();
    }

    @Test
    void shouldMatchTheSpecDomainSeparator() {
        assertThat(DOMAIN.separator().toHex())
                .isEqualTo("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
    }

    @Test
    void shouldMatchTheSpecStructHashAndDigest() {
        assertThat(MAIL.toHex()).isEqualTo("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2");
        assertThat(mail().toHex()).isEqualTo("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e");
        assertThat(Hex.encode(Eip712.digest(DOMAIN, mail())))
                .isEqualTo("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
    }

    @Test
    void shouldSignTheSpecDigestWithTheSpecKey() {
        // The spec's signer: private key keccak256("cow"), address 0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826.
        EthKey cow = EthKey.fromBytes(Keccak.keccak256("cow".getBytes()));
        assertThat(cow.address().toString()).isEqualTo("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");
        var sig = cow.sign(Eip712.digest(DOMAIN, mail()));
        assertThat(sig.v()).isEqualTo(28);
        assertThat(Hex.encode(sig.toBytes()).substring(2, 66))
                .isEqualTo("4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d");
        assertThat(Hex.encode(sig.toBytes()).substring(66, 130))
                .isEqualTo("07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562");
    }

    @Test
    void shouldEncodeAddressArrayAsPaddedWords() {
        Address a = Address.parse("0x0000000000000000000000000000000000000001");
        Address b = Address.parse("0x00000000000000000000000000000000000000ff");
        byte[] packed = new byte[64];
        packed[31] = 1;
        packed[63] = (byte) 0xff;
        Bytes32 type = Eip712.typeHash("T(address[] a)");
        Bytes32 expected = Bytes32.keccak(concat(type.toArray(), Keccak.keccak256(packed)));
        assertThat(Eip712.struct(type).addressArray(List.of(a, b)).hash()).isEqualTo(expected);
        Bytes32 empty = Bytes32.keccak(concat(type.toArray(), Keccak.keccak256(new byte[0])));
        assertThat(Eip712.struct(type).addressArray(List.of()).hash()).isEqualTo(empty);
    }

    @Test
    void shouldEncodeUintsBigEndianPadded() {
        Bytes32 type = Eip712.typeHash("T(uint256 a,uint64 b,bool c)");
        byte[] words = new byte[96];
        java.util.Arrays.fill(words, 0, 32, (byte) 0xff);
        words[63] = 5;
        words[95] = 1;
        Bytes32 expected = Bytes32.keccak(concat(type.toArray(), words));
        BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
        assertThat(Eip712.struct(type).uint256(max).uint64(5).bool(true).hash()).isEqualTo(expected);
    }

    @Test
    void shouldRejectValuesOutsideTheirSolidityType() {
        Bytes32 type = Eip712.typeHash("T(uint32 a)");
        assertThatThrownBy(() -> Eip712.struct(type).uint32(1L << 32)).hasMessageContaining("does not fit uint32");
        assertThatThrownBy(() -> Eip712.struct(type).uint32(-1)).hasMessageContaining("does not fit uint32");
        assertThatThrownBy(() -> Eip712.struct(type).uint256(BigInteger.TWO.pow(256)))
                .hasMessageContaining("does not fit uint256");
        assertThatThrownBy(() -> Eip712.struct(type).uint(7, 1)).hasMessageContaining("no type uint7");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
