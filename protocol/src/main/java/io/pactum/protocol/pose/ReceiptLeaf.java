package io.pactum.protocol.pose;

import static io.pactum.protocol.pose.Words.nonNull;
import static io.pactum.protocol.pose.Words.uint8;

import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Keccak;

/**
 * One leaf of an epoch's receipts tree: Solidity {@code ReceiptLeaf} in {@code
 * contracts/src/types/PoSeTypes.sol}. Signatures are raw bytes (65 bytes {@code r ‖ s ‖ v} when
 * valid) so that evidence of a malformed signature can be represented too.
 */
public record ReceiptLeaf(
        ChallengeMessageV2 challenge, ReceiptMessageV2 receipt, int resultCode, Bytes challengerSig, Bytes nodeSig) {

    public ReceiptLeaf {
        nonNull("challenge", challenge);
        nonNull("receipt", receipt);
        uint8("resultCode", resultCode);
        nonNull("challengerSig", challengerSig);
        nonNull("nodeSig", nodeSig);
    }

    /**
     * {@code PoSeLib.leafHash}: {@code keccak256(0x00 ‖ abi.encode(challengeHash, receiptHash,
     * resultCode, keccak256(challengerSig), keccak256(nodeSig)))}.
     */
    public Bytes32 hash() {
        byte[] enc = new byte[1 + 5 * 32];
        enc[0] = 0x00;
        Words.putBytes32(enc, 1, challenge.structHash());
        Words.putBytes32(enc, 33, receipt.structHash());
        Words.putUint(enc, 65, resultCode);
        System.arraycopy(Keccak.keccak256(challengerSig.toArray()), 0, enc, 97, 32);
        System.arraycopy(Keccak.keccak256(nodeSig.toArray()), 0, enc, 129, 32);
        return Bytes32.keccak(enc);
    }
}
