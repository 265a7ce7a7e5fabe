// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PoSeHandlerBase} from "./PoSeHandlerBase.sol";
import {PoSeStore} from "./PoSeStore.sol";
import {INodeRegistry} from "../../../src/interfaces/INodeRegistry.sol";

/// @notice Node operators: register one of the 8 node keys for one of 4 operators with a random
///         bond (re-registering after an exit, possibly for another operator, with a fresh
///         signature), begin unbonding, withdraw the bond after 7 days, and take free balances out
///         of the vault (anyone's, so withdrawals are in play for C1).
contract PoSeOperatorHandler is PoSeHandlerBase {
    bytes32 internal constant ENDPOINT = keccak256("endpoint");

    constructor(PoSeStore store_) PoSeHandlerBase(store_) {}

    /// @notice Registers the first unregistered node from `nodeSeed` on for operator `opSeed` with
    ///         a bond of 1 to 20 minimum bonds and random capabilities (always U, so its receipts can be sampled).
    function register(uint256 nodeSeed, uint256 opSeed, uint256 bond, uint8 caps) public {
        (bool ok, bytes32 id) = _pick(nodeSeed, INodeRegistry.NodeStatus.None);
        if (!ok) return;
        uint256 i = store.nodeIndexOf(id);
        address op = store.operatorAt(opSeed);
        bond = _bound(bond, registry.minBond(), 20 * registry.minBond());
        store.ensureFree(op, bond);
        uint64 nonce = registry.registrationNonce(id);
        uint256 before = _free(op);
        uint256 stakeBefore = registry.totalStake();
        _register(i, op, bond, uint8(_bound(caps, 1, 31)) | store.CAP_U(), nonce);
        if (before - _free(op) != bond || registry.totalStake() - stakeBefore != bond) {
            store.violate("C1", "register: bond not moved from free to stake");
        }
        store.count(nonce == 0 ? bytes32("operator.register") : bytes32("operator.reRegister"));
    }

    function _register(uint256 i, address op, uint256 bond, uint8 caps, uint64 nonce) internal {
        uint64 deadline = uint64(block.timestamp + 1 hours);
        bytes memory sig = store.registrationSig(i, op, caps, ENDPOINT, nonce, deadline);
        bytes memory pubkey = store.pubkey(i);
        vm.prank(op);
        registry.register(pubkey, caps, ENDPOINT, bond, deadline, sig);
    }

    /// @notice An operator starts unbonding one of its nodes (an aggregator node, 0 or 1, only
    ///         one time in eight, so epochs keep being committed).
    function beginUnbonding(uint256 nodeSeed) public {
        (bool ok, bytes32 id) = _pick(nodeSeed, INodeRegistry.NodeStatus.Active);
        if (!ok) return;
        if (nodeSeed % 8 != 0 && (id == store.nodeId(0) || id == store.nodeId(1))) return;
        vm.prank(registry.operatorOf(id));
        registry.beginUnbonding(id);
        store.count("operator.beginUnbonding");
    }

    /// @notice Withdraws the bond of an unbonding node whose 7 days are over (if none, waits for
    ///         one, one time in six).
    function withdrawBond(uint256 nodeSeed, uint256 waitSeed) public {
        (bool ok, bytes32 id) = _pickUnbonded(nodeSeed);
        if (!ok) {
            (ok, id) = _pick(nodeSeed, INodeRegistry.NodeStatus.Unbonding);
            if (!ok || waitSeed % 6 != 0) return;
            _warpTo(registry.node(id).unbondingEnds);
        }
        INodeRegistry.Node memory n = registry.node(id);
        uint256 before = _free(n.operator);
        vm.prank(n.operator);
        registry.withdrawBond(id);
        if (_free(n.operator) - before != n.bond) store.violate("C1", "withdrawBond: operator not paid its bond");
        store.count("operator.withdrawBond");
    }

    /// @notice Any account takes part of its free balance out of the vault.
    function withdrawFree(uint256 actorSeed, uint256 amount) public {
        address[] memory all = store.accounts();
        address who = all[actorSeed % all.length];
        uint256 free = _free(who);
        if (free == 0) return;
        amount = _bound(amount, 1, free);
        vm.prank(who);
        vault.withdraw(address(token), who, amount);
        store.addWithdrawn(amount);
        store.count("account.withdraw");
    }

    /// @dev The first unbonding node from `seed` on whose unbonding period is over.
    function _pickUnbonded(uint256 seed) internal view returns (bool, bytes32) {
        for (uint256 k = 0; k < NODES; ++k) {
            bytes32 id = store.nodeId(seed % NODES + k);
            INodeRegistry.Node memory n = registry.node(id);
            if (n.status == INodeRegistry.NodeStatus.Unbonding && block.timestamp >= n.unbondingEnds) return (true, id);
        }
        return (false, bytes32(0));
    }

    /// @dev The first node from `seed` on with `status`.
    function _pick(uint256 seed, INodeRegistry.NodeStatus status) internal view returns (bool, bytes32) {
        for (uint256 k = 0; k < NODES; ++k) {
            bytes32 id = store.nodeId(seed % NODES + k);
            if (_status(id) == status) return (true, id);
        }
        return (false, bytes32(0));
    }
}
