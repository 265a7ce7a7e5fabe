// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {DealFixture} from "../utils/DealFixture.sol";

contract VaultFuzzTest is DealFixture {
    address internal locker = makeAddr("locker");
    address internal reporter = makeAddr("reporter");

    function setUp() public override {
        super.setUp();
        vm.prank(owner);
        vault.setLocker(locker, true);
    }

    /// @notice C3: burn + reporter + insurance == slashed, exactly, over the whole range.
    function testFuzz_slash_splitExact(uint256 amount) public {
        amount = bound(amount, 1, type(uint248).max);
        _fund(client, amount);
        vm.startPrank(locker);
        vault.lock(address(token), client, amount);
        (uint256 burnt, uint256 toReporter, uint256 toInsurance) = vault.slash(address(token), amount, reporter);
        vm.stopPrank();
        assertEq(burnt + toReporter + toInsurance, amount, "C3: no dust");
        assertEq(toReporter, (amount / 10) * 3 + ((amount % 10) * 3) / 10, "30 % rounded down");
        assertEq(toInsurance, (amount / 10) * 2 + ((amount % 10) * 2) / 10, "20 % rounded down");
        assertGe(burnt, amount / 2, "burn takes at least half");
        assertEq(token.balanceOf(vault.BURN_SINK()), burnt);
        assertEq(vault.burned(address(token)), burnt);
        assertEq(vault.freeBalance(address(token), reporter), toReporter);
        assertEq(token.balanceOf(address(vault)), toReporter + toInsurance, "C1 after the burn");
    }

    function testFuzz_depositWithdraw_amounts(uint256 deposited, uint256 withdrawn) public {
        deposited = bound(deposited, 1, type(uint256).max / 2);
        withdrawn = bound(withdrawn, 1, deposited);
        _fund(client, deposited);
        vm.prank(client);
        vault.withdraw(address(token), client, withdrawn);
        assertEq(_free(client), deposited - withdrawn);
        assertEq(token.balanceOf(client), withdrawn);
        assertEq(token.balanceOf(address(vault)), deposited - withdrawn);
    }

    function testFuzz_lockRelease_roundTrip(uint256 amount, uint256 part) public {
        amount = bound(amount, 1, type(uint248).max);
        part = bound(part, 1, amount);
        _fund(client, amount);
        vm.startPrank(locker);
        vault.lock(address(token), client, amount);
        vault.release(address(token), node, part);
        if (amount > part) vault.release(address(token), client, amount - part);
        vm.stopPrank();
        assertEq(_free(node), part);
        assertEq(_free(client), amount - part);
        assertEq(vault.escrowOf(address(token), locker), 0);
    }
}
