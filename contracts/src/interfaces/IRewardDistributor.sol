// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title IRewardDistributor
/// @notice PoSe v2 rewards. Per epoch the oracle posts one reward root with its budget, locked
///         from the oracle's free vault balance into this contract's escrow. The root is
///         optimistic: during `DISPUTE_PERIOD` anyone can prove it wrong with leaves of the tree
///         (a leaf over `MAX_REWARD_PER_NODE`, the scoring's hard cap; a leaf for an unregistered
///         node; distinct leaves summing over the budget); a disproven root is rejected, its
///         budget returns to the oracle and a new root may be posted. After the dispute period
///         claims run for `CLAIM_PERIOD`; then the unclaimed rest is swept to the treasury.
///         Bounds (C9): a dispute carries at most `MAX_DISPUTE_LEAVES` leaves, and every proof
///         (dispute or claim) at most `MAX_PROOF_DEPTH` siblings (a tree of up to 2^32 leaves).
/// @dev    Leaves: OpenZeppelin StandardMerkleTree of (uint64 epochId, bytes32 nodeId, uint256
///         amount): leaf = keccak256(bytes.concat(keccak256(abi.encode(epochId, nodeId, amount)))),
///         sorted-pair internal nodes (a 64-byte internal node can never pass as a leaf, whose
///         preimage is 32 bytes). Claimed set: a bitmap keyed by (epochId, nodeId).
///         Escrow (R2): this contract's vault escrow == Σ over live roots of (budget − claimed).
interface IRewardDistributor {
    enum RootStatus {
        None,
        Posted,
        Rejected,
        Swept
    }

    /// @dev Two slots: the root, then budget, claimed, postedAt and status packed.
    struct RewardRoot {
        bytes32 root;
        uint96 budget;
        uint96 claimed;
        uint40 postedAt;
        RootStatus status;
    }

    struct RewardLeaf {
        bytes32 nodeId;
        uint256 amount;
    }

    error RewardInvalidConfig(bytes32 reason);
    error RewardNotOracle(address caller);
    error RewardEpochNotVerified(uint64 epochId);
    error RewardRootExists(uint64 epochId);
    error RewardNoRoot(uint64 epochId);
    error RewardDisputeClosed(uint64 epochId, uint256 closedAt);
    error RewardDisputeOpen(uint64 epochId, uint256 closesAt);
    error RewardDisputeUnproven(uint64 epochId);
    error RewardInvalidProof(uint64 epochId, bytes32 nodeId);
    error RewardAlreadyClaimed(uint64 epochId, bytes32 nodeId);
    error RewardClaimClosed(uint64 epochId, uint256 closedAt);
    error RewardClaimOpen(uint64 epochId, uint256 closesAt);
    error RewardOverBudget(uint64 epochId, uint256 budget, uint256 wanted);
    error RewardUnknownNode(bytes32 nodeId);
    /// @notice A dispute with more than `MAX_DISPUTE_LEAVES` leaves.
    error RewardTooManyLeaves(uint256 count, uint256 max);
    /// @notice A proof with more than `MAX_PROOF_DEPTH` siblings.
    error RewardProofTooLong(uint256 length, uint256 max);

    event OracleSet(address indexed oracle);
    event RewardRootPosted(uint64 indexed epochId, bytes32 root, uint256 budget);
    event RewardRootRejected(uint64 indexed epochId, address indexed disputer, bytes32 reason);
    event RewardClaimed(uint64 indexed epochId, bytes32 indexed nodeId, address indexed operator, uint256 amount);
    event RewardSwept(uint64 indexed epochId, uint256 amount);

    /// @notice Oracle only; epoch Verified in PoSeManagerV2; no live root for the epoch.
    function postRewardRoot(uint64 epochId, bytes32 root, uint256 budget) external;

    /// @notice Proves the root wrong (see the contract notice). 1 to `MAX_DISPUTE_LEAVES` leaves in
    ///         strictly ascending nodeId order, each with its proof. Reverts
    ///         `RewardDisputeUnproven` otherwise.
    function disputeRewardRoot(uint64 epochId, RewardLeaf[] calldata leaves, bytes32[][] calldata proofs) external;

    /// @notice Anyone claims `nodeId`'s reward; it is credited to the node's operator's free balance.
    function rewardClaim(uint64 epochId, bytes32 nodeId, uint256 amount, bytes32[] calldata proof) external;

    /// @notice After the claim window, the unclaimed budget goes to the treasury.
    function sweep(uint64 epochId) external;

    function setOracle(address oracle) external;

    function rewardRoot(uint64 epochId) external view returns (RewardRoot memory);
    function isClaimed(uint64 epochId, bytes32 nodeId) external view returns (bool);
    function leafHash(uint64 epochId, bytes32 nodeId, uint256 amount) external pure returns (bytes32);
    function oracle() external view returns (address);
    function MAX_DISPUTE_LEAVES() external view returns (uint256);
    function MAX_PROOF_DEPTH() external view returns (uint256);
}
