package io.pactum.protocol.pose;

import static io.pactum.protocol.pose.Words.nonNull;
import static io.pactum.protocol.pose.Words.uint64;
import static io.pactum.protocol.pose.Words.uint8;

import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.eip712.Eip712;
import io.pactum.protocol.eip712.Eip712Domain;

/**
 * A witness's statement about one receipt: EIP-712 {@code WitnessAttestationV2} ({@code
 * PoSeLib.ATTESTATION_TYPEHASH}; on-chain only the witness node id and signature travel, in
 * {@code Attestation}). Binds the epoch and the result code; signed by the witness node key.
 */
public record WitnessAttestationV2(
        Bytes32 challengeId, long epochId, Bytes32 receiptHash, Bytes32 witnessNodeId, int resultCode) {

    public static final String TYPE = "WitnessAttestationV2(bytes32 challengeId,uint64 epochId,bytes32 receiptHash,"
            + "bytes32 witnessNodeId,uint8 resultCode)";
    public static final Bytes32 TYPEHASH = Eip712.typeHash(TYPE);

    public WitnessAttestationV2 {
        nonNull("challengeId", challengeId);
        uint64("epochId", epochId);
        nonNull("receiptHash", receiptHash);
        nonNull("witnessNodeId", witnessNodeId);
        uint8("resultCode", resultCode);
    }

    /** The attestation of {@code witnessNodeId} that {@code receipt} had {@code resultCode}. */
    public static WitnessAttestationV2 of(ReceiptMessageV2 receipt, Bytes32 witnessNodeId, int resultCode) {
        return new WitnessAttestationV2(
                receipt.challengeId(), receipt.epochId(), receipt.structHash(), witnessNodeId, resultCode);
    }

    /** EIP-712 {@code hashStruct(WitnessAttestationV2)} ({@code PoSeLib.hashAttestation}). */
    public Bytes32 structHash() {
        return Eip712.struct(TYPEHASH)
                .bytes32(challengeId)
                .uint64(epochId)
                .bytes32(receiptHash)
                .bytes32(witnessNodeId)
                .uint8(resultCode)
                .hash();
    }

    public byte[] digest(Eip712Domain domain) {
        return Eip712.digest(domain, structHash());
    }

    /** Signs as {@code key} (the witness node key). */
    public Signature sign(EthKey key, Eip712Domain domain) {
        return key.sign(digest(domain));
    }
}
