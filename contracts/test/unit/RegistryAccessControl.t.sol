// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RegistryFixture} from "../utils/RegistryFixture.sol";
import {IDIDRegistry} from "../../src/interfaces/IDIDRegistry.sol";
import {ISoulRegistry} from "../../src/interfaces/ISoulRegistry.sol";

/// @notice C11 for the registries: every privileged function × every caller without the role
///         reverts with the role's error, table-driven, and leaves the state unchanged.
///         DIDRegistry: controller-only functions, tried by a stranger, a verification method with
///         every purpose, a delegate and the DID's previous controller. SoulRegistry: owner-only
///         functions, tried by each guardian, a stranger and a recovery candidate; the guardian-only
///         `approveRecovery`, tried by the owner and a stranger. CidRegistry has no privileged
///         function: an anchor is always the caller's own (see unit/CidRegistry.t.sol).
contract RegistryAccessControlTest is RegistryFixture {
    struct Row {
        string name;
        bytes data;
    }

    function test_accessControl_didControllerFunctionsEveryOtherCaller_reverts() public {
        bytes32 id = _rootDelegation(1); // alice's DID, bob is a delegate
        vm.startPrank(alice);
        dids.setMethod(alice, carol, 15);
        dids.changeController(alice, dave); // alice is now only the previous controller
        vm.stopPrank();
        assertTrue(dids.isDelegationValid(id));

        Row[] memory rows = new Row[](6);
        rows[0] = Row("changeController", abi.encodeCall(IDIDRegistry.changeController, (alice, stranger)));
        rows[1] = Row("setCapabilities", abi.encodeCall(IDIDRegistry.setCapabilities, (alice, 0)));
        rows[2] = Row("setMethod", abi.encodeCall(IDIDRegistry.setMethod, (alice, stranger, 15)));
        rows[3] = Row("removeMethod", abi.encodeCall(IDIDRegistry.removeMethod, (alice, carol)));
        rows[4] = Row("setService", abi.encodeCall(IDIDRegistry.setService, (alice, "https://evil")));
        rows[5] = Row("bumpDelegationEpoch", abi.encodeCall(IDIDRegistry.bumpDelegationEpoch, (alice)));
        address[4] memory callers = [stranger, carol, bob, alice];
        uint256 checked;
        for (uint256 r = 0; r < rows.length; ++r) {
            for (uint256 c = 0; c < callers.length; ++c) {
                vm.prank(callers[c]);
                (bool ok, bytes memory ret) = address(dids).call(rows[r].data);
                assertFalse(ok, rows[r].name);
                assertEq(
                    ret, abi.encodeWithSelector(IDIDRegistry.DidNotController.selector, alice, callers[c]), rows[r].name
                );
                ++checked;
            }
        }
        assertEq(checked, 24);
        IDIDRegistry.Identity memory idn = dids.identity(alice);
        assertEq(idn.controller, dave);
        assertEq(idn.capabilities, ALL_CAPS);
        assertEq(idn.delegationEpoch, 0);
        assertEq(dids.methods(alice).length, 1);
        assertTrue(dids.isDelegationValid(id));
    }

    function test_accessControl_soulOwnerFunctionsEveryOtherCaller_reverts() public {
        (uint256 soulId, address[] memory gs) = _soul(3);
        address[] memory next = new address[](3);
        (next[0], next[1], next[2]) = (carol, dave, stranger);

        Row[] memory rows = new Row[](5);
        rows[0] = Row("setBackupCid", abi.encodeCall(ISoulRegistry.setBackupCid, (soulId, hex"01")));
        rows[1] = Row("transfer", abi.encodeCall(ISoulRegistry.transfer, (soulId, bob)));
        rows[2] = Row("proposeGuardians", abi.encodeCall(ISoulRegistry.proposeGuardians, (soulId, next)));
        rows[3] = Row("cancelGuardians", abi.encodeCall(ISoulRegistry.cancelGuardians, (soulId)));
        rows[4] = Row("cancelRecovery", abi.encodeCall(ISoulRegistry.cancelRecovery, (soulId)));
        address[5] memory callers = [gs[0], gs[1], gs[2], stranger, bob];
        uint256 checked;
        for (uint256 r = 0; r < rows.length; ++r) {
            for (uint256 c = 0; c < callers.length; ++c) {
                vm.prank(callers[c]);
                (bool ok, bytes memory ret) = address(souls).call(rows[r].data);
                assertFalse(ok, rows[r].name);
                assertEq(ret, abi.encodeWithSelector(ISoulRegistry.SoulNotOwner.selector, soulId, callers[c]));
                ++checked;
            }
        }
        assertEq(checked, 25);
        assertEq(souls.soul(soulId).owner, alice);
        assertEq(souls.soul(soulId).recoveryNonce, 0);
        assertEq(souls.pendingGuardians(soulId).readyAt, 0);
    }

    function test_accessControl_soulGuardianFunctionOtherCallers_reverts() public {
        (uint256 soulId,) = _soul(3);
        address[2] memory callers = [alice, stranger];
        for (uint256 c = 0; c < callers.length; ++c) {
            vm.prank(callers[c]);
            vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNotGuardian.selector, soulId, callers[c]));
            souls.approveRecovery(soulId, callers[c], 0);
        }
        assertEq(souls.approvals(soulId, alice), 0);
        assertEq(souls.approvals(soulId, stranger), 0);
    }
}
