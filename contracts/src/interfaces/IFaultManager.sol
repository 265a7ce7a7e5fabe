// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {DoubleSignEvidence, LeafEvidence, Attestation, FaultType, FaultStatus} from "../types/PoSeTypes.sol";

/// @title IFaultManager
/// @notice Permissionless PoSe v2 fault proofs: commit → reveal → (rebuttal) → settle.
///         commitment = keccak256(abi.encode(reporter, epochId, target, faultType, evidenceHash, salt))
///         with evidenceHash = keccak256(abi.encode(evidence)) of the reveal's evidence struct:
///         - DoubleSignature: `DoubleSignEvidence` (two receipts, same challenge, both signed);
///           target = the node that signed both.
///         - InvalidSignature / TimeoutAsPass / BatchForgery: `LeafEvidence`, a leaf of the
///           epoch's committed receipts root with its index and proof; target = the epoch's
///           aggregator node. InvalidSignature: a challenger or node signature in the leaf does
///           not verify. TimeoutAsPass: result code pass with `respondedAt > deadline`.
///           BatchForgery: the leaf contradicts its signed messages (ids or epochs do not bind, or
///           an unknown result code).
///         A bond of `FAULT_BOND` is locked from the reporter's free vault balance at commit.
///         The fault id is keccak256(abi.encode(commitment, committer)): a copied commitment is a
///         different fault that only its own committer can reveal, and only with the preimage,
///         which names the original reporter, so a copier can never reveal (C6).
///         Reveal: ≥ 1 block after the commit, commit and reveal inside the epoch's dispute window.
///         Evidence that does not prove the fault (or was already used) rejects the fault and
///         sends the bond to insurance; so does a commitment never revealed (`expireFault`).
///         A TimeoutAsPass can be rebutted by the accused's operator within `REBUTTAL_PERIOD` with
///         a witness quorum attesting pass for that receipt (witnesses, not the node's clock,
///         decide the result code; at most `MAX_WITNESSES` attestations); a rebutted fault's bond
///         goes to insurance.
///         Settle (anyone, after the rebuttal period): slash via the registry (severity × cap,
///         capped per operator and epoch, 50/30/20 split), bond back to the reporter.
interface IFaultManager {
    struct Fault {
        address reporter;
        uint40 committedAt;
        uint40 revealedAt;
        FaultStatus status;
        FaultType faultType;
        uint64 commitBlock;
        uint64 epochId;
        bytes32 target;
        bytes32 challengeId; // leaf faults: the leaf's challenge (rebuttal subject)
        bytes32 receiptHash; // leaf faults: the leaf's receipt struct hash
    }

    error FaultInvalidConfig(bytes32 reason);
    error FaultAlreadyCommitted(bytes32 faultId);
    error FaultUnknown(bytes32 faultId);
    error FaultUnexpectedStatus(bytes32 faultId, FaultStatus status);
    error FaultCommitmentMismatch(bytes32 faultId);
    error FaultRevealTooEarly(bytes32 faultId, uint256 commitBlock);
    error FaultOutsideWindow(bytes32 faultId, uint64 epochId);
    error FaultRebuttalClosed(bytes32 faultId, uint256 closedAt);
    error FaultRebuttalOpen(bytes32 faultId, uint256 closesAt);
    error FaultNotAccused(bytes32 faultId, address caller);
    error FaultNotRebuttable(bytes32 faultId, FaultType faultType);
    error FaultRebuttalInvalid(bytes32 faultId);
    /// @notice A rebuttal with more attestations than `MAX_WITNESSES` of PoSeManagerV2, the
    ///         largest witness set.
    error FaultTooManyAttestations(bytes32 faultId, uint256 count, uint256 max);
    error FaultNotExpired(bytes32 faultId, uint256 expiresAt);

    event FaultCommitted(bytes32 indexed faultId, address indexed reporter, bytes32 commitment, uint256 bond);
    event FaultRevealed(
        bytes32 indexed faultId, uint64 indexed epochId, bytes32 indexed target, FaultType faultType, bytes32 evidenceKey
    );
    /// @notice The reveal did not prove the fault (or reused evidence): bond to insurance.
    event FaultRejected(bytes32 indexed faultId, uint64 indexed epochId, bytes32 indexed target, FaultType faultType);
    event FaultRebutted(bytes32 indexed faultId, bytes32 indexed target, address indexed operator);
    event FaultSettled(bytes32 indexed faultId, bytes32 indexed target, address indexed reporter, uint256 slashed);
    event FaultExpired(bytes32 indexed faultId, address indexed reporter);

    function commitFault(bytes32 commitment) external returns (bytes32 faultId);

    function revealDoubleSignature(
        bytes32 commitment,
        uint64 epochId,
        bytes32 target,
        DoubleSignEvidence calldata evidence,
        bytes32 salt
    ) external;

    function revealLeafFault(
        bytes32 commitment,
        uint64 epochId,
        bytes32 target,
        FaultType faultType,
        LeafEvidence calldata evidence,
        bytes32 salt
    ) external;

    function rebutFault(bytes32 faultId, Attestation[] calldata attestations) external;

    function settleFault(bytes32 faultId) external returns (uint256 slashed);

    function expireFault(bytes32 faultId) external;

    function fault(bytes32 faultId) external view returns (Fault memory);
    function faultIdOf(bytes32 commitment, address committer) external pure returns (bytes32);
    function commitmentOf(
        address reporter,
        uint64 epochId,
        bytes32 target,
        FaultType faultType,
        bytes32 evidenceHash,
        bytes32 salt
    ) external pure returns (bytes32);
    /// @notice Share of the per-epoch cap a fault of this type slashes, in basis points.
    function severityBps(FaultType faultType) external pure returns (uint16);
}
