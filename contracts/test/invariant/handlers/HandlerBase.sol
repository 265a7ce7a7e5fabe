// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

import {DealStore} from "./DealStore.sol";
import {PactumToken} from "../../../src/PactumToken.sol";
import {CollateralVault} from "../../../src/CollateralVault.sol";
import {DealManager} from "../../../src/DealManager.sol";
import {MediationCourt} from "../../../src/MediationCourt.sol";

/// @notice What every role's handler shares: the world and the account actions.
abstract contract HandlerBase is CommonBase, StdUtils {
    DealStore internal immutable store;
    DealManager internal immutable dm;
    MediationCourt internal immutable court;
    CollateralVault internal immutable vault;
    PactumToken internal immutable token;

    constructor(DealStore store_) {
        store = store_;
        dm = store_.dm();
        court = store_.court();
        vault = store_.vault();
        token = store_.token();
    }

    function _free(address who) internal view returns (uint256) {
        return vault.freeBalance(address(token), who);
    }

    /// @dev The role's account for `seed`.
    function _me(uint256 seed) internal view virtual returns (address);

    function deposit(uint256 seed, uint256 amount) external {
        address me = _me(seed);
        store.ensureFree(me, _free(me) + _bound(amount, 1, 1e24));
        store.count("deposit");
    }

    function withdraw(uint256 seed, uint256 amount) external {
        address me = _me(seed);
        uint256 free = _free(me);
        if (free == 0) return;
        amount = _bound(amount, 1, free);
        vm.prank(me);
        vault.withdraw(address(token), me, amount);
        store.addWithdrawn(amount);
        store.count("withdraw");
    }

    /// @dev Moves time forward by a little or a lot.
    function warp(uint256 secondsForward) external {
        vm.warp(block.timestamp + _bound(secondsForward, 1, 3_000));
        vm.roll(block.number + 1 + secondsForward % 3);
    }
}
