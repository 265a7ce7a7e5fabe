// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {ICollateralVault} from "./interfaces/ICollateralVault.sol";
import {INodeRegistry} from "./interfaces/INodeRegistry.sol";

/// @title NodeRegistry
/// @notice See {INodeRegistry}. Immutable; the owner only sets the slasher once.
/// @dev    Ledger: `_nodes[id].bond` summed over an operator's nodes is `_stake[operator]`, summed
///         over everyone is `totalStake`, which equals this contract's vault escrow (R1).
///         The active set is an array with swap-and-pop (`_activeIndex` is index + 1).
contract NodeRegistry is INodeRegistry, Ownable2Step, EIP712 {
    uint256 public constant UNBONDING_PERIOD = 7 days;
    uint256 public constant SLASH_CAP_BPS = 500;
    uint8 public constant ALL_CAPABILITIES = 31; // U 1, S 2, R 4, C 8, M 16
    uint256 private constant BPS = 10_000;
    bytes32 private constant REGISTRATION_TYPEHASH = keccak256(
        "NodeRegistration(bytes32 nodeId,address operator,uint8 capabilities,bytes32 endpointCommitment,uint64 nonce,uint64 deadline)"
    );

    struct SlashRecord {
        uint128 slashed;
        uint128 capBase;
    }

    ICollateralVault public immutable VAULT;
    address public immutable TOKEN;
    uint256 public immutable minBond;
    uint256 public immutable maxNodesPerOperator;

    address public slasher;
    uint256 public totalStake;
    mapping(bytes32 nodeId => Node node) private _nodes;
    mapping(bytes32 nodeId => uint64 nonce) private _nonces;
    mapping(address operator => uint256 stake) private _stake;
    mapping(address operator => uint256 count) private _count;
    mapping(address operator => mapping(uint64 epochId => SlashRecord record)) private _slashes;
    bytes32[] private _active;
    mapping(bytes32 nodeId => uint256 indexPlusOne) private _activeIndex;

    constructor(address initialOwner, address vault, address token, uint256 minBond_, uint256 maxNodesPerOperator_)
        Ownable(initialOwner)
        EIP712("PactumNodeRegistry", "1")
    {
        if (vault == address(0) || token == address(0)) revert RegistryInvalidConfig("zero address");
        if (minBond_ == 0) revert RegistryInvalidConfig("minBond");
        if (maxNodesPerOperator_ == 0) revert RegistryInvalidConfig("maxNodesPerOperator");
        VAULT = ICollateralVault(vault);
        TOKEN = token;
        minBond = minBond_;
        maxNodesPerOperator = maxNodesPerOperator_;
    }

    /// @inheritdoc INodeRegistry
    function register(
        bytes calldata pubkey,
        uint8 capabilities,
        bytes32 endpointCommitment,
        uint256 bond,
        uint64 deadline,
        bytes calldata sig
    ) external returns (bytes32 nodeId) {
        if (pubkey.length != 64) revert RegistryInvalidPubkey();
        nodeId = keccak256(pubkey);
        if (capabilities == 0 || capabilities > ALL_CAPABILITIES) revert RegistryInvalidCapabilities(capabilities);
        if (bond < minBond) revert RegistryBondTooLow(bond, minBond);
        if (block.timestamp > deadline) revert RegistrySignatureExpired(deadline);
        Node storage n = _nodes[nodeId];
        if (n.status != NodeStatus.None) revert RegistryAlreadyRegistered(nodeId);
        if (_count[msg.sender] >= maxNodesPerOperator) revert RegistryNodeLimit(msg.sender, maxNodesPerOperator);
        uint64 nonce = _nonces[nodeId];
        bytes32 digest = registrationDigest(nodeId, msg.sender, capabilities, endpointCommitment, nonce, deadline);
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, sig);
        // INVARIANT: nodeId is the hash of a key whose holder signed this operator and these terms.
        if (err != ECDSA.RecoverError.NoError || signer != address(uint160(uint256(nodeId)))) {
            revert RegistryInvalidSignature(nodeId);
        }
        _nonces[nodeId] = nonce + 1;
        n.operator = msg.sender;
        n.capabilities = capabilities;
        n.status = NodeStatus.Active;
        n.unbondingEnds = 0;
        n.bond = SafeCast.toUint128(bond);
        n.endpointCommitment = endpointCommitment;
        _stake[msg.sender] += bond;
        _count[msg.sender] += 1;
        totalStake += bond;
        _active.push(nodeId);
        _activeIndex[nodeId] = _active.length;
        VAULT.lock(TOKEN, msg.sender, bond);
        emit NodeRegistered(nodeId, msg.sender, capabilities, endpointCommitment, bond);
    }

    /// @inheritdoc INodeRegistry
    function updateEndpoint(bytes32 nodeId, bytes32 endpointCommitment) external {
        Node storage n = _operatorNode(nodeId);
        n.endpointCommitment = endpointCommitment;
        emit EndpointUpdated(nodeId, endpointCommitment);
    }

    /// @inheritdoc INodeRegistry
    function beginUnbonding(bytes32 nodeId) external {
        Node storage n = _operatorNode(nodeId);
        if (n.status != NodeStatus.Active) revert RegistryUnexpectedStatus(nodeId, n.status);
        _startUnbonding(nodeId, n);
    }

    /// @inheritdoc INodeRegistry
    function withdrawBond(bytes32 nodeId) external {
        Node storage n = _operatorNode(nodeId);
        if (n.status != NodeStatus.Unbonding) revert RegistryUnexpectedStatus(nodeId, n.status);
        // INVARIANT (C4): a bond stays slashable for the whole unbonding period.
        if (block.timestamp < n.unbondingEnds) revert RegistryUnbondingNotOver(nodeId, n.unbondingEnds);
        address operator = n.operator;
        uint256 amount = n.bond;
        delete _nodes[nodeId];
        _stake[operator] -= amount;
        _count[operator] -= 1;
        totalStake -= amount;
        if (amount != 0) VAULT.release(TOKEN, operator, amount);
        emit BondWithdrawn(nodeId, operator, amount);
    }

    /// @inheritdoc INodeRegistry
    function slash(bytes32 nodeId, uint64 epochId, uint16 severityBps, address reporter)
        external
        returns (uint256 amount)
    {
        if (msg.sender != slasher) revert RegistryNotSlasher(msg.sender);
        Node storage n = _nodes[nodeId];
        // A node that already left has nothing at stake any more: nothing to slash.
        if (n.status == NodeStatus.None) return 0;
        address operator = n.operator;
        SlashRecord storage rec = _slashes[operator][epochId];
        if (rec.capBase == 0) rec.capBase = SafeCast.toUint128(_stake[operator]);
        uint256 cap = Math.mulDiv(rec.capBase, SLASH_CAP_BPS, BPS);
        uint256 requested = Math.mulDiv(cap, severityBps, BPS);
        // INVARIANT (C4): slashed per operator and epoch never exceeds 5 % of the cap base.
        amount = Math.min(Math.min(requested, cap - rec.slashed), n.bond);
        if (amount != 0) {
            rec.slashed += SafeCast.toUint128(amount);
            n.bond -= SafeCast.toUint128(amount);
            _stake[operator] -= amount;
            totalStake -= amount;
            VAULT.slash(TOKEN, amount, reporter);
            if (n.status == NodeStatus.Active && n.bond < minBond) _startUnbonding(nodeId, n);
        }
        emit NodeSlashed(nodeId, operator, epochId, amount, requested);
    }

    /// @inheritdoc INodeRegistry
    function setSlasher(address slasher_) external onlyOwner {
        if (slasher != address(0)) revert RegistrySlasherAlreadySet();
        if (slasher_ == address(0)) revert RegistryInvalidConfig("zero address");
        slasher = slasher_;
        emit SlasherSet(slasher_);
    }

    // ------------------------------------------------------------------- views

    function node(bytes32 nodeId) external view returns (Node memory) {
        return _nodes[nodeId];
    }

    function operatorOf(bytes32 nodeId) external view returns (address) {
        return _nodes[nodeId].operator;
    }

    function isActive(bytes32 nodeId, uint8 capabilities) external view returns (bool) {
        Node storage n = _nodes[nodeId];
        return n.status == NodeStatus.Active && (n.capabilities & capabilities) == capabilities;
    }

    function activeCount() external view returns (uint256) {
        return _active.length;
    }

    function activeNodeAt(uint256 index) external view returns (bytes32) {
        return _active[index];
    }

    function operatorStake(address operator) external view returns (uint256) {
        return _stake[operator];
    }

    function nodeCount(address operator) external view returns (uint256) {
        return _count[operator];
    }

    function slashedIn(address operator, uint64 epochId) external view returns (uint256, uint256) {
        SlashRecord storage rec = _slashes[operator][epochId];
        return (rec.slashed, rec.capBase);
    }

    function registrationNonce(bytes32 nodeId) external view returns (uint64) {
        return _nonces[nodeId];
    }

    function registrationDigest(
        bytes32 nodeId,
        address operator,
        uint8 capabilities,
        bytes32 endpointCommitment,
        uint64 nonce,
        uint64 deadline
    ) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(REGISTRATION_TYPEHASH, nodeId, operator, capabilities, endpointCommitment, nonce, deadline)
            )
        );
    }

    // ---------------------------------------------------------------- internal

    function _operatorNode(bytes32 nodeId) private view returns (Node storage n) {
        n = _nodes[nodeId];
        // INVARIANT (C11): only a node's operator manages it.
        if (n.operator != msg.sender || n.status == NodeStatus.None) revert RegistryNotOperator(nodeId, msg.sender);
    }

    function _startUnbonding(bytes32 nodeId, Node storage n) private {
        n.status = NodeStatus.Unbonding;
        uint256 endsAt = block.timestamp + UNBONDING_PERIOD;
        n.unbondingEnds = SafeCast.toUint40(endsAt);
        uint256 idx = _activeIndex[nodeId];
        uint256 last = _active.length;
        if (idx != last) {
            bytes32 moved = _active[last - 1];
            _active[idx - 1] = moved;
            _activeIndex[moved] = idx;
        }
        _active.pop();
        delete _activeIndex[nodeId];
        emit UnbondingStarted(nodeId, n.operator, endsAt);
    }
}
