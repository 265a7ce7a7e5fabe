// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ReceiptLeaf, Attestation} from "../types/PoSeTypes.sol";

/// @title IPoSeManagerV2
/// @notice Epochs, witness sets, epoch commitments and post-commit sampling of PoSe v2
///         (../shared/spec/protocol.md §4, docs/contracts/pose.md).
///         Epoch e spans [genesis + e·epochLength, genesis + (e+1)·epochLength). Its dispute
///         window closes at the end of epoch e + DISPUTE_EPOCHS (2).
///         Flow: `openEpoch(e)` (anyone, once epoch e has started) fixes the epoch seed and the
///         witness set; after epoch e ends a registered aggregator `commitEpoch`s the receipts
///         root, summary hash and count; the sample block is the next block, so nobody knows the
///         sample seed when committing; `drawSamples` (anyone, after that block) fixes
///         the seed from its hash; the aggregator (or anyone holding the data) `revealSample`s each
///         sampled leaf with its Merkle proof, signatures and a witness quorum, all checked here.
///         An epoch is Verified once every sample is revealed.
/// @dev    State (derived, see `epochState`): None → Open → Committed → Sampling → Verified, or
///         Expired when the window closes with samples unrevealed (no rewards for it).
interface IPoSeManagerV2 {
    enum EpochState {
        None,
        Open,
        Committed,
        Sampling,
        Verified,
        Expired
    }

    struct EpochInfo {
        bytes32 seed; // epoch seed (witness selection), set by openEpoch
        uint8 witnessCount;
        bytes32 root;
        bytes32 summaryHash;
        bytes32 aggregatorNodeId;
        uint32 count;
        uint8 sampleCount; // k for this epoch: min(sampleCount, count)
        uint64 sampleBlock;
        bytes32 sampleSeed; // 0 until drawn
        uint128 revealed; // bit j set when sample j is revealed
    }

    error PoSeInvalidConfig(bytes32 reason);
    error PoSeEpochNotStarted(uint64 epochId);
    error PoSeEpochAlreadyOpen(uint64 epochId);
    error PoSeNoActiveNodes(uint64 epochId);
    error PoSeEpochNotOpen(uint64 epochId);
    error PoSeEpochNotOver(uint64 epochId);
    error PoSeWindowClosed(uint64 epochId, uint256 closedAt);
    error PoSeNotAggregator(bytes32 nodeId, address caller);
    error PoSeAlreadyCommitted(uint64 epochId);
    error PoSeNotCommitted(uint64 epochId);
    error PoSeEmptyBatch();
    error PoSeSamplesNotDrawn(uint64 epochId);
    error PoSeSamplesAlreadyDrawn(uint64 epochId);
    error PoSeSampleBlockNotReached(uint64 epochId, uint256 sampleBlock);
    error PoSeSampleOutOfRange(uint64 epochId, uint256 sample);
    error PoSeSampleAlreadyRevealed(uint64 epochId, uint256 sample);
    error PoSeInvalidProof(uint64 epochId, uint256 index);
    error PoSeIdsDoNotBind(bytes32 challengeId);
    error PoSeInvalidChallenger(address challenger);
    error PoSeInvalidSignature(bytes32 challengeId, address expectedSigner);
    error PoSeNodeNotEligible(bytes32 nodeId, uint8 challengeType);
    error PoSeTimeoutAsPass(bytes32 challengeId);
    error PoSeNonceReused(address challenger, uint64 nonce);
    error PoSeNotWitness(uint64 epochId, bytes32 nodeId);
    error PoSeWitnessOrder(uint64 epochId);
    error PoSeQuorumNotMet(uint64 epochId, uint256 got, uint256 needed);
    /// @notice More attestations than `MAX_WITNESSES`, the largest witness set.
    error PoSeTooManyAttestations(uint256 count, uint256 max);

    event EpochOpened(uint64 indexed epochId, bytes32 seed, uint256 activeNodes, uint256 witnessCount);
    event EpochCommitted(
        uint64 indexed epochId,
        bytes32 indexed aggregatorNodeId,
        bytes32 root,
        bytes32 summaryHash,
        uint32 count,
        uint64 sampleBlock
    );
    event SampleBlockReanchored(uint64 indexed epochId, uint64 sampleBlock);
    event SamplesDrawn(uint64 indexed epochId, bytes32 sampleSeed, uint8 sampleCount);
    event SampleRevealed(uint64 indexed epochId, uint256 indexed sample, uint256 leafIndex, bytes32 challengeId);
    event AggregatorSet(bytes32 indexed nodeId, bool allowed);
    event ChallengerSet(address indexed challenger, bool allowed);

    /// @notice Fixes epoch `epochId`'s seed (from `block.prevrandao`) and witness set
    ///         (m = ceil(sqrt(n)) ≤ 32 distinct active nodes). Anyone, once the epoch started.
    ///         Reverts `PoSeNoActiveNodes` while no node is active: an epoch without witnesses
    ///         would reveal samples with no attestation and leave timeout faults unanswerable.
    function openEpoch(uint64 epochId) external;

    /// @notice Commits a finished epoch's receipts. Caller: operator of an allowed, active
    ///         aggregator node; once per epoch; inside the dispute window.
    function commitEpoch(uint64 epochId, bytes32 aggregatorNodeId, bytes32 root, bytes32 summaryHash, uint32 count)
        external;

    /// @notice Fixes the sample seed from the hash of the sample block (re-anchors to the next
    ///         block if that hash is no longer available).
    function drawSamples(uint64 epochId) external;

    /// @notice Reveals sample `sample` (< sampleCount): the leaf at `sampleIndex(epochId, sample)`
    ///         with its positional proof (ceil(log2(count)) ≤ `MAX_PROOF_DEPTH` siblings); checks
    ///         ids, signatures, eligibility, result code and a witness quorum (at most
    ///         `MAX_WITNESSES` attestations in ascending witness-slot order).
    function revealSample(
        uint64 epochId,
        uint256 sample,
        ReceiptLeaf calldata leaf,
        Attestation[] calldata attestations,
        bytes32[] calldata proof
    ) external;

    function setAggregator(bytes32 nodeId, bool allowed) external;
    function setChallenger(address challenger, bool allowed) external;

    function epochInfo(uint64 epochId) external view returns (EpochInfo memory);
    function epochState(uint64 epochId) external view returns (EpochState);
    function currentEpoch() external view returns (uint64);
    function epochStart(uint64 epochId) external view returns (uint256);
    /// @notice End (exclusive) of the dispute window of `epochId`.
    function windowEnd(uint64 epochId) external view returns (uint256);
    function sampleIndex(uint64 epochId, uint256 sample) external view returns (uint256);
    /// @notice Witness slot (1-based) of `nodeId` in `epochId`, 0 if not a witness.
    function witnessSlot(uint64 epochId, bytes32 nodeId) external view returns (uint256);
    function quorum(uint64 epochId) external view returns (uint256);
    function isAggregator(bytes32 nodeId) external view returns (bool);
    function isChallenger(address challenger) external view returns (bool);
    function domainSeparator() external view returns (bytes32);
    /// @notice Largest witness set (m = min(ceil(sqrt(n)), 32)) and most attestations per reveal.
    function MAX_WITNESSES() external view returns (uint256);
    /// @notice Largest sample count k (the revealed bitmap is a uint128).
    function MAX_SAMPLES() external view returns (uint256);
    /// @notice Deepest receipts proof: `count` is a uint32, so at most 32 siblings.
    function MAX_PROOF_DEPTH() external view returns (uint256);
}
