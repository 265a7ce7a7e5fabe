// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {PoSeHandlerBase} from "./PoSeHandlerBase.sol";
import {PoSeStore} from "./PoSeStore.sol";
import {IFaultManager} from "../../../src/interfaces/IFaultManager.sol";
import {PoSeLib} from "../../../src/libraries/PoSeLib.sol";
import {Attestation, FaultType, FaultStatus} from "../../../src/types/PoSeTypes.sol";

/// @notice Outsiders (strangers, reporters, operators, the challenger; never the owner) calling
///         privileged functions in the middle of the run: owner-only setters and ownership
///         transfers of the four PoSe contracts and the vault, the slasher's `slash`, the oracle's
///         `postRewardRoot`, the vault's locker and pool functions, another operator's node
///         management, committing an epoch for someone else's aggregator node, and rebutting a
///         fault against someone else's node (with a valid quorum, so only the caller is wrong).
///         Every such call must revert (C11); a success is recorded in PoSeStore.
contract PoSeStrangerHandler is PoSeHandlerBase {
    uint256 internal constant CALLS = 24;

    constructor(PoSeStore store_) PoSeHandlerBase(store_) {}

    function tryPrivileged(uint256 which, uint256 callerSeed, uint256 argSeed) external {
        address caller = _outsider(callerSeed);
        (address target, bytes memory data, string memory name) = _call(which % CALLS, caller, argSeed);
        if (target == address(0)) return; // not applicable now (e.g. the caller runs that node)
        vm.prank(caller);
        (bool ok,) = target.call(data);
        if (ok) store.violate("C11", string.concat("an outsider succeeded at ", name));
        store.count("stranger.privileged");
    }

    function _outsider(uint256 seed) internal view returns (address) {
        uint256 r = seed % 4;
        if (r == 0) return store.strangerAt(seed >> 2);
        if (r == 1) return store.reporterAt(seed >> 2);
        if (r == 2) return store.operatorAt(seed >> 2);
        return store.challenger();
    }

    function _call(uint256 w, address caller, uint256 seed)
        internal
        view
        returns (address target, bytes memory data, string memory name)
    {
        bytes32 node = store.nodeId(seed);
        address t = address(token);
        if (w == 0) return (address(manager), abi.encodeCall(manager.setAggregator, (node, true)), "setAggregator");
        if (w == 1) return (address(manager), abi.encodeCall(manager.setChallenger, (caller, true)), "setChallenger");
        if (w == 2) return (address(registry), abi.encodeCall(registry.setSlasher, (caller)), "setSlasher");
        if (w == 3) {
            return (address(registry), abi.encodeCall(registry.slash, (node, manager.currentEpoch(), 10_000, caller)), "slash");
        }
        if (w == 4) return (address(rewards), abi.encodeCall(rewards.setOracle, (caller)), "setOracle");
        if (w == 5) {
            uint64[] memory es = store.verifiedEpochs();
            uint64 e = es.length == 0 ? 0 : es[seed % es.length];
            return (address(rewards), abi.encodeCall(rewards.postRewardRoot, (e, bytes32(seed), 1)), "postRewardRoot");
        }
        if (w >= 6 && w <= 10) return (_ownedAt(w - 6), abi.encodeCall(Ownable.transferOwnership, (caller)), "transferOwnership");
        if (w == 11) return (address(vault), abi.encodeCall(vault.lock, (t, store.owner(), 1)), "vault.lock");
        if (w == 12) return (address(vault), abi.encodeCall(vault.setLocker, (caller, true)), "vault.setLocker");
        if (w == 13) return (address(vault), abi.encodeCall(vault.setTokenAllowed, (t, false)), "vault.setTokenAllowed");
        if (w == 14) return (address(vault), abi.encodeCall(vault.withdrawTreasury, (t, caller, 1)), "withdrawTreasury");
        if (w == 15) return (address(vault), abi.encodeCall(vault.withdrawInsurance, (t, caller, 1)), "withdrawInsurance");
        if (w == 16) return (address(vault), abi.encodeCall(vault.release, (t, caller, 1)), "vault.release");
        if (w == 17) return (address(vault), abi.encodeCall(vault.slash, (t, 1, caller)), "vault.slash");
        if (w == 18) return (address(vault), abi.encodeCall(vault.payInsurance, (t, 1)), "vault.payInsurance");
        return _roleCall(w, caller, node, seed);
    }

    /// @dev Calls that belong to one operator: refused for every other caller.
    function _roleCall(uint256 w, address caller, bytes32 node, uint256 seed)
        internal
        view
        returns (address, bytes memory, string memory)
    {
        address op = registry.operatorOf(node);
        if (w == 19 || w == 20 || w == 21) {
            if (op == caller) return (address(0), "", "");
            if (w == 19) return (address(registry), abi.encodeCall(registry.beginUnbonding, (node)), "beginUnbonding");
            if (w == 20) return (address(registry), abi.encodeCall(registry.withdrawBond, (node)), "withdrawBond");
            return (address(registry), abi.encodeCall(registry.updateEndpoint, (node, bytes32(seed))), "updateEndpoint");
        }
        if (w == 22) {
            // commit the previous epoch for an allowed aggregator node run by someone else
            bytes32 agg = store.nodeId(seed % 2);
            uint64 cur = manager.currentEpoch();
            if (registry.operatorOf(agg) == caller || cur == 0) return (address(0), "", "");
            return (
                address(manager),
                abi.encodeCall(manager.commitEpoch, (cur - 1, agg, bytes32(seed), bytes32(0), 1)),
                "commitEpoch"
            );
        }
        return _rebutCall(caller, seed);
    }

    /// @dev Rebut a revealed timeout-as-pass fault against a node the caller does not run, with a
    ///      valid pass quorum.
    function _rebutCall(address caller, uint256 seed) internal view returns (address, bytes memory, string memory) {
        uint256 n = store.faultCount();
        for (uint256 k = 0; k < n; ++k) {
            (bytes32 id,,,) = store.faultBrief((seed % n + k) % n);
            IFaultManager.Fault memory fr = faults.fault(id);
            if (fr.status != FaultStatus.Revealed || fr.faultType != FaultType.TimeoutAsPass) continue;
            if (registry.operatorOf(fr.target) == caller || manager.quorum(fr.epochId) == 0) continue;
            Attestation[] memory atts = store.attest(fr.epochId, fr.challengeId, fr.receiptHash, PoSeLib.RESULT_PASS);
            return (address(faults), abi.encodeCall(faults.rebutFault, (id, atts)), "rebutFault");
        }
        return (address(0), "", "");
    }

    function _ownedAt(uint256 i) internal view returns (address) {
        uint256 r = i % 5;
        if (r == 0) return address(manager);
        if (r == 1) return address(registry);
        if (r == 2) return address(rewards);
        if (r == 3) return address(vault);
        return address(token);
    }
}
