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
 * The matched terms both parties sign: Solidity {@code Deal} in {@code
 * contracts/src/types/DealTypes.sol}, field for field. {@link #id()} (the struct hash) is the
 * on-chain {@code dealId}; {@link #digest} equals {@code IDealManager.dealDigest(deal)}.
 */
public record Deal(
        Address client,
        Address node,
        Bytes32 jobOfferId,
        Bytes32 resourceOfferId,
        Bytes jobSpecCid,
        long maxFuel,
        BigInteger price,
        BigInteger pricePerFuel,
        BigInteger clientCollateral,
        BigInteger nodeCollateral,
        BigInteger cheatingCollateral,
        BigInteger mediationFee,
        List<Address> mediators,
        long agreeDeadline,
        long resultTimeout,
        long judgeTimeout,
        long mediationTimeout) {

    public static final String TYPE = "Deal(address client,address node,bytes32 jobOfferId,bytes32 resourceOfferId,"
            + "bytes jobSpecCid,uint64 maxFuel,uint256 price,uint256 pricePerFuel,uint256 clientCollateral,"
            + "uint256 nodeCollateral,uint256 cheatingCollateral,uint256 mediationFee,address[] mediators,"
            + "uint64 agreeDeadline,uint32 resultTimeout,uint32 judgeTimeout,uint32 mediationTimeout)";
    public static final Bytes32 TYPEHASH = Eip712.typeHash(TYPE);

    public Deal {
        nonNull("client", client);
        nonNull("node", node);
        nonNull("jobOfferId", jobOfferId);
        nonNull("resourceOfferId", resourceOfferId);
        nonNull("jobSpecCid", jobSpecCid);
        uint64("maxFuel", maxFuel);
        uint256("price", price);
        uint256("pricePerFuel", pricePerFuel);
        uint256("clientCollateral", clientCollateral);
        uint256("nodeCollateral", nodeCollateral);
        uint256("cheatingCollateral", cheatingCollateral);
        uint256("mediationFee", mediationFee);
        mediators = addresses("mediators", mediators);
        uint64("agreeDeadline", agreeDeadline);
        uint32("resultTimeout", resultTimeout);
        uint32("judgeTimeout", judgeTimeout);
        uint32("mediationTimeout", mediationTimeout);
    }

    /** EIP-712 {@code hashStruct(Deal)} = {@code IDealManager.hashDeal(deal)}. */
    public Bytes32 structHash() {
        return Eip712.struct(TYPEHASH)
                .address(client)
                .address(node)
                .bytes32(jobOfferId)
                .bytes32(resourceOfferId)
                .bytes(jobSpecCid)
                .uint64(maxFuel)
                .uint256(price)
                .uint256(pricePerFuel)
                .uint256(clientCollateral)
                .uint256(nodeCollateral)
                .uint256(cheatingCollateral)
                .uint256(mediationFee)
                .addressArray(mediators)
                .uint64(agreeDeadline)
                .uint32(resultTimeout)
                .uint32(judgeTimeout)
                .uint32(mediationTimeout)
                .hash();
    }

    /** The {@code dealId}: the struct hash. */
    public Bytes32 id() {
        return structHash();
    }

    /** {@code IDealManager.dealDigest(deal)} for the DealManager of {@code domain}. */
    public byte[] digest(Eip712Domain domain) {
        return Eip712.digest(domain, structHash());
    }

    /** The client's or node's signature for {@code agreeBySig}. */
    public Signature sign(EthKey key, Eip712Domain domain) {
        return key.sign(digest(domain));
    }
}
