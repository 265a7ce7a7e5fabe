// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ICollateralVault} from "./interfaces/ICollateralVault.sol";
import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {IPoSeManagerV2} from "./interfaces/IPoSeManagerV2.sol";
import {IFaultManager} from "./interfaces/IFaultManager.sol";
import {PoSeManagerV2} from "./PoSeManagerV2.sol";
import {PoSeLib} from "./libraries/PoSeLib.sol";
import {ReceiptLeaf, DoubleSignEvidence, LeafEvidence, Attestation, FaultType, FaultStatus} from "./types/PoSeTypes.sol";

/// @title FaultManager
/// @notice See {IFaultManager}. Immutable, no owner. A vault locker (fault bonds) and the
///         registry's slasher. Its vault escrow equals FAULT_BOND × (committed + revealed faults) (F1).
/// @dev    Bounded gas (C9): the rebuttal loop runs over at most `MAX_WITNESSES` attestations
///         and leaf proofs over at most `MAX_PROOF_DEPTH` levels (both in PoSeLib, exposed by the manager).
contract FaultManager is IFaultManager {
    ICollateralVault public immutable VAULT;
    address public immutable TOKEN;
    INodeRegistry public immutable REGISTRY;
    PoSeManagerV2 public immutable MANAGER;
    uint256 public immutable FAULT_BOND;
    uint256 public immutable REBUTTAL_PERIOD;

    mapping(bytes32 faultId => Fault fault) private _faults;
    mapping(bytes32 evidenceKey => bool used) private _evidenceUsed;

    constructor(address vault, address token, address registry, address manager, uint256 bond, uint256 rebuttalPeriod) {
        if (vault == address(0) || token == address(0) || registry == address(0) || manager == address(0)) {
            revert FaultInvalidConfig("zero address");
        }
        if (bond == 0) revert FaultInvalidConfig("bond");
        if (rebuttalPeriod == 0) revert FaultInvalidConfig("rebuttalPeriod");
        VAULT = ICollateralVault(vault);
        TOKEN = token;
        REGISTRY = INodeRegistry(registry);
        MANAGER = PoSeManagerV2(manager);
        FAULT_BOND = bond;
        REBUTTAL_PERIOD = rebuttalPeriod;
        // A bond must outlive every window in which it can be slashed (spec §4).
        uint256 reach = (uint256(MANAGER.DISPUTE_EPOCHS()) + 2) * MANAGER.EPOCH_LENGTH() + rebuttalPeriod;
        if (reach >= INodeRegistry(registry).UNBONDING_PERIOD()) revert FaultInvalidConfig("unbonding too short");
    }

    /// @inheritdoc IFaultManager
    function commitFault(bytes32 commitment) external returns (bytes32 faultId) {
        faultId = faultIdOf(commitment, msg.sender);
        Fault storage f = _faults[faultId];
        if (f.status != FaultStatus.None) revert FaultAlreadyCommitted(faultId);
        f.reporter = msg.sender;
        f.committedAt = SafeCast.toUint40(block.timestamp);
        f.commitBlock = SafeCast.toUint64(block.number);
        f.status = FaultStatus.Committed;
        VAULT.lock(TOKEN, msg.sender, FAULT_BOND);
        emit FaultCommitted(faultId, msg.sender, commitment, FAULT_BOND);
    }

    /// @inheritdoc IFaultManager
    function revealDoubleSignature(
        bytes32 commitment,
        uint64 epochId,
        bytes32 target,
        DoubleSignEvidence calldata evidence,
        bytes32 salt
    ) external {
        bytes32 faultId = _openReveal(
            commitment, epochId, target, FaultType.DoubleSignature, keccak256(abi.encode(evidence)), salt
        );
        bool proven = _provesDoubleSign(evidence, epochId, target);
        bytes32 key = keccak256(abi.encode(FaultType.DoubleSignature, target, evidence.a.challengeId));
        _closeReveal(faultId, proven, key, bytes32(0), bytes32(0));
    }

    /// @inheritdoc IFaultManager
    function revealLeafFault(
        bytes32 commitment,
        uint64 epochId,
        bytes32 target,
        FaultType faultType,
        LeafEvidence calldata evidence,
        bytes32 salt
    ) external {
        bytes32 faultId = _openReveal(commitment, epochId, target, faultType, keccak256(abi.encode(evidence)), salt);
        (bool proven, bytes32 lh, bytes32 rh) = _provesLeafFault(evidence, epochId, target, faultType);
        _closeReveal(
            faultId, proven, keccak256(abi.encode(faultType, epochId, lh)), evidence.leaf.challenge.challengeId, rh
        );
    }

    /// @inheritdoc IFaultManager
    function rebutFault(bytes32 faultId, Attestation[] calldata attestations) external {
        Fault storage f = _faults[faultId];
        if (f.status != FaultStatus.Revealed) revert FaultUnexpectedStatus(faultId, f.status);
        uint256 closesAt = uint256(f.revealedAt) + REBUTTAL_PERIOD;
        if (block.timestamp >= closesAt) revert FaultRebuttalClosed(faultId, closesAt);
        bytes32 target = f.target;
        // INVARIANT (C11): only the accused answers.
        if (REGISTRY.operatorOf(target) != msg.sender) revert FaultNotAccused(faultId, msg.sender);
        if (f.faultType != FaultType.TimeoutAsPass) revert FaultNotRebuttable(faultId, f.faultType);
        // INVARIANT: the attestation loop is bounded (C9): at most one per possible witness.
        if (attestations.length > PoSeLib.MAX_WITNESSES) {
            revert FaultTooManyAttestations(faultId, attestations.length, PoSeLib.MAX_WITNESSES);
        }
        uint64 epochId = f.epochId;
        uint256 needed = MANAGER.quorum(epochId);
        if (needed == 0 || attestations.length < needed) revert FaultRebuttalInvalid(faultId);
        uint256 lastSlot = 0;
        for (uint256 i = 0; i < attestations.length; ++i) {
            bytes32 w = attestations[i].witnessNodeId;
            uint256 slot = MANAGER.witnessSlot(epochId, w);
            if (slot == 0 || slot <= lastSlot) revert FaultRebuttalInvalid(faultId);
            lastSlot = slot;
            bytes32 d = PoSeLib.digest(
                address(MANAGER),
                PoSeLib.hashAttestation(f.challengeId, epochId, f.receiptHash, w, PoSeLib.RESULT_PASS)
            );
            if (!PoSeLib.isValidSig(d, attestations[i].signature, PoSeLib.signerOf(w))) {
                revert FaultRebuttalInvalid(faultId);
            }
        }
        f.status = FaultStatus.Rebutted;
        VAULT.payInsurance(TOKEN, FAULT_BOND);
        emit FaultRebutted(faultId, target, msg.sender);
    }

    /// @inheritdoc IFaultManager
    function settleFault(bytes32 faultId) external returns (uint256 slashed) {
        Fault storage f = _faults[faultId];
        if (f.status != FaultStatus.Revealed) revert FaultUnexpectedStatus(faultId, f.status);
        uint256 closesAt = uint256(f.revealedAt) + REBUTTAL_PERIOD;
        // INVARIANT: the accused always gets its full rebuttal period.
        if (block.timestamp < closesAt) revert FaultRebuttalOpen(faultId, closesAt);
        f.status = FaultStatus.Settled;
        address reporter = f.reporter;
        slashed = REGISTRY.slash(f.target, f.epochId, severityBps(f.faultType), reporter);
        VAULT.release(TOKEN, reporter, FAULT_BOND);
        emit FaultSettled(faultId, f.target, reporter, slashed);
    }

    /// @inheritdoc IFaultManager
    function expireFault(bytes32 faultId) external {
        Fault storage f = _faults[faultId];
        if (f.status != FaultStatus.Committed) revert FaultUnexpectedStatus(faultId, f.status);
        uint256 expiresAt = _latestWindowEnd(f.committedAt);
        if (block.timestamp < expiresAt) revert FaultNotExpired(faultId, expiresAt);
        f.status = FaultStatus.Expired;
        // INVARIANT (C6): a withheld reveal forfeits the bond.
        VAULT.payInsurance(TOKEN, FAULT_BOND);
        emit FaultExpired(faultId, f.reporter);
    }

    // ------------------------------------------------------------------- views

    function fault(bytes32 faultId) external view returns (Fault memory) {
        return _faults[faultId];
    }

    function faultIdOf(bytes32 commitment, address committer) public pure returns (bytes32) {
        return keccak256(abi.encode(commitment, committer));
    }

    function commitmentOf(
        address reporter,
        uint64 epochId,
        bytes32 target,
        FaultType faultType,
        bytes32 evidenceHash,
        bytes32 salt
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(reporter, epochId, target, faultType, evidenceHash, salt));
    }

    function severityBps(FaultType faultType) public pure returns (uint16) {
        if (faultType == FaultType.DoubleSignature || faultType == FaultType.BatchForgery) return 10_000;
        if (faultType == FaultType.InvalidSignature) return 5_000;
        if (faultType == FaultType.TimeoutAsPass) return 2_500;
        return 0;
    }

    // ---------------------------------------------------------------- internal

    /// @dev Checks the commitment (committer, preimage, block, window) and records the claim.
    function _openReveal(
        bytes32 commitment,
        uint64 epochId,
        bytes32 target,
        FaultType faultType,
        bytes32 evidenceHash,
        bytes32 salt
    ) private returns (bytes32 faultId) {
        faultId = faultIdOf(commitment, msg.sender);
        Fault storage f = _faults[faultId];
        if (f.status == FaultStatus.None) revert FaultUnknown(faultId);
        if (f.status != FaultStatus.Committed) revert FaultUnexpectedStatus(faultId, f.status);
        // INVARIANT (C6): only the committer, only with the exact preimage naming itself.
        if (commitmentOf(msg.sender, epochId, target, faultType, evidenceHash, salt) != commitment) {
            revert FaultCommitmentMismatch(faultId);
        }
        if (block.number <= f.commitBlock) revert FaultRevealTooEarly(faultId, f.commitBlock);
        uint256 end = MANAGER.windowEnd(epochId);
        // The accused epoch is over, was not in the future at commit time, and its window is open.
        if (
            block.timestamp >= end || MANAGER.currentEpoch() <= epochId
                || f.committedAt >= end || f.committedAt < MANAGER.epochStart(epochId)
        ) {
            revert FaultOutsideWindow(faultId, epochId);
        }
        f.epochId = epochId;
        f.target = target;
        f.faultType = faultType;
    }

    function _closeReveal(bytes32 faultId, bool proven, bytes32 evidenceKey, bytes32 challengeId, bytes32 receiptHash)
        private
    {
        Fault storage f = _faults[faultId];
        // INVARIANT: one evidence, one slash.
        if (proven && !_evidenceUsed[evidenceKey]) {
            _evidenceUsed[evidenceKey] = true;
            f.status = FaultStatus.Revealed;
            f.revealedAt = SafeCast.toUint40(block.timestamp);
            f.challengeId = challengeId;
            f.receiptHash = receiptHash;
            emit FaultRevealed(faultId, f.epochId, f.target, f.faultType, evidenceKey);
        } else {
            f.status = FaultStatus.Rejected;
            VAULT.payInsurance(TOKEN, FAULT_BOND);
            emit FaultRejected(faultId, f.epochId, f.target, f.faultType);
        }
    }

    function _provesDoubleSign(DoubleSignEvidence calldata ev, uint64 epochId, bytes32 target)
        private
        view
        returns (bool)
    {
        bytes32 ha = PoSeLib.hashReceipt(ev.a);
        bytes32 hb = PoSeLib.hashReceipt(ev.b);
        address signer = PoSeLib.signerOf(target);
        return ha != hb && ev.a.challengeId == ev.b.challengeId && ev.a.nodeId == target && ev.b.nodeId == target
            && ev.a.epochId == epochId && ev.b.epochId == epochId
            && PoSeLib.isValidSig(PoSeLib.digest(address(MANAGER), ha), ev.sigA, signer)
            && PoSeLib.isValidSig(PoSeLib.digest(address(MANAGER), hb), ev.sigB, signer);
    }

    /// @dev The leaf is in the epoch's committed root, the target is the epoch's aggregator, and
    ///      the leaf shows the claimed fault.
    function _provesLeafFault(LeafEvidence calldata ev, uint64 epochId, bytes32 target, FaultType faultType)
        private
        view
        returns (bool proven, bytes32 lh, bytes32 rh)
    {
        ReceiptLeaf calldata leaf = ev.leaf;
        IPoSeManagerV2.EpochInfo memory e = MANAGER.epochInfo(epochId);
        bytes32 ch = PoSeLib.hashChallenge(leaf.challenge);
        rh = PoSeLib.hashReceipt(leaf.receipt);
        lh = PoSeLib.leafHashOf(ch, rh, leaf.resultCode, keccak256(leaf.challengerSig), keccak256(leaf.nodeSig));
        proven = faultType != FaultType.DoubleSignature && faultType != FaultType.None && e.count != 0
            && target == e.aggregatorNodeId && PoSeLib.verifyPositional(e.root, e.count, ev.index, lh, ev.proof);
        if (!proven) return (false, lh, rh);
        if (faultType == FaultType.InvalidSignature) {
            proven = !PoSeLib.isValidSig(PoSeLib.digest(address(MANAGER), ch), leaf.challengerSig, leaf.challenge.challenger)
                || !PoSeLib.isValidSig(PoSeLib.digest(address(MANAGER), rh), leaf.nodeSig, PoSeLib.signerOf(leaf.receipt.nodeId));
        } else if (faultType == FaultType.TimeoutAsPass) {
            proven = leaf.resultCode == PoSeLib.RESULT_PASS && leaf.receipt.respondedAt > leaf.challenge.deadline;
        } else {
            proven = !PoSeLib.idsBind(leaf, epochId);
        }
    }

    /// @dev The latest window a commit made at `committedAt` can belong to closes then.
    function _latestWindowEnd(uint256 committedAt) private view returns (uint256) {
        uint64 epoch = SafeCast.toUint64((committedAt - MANAGER.GENESIS()) / MANAGER.EPOCH_LENGTH());
        return MANAGER.windowEnd(epoch);
    }
}
