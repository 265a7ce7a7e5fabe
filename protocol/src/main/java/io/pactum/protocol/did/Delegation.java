package io.pactum.protocol.did;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.eip712.Eip712;
import io.pactum.protocol.eip712.Eip712Domain;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The EIP-712 {@code Delegation} that {@code DIDRegistry.registerDelegation} verifies:
 * {@code Delegation(address issuer,address delegate,uint16 capabilities,uint64 expiry,bytes32
 * parent,bytes32 salt)} in the domain {@code ("Pactum DIDRegistry", "1", chainId, registry)}.
 * {@code parent} is zero for a root delegation issued by a DID. The registry's id of a delegation
 * is its {@link #digest(Eip712Domain) digest}.
 */
public record Delegation(
        Address issuer, Address delegate, int capabilities, long expiry, Bytes32 parent, Bytes32 salt) {
    public static final String TYPE =
            "Delegation(address issuer,address delegate,uint16 capabilities,uint64 expiry,bytes32 parent,bytes32 salt)";
    public static final Bytes32 TYPEHASH = Eip712.typeHash(TYPE);
    /** The deepest chain the registry accepts. */
    public static final int MAX_DEPTH = 3;

    public Delegation {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(salt, "salt");
        if (capabilities <= 0 || capabilities > 0xffff) {
            throw new IllegalArgumentException("capabilities must be a non-zero 16-bit mask");
        }
        if (expiry <= 0) {
            throw new IllegalArgumentException("expiry must be a positive unix time");
        }
    }

    /** The registry's EIP-712 domain. */
    public static Eip712Domain domain(long chainId, Address registry) {
        return new Eip712Domain("Pactum DIDRegistry", "1", BigInteger.valueOf(chainId), registry);
    }

    public boolean isRoot() {
        return parent.equals(Bytes32.ZERO);
    }

    public Bytes32 structHash() {
        return Eip712.struct(TYPEHASH)
                .address(issuer)
                .address(delegate)
                .uint(16, capabilities)
                .uint64(expiry)
                .bytes32(parent)
                .bytes32(salt)
                .hash();
    }

    /** The digest to sign, which is also the delegation's id in the registry. */
    public Bytes32 digest(Eip712Domain domain) {
        return Bytes32.of(Eip712.digest(domain, structHash()));
    }

    /** Whether {@code child} grants only capabilities {@code held}: non-empty and a subset. */
    public static boolean isSubset(int child, int held) {
        return child != 0 && (child & ~held) == 0;
    }
}
