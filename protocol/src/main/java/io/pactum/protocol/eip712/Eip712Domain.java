package io.pactum.protocol.eip712;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An EIP-712 domain with the four fields Pactum uses: {@code
 * EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)} (what
 * OpenZeppelin's {@code EIP712} builds).
 */
public record Eip712Domain(String name, String version, BigInteger chainId, Address verifyingContract) {
    public static final String TYPE =
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
    public static final Bytes32 TYPEHASH = Eip712.typeHash(TYPE);

    public Eip712Domain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(verifyingContract, "verifyingContract");
        if (chainId == null || chainId.signum() <= 0) {
            throw new IllegalArgumentException("chainId must be positive");
        }
    }

    /** The Pactum domain: name "Pactum", version "1", for the given chain and DealManager. */
    public static Eip712Domain pactum(long chainId, Address dealManager) {
        return new Eip712Domain("Pactum", "1", BigInteger.valueOf(chainId), dealManager);
    }

    /** The domain separator: {@code hashStruct(domain)}. */
    public Bytes32 separator() {
        return Eip712.struct(TYPEHASH)
                .string(name)
                .string(version)
                .uint256(chainId)
                .address(verifyingContract)
                .hash();
    }
}
