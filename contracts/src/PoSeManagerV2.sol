// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {IPoSeManagerV2} from "./interfaces/IPoSeManagerV2.sol";
import {PoSeLib} from "./libraries/PoSeLib.sol";
import {ReceiptLeaf, Attestation} from "./types/PoSeTypes.sol";

/// @title PoSeManagerV2
/// @notice See {IPoSeManagerV2}. Immutable; the owner only manages the aggregator and
///         challenger allowlists.
/// @dev    Bounded gas (C9): `openEpoch` loops over at most `MAX_WITNESSES` witnesses, a reveal
///         over at most `MAX_WITNESSES` attestations and `MAX_PROOF_DEPTH` proof levels; the
///         revealed bitmap holds `MAX_SAMPLES` bits. The coprime-step search of `_progression`
///         is bounded by arithmetic, not a constant (see there), and runs once per call.
contract PoSeManagerV2 is IPoSeManagerV2, Ownable2Step {
    uint64 public constant DISPUTE_EPOCHS = 2;
    uint256 public constant MAX_WITNESSES = PoSeLib.MAX_WITNESSES;
    uint256 public constant MAX_SAMPLES = 128;
    uint256 public constant MAX_PROOF_DEPTH = PoSeLib.MAX_PROOF_DEPTH;

    INodeRegistry public immutable REGISTRY;
    uint256 public immutable GENESIS;
    uint256 public immutable EPOCH_LENGTH;
    uint8 public immutable SAMPLE_COUNT;

    mapping(uint64 epochId => EpochInfo info) private _epochs;
    mapping(uint64 epochId => mapping(bytes32 nodeId => uint256 slot)) private _witnessSlot;
    mapping(address challenger => mapping(uint64 nonce => bool used)) private _nonceUsed;
    mapping(bytes32 nodeId => bool allowed) private _aggregators;
    mapping(address challenger => bool allowed) private _challengers;

    constructor(address initialOwner, address registry, uint256 genesis, uint256 epochLength, uint8 sampleCount)
        Ownable(initialOwner)
    {
        if (registry == address(0)) revert PoSeInvalidConfig("zero address");
        if (epochLength == 0) revert PoSeInvalidConfig("epochLength");
        if (sampleCount == 0 || sampleCount > MAX_SAMPLES) revert PoSeInvalidConfig("sampleCount");
        if (genesis > block.timestamp) revert PoSeInvalidConfig("genesis");
        REGISTRY = INodeRegistry(registry);
        GENESIS = genesis;
        EPOCH_LENGTH = epochLength;
        SAMPLE_COUNT = sampleCount;
    }

    /// @inheritdoc IPoSeManagerV2
    function openEpoch(uint64 epochId) external {
        if (currentEpoch() < epochId) revert PoSeEpochNotStarted(epochId);
        if (block.timestamp >= windowEnd(epochId)) revert PoSeWindowClosed(epochId, windowEnd(epochId));
        EpochInfo storage e = _epochs[epochId];
        if (e.seed != bytes32(0)) revert PoSeEpochAlreadyOpen(epochId);
        uint256 n = REGISTRY.activeCount();
        if (n == 0) revert PoSeNoActiveNodes(epochId);
        bytes32 seed = keccak256(abi.encode(block.prevrandao, epochId, address(this)));
        if (seed == bytes32(0)) seed = bytes32(uint256(1));
        e.seed = seed;
        uint256 m = Math.min(Math.sqrt(n, Math.Rounding.Ceil), MAX_WITNESSES); // n >= 1: 1 <= m <= 32
        // m distinct nodes: index_j = (start + j·step) mod n with gcd(step, n) = 1.
        (uint256 start, uint256 step) = _progression(seed, n);
        for (uint256 j = 0; j < m; ++j) {
            bytes32 w = REGISTRY.activeNodeAt((start + j * step) % n);
            _witnessSlot[epochId][w] = j + 1;
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        e.witnessCount = uint8(m); // <= 32
        emit EpochOpened(epochId, seed, n, m);
    }

    /// @inheritdoc IPoSeManagerV2
    function commitEpoch(uint64 epochId, bytes32 aggregatorNodeId, bytes32 root, bytes32 summaryHash, uint32 count)
        external
    {
        EpochInfo storage e = _epochs[epochId];
        if (e.seed == bytes32(0)) revert PoSeEpochNotOpen(epochId);
        if (currentEpoch() <= epochId) revert PoSeEpochNotOver(epochId);
        if (block.timestamp >= windowEnd(epochId)) revert PoSeWindowClosed(epochId, windowEnd(epochId));
        // INVARIANT (C11): only the operator of an allowed, active aggregator node commits.
        if (
            !_aggregators[aggregatorNodeId] || REGISTRY.operatorOf(aggregatorNodeId) != msg.sender
                || !REGISTRY.isActive(aggregatorNodeId, 0)
        ) revert PoSeNotAggregator(aggregatorNodeId, msg.sender);
        if (e.count != 0) revert PoSeAlreadyCommitted(epochId);
        if (count == 0) revert PoSeEmptyBatch();
        e.root = root;
        e.summaryHash = summaryHash;
        e.aggregatorNodeId = aggregatorNodeId;
        e.count = count;
        // forge-lint: disable-next-line(unsafe-typecast)
        e.sampleCount = uint8(Math.min(SAMPLE_COUNT, count)); // <= 128
        // INVARIANT: the sample seed comes from a block after the commit's block.
        uint64 sampleBlock = uint64(block.number + 1);
        e.sampleBlock = sampleBlock;
        emit EpochCommitted(epochId, aggregatorNodeId, root, summaryHash, count, sampleBlock);
    }

    /// @inheritdoc IPoSeManagerV2
    function drawSamples(uint64 epochId) external {
        EpochInfo storage e = _epochs[epochId];
        if (e.count == 0) revert PoSeNotCommitted(epochId);
        if (e.sampleSeed != bytes32(0)) revert PoSeSamplesAlreadyDrawn(epochId);
        if (block.timestamp >= windowEnd(epochId)) revert PoSeWindowClosed(epochId, windowEnd(epochId));
        uint256 sampleBlock = e.sampleBlock;
        if (block.number <= sampleBlock) revert PoSeSampleBlockNotReached(epochId, sampleBlock);
        bytes32 bh = blockhash(sampleBlock);
        if (bh == bytes32(0)) {
            // Older than 256 blocks: anchor to the next block (still unknown now).
            uint64 next = uint64(block.number + 1);
            e.sampleBlock = next;
            emit SampleBlockReanchored(epochId, next);
            return;
        }
        bytes32 seed = keccak256(abi.encode(bh, epochId, e.root));
        if (seed == bytes32(0)) seed = bytes32(uint256(1));
        e.sampleSeed = seed;
        emit SamplesDrawn(epochId, seed, e.sampleCount);
    }

    /// @inheritdoc IPoSeManagerV2
    function revealSample(
        uint64 epochId,
        uint256 sample,
        ReceiptLeaf calldata leaf,
        Attestation[] calldata attestations,
        bytes32[] calldata proof
    ) external {
        EpochInfo storage e = _epochs[epochId];
        if (e.sampleSeed == bytes32(0)) revert PoSeSamplesNotDrawn(epochId);
        if (block.timestamp >= windowEnd(epochId)) revert PoSeWindowClosed(epochId, windowEnd(epochId));
        if (sample >= e.sampleCount) revert PoSeSampleOutOfRange(epochId, sample);
        if (e.revealed & (uint128(1) << sample) != 0) revert PoSeSampleAlreadyRevealed(epochId, sample);
        (bytes32 challengeHash, bytes32 receiptHash) = _checkLeaf(leaf, epochId);
        _checkQuorum(epochId, e.witnessCount, leaf.challenge.challengeId, receiptHash, leaf.resultCode, attestations);
        uint256 index = _checkProof(e, epochId, sample, _leafHash(leaf, challengeHash, receiptHash), proof);
        e.revealed |= uint128(1) << sample;
        emit SampleRevealed(epochId, sample, index, leaf.challenge.challengeId);
    }

    /// @inheritdoc IPoSeManagerV2
    function setAggregator(bytes32 nodeId, bool allowed) external onlyOwner {
        _aggregators[nodeId] = allowed;
        emit AggregatorSet(nodeId, allowed);
    }

    /// @inheritdoc IPoSeManagerV2
    function setChallenger(address challenger, bool allowed) external onlyOwner {
        if (challenger == address(0)) revert PoSeInvalidConfig("zero address");
        _challengers[challenger] = allowed;
        emit ChallengerSet(challenger, allowed);
    }

    // ------------------------------------------------------------------- views

    function epochInfo(uint64 epochId) external view returns (EpochInfo memory) {
        return _epochs[epochId];
    }

    function epochState(uint64 epochId) external view returns (EpochState) {
        EpochInfo storage e = _epochs[epochId];
        if (e.seed == bytes32(0)) return EpochState.None;
        if (e.count != 0 && e.revealed == _fullMask(e.sampleCount)) return EpochState.Verified;
        if (block.timestamp >= windowEnd(epochId)) return EpochState.Expired;
        if (e.count == 0) return EpochState.Open;
        if (e.sampleSeed == bytes32(0)) return EpochState.Committed;
        return EpochState.Sampling;
    }

    function currentEpoch() public view returns (uint64) {
        return uint64((block.timestamp - GENESIS) / EPOCH_LENGTH);
    }

    function epochStart(uint64 epochId) public view returns (uint256) {
        return GENESIS + uint256(epochId) * EPOCH_LENGTH;
    }

    function windowEnd(uint64 epochId) public view returns (uint256) {
        return epochStart(epochId + 1 + DISPUTE_EPOCHS);
    }

    function sampleIndex(uint64 epochId, uint256 sample) external view returns (uint256) {
        EpochInfo storage e = _epochs[epochId];
        if (e.sampleSeed == bytes32(0)) revert PoSeSamplesNotDrawn(epochId);
        if (sample >= e.sampleCount) revert PoSeSampleOutOfRange(epochId, sample);
        return _sampleIndexOf(e.sampleSeed, e.count, sample);
    }

    function witnessSlot(uint64 epochId, bytes32 nodeId) external view returns (uint256) {
        return _witnessSlot[epochId][nodeId];
    }

    function quorum(uint64 epochId) public view returns (uint256) {
        return _quorum(_epochs[epochId].witnessCount);
    }

    function isAggregator(bytes32 nodeId) external view returns (bool) {
        return _aggregators[nodeId];
    }

    function isChallenger(address challenger) external view returns (bool) {
        return _challengers[challenger];
    }

    function domainSeparator() external view returns (bytes32) {
        return PoSeLib.domainSeparator(address(this));
    }

    // ---------------------------------------------------------------- internal

    /// @dev At least ceil(2m/3) attestations of distinct witnesses of the epoch (ascending slots),
    ///      each signing this challenge, receipt, epoch and result code.
    function _checkQuorum(
        uint64 epochId,
        uint256 m,
        bytes32 cid,
        bytes32 receiptHash,
        uint8 resultCode,
        Attestation[] calldata atts
    ) private view {
        // INVARIANT: the attestation loop is bounded (C9): at most one per possible witness.
        if (atts.length > MAX_WITNESSES) revert PoSeTooManyAttestations(atts.length, MAX_WITNESSES);
        uint256 needed = _quorum(m);
        if (atts.length < needed) revert PoSeQuorumNotMet(epochId, atts.length, needed);
        uint256 lastSlot = 0;
        for (uint256 i = 0; i < atts.length; ++i) {
            bytes32 w = atts[i].witnessNodeId;
            uint256 slot = _witnessSlot[epochId][w];
            if (slot == 0) revert PoSeNotWitness(epochId, w);
            // INVARIANT: one attestation per witness (strictly ascending slots).
            if (slot <= lastSlot) revert PoSeWitnessOrder(epochId);
            lastSlot = slot;
            if (!_attestationValid(epochId, cid, receiptHash, resultCode, atts[i])) {
                revert PoSeInvalidSignature(cid, PoSeLib.signerOf(w));
            }
        }
    }

    /// @dev Ids bind to the epoch, both signatures verify, the challenger is allowed, the node is
    ///      active with the capability, no timeout counted as a pass, the challenger nonce is fresh.
    function _checkLeaf(ReceiptLeaf calldata leaf, uint64 epochId)
        private
        returns (bytes32 challengeHash, bytes32 receiptHash)
    {
        bytes32 cid = leaf.challenge.challengeId;
        // INVARIANT (C5): every id binds, to this epoch.
        if (!PoSeLib.idsBind(leaf, epochId)) revert PoSeIdsDoNotBind(cid);
        address challenger = leaf.challenge.challenger;
        if (!_challengers[challenger]) revert PoSeInvalidChallenger(challenger);
        challengeHash = PoSeLib.hashChallenge(leaf.challenge);
        if (!PoSeLib.isValidSig(PoSeLib.digest(address(this), challengeHash), leaf.challengerSig, challenger)) {
            revert PoSeInvalidSignature(cid, challenger);
        }
        bytes32 nodeId = leaf.challenge.nodeId;
        receiptHash = PoSeLib.hashReceipt(leaf.receipt);
        if (!PoSeLib.isValidSig(PoSeLib.digest(address(this), receiptHash), leaf.nodeSig, PoSeLib.signerOf(nodeId))) {
            revert PoSeInvalidSignature(cid, PoSeLib.signerOf(nodeId));
        }
        uint8 challengeType = leaf.challenge.challengeType;
        if (challengeType == 0 || !REGISTRY.isActive(nodeId, challengeType)) {
            revert PoSeNodeNotEligible(nodeId, challengeType);
        }
        if (leaf.resultCode == PoSeLib.RESULT_PASS && leaf.receipt.respondedAt > leaf.challenge.deadline) {
            revert PoSeTimeoutAsPass(cid);
        }
        if (_nonceUsed[challenger][leaf.challenge.nonce]) revert PoSeNonceReused(challenger, leaf.challenge.nonce);
        _nonceUsed[challenger][leaf.challenge.nonce] = true;

    }

    /// @dev The leaf sits at the index the contract drew for `sample`, under the committed root.
    function _checkProof(
        EpochInfo storage e,
        uint64 epochId,
        uint256 sample,
        bytes32 leafHash,
        bytes32[] calldata proof
    ) private view returns (uint256 index) {
        index = _sampleIndexOf(e.sampleSeed, e.count, sample);
        // INVARIANT (C2): only the leaf the contract sampled, under the committed root.
        if (!PoSeLib.verifyPositional(e.root, e.count, index, leafHash, proof)) revert PoSeInvalidProof(epochId, index);
    }

    function _attestationValid(
        uint64 epochId,
        bytes32 cid,
        bytes32 receiptHash,
        uint8 resultCode,
        Attestation calldata att
    ) private view returns (bool) {
        bytes32 w = att.witnessNodeId;
        bytes32 d = PoSeLib.digest(address(this), PoSeLib.hashAttestation(cid, epochId, receiptHash, w, resultCode));
        return PoSeLib.isValidSig(d, att.signature, PoSeLib.signerOf(w));
    }

    function _leafHash(ReceiptLeaf calldata leaf, bytes32 challengeHash, bytes32 receiptHash)
        private
        pure
        returns (bytes32)
    {
        return PoSeLib.leafHashOf(
            challengeHash, receiptHash, leaf.resultCode, keccak256(leaf.challengerSig), keccak256(leaf.nodeSig)
        );
    }

    function _quorum(uint256 m) private pure returns (uint256) {
        return (2 * m + 2) / 3;
    }

    function _fullMask(uint256 k) private pure returns (uint128) {
        return k == 128 ? type(uint128).max : uint128((uint256(1) << k) - 1);
    }

    /// @dev Sample `sample`'s leaf index: distinct for distinct samples (see `_spread`).
    function _sampleIndexOf(bytes32 seed, uint256 count, uint256 sample) private pure returns (uint256) {
        return _spread(seed, count, sample);
    }

    /// @dev The j-th of up to n distinct indices in [0, n): (start + j·step) mod n (`_progression`).
    function _spread(bytes32 seed, uint256 n, uint256 j) private pure returns (uint256) {
        (uint256 start, uint256 step) = _progression(seed, n);
        return (start + j * step) % n;
    }

    /// @dev start and step drawn from `seed`, with gcd(step, n) = 1. The search for a coprime
    ///      step ends within Jacobsthal's j(n) ≤ 2^ω(n) candidates (ω(n) ≤ 9 distinct primes for
    ///      n < 2^32), each a Euclid gcd of under 50 rounds for n < 2^32.
    function _progression(bytes32 seed, uint256 n) private pure returns (uint256 start, uint256 step) {
        start = uint256(seed) % n;
        step = n == 1 ? 1 : 1 + (uint256(keccak256(abi.encode(seed, "step"))) % (n - 1));
        while (_gcd(step, n) != 1) ++step;
    }

    function _gcd(uint256 a, uint256 b) private pure returns (uint256) {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
