// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

import {PoSeStore} from "./PoSeStore.sol";
import {PactumToken} from "../../../src/PactumToken.sol";
import {CollateralVault} from "../../../src/CollateralVault.sol";
import {NodeRegistry} from "../../../src/NodeRegistry.sol";
import {PoSeManagerV2} from "../../../src/PoSeManagerV2.sol";
import {FaultManager} from "../../../src/FaultManager.sol";
import {RewardDistributor} from "../../../src/RewardDistributor.sol";
import {INodeRegistry} from "../../../src/interfaces/INodeRegistry.sol";

/// @notice What every PoSe actor's handler shares: the world (from PoSeStore) and small reads.
abstract contract PoSeHandlerBase is CommonBase, StdUtils {
    PoSeStore internal immutable store;
    PactumToken internal immutable token;
    CollateralVault internal immutable vault;
    NodeRegistry internal immutable registry;
    PoSeManagerV2 internal immutable manager;
    FaultManager internal immutable faults;
    RewardDistributor internal immutable rewards;
    uint256 internal immutable NODES;

    constructor(PoSeStore store_) {
        store = store_;
        token = store_.token();
        vault = store_.vault();
        registry = store_.registry();
        manager = store_.manager();
        faults = store_.faults();
        rewards = store_.rewards();
        NODES = store_.NODES();
    }

    function _free(address who) internal view returns (uint256) {
        return vault.freeBalance(address(token), who);
    }

    function _status(bytes32 id) internal view returns (INodeRegistry.NodeStatus) {
        return registry.node(id).status;
    }

    /// @dev Moves time forward to `t` (never back) and mines a block.
    function _warpTo(uint256 t) internal {
        if (t > block.timestamp) vm.warp(t);
        vm.roll(block.number + 1);
    }
}
