package io.pactum.protocol.eip712;

import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Keccak;
import java.nio.charset.StandardCharsets;

/** EIP-712 hashing entry points: type hashes, struct encoders and the signed digest. */
public final class Eip712 {
    private static final byte[] PREFIX = {0x19, 0x01};

    private Eip712() {}

    /** {@code keccak256(type)}, e.g. {@code typeHash("Mail(address from,address to,string contents)")}. */
    public static Bytes32 typeHash(String type) {
        return Bytes32.keccak(type.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts {@code hashStruct}: {@code keccak256(typeHash ‖ encodeData(fields...))}. */
    public static StructEncoder struct(Bytes32 typeHash) {
        return new StructEncoder(typeHash);
    }

    /** The digest to sign: {@code keccak256(0x1901 ‖ domainSeparator ‖ structHash)}. */
    public static byte[] digest(Eip712Domain domain, Bytes32 structHash) {
        return digest(domain.separator(), structHash);
    }

    /** As {@link #digest(Eip712Domain, Bytes32)} with a precomputed domain separator. */
    public static byte[] digest(Bytes32 domainSeparator, Bytes32 structHash) {
        return Keccak.keccak256(PREFIX, domainSeparator.toArray(), structHash.toArray());
    }
}
