package io.pactum.protocol.pose;

import static io.pactum.protocol.pose.Words.nonNull;
import static io.pactum.protocol.pose.Words.uint64;
import static io.pactum.protocol.pose.Words.uint8;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.eip712.Eip712;
import io.pactum.protocol.eip712.Eip712Domain;

/**
 * A challenge issued by an allowlisted challenger to a node: Solidity {@code ChallengeMessageV2}
 * in {@code contracts/src/types/PoSeTypes.sol}, field for field, signed by the challenger under
 * the PoSe domain ({@link PoSe#domain}). The contract requires {@code challengeId ==
 * PoSe.challengeId(epochId, nodeId, challengeType, nonce, challenger)}; {@link #of} computes it,
 * the canonical constructor does not (so evidence with an unbound id can be built).
 */
public record ChallengeMessageV2(
        Bytes32 challengeId,
        long epochId,
        Bytes32 nodeId,
        int challengeType,
        long nonce,
        Address challenger,
        long issuedAt,
        long deadline,
        Bytes32 querySpecHash) {

    public static final String TYPE = "ChallengeMessageV2(bytes32 challengeId,uint64 epochId,bytes32 nodeId,"
            + "uint8 challengeType,uint64 nonce,address challenger,uint64 issuedAt,uint64 deadline,"
            + "bytes32 querySpecHash)";
    public static final Bytes32 TYPEHASH = Eip712.typeHash(TYPE);

    public ChallengeMessageV2 {
        nonNull("challengeId", challengeId);
        uint64("epochId", epochId);
        nonNull("nodeId", nodeId);
        uint8("challengeType", challengeType);
        uint64("nonce", nonce);
        nonNull("challenger", challenger);
        uint64("issuedAt", issuedAt);
        uint64("deadline", deadline);
        nonNull("querySpecHash", querySpecHash);
    }

    /** A challenge whose id binds its fields. */
    public static ChallengeMessageV2 of(long epochId, Bytes32 nodeId, int challengeType, long nonce, Address challenger,
            long issuedAt, long deadline, Bytes32 querySpecHash) {
        return new ChallengeMessageV2(PoSe.challengeId(epochId, nodeId, challengeType, nonce, challenger), epochId,
                nodeId, challengeType, nonce, challenger, issuedAt, deadline, querySpecHash);
    }

    /** True iff {@link #challengeId()} recomputes from the other fields. */
    public boolean idBinds() {
        return challengeId.equals(PoSe.challengeId(epochId, nodeId, challengeType, nonce, challenger));
    }

    /** EIP-712 {@code hashStruct(ChallengeMessageV2)} ({@code PoSeLib.hashChallenge}). */
    public Bytes32 structHash() {
        return Eip712.struct(TYPEHASH)
                .bytes32(challengeId)
                .uint64(epochId)
                .bytes32(nodeId)
                .uint8(challengeType)
                .uint64(nonce)
                .address(challenger)
                .uint64(issuedAt)
                .uint64(deadline)
                .bytes32(querySpecHash)
                .hash();
    }

    public byte[] digest(Eip712Domain domain) {
        return Eip712.digest(domain, structHash());
    }

    /** Signs as {@code key} (the challenger's key). */
    public Signature sign(EthKey key, Eip712Domain domain) {
        return key.sign(digest(domain));
    }
}
