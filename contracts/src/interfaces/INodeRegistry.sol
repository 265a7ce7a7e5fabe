// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title INodeRegistry
/// @notice PoSe v2 node registry (../shared/spec/protocol.md §4). A node is a secp256k1 key:
///         nodeId = keccak256(pubkey), proven by an EIP-712 `NodeRegistration` signature of that
///         key. The operator (the caller of `register`) posts a bond of at least `minBond` out of
///         its free vault balance; the bond sits in the vault as this contract's escrow.
///         Unbonding waits `UNBONDING_PERIOD` (7 days) and the node stays slashable meanwhile.
/// @dev    EIP-712 domain: name "PactumNodeRegistry", version "1", chainId, this contract.
///         `NodeRegistration(bytes32 nodeId,address operator,uint8 capabilities,
///         bytes32 endpointCommitment,uint64 nonce,uint64 deadline)`; `nonce` must equal
///         `registrationNonce(nodeId)` (re-registering after an exit needs a fresh signature).
///         Slashing (only by `slasher`, the FaultManager) is capped per operator and epoch at
///         `SLASH_CAP_BPS` (5 %) of the operator's stake when its first slash of that epoch lands (C4).
interface INodeRegistry {
    enum NodeStatus {
        None,
        Active,
        Unbonding
    }

    struct Node {
        address operator;
        uint8 capabilities;
        NodeStatus status;
        uint40 unbondingEnds;
        uint128 bond;
        bytes32 endpointCommitment;
    }

    error RegistryInvalidPubkey();
    error RegistryInvalidSignature(bytes32 nodeId);
    error RegistrySignatureExpired(uint64 deadline);
    error RegistryInvalidCapabilities(uint8 capabilities);
    error RegistryBondTooLow(uint256 bond, uint256 minBond);
    error RegistryAlreadyRegistered(bytes32 nodeId);
    error RegistryNodeLimit(address operator, uint256 limit);
    error RegistryNotOperator(bytes32 nodeId, address caller);
    error RegistryUnexpectedStatus(bytes32 nodeId, NodeStatus status);
    error RegistryUnbondingNotOver(bytes32 nodeId, uint256 endsAt);
    error RegistryNotSlasher(address caller);
    error RegistrySlasherAlreadySet();
    error RegistryInvalidConfig(bytes32 reason);

    event NodeRegistered(
        bytes32 indexed nodeId, address indexed operator, uint8 capabilities, bytes32 endpointCommitment, uint256 bond
    );
    event EndpointUpdated(bytes32 indexed nodeId, bytes32 endpointCommitment);
    event UnbondingStarted(bytes32 indexed nodeId, address indexed operator, uint256 endsAt);
    event BondWithdrawn(bytes32 indexed nodeId, address indexed operator, uint256 amount);
    /// @notice `amount` of `nodeId`'s bond was slashed for `epochId` (after the cap); `requested`
    ///         is what the fault's severity asked for.
    event NodeSlashed(
        bytes32 indexed nodeId, address indexed operator, uint64 indexed epochId, uint256 amount, uint256 requested
    );
    event SlasherSet(address indexed slasher);

    /// @notice Registers the node of `pubkey` (64-byte uncompressed key without the 0x04 prefix)
    ///         for the caller, locking `bond` of the caller's free vault balance.
    /// @param  sig the node key's signature over `NodeRegistration` (65 bytes, low s)
    function register(
        bytes calldata pubkey,
        uint8 capabilities,
        bytes32 endpointCommitment,
        uint256 bond,
        uint64 deadline,
        bytes calldata sig
    ) external returns (bytes32 nodeId);

    /// @notice The operator replaces the endpoint commitment.
    function updateEndpoint(bytes32 nodeId, bytes32 endpointCommitment) external;

    /// @notice The operator starts unbonding: the node leaves the active set at once and its bond
    ///         can be withdrawn `UNBONDING_PERIOD` later; it stays slashable until then.
    function beginUnbonding(bytes32 nodeId) external;

    /// @notice After unbonding, releases the remaining bond to the operator's free vault balance
    ///         and forgets the node (it may register again with a fresh signature).
    function withdrawBond(bytes32 nodeId) external;

    /// @notice Slashes `nodeId` for a fault of `epochId`: `severityBps` of the per-epoch cap,
    ///         limited by what is left of the operator's cap for that epoch and by the bond.
    ///         Only the slasher. Split 50/30/20 by the vault. A node whose bond falls under the
    ///         minimum starts unbonding.
    /// @return amount what was slashed (0 when the cap is used up or the node has left)
    function slash(bytes32 nodeId, uint64 epochId, uint16 severityBps, address reporter)
        external
        returns (uint256 amount);

    /// @notice One-time wiring by the owner.
    function setSlasher(address slasher) external;

    function node(bytes32 nodeId) external view returns (Node memory);
    function operatorOf(bytes32 nodeId) external view returns (address);
    /// @notice Active (registered, not unbonding) and holding every bit of `capabilities`.
    function isActive(bytes32 nodeId, uint8 capabilities) external view returns (bool);
    function activeCount() external view returns (uint256);
    function activeNodeAt(uint256 index) external view returns (bytes32);
    function operatorStake(address operator) external view returns (uint256);
    function nodeCount(address operator) external view returns (uint256);
    function totalStake() external view returns (uint256);
    function slashedIn(address operator, uint64 epochId) external view returns (uint256 slashed, uint256 capBase);
    function registrationNonce(bytes32 nodeId) external view returns (uint64);
    function registrationDigest(
        bytes32 nodeId,
        address operator,
        uint8 capabilities,
        bytes32 endpointCommitment,
        uint64 nonce,
        uint64 deadline
    ) external view returns (bytes32);
    function slasher() external view returns (address);
    function UNBONDING_PERIOD() external view returns (uint256);
    function minBond() external view returns (uint256);
    function maxNodesPerOperator() external view returns (uint256);
}
