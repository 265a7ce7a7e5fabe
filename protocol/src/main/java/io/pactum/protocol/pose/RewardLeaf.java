package io.pactum.protocol.pose;

import static io.pactum.protocol.pose.Words.nonNull;
import static io.pactum.protocol.pose.Words.uint256;
import static io.pactum.protocol.pose.Words.uint64;

import io.pactum.protocol.crypto.Bytes32;
import java.math.BigInteger;

/**
 * One reward: the values {@code (uint64 epochId, bytes32 nodeId, uint256 amount)} of a leaf of an
 * epoch's reward tree ({@code RewardDistributor.leafHash}).
 */
public record RewardLeaf(long epochId, Bytes32 nodeId, BigInteger amount) {
    public RewardLeaf {
        uint64("epochId", epochId);
        nonNull("nodeId", nodeId);
        uint256("amount", amount);
    }

    /** {@code abi.encode(epochId, nodeId, amount)}. */
    public byte[] abiEncode() {
        byte[] enc = new byte[96];
        Words.putUint(enc, 0, epochId);
        Words.putBytes32(enc, 32, nodeId);
        Words.putUint(enc, 64, amount);
        return enc;
    }

    /** The OpenZeppelin StandardMerkleTree leaf: {@code keccak256(keccak256(abi.encode(values)))}. */
    public Bytes32 hash() {
        return StandardMerkleTree.leafHash(abiEncode());
    }
}
