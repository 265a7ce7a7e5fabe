// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {DealFixture} from "../utils/DealFixture.sol";
import {ICollateralVault} from "../../src/interfaces/ICollateralVault.sol";

/// @notice C11: every privileged vault function × every caller without the role reverts with
///         the role's error, table-driven. Owner functions are tried by a stranger, a locker
///         and a depositor; locker functions by a stranger, the owner and a depositor.
contract VaultAccessControlTest is DealFixture {
    struct Row {
        string name;
        bytes data;
        bool ownerOnly; // else locker only
    }

    address internal depositor;

    function setUp() public override {
        super.setUp();
        depositor = makeAddr("depositor");
        _fund(depositor, 1_000);
    }

    function _rows() internal view returns (Row[] memory rows) {
        address t = address(token);
        rows = new Row[](12);
        rows[0] = Row("setTokenAllowed", abi.encodeCall(ICollateralVault.setTokenAllowed, (t, false)), true);
        rows[1] = Row("setLocker", abi.encodeCall(ICollateralVault.setLocker, (stranger, true)), true);
        rows[2] = Row("withdrawTreasury", abi.encodeCall(ICollateralVault.withdrawTreasury, (t, stranger, 1)), true);
        rows[3] = Row("withdrawInsurance", abi.encodeCall(ICollateralVault.withdrawInsurance, (t, stranger, 1)), true);
        rows[4] = Row("transferOwnership", abi.encodeCall(Ownable.transferOwnership, (stranger)), true);
        rows[5] = Row("renounceOwnership", abi.encodeCall(Ownable.renounceOwnership, ()), true);
        rows[6] = Row("lock", abi.encodeCall(ICollateralVault.lock, (t, depositor, 1)), false);
        rows[7] = Row("lockPair", abi.encodeCall(ICollateralVault.lockPair, (t, depositor, 1, depositor, 1)), false);
        rows[8] = Row("release", abi.encodeCall(ICollateralVault.release, (t, stranger, 1)), false);
        rows[9] =
            Row("releasePair", abi.encodeCall(ICollateralVault.releasePair, (t, stranger, 1, stranger, 1, 1)), false);
        rows[10] = Row("payTreasury", abi.encodeCall(ICollateralVault.payTreasury, (t, 1)), false);
        rows[11] = Row("payInsurance", abi.encodeCall(ICollateralVault.payInsurance, (t, 1)), false);
    }

    function _slashRow() internal view returns (Row memory) {
        return Row("slash", abi.encodeCall(ICollateralVault.slash, (address(token), 1, stranger)), false);
    }

    function test_accessControl_everyPrivilegedFunctionEveryOtherCaller_reverts() public {
        Row[] memory table = _rows();
        address[] memory outsiders = new address[](3);
        uint256 checked;
        for (uint256 i = 0; i <= table.length; ++i) {
            Row memory row = i < table.length ? table[i] : _slashRow();
            (outsiders[0], outsiders[1], outsiders[2]) =
                row.ownerOnly ? (stranger, address(dm), depositor) : (stranger, owner, depositor);
            for (uint256 j = 0; j < outsiders.length; ++j) {
                bytes memory expected = row.ownerOnly
                    ? abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, outsiders[j])
                    : abi.encodeWithSelector(ICollateralVault.VaultUnauthorizedLocker.selector, outsiders[j]);
                uint256 before = token.balanceOf(address(vault));
                vm.prank(outsiders[j]);
                (bool ok, bytes memory ret) = address(vault).call(row.data);
                assertFalse(ok, string.concat(row.name, ": outsider succeeded"));
                assertEq(ret, expected, string.concat(row.name, ": wrong revert"));
                assertEq(token.balanceOf(address(vault)), before);
                ++checked;
            }
        }
        assertEq(checked, 13 * 3, "every row x every outsider");
        // nothing moved
        assertEq(_free(depositor), 1_000);
        assertEq(_escrow(), 0);
        assertTrue(vault.isTokenAllowed(address(token)));
        assertFalse(vault.isLocker(stranger));
        assertEq(vault.owner(), owner);
    }

    function test_accessControl_rolesHolders_succeeds() public {
        // The same calls succeed for the role holder (the table is not vacuous).
        vm.startPrank(address(dm));
        vault.lock(address(token), depositor, 10);
        vault.payTreasury(address(token), 4);
        vault.payInsurance(address(token), 2);
        vault.release(address(token), stranger, 2);
        vault.slash(address(token), 2, stranger);
        vm.stopPrank();
        vm.startPrank(owner);
        vault.withdrawTreasury(address(token), owner, 4);
        vault.withdrawInsurance(address(token), owner, 2);
        vault.setLocker(stranger, true);
        vault.setTokenAllowed(address(token), false);
        vm.stopPrank();
        assertTrue(vault.isLocker(stranger));
        assertEq(token.balanceOf(owner), 6);
    }
}
