// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {ChallengeMessageV2, ReceiptMessageV2, ReceiptLeaf} from "../types/PoSeTypes.sol";

/// @title PoSeLib
/// @notice EIP-712 hashing, signature checks and the receipts-tree proof of PoSe v2, shared by
///         PoSeManagerV2 and FaultManager (which verifies under the manager's domain).
/// @dev    Domain: name "PactumPoSe", version "2", chainId, verifyingContract = PoSeManagerV2.
///         Each message has its own type hash, so a challenge, a receipt and an attestation can
///         never be taken for one another; each carries its epoch.
///         Node keys: nodeId = keccak256(pubkey) and the node's address is the low 20 bytes of
///         the same hash, so `signerOf(nodeId) = address(uint160(uint256(nodeId)))`.
///         Receipts tree (positional, domain-separated): leaf = keccak256(0x00 ‖ abi.encode(
///         challengeHash, receiptHash, resultCode, keccak256(challengerSig), keccak256(nodeSig))),
///         node = keccak256(0x01 ‖ left ‖ right); depth = ceil(log2(count)); missing leaves are
///         bytes32(0); the bits of the leaf index choose left/right from the bottom up.
library PoSeLib {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant NAME_HASH = keccak256("PactumPoSe");
    bytes32 internal constant VERSION_HASH = keccak256("2");
    bytes32 internal constant CHALLENGE_TYPEHASH = keccak256(
        "ChallengeMessageV2(bytes32 challengeId,uint64 epochId,bytes32 nodeId,uint8 challengeType,uint64 nonce,address challenger,uint64 issuedAt,uint64 deadline,bytes32 querySpecHash)"
    );
    bytes32 internal constant RECEIPT_TYPEHASH = keccak256(
        "ReceiptMessageV2(bytes32 challengeId,uint64 epochId,bytes32 nodeId,bytes32 responseHash,uint64 respondedAt)"
    );
    bytes32 internal constant ATTESTATION_TYPEHASH = keccak256(
        "WitnessAttestationV2(bytes32 challengeId,uint64 epochId,bytes32 receiptHash,bytes32 witnessNodeId,uint8 resultCode)"
    );

    uint8 internal constant RESULT_PASS = 1;
    uint8 internal constant RESULT_FAIL = 2;
    uint8 internal constant RESULT_TIMEOUT = 3;

    /// @notice Largest witness set (m = min(ceil(sqrt(n)), 32)), so the most attestations a
    ///         reveal or a rebuttal can carry (C9).
    uint256 internal constant MAX_WITNESSES = 32;

    /// @notice Deepest receipts tree: an epoch's `count` is a uint32, so depth = ceil(log2(count))
    ///         ≤ 32. Bounds both loops of `verifyPositional` (C9).
    uint256 internal constant MAX_PROOF_DEPTH = 32;

    function domainSeparator(address verifyingContract) internal view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, verifyingContract));
    }

    function digest(address verifyingContract, bytes32 structHash) internal view returns (bytes32 d) {
        bytes32 sep = domainSeparator(verifyingContract);
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, hex"1901")
            mstore(add(p, 0x02), sep)
            mstore(add(p, 0x22), structHash)
            d := keccak256(p, 0x42)
        }
    }

    function challengeId(uint64 epochId, bytes32 nodeId, uint8 challengeType, uint64 nonce, address challenger)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(epochId, nodeId, challengeType, nonce, challenger));
    }

    function hashChallenge(ChallengeMessageV2 calldata c) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                CHALLENGE_TYPEHASH,
                c.challengeId,
                c.epochId,
                c.nodeId,
                c.challengeType,
                c.nonce,
                c.challenger,
                c.issuedAt,
                c.deadline,
                c.querySpecHash
            )
        );
    }

    function hashReceipt(ReceiptMessageV2 calldata r) internal pure returns (bytes32) {
        return keccak256(abi.encode(RECEIPT_TYPEHASH, r.challengeId, r.epochId, r.nodeId, r.responseHash, r.respondedAt));
    }

    function hashAttestation(bytes32 cid, uint64 epochId, bytes32 receiptHash, bytes32 witnessNodeId, uint8 resultCode)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(ATTESTATION_TYPEHASH, cid, epochId, receiptHash, witnessNodeId, resultCode));
    }

    function signerOf(bytes32 nodeId) internal pure returns (address) {
        return address(uint160(uint256(nodeId)));
    }

    /// @dev True iff `sig` is a 65-byte, low-s signature of `digest_` by `expected` (OZ ECDSA).
    function isValidSig(bytes32 digest_, bytes calldata sig, address expected) internal pure returns (bool) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest_, sig);
        return err == ECDSA.RecoverError.NoError && recovered == expected && expected != address(0);
    }

    /// @notice Leaf hash of the receipts tree.
    function leafHash(ReceiptLeaf calldata leaf) internal pure returns (bytes32) {
        return leafHashOf(
            hashChallenge(leaf.challenge),
            hashReceipt(leaf.receipt),
            leaf.resultCode,
            keccak256(leaf.challengerSig),
            keccak256(leaf.nodeSig)
        );
    }

    function leafHashOf(bytes32 ch, bytes32 rh, uint8 resultCode, bytes32 csh, bytes32 nsh)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encodePacked(bytes1(0x00), abi.encode(ch, rh, resultCode, csh, nsh)));
    }

    /// @notice Depth of a receipts tree of `count` leaves (0 for one leaf).
    function depthOf(uint256 count) internal pure returns (uint256 depth) {
        while ((uint256(1) << depth) < count) ++depth;
    }

    /// @notice Verifies a positional proof: `leaf` is at `index` of the tree with `root` and `count`.
    ///         False for a tree of more than 2^MAX_PROOF_DEPTH leaves, so no loop here runs more
    ///         than MAX_PROOF_DEPTH times.
    function verifyPositional(bytes32 root, uint256 count, uint256 index, bytes32 leaf, bytes32[] calldata proof)
        internal
        pure
        returns (bool)
    {
        if (index >= count || count > (uint256(1) << MAX_PROOF_DEPTH) || proof.length != depthOf(count)) {
            return false;
        }
        bytes32 h = leaf;
        for (uint256 i = 0; i < proof.length; ++i) {
            h = ((index >> i) & 1) == 0
                ? keccak256(abi.encodePacked(bytes1(0x01), h, proof[i]))
                : keccak256(abi.encodePacked(bytes1(0x01), proof[i], h));
        }
        return h == root;
    }

    /// @notice True iff the ids inside a leaf bind: the challenge id recomputes, the receipt answers
    ///         that challenge for the same node, both carry `epochId`, the result code is known.
    function idsBind(ReceiptLeaf calldata leaf, uint64 epochId) internal pure returns (bool) {
        ChallengeMessageV2 calldata c = leaf.challenge;
        ReceiptMessageV2 calldata r = leaf.receipt;
        return c.challengeId == challengeId(c.epochId, c.nodeId, c.challengeType, c.nonce, c.challenger)
            && r.challengeId == c.challengeId && r.nodeId == c.nodeId && c.epochId == epochId && r.epochId == epochId
            && leaf.resultCode >= RESULT_PASS && leaf.resultCode <= RESULT_TIMEOUT;
    }
}
