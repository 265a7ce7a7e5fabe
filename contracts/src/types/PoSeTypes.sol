// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice A challenge issued by a registered challenger to a node (EIP-712 `ChallengeMessageV2`).
///         `challengeId == keccak256(abi.encode(epochId, nodeId, challengeType, nonce, challenger))`.
///         `challengeType` is one capability bit (U 1, S 2, R 4, C 8, M 16).
struct ChallengeMessageV2 {
    bytes32 challengeId;
    uint64 epochId;
    bytes32 nodeId;
    uint8 challengeType;
    uint64 nonce;
    address challenger;
    uint64 issuedAt;
    uint64 deadline;
    bytes32 querySpecHash;
}

/// @notice The node's signed answer to a challenge (EIP-712 `ReceiptMessageV2`).
struct ReceiptMessageV2 {
    bytes32 challengeId;
    uint64 epochId;
    bytes32 nodeId;
    bytes32 responseHash;
    uint64 respondedAt;
}

/// @notice One leaf of an epoch's receipts tree, as revealed: both signed messages, their
///         signatures and the result code the aggregator recorded (1 pass, 2 fail, 3 timeout).
struct ReceiptLeaf {
    ChallengeMessageV2 challenge;
    ReceiptMessageV2 receipt;
    uint8 resultCode;
    bytes challengerSig;
    bytes nodeSig;
}

/// @notice A witness's signature over EIP-712 `WitnessAttestationV2(bytes32 challengeId,
///         uint64 epochId,bytes32 receiptHash,bytes32 witnessNodeId,uint8 resultCode)`.
struct Attestation {
    bytes32 witnessNodeId;
    bytes signature;
}

/// @notice Evidence of a double signature: two different receipts for one challenge, both signed.
struct DoubleSignEvidence {
    ReceiptMessageV2 a;
    bytes sigA;
    ReceiptMessageV2 b;
    bytes sigB;
}

/// @notice Evidence about one committed leaf: the leaf, its index and its positional proof.
struct LeafEvidence {
    ReceiptLeaf leaf;
    uint256 index;
    bytes32[] proof;
}

/// @notice Fault types. Severity (share of the per-epoch cap) is in {IFaultManager}.
enum FaultType {
    None,
    DoubleSignature,
    InvalidSignature,
    TimeoutAsPass,
    BatchForgery
}

/// @notice Terminal outcomes are stored; `Revealed` turns settleable once the rebuttal window ends.
enum FaultStatus {
    None,
    Committed,
    Revealed,
    Rejected,
    Rebutted,
    Settled,
    Expired
}
