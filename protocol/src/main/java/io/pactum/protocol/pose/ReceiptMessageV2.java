package io.pactum.protocol.pose;

import static io.pactum.protocol.pose.Words.nonNull;
import static io.pactum.protocol.pose.Words.uint64;

import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.eip712.Eip712;
import io.pactum.protocol.eip712.Eip712Domain;

/**
 * A node's signed answer to a challenge: Solidity {@code ReceiptMessageV2} in {@code
 * contracts/src/types/PoSeTypes.sol}, signed by the node key ({@link PoSe#signerOf}(nodeId)) under
 * the PoSe domain. Its struct hash is the {@code receiptHash} witnesses attest.
 */
public record ReceiptMessageV2(
        Bytes32 challengeId, long epochId, Bytes32 nodeId, Bytes32 responseHash, long respondedAt) {

    public static final String TYPE = "ReceiptMessageV2(bytes32 challengeId,uint64 epochId,bytes32 nodeId,"
            + "bytes32 responseHash,uint64 respondedAt)";
    public static final Bytes32 TYPEHASH = Eip712.typeHash(TYPE);

    public ReceiptMessageV2 {
        nonNull("challengeId", challengeId);
        uint64("epochId", epochId);
        nonNull("nodeId", nodeId);
        nonNull("responseHash", responseHash);
        uint64("respondedAt", respondedAt);
    }

    /** The receipt answering {@code challenge} (same id, epoch and node). */
    public static ReceiptMessageV2 answering(ChallengeMessageV2 challenge, Bytes32 responseHash, long respondedAt) {
        return new ReceiptMessageV2(
                challenge.challengeId(), challenge.epochId(), challenge.nodeId(), responseHash, respondedAt);
    }

    /** EIP-712 {@code hashStruct(ReceiptMessageV2)} ({@code PoSeLib.hashReceipt}). */
    public Bytes32 structHash() {
        return Eip712.struct(TYPEHASH)
                .bytes32(challengeId)
                .uint64(epochId)
                .bytes32(nodeId)
                .bytes32(responseHash)
                .uint64(respondedAt)
                .hash();
    }

    public byte[] digest(Eip712Domain domain) {
        return Eip712.digest(domain, structHash());
    }

    /** Signs as {@code key} (the node key). */
    public Signature sign(EthKey key, Eip712Domain domain) {
        return key.sign(digest(domain));
    }
}
