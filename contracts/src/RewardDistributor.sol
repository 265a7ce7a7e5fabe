// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ICollateralVault} from "./interfaces/ICollateralVault.sol";
import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {IPoSeManagerV2} from "./interfaces/IPoSeManagerV2.sol";
import {IRewardDistributor} from "./interfaces/IRewardDistributor.sol";

/// @title RewardDistributor
/// @notice See {IRewardDistributor}. Immutable; the owner only sets the oracle.
/// @dev    Bounded gas (C9): every loop runs at most `MAX_DISPUTE_LEAVES` or `MAX_PROOF_DEPTH` times.
contract RewardDistributor is IRewardDistributor, Ownable2Step {
    /// @dev 128 leaves with 32-sibling proofs are about 147 KB of calldata: under 10M gas even at
    ///      EIP-7623's calldata floor price (40 gas per non-zero byte).
    uint256 public constant MAX_DISPUTE_LEAVES = 128;
    uint256 public constant MAX_PROOF_DEPTH = 32;

    ICollateralVault public immutable VAULT;
    address public immutable TOKEN;
    INodeRegistry public immutable REGISTRY;
    IPoSeManagerV2 public immutable MANAGER;
    uint256 public immutable DISPUTE_PERIOD;
    uint256 public immutable CLAIM_PERIOD;
    uint256 public immutable MAX_REWARD_PER_NODE;

    address public oracle;
    mapping(uint64 epochId => RewardRoot root) private _roots;
    /// @dev Claimed bits keyed per node across epochs: word `epochId >> 8`, bit `epochId & 0xff`.
    ///      A node's claims after its first in a 256-epoch span flip a bit in a non-zero word
    ///      (5,000 gas instead of 22,100 for a fresh slot).
    mapping(bytes32 nodeId => mapping(uint256 word => uint256 bits)) private _claimed;

    constructor(
        address initialOwner,
        address vault,
        address token,
        address registry,
        address manager,
        uint256 disputePeriod,
        uint256 claimPeriod,
        uint256 maxRewardPerNode
    ) Ownable(initialOwner) {
        if (vault == address(0) || token == address(0) || registry == address(0) || manager == address(0)) {
            revert RewardInvalidConfig("zero address");
        }
        if (disputePeriod == 0 || claimPeriod == 0) revert RewardInvalidConfig("period");
        if (maxRewardPerNode == 0) revert RewardInvalidConfig("maxRewardPerNode");
        VAULT = ICollateralVault(vault);
        TOKEN = token;
        REGISTRY = INodeRegistry(registry);
        MANAGER = IPoSeManagerV2(manager);
        DISPUTE_PERIOD = disputePeriod;
        CLAIM_PERIOD = claimPeriod;
        MAX_REWARD_PER_NODE = maxRewardPerNode;
    }

    /// @inheritdoc IRewardDistributor
    function postRewardRoot(uint64 epochId, bytes32 root, uint256 budget) external {
        // INVARIANT (C11): only the oracle posts roots.
        if (msg.sender != oracle) revert RewardNotOracle(msg.sender);
        if (MANAGER.epochState(epochId) != IPoSeManagerV2.EpochState.Verified) revert RewardEpochNotVerified(epochId);
        RewardRoot storage r = _roots[epochId];
        if (r.status == RootStatus.Posted || r.status == RootStatus.Swept) revert RewardRootExists(epochId);
        r.root = root;
        r.budget = SafeCast.toUint96(budget);
        r.claimed = 0;
        r.postedAt = SafeCast.toUint40(block.timestamp);
        r.status = RootStatus.Posted;
        VAULT.lock(TOKEN, msg.sender, budget);
        emit RewardRootPosted(epochId, root, budget);
    }

    /// @inheritdoc IRewardDistributor
    function disputeRewardRoot(uint64 epochId, RewardLeaf[] calldata leaves, bytes32[][] calldata proofs) external {
        RewardRoot storage r = _roots[epochId];
        if (r.status != RootStatus.Posted) revert RewardNoRoot(epochId);
        uint256 closesAt = uint256(r.postedAt) + DISPUTE_PERIOD;
        if (block.timestamp >= closesAt) revert RewardDisputeClosed(epochId, closesAt);
        // INVARIANT: a dispute is bounded (C9): at most MAX_DISPUTE_LEAVES leaves.
        if (leaves.length > MAX_DISPUTE_LEAVES) revert RewardTooManyLeaves(leaves.length, MAX_DISPUTE_LEAVES);
        if (leaves.length == 0 || leaves.length != proofs.length) revert RewardDisputeUnproven(epochId);
        (bytes32 reason, uint256 total) = _checkLeaves(epochId, r.root, leaves, proofs);
        if (reason == bytes32(0) && total > r.budget) reason = "total over budget";
        if (reason == bytes32(0)) revert RewardDisputeUnproven(epochId);
        r.status = RootStatus.Rejected;
        uint256 refund = r.budget;
        if (refund != 0) VAULT.release(TOKEN, oracle, refund);
        emit RewardRootRejected(epochId, msg.sender, reason);
    }

    /// @inheritdoc IRewardDistributor
    function rewardClaim(uint64 epochId, bytes32 nodeId, uint256 amount, bytes32[] calldata proof) external {
        RewardRoot storage r = _roots[epochId];
        if (r.status != RootStatus.Posted) revert RewardNoRoot(epochId);
        uint256 opensAt = uint256(r.postedAt) + DISPUTE_PERIOD;
        if (block.timestamp < opensAt) revert RewardDisputeOpen(epochId, opensAt);
        if (block.timestamp >= opensAt + CLAIM_PERIOD) revert RewardClaimClosed(epochId, opensAt + CLAIM_PERIOD);
        uint256 word = uint256(epochId) >> 8;
        uint256 mask = uint256(1) << (uint256(epochId) & 0xff);
        uint256 bits = _claimed[nodeId][word];
        // INVARIANT (C2): one claim per (epoch, node).
        if (bits & mask != 0) revert RewardAlreadyClaimed(epochId, nodeId);
        if (proof.length > MAX_PROOF_DEPTH) revert RewardProofTooLong(proof.length, MAX_PROOF_DEPTH);
        if (!MerkleProof.verifyCalldata(proof, r.root, leafHash(epochId, nodeId, amount))) {
            revert RewardInvalidProof(epochId, nodeId);
        }
        uint256 claimed = uint256(r.claimed) + amount;
        // INVARIANT (R2): an epoch never pays more than its budget.
        if (claimed > r.budget) revert RewardOverBudget(epochId, r.budget, claimed);
        address operator = REGISTRY.operatorOf(nodeId);
        if (operator == address(0)) revert RewardUnknownNode(nodeId);
        _claimed[nodeId][word] = bits | mask;
        // forge-lint: disable-next-line(unsafe-typecast)
        r.claimed = uint96(claimed); // <= budget, a uint96
        VAULT.release(TOKEN, operator, amount);
        emit RewardClaimed(epochId, nodeId, operator, amount);
    }

    /// @inheritdoc IRewardDistributor
    function sweep(uint64 epochId) external {
        RewardRoot storage r = _roots[epochId];
        if (r.status != RootStatus.Posted) revert RewardNoRoot(epochId);
        uint256 closesAt = uint256(r.postedAt) + DISPUTE_PERIOD + CLAIM_PERIOD;
        if (block.timestamp < closesAt) revert RewardClaimOpen(epochId, closesAt);
        r.status = RootStatus.Swept;
        uint256 rest = uint256(r.budget) - r.claimed;
        if (rest != 0) VAULT.payTreasury(TOKEN, rest);
        emit RewardSwept(epochId, rest);
    }

    /// @inheritdoc IRewardDistributor
    function setOracle(address oracle_) external onlyOwner {
        if (oracle_ == address(0)) revert RewardInvalidConfig("zero address");
        oracle = oracle_;
        emit OracleSet(oracle_);
    }

    /// @dev Verifies every leaf (ascending node ids) and returns the first rule a leaf breaks.
    function _checkLeaves(uint64 epochId, bytes32 root, RewardLeaf[] calldata leaves, bytes32[][] calldata proofs)
        private
        view
        returns (bytes32 reason, uint256 total)
    {
        for (uint256 i = 0; i < leaves.length; ++i) {
            RewardLeaf calldata l = leaves[i];
            if (i != 0 && l.nodeId <= leaves[i - 1].nodeId) revert RewardDisputeUnproven(epochId);
            if (proofs[i].length > MAX_PROOF_DEPTH) revert RewardProofTooLong(proofs[i].length, MAX_PROOF_DEPTH);
            if (!MerkleProof.verifyCalldata(proofs[i], root, leafHash(epochId, l.nodeId, l.amount))) {
                revert RewardInvalidProof(epochId, l.nodeId);
            }
            if (reason == bytes32(0)) {
                if (l.amount > MAX_REWARD_PER_NODE) reason = "leaf over cap";
                else if (REGISTRY.operatorOf(l.nodeId) == address(0)) reason = "unregistered node";
            }
            total += l.amount;
        }
    }

    function rewardRoot(uint64 epochId) external view returns (RewardRoot memory) {
        return _roots[epochId];
    }

    function isClaimed(uint64 epochId, bytes32 nodeId) external view returns (bool) {
        return _claimed[nodeId][uint256(epochId) >> 8] & (uint256(1) << (uint256(epochId) & 0xff)) != 0;
    }

    function leafHash(uint64 epochId, bytes32 nodeId, uint256 amount) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(epochId, nodeId, amount))));
    }
}
