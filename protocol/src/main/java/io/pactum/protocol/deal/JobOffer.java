package io.pactum.protocol.deal;

import static io.pactum.protocol.deal.SolidityTypes.addresses;
import static io.pactum.protocol.deal.SolidityTypes.nonNull;
import static io.pactum.protocol.deal.SolidityTypes.uint256;
import static io.pactum.protocol.deal.SolidityTypes.uint32;
import static io.pactum.protocol.deal.SolidityTypes.uint64;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.eip712.Eip712;
import io.pactum.protocol.eip712.Eip712Domain;
import java.math.BigInteger;
import java.util.List;

/**
 * A client's signed request for compute: Solidity {@code JobOffer} in {@code
 * contracts/src/types/DealTypes.sol}, field for field. {@link #id()} (its EIP-712 struct hash) is
 * the {@code jobOfferId} of a deal matched from it. The constructor checks only that each value
 * fits its Solidity type; business rules are in {@link Validation}.
 */
public record JobOffer(
        Address client,
        Bytes jobSpecCid,
        long cpuMillis,
        long memoryMiB,
        long maxFuel,
        BigInteger maxPrice,
        BigInteger clientCollateral,
        BigInteger mediationFee,
        List<Address> mediators,
        long resultTimeout,
        long judgeTimeout,
        long mediationTimeout,
        BigInteger nonce,
        long expiry) {

    public static final String TYPE = "JobOffer(address client,bytes jobSpecCid,uint32 cpuMillis,uint32 memoryMiB,"
            + "uint64 maxFuel,uint256 maxPrice,uint256 clientCollateral,uint256 mediationFee,address[] mediators,"
            + "uint32 resultTimeout,uint32 judgeTimeout,uint32 mediationTimeout,uint256 nonce,uint64 expiry)";
    public static final Bytes32 TYPEHASH = Eip712.typeHash(TYPE);

    public JobOffer {
        nonNull("client", client);
        nonNull("jobSpecCid", jobSpecCid);
        uint32("cpuMillis", cpuMillis);
        uint32("memoryMiB", memoryMiB);
        uint64("maxFuel", maxFuel);
        uint256("maxPrice", maxPrice);
        uint256("clientCollateral", clientCollateral);
        uint256("mediationFee", mediationFee);
        mediators = addresses("mediators", mediators);
        uint32("resultTimeout", resultTimeout);
        uint32("judgeTimeout", judgeTimeout);
        uint32("mediationTimeout", mediationTimeout);
        uint256("nonce", nonce);
        uint64("expiry", expiry);
    }

    /** EIP-712 {@code hashStruct(JobOffer)}. */
    public Bytes32 structHash() {
        return Eip712.struct(TYPEHASH)
                .address(client)
                .bytes(jobSpecCid)
                .uint32(cpuMillis)
                .uint32(memoryMiB)
                .uint64(maxFuel)
                .uint256(maxPrice)
                .uint256(clientCollateral)
                .uint256(mediationFee)
                .addressArray(mediators)
                .uint32(resultTimeout)
                .uint32(judgeTimeout)
                .uint32(mediationTimeout)
                .uint256(nonce)
                .uint64(expiry)
                .hash();
    }

    /** The {@code jobOfferId}: the struct hash. */
    public Bytes32 id() {
        return structHash();
    }

    /** The EIP-712 digest the client signs. */
    public byte[] digest(Eip712Domain domain) {
        return Eip712.digest(domain, structHash());
    }

    /** Signs as {@code key} (which should be the client's key; {@link Validation} checks it). */
    public Signature sign(EthKey key, Eip712Domain domain) {
        return key.sign(digest(domain));
    }
}
