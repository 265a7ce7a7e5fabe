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
 * The node key's consent to be registered by {@code operator} ({@code NodeRegistry}'s EIP-712
 * {@code NodeRegistration}, domain {@link PoSe#registryDomain}); {@code nonce} is the registry's
 * {@code registrationNonce(nodeId)}.
 */
public record NodeRegistration(
        Bytes32 nodeId, Address operator, int capabilities, Bytes32 endpointCommitment, long nonce, long deadline) {

    public static final String TYPE = "NodeRegistration(bytes32 nodeId,address operator,uint8 capabilities,"
            + "bytes32 endpointCommitment,uint64 nonce,uint64 deadline)";
    public static final Bytes32 TYPEHASH = Eip712.typeHash(TYPE);

    public NodeRegistration {
        nonNull("nodeId", nodeId);
        nonNull("operator", operator);
        uint8("capabilities", capabilities);
        nonNull("endpointCommitment", endpointCommitment);
        uint64("nonce", nonce);
        uint64("deadline", deadline);
    }

    public Bytes32 structHash() {
        return Eip712.struct(TYPEHASH)
                .bytes32(nodeId)
                .address(operator)
                .uint8(capabilities)
                .bytes32(endpointCommitment)
                .uint64(nonce)
                .uint64(deadline)
                .hash();
    }

    public byte[] digest(Eip712Domain domain) {
        return Eip712.digest(domain, structHash());
    }

    /** Signs as {@code nodeKey}, whose {@link PoSe#nodeId} must be {@link #nodeId()}. */
    public Signature sign(EthKey nodeKey, Eip712Domain domain) {
        if (!PoSe.nodeId(nodeKey).equals(nodeId)) {
            throw new IllegalArgumentException("the key is not the node's key");
        }
        return nodeKey.sign(digest(domain));
    }
}
