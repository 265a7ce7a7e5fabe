package io.pactum.protocol.deal;

import static io.pactum.protocol.deal.SolidityTypes.addresses;
import static io.pactum.protocol.deal.SolidityTypes.nonNull;
import static io.pactum.protocol.deal.SolidityTypes.uint256;
import static io.pactum.protocol.deal.SolidityTypes.uint32;
import static io.pactum.protocol.deal.SolidityTypes.uint64;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.eip712.Eip712;
import io.pactum.protocol.eip712.Eip712Domain;
import java.math.BigInteger;
import java.util.List;

/**
 * A compute node's signed offer of resources: Solidity {@code ResourceOffer} in {@code
 * contracts/src/types/DealTypes.sol}, field for field. {@link #id()} is the {@code resourceOfferId}
 * of a deal matched from it.
 */
public record ResourceOffer(
        Address node,
        long cpuMillis,
        long memoryMiB,
        long maxFuel,
        BigInteger price,
        BigInteger pricePerFuel,
        BigInteger nodeCollateral,
        long cheatingMultiplier,
        List<Address> mediators,
        BigInteger nonce,
        long expiry) {

    public static final String TYPE = "ResourceOffer(address node,uint32 cpuMillis,uint32 memoryMiB,uint64 maxFuel,"
            + "uint256 price,uint256 pricePerFuel,uint256 nodeCollateral,uint32 cheatingMultiplier,"
            + "address[] mediators,uint256 nonce,uint64 expiry)";
    public static final Bytes32 TYPEHASH = Eip712.typeHash(TYPE);

    public ResourceOffer {
        nonNull("node", node);
        uint32("cpuMillis", cpuMillis);
        uint32("memoryMiB", memoryMiB);
        uint64("maxFuel", maxFuel);
        uint256("price", price);
        uint256("pricePerFuel", pricePerFuel);
        uint256("nodeCollateral", nodeCollateral);
        uint32("cheatingMultiplier", cheatingMultiplier);
        mediators = addresses("mediators", mediators);
        uint256("nonce", nonce);
        uint64("expiry", expiry);
    }

    /** EIP-712 {@code hashStruct(ResourceOffer)}. */
    public Bytes32 structHash() {
        return Eip712.struct(TYPEHASH)
                .address(node)
                .uint32(cpuMillis)
                .uint32(memoryMiB)
                .uint64(maxFuel)
                .uint256(price)
                .uint256(pricePerFuel)
                .uint256(nodeCollateral)
                .uint32(cheatingMultiplier)
                .addressArray(mediators)
                .uint256(nonce)
                .uint64(expiry)
                .hash();
    }

    /** The {@code resourceOfferId}: the struct hash. */
    public Bytes32 id() {
        return structHash();
    }

    public byte[] digest(Eip712Domain domain) {
        return Eip712.digest(domain, structHash());
    }

    public Signature sign(EthKey key, Eip712Domain domain) {
        return key.sign(digest(domain));
    }
}
