package io.pactum.protocol.pose;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.eip712.Eip712Domain;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Constants and identities of PoSe v2 ({@code contracts/src/libraries/PoSeLib.sol}): the EIP-712
 * domains, result codes, capability bits and node ids.
 */
public final class PoSe {
    /** Result codes an aggregator records and witnesses attest. */
    public static final int RESULT_PASS = 1;

    public static final int RESULT_FAIL = 2;
    public static final int RESULT_TIMEOUT = 3;

    /** Capability bits (a challenge's type is exactly one of them). */
    public static final int CAP_U = 1;

    public static final int CAP_S = 2;
    public static final int CAP_R = 4;
    public static final int CAP_C = 8;
    public static final int CAP_M = 16;

    private PoSe() {}

    /** The PoSe domain: ("PactumPoSe", "2", chainId, PoSeManagerV2); the fault manager uses it too. */
    public static Eip712Domain domain(long chainId, Address poseManager) {
        return new Eip712Domain("PactumPoSe", "2", BigInteger.valueOf(chainId), poseManager);
    }

    /** The registration domain: ("PactumNodeRegistry", "1", chainId, NodeRegistry). */
    public static Eip712Domain registryDomain(long chainId, Address nodeRegistry) {
        return new Eip712Domain("PactumNodeRegistry", "1", BigInteger.valueOf(chainId), nodeRegistry);
    }

    /** The 64-byte public key {@code x ‖ y} NodeRegistry.register takes (no 0x04 prefix). */
    public static Bytes pubkey(EthKey key) {
        byte[] uncompressed = key.publicKey();
        return Bytes.of(Arrays.copyOfRange(uncompressed, 1, 65));
    }

    /** {@code nodeId = keccak256(pubkey)}; its low 20 bytes are the node key's address. */
    public static Bytes32 nodeId(EthKey key) {
        return Bytes32.keccak(pubkey(key).toArray());
    }

    /** The address that signs for {@code nodeId}: its low 20 bytes ({@code PoSeLib.signerOf}). */
    public static Address signerOf(Bytes32 nodeId) {
        return new Address(Arrays.copyOfRange(nodeId.toArray(), 12, 32));
    }

    /** {@code keccak256(abi.encode(epochId, nodeId, challengeType, nonce, challenger))}. */
    public static Bytes32 challengeId(long epochId, Bytes32 nodeId, int challengeType, long nonce, Address challenger) {
        byte[] enc = new byte[5 * 32];
        Words.putUint(enc, 0, Words.uint64("epochId", epochId));
        Words.putBytes32(enc, 32, nodeId);
        Words.putUint(enc, 64, Words.uint8("challengeType", challengeType));
        Words.putUint(enc, 96, Words.uint64("nonce", nonce));
        Words.putAddress(enc, 128, challenger);
        return Bytes32.keccak(enc);
    }
}
