// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {DealFixture} from "../utils/DealFixture.sol";
import {ICollateralVault} from "../../src/interfaces/ICollateralVault.sol";
import {FeeOnTransferToken} from "../mocks/FeeOnTransferToken.sol";
import {HookToken} from "../mocks/HookToken.sol";
import {ReentrantHook} from "../mocks/ReentrantHook.sol";

/// @notice C8: fee-on-transfer and hook (ERC-777-style) tokens are rejected and leave the vault
///         unchanged, even when the owner allowlists them by mistake.
contract TokenQuirksTest is DealFixture {
    FeeOnTransferToken internal feeToken;
    HookToken internal hookToken;
    ReentrantHook internal attacker;

    function setUp() public override {
        super.setUp();
        feeToken = new FeeOnTransferToken();
        hookToken = new HookToken();
        attacker = new ReentrantHook(vault, address(hookToken));
        vm.startPrank(owner);
        vault.setTokenAllowed(address(feeToken), true);
        vault.setTokenAllowed(address(hookToken), true);
        vm.stopPrank();
    }

    function test_deposit_feeOnTransfer_reverts() public {
        feeToken.mint(client, 1_000);
        vm.startPrank(client);
        feeToken.approve(address(vault), 1_000);
        vm.expectRevert(
            abi.encodeWithSelector(ICollateralVault.VaultTransferMismatch.selector, address(feeToken), 1_000, 990)
        );
        vault.deposit(address(feeToken), client, 1_000);
        vm.stopPrank();
        assertEq(vault.freeBalance(address(feeToken), client), 0);
        assertEq(feeToken.balanceOf(address(vault)), 0);
        assertEq(feeToken.balanceOf(client), 1_000);
    }

    function test_deposit_hookReentersDeposit_reverts() public {
        hookToken.mint(address(attacker), 1_000);
        attacker.approve(2_000);
        attacker.register();
        attacker.setAttack(ReentrantHook.Attack.Deposit);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        attacker.deposit(500);
        assertEq(vault.freeBalance(address(hookToken), address(attacker)), 0);
        assertEq(hookToken.balanceOf(address(vault)), 0);
        assertEq(hookToken.balanceOf(address(attacker)), 1_000);
    }

    function test_withdraw_hookReentersWithdraw_reverts() public {
        // A plain deposit first (hook off), then the imBTC pattern on the way out.
        hookToken.mint(address(attacker), 1_000);
        attacker.approve(1_000);
        attacker.deposit(1_000);
        attacker.register();
        attacker.setAttack(ReentrantHook.Attack.Withdraw);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        attacker.withdraw(600);
        assertEq(vault.freeBalance(address(hookToken), address(attacker)), 1_000);
        assertEq(hookToken.balanceOf(address(vault)), 1_000);
        assertEq(hookToken.balanceOf(address(attacker)), 0);
    }

    function test_deposit_hookTokenNotAllowlisted_reverts() public {
        vm.prank(owner);
        vault.setTokenAllowed(address(hookToken), false);
        hookToken.mint(address(attacker), 1_000);
        attacker.approve(1_000);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultTokenNotAllowed.selector, address(hookToken)));
        attacker.deposit(1_000);
        assertEq(hookToken.balanceOf(address(vault)), 0);
    }
}
