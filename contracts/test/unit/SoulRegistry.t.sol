// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RegistryFixture} from "../utils/RegistryFixture.sol";
import {ISoulRegistry} from "../../src/interfaces/ISoulRegistry.sol";

contract SoulRegistryTest is RegistryFixture {
    uint256 internal constant DELAY = 3 days;

    // ------------------------------------------------------------------ create

    function test_create_succeeds() public {
        (address[] memory gs,) = _guardians(3);
        bytes memory cid = _cidV1(keccak256("backup"));
        vm.expectEmit(address(souls));
        emit ISoulRegistry.SoulCreated(1, alice, cid, gs);
        vm.prank(alice);
        uint256 id = souls.create(cid, gs);
        assertEq(id, 1);
        ISoulRegistry.Soul memory s = souls.soul(id);
        assertEq(s.owner, alice);
        assertEq(s.guardianCount, 3);
        assertEq(s.recoveryNonce, 0);
        assertEq(souls.soulOf(alice), 1);
        assertEq(souls.backupCid(id), cid);
        assertEq(souls.guardians(id), gs);
        assertEq(souls.threshold(id), 2);
    }

    function test_create_thresholds_succeeds() public {
        uint256[5] memory expected = [uint256(2), 3, 4, 4, 5];
        for (uint256 n = 3; n <= 7; ++n) {
            address owner = makeAddr(string.concat("owner", vm.toString(n)));
            address[] memory gs = new address[](n);
            for (uint256 i = 0; i < n; ++i) {
                gs[i] = address(uint160(0x1000 + 16 * n + i));
            }
            vm.prank(owner);
            uint256 id = souls.create(hex"01", gs);
            assertEq(souls.threshold(id), expected[n - 3], "ceil(2n/3)");
            assertGe(souls.threshold(id) * 3, 2 * n);
        }
    }

    function test_create_twoGuardians_reverts() public {
        (address[] memory gs,) = _guardians(2);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulBadGuardianCount.selector, 2));
        souls.create(hex"01", gs);
    }

    function test_create_eightGuardians_reverts() public {
        (address[] memory gs,) = _guardians(8);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulBadGuardianCount.selector, 8));
        souls.create(hex"01", gs);
    }

    function test_create_duplicateGuardian_reverts() public {
        (address[] memory gs,) = _guardians(4);
        gs[3] = gs[1];
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulBadGuardian.selector, gs[1]));
        souls.create(hex"01", gs);
    }

    function test_create_ownerAsGuardian_reverts() public {
        (address[] memory gs,) = _guardians(3);
        gs[0] = alice;
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulBadGuardian.selector, alice));
        souls.create(hex"01", gs);
    }

    function test_create_zeroGuardian_reverts() public {
        (address[] memory gs,) = _guardians(3);
        gs[2] = address(0);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulBadGuardian.selector, address(0)));
        souls.create(hex"01", gs);
    }

    function test_create_badCid_reverts() public {
        (address[] memory gs,) = _guardians(3);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulBadCidLength.selector, 0, 128));
        souls.create("", gs);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulBadCidLength.selector, 129, 128));
        souls.create(new bytes(129), gs);
    }

    function test_create_secondSoul_reverts() public {
        (uint256 id, address[] memory gs) = _soul(3);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulOwnerHasSoul.selector, alice, id));
        souls.create(hex"01", gs);
    }

    // ------------------------------------------------------------------ owner actions

    function test_setBackupCid_succeeds() public {
        (uint256 id,) = _soul(3);
        vm.prank(alice);
        souls.setBackupCid(id, hex"0155");
        assertEq(souls.backupCid(id), hex"0155");
    }

    function test_setBackupCid_notOwner_reverts() public {
        (uint256 id,) = _soul(3);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNotOwner.selector, id, bob));
        souls.setBackupCid(id, hex"0155");
    }

    function test_transfer_succeeds() public {
        (uint256 id, address[] memory gs) = _soul(3);
        _approve(id, gs, 1, stranger);
        vm.prank(alice);
        souls.transfer(id, bob);
        assertEq(souls.soul(id).owner, bob);
        assertEq(souls.soulOf(bob), id);
        assertEq(souls.soulOf(alice), 0);
        assertEq(souls.soul(id).recoveryNonce, 1, "approvals under nonce 0 void");
        assertEq(souls.approvals(id, stranger), 0);
    }

    function test_transfer_toSoulOwner_reverts() public {
        (uint256 id,) = _soul(3);
        (address[] memory gs,) = _guardians(3);
        vm.prank(bob);
        uint256 bobs = souls.create(hex"01", gs);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulOwnerHasSoul.selector, bob, bobs));
        souls.transfer(id, bob);
    }

    function test_unknownSoul_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNotFound.selector, 9));
        souls.cancelRecovery(9);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNotFound.selector, 9));
        souls.approveRecovery(9, bob, 0);
    }

    // ------------------------------------------------------------------ recovery

    function test_approveRecovery_thresholdSchedules_succeeds() public {
        (uint256 id, address[] memory gs) = _soul(5); // threshold 4
        _approve(id, gs, 3, bob);
        assertEq(uint8(souls.recoveryState(id)), uint8(ISoulRegistry.RecoveryState.None));
        assertEq(souls.approvals(id, bob), 0x07);
        vm.expectEmit(address(souls));
        emit ISoulRegistry.RecoveryScheduled(id, bob, 0, uint40(block.timestamp + DELAY));
        vm.prank(gs[3]);
        souls.approveRecovery(id, bob, 0);
        assertEq(uint8(souls.recoveryState(id)), uint8(ISoulRegistry.RecoveryState.Scheduled));
        ISoulRegistry.PendingRecovery memory p = souls.pendingRecovery(id);
        assertEq(p.newOwner, bob);
        assertEq(p.readyAt, block.timestamp + DELAY);
    }

    function test_approveRecovery_oneGuardian_reverts() public {
        // C10: one compromised guardian never reaches the threshold of any set size.
        for (uint256 n = 3; n <= 7; ++n) {
            address owner = makeAddr(string.concat("o", vm.toString(n)));
            (address[] memory gs,) = _guardians(n);
            vm.prank(owner);
            uint256 id = souls.create(hex"01", gs);
            vm.prank(gs[0]);
            souls.approveRecovery(id, stranger, 0);
            assertEq(uint8(souls.recoveryState(id)), uint8(ISoulRegistry.RecoveryState.None));
            vm.prank(gs[0]);
            vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulAlreadyApproved.selector, id, gs[0], stranger));
            souls.approveRecovery(id, stranger, 0);
            vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNoRecovery.selector, id));
            souls.executeRecovery(id);
        }
    }

    function test_approveRecovery_notGuardian_reverts() public {
        (uint256 id,) = _soul(3);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNotGuardian.selector, id, stranger));
        souls.approveRecovery(id, stranger, 0);
    }

    function test_approveRecovery_staleNonce_reverts() public {
        (uint256 id, address[] memory gs) = _soul(3);
        vm.prank(alice);
        souls.cancelRecovery(id);
        vm.prank(gs[0]);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulStaleNonce.selector, id, 0, 1));
        souls.approveRecovery(id, bob, 0);
    }

    function test_approveRecovery_zeroNewOwner_reverts() public {
        (uint256 id, address[] memory gs) = _soul(3);
        vm.prank(gs[0]);
        vm.expectRevert(ISoulRegistry.SoulZeroAddress.selector);
        souls.approveRecovery(id, address(0), 0);
    }

    function test_approveRecovery_secondCandidateWhileScheduled_reverts() public {
        (uint256 id, address[] memory gs) = _soul(4); // threshold 3
        _approve(id, gs, 3, bob);
        vm.prank(gs[1]);
        souls.approveRecovery(id, carol, 0);
        vm.prank(gs[2]);
        souls.approveRecovery(id, carol, 0);
        vm.prank(gs[3]);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulRecoveryAlreadyScheduled.selector, id, bob));
        souls.approveRecovery(id, carol, 0);
    }

    function test_executeRecovery_afterDelay_succeeds() public {
        (uint256 id, address[] memory gs) = _soul(3);
        _approve(id, gs, 2, bob);
        vm.warp(block.timestamp + DELAY);
        assertEq(uint8(souls.recoveryState(id)), uint8(ISoulRegistry.RecoveryState.Executable));
        vm.expectEmit(address(souls));
        emit ISoulRegistry.RecoveryExecuted(id, alice, bob);
        vm.prank(stranger);
        souls.executeRecovery(id);
        assertEq(souls.soul(id).owner, bob);
        assertEq(souls.soulOf(bob), id);
        assertEq(souls.soulOf(alice), 0);
        assertEq(souls.soul(id).recoveryNonce, 1);
        assertEq(uint8(souls.recoveryState(id)), uint8(ISoulRegistry.RecoveryState.None));
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNoRecovery.selector, id));
        souls.executeRecovery(id);
    }

    function test_executeRecovery_beforeDelay_reverts() public {
        (uint256 id, address[] memory gs) = _soul(3);
        _approve(id, gs, 2, bob);
        uint40 readyAt = uint40(block.timestamp + DELAY);
        vm.warp(readyAt - 1);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulRecoveryNotReady.selector, id, readyAt));
        souls.executeRecovery(id);
    }

    function test_cancelRecovery_ownerWins_succeeds() public {
        (uint256 id, address[] memory gs) = _soul(7);
        _approve(id, gs, 7, stranger);
        vm.warp(block.timestamp + DELAY - 1);
        vm.expectEmit(address(souls));
        emit ISoulRegistry.RecoveryCancelled(id, 0);
        vm.prank(alice);
        souls.cancelRecovery(id);
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNoRecovery.selector, id));
        souls.executeRecovery(id);
        assertEq(souls.soul(id).owner, alice);
        assertEq(souls.approvals(id, stranger), 0, "approvals under the old nonce are void");
    }

    function test_cancelRecovery_notOwner_reverts() public {
        (uint256 id, address[] memory gs) = _soul(3);
        vm.prank(gs[0]);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNotOwner.selector, id, gs[0]));
        souls.cancelRecovery(id);
    }

    function test_recovery_newOwnerHasSoul_reverts() public {
        (uint256 id, address[] memory gs) = _soul(3);
        (address[] memory other,) = _guardians(3);
        vm.prank(bob);
        uint256 bobs = souls.create(hex"01", other);
        _approve(id, gs, 2, bob);
        vm.warp(block.timestamp + DELAY);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulOwnerHasSoul.selector, bob, bobs));
        souls.executeRecovery(id);
    }

    // ------------------------------------------------------------------ guardian changes

    function test_proposeGuardians_timelocked_succeeds() public {
        (uint256 id, address[] memory gs) = _soul(3);
        _approve(id, gs, 1, bob);
        address[] memory next = new address[](4);
        next[0] = bob;
        next[1] = carol;
        next[2] = dave;
        next[3] = stranger;
        vm.prank(alice);
        souls.proposeGuardians(id, next);
        assertEq(souls.pendingGuardians(id).guardians, next);
        uint40 readyAt = uint40(block.timestamp + DELAY);
        vm.warp(readyAt - 1);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulGuardianChangeNotReady.selector, id, readyAt));
        souls.executeGuardians(id);
        vm.warp(readyAt);
        souls.executeGuardians(id);
        assertEq(souls.guardians(id), next);
        assertEq(souls.threshold(id), 3);
        assertEq(souls.soul(id).recoveryNonce, 1, "old approvals void");
        assertEq(souls.pendingGuardians(id).readyAt, 0);
        vm.prank(gs[0]);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNotGuardian.selector, id, gs[0]));
        souls.approveRecovery(id, bob, 1);
    }

    function test_proposeGuardians_notOwner_reverts() public {
        (uint256 id, address[] memory gs) = _soul(3);
        vm.prank(gs[0]);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNotOwner.selector, id, gs[0]));
        souls.proposeGuardians(id, gs);
    }

    function test_proposeGuardians_badSet_reverts() public {
        (uint256 id,) = _soul(3);
        (address[] memory eight,) = _guardians(8);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulBadGuardianCount.selector, 8));
        souls.proposeGuardians(id, eight);
    }

    function test_cancelGuardians_succeeds() public {
        (uint256 id, address[] memory gs) = _soul(3);
        vm.startPrank(alice);
        souls.proposeGuardians(id, gs);
        souls.cancelGuardians(id);
        vm.stopPrank();
        vm.warp(block.timestamp + DELAY);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNoGuardianChange.selector, id));
        souls.executeGuardians(id);
    }

    function test_cancelGuardians_none_reverts() public {
        (uint256 id,) = _soul(3);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNoGuardianChange.selector, id));
        souls.cancelGuardians(id);
    }

    function test_executeGuardians_containsNewOwner_reverts() public {
        (uint256 id, address[] memory gs) = _soul(3);
        address[] memory next = new address[](3);
        next[0] = bob;
        next[1] = carol;
        next[2] = dave;
        vm.prank(alice);
        souls.proposeGuardians(id, next);
        vm.prank(alice);
        souls.transfer(id, bob);
        vm.warp(block.timestamp + DELAY);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulBadGuardian.selector, bob));
        souls.executeGuardians(id);
        assertEq(souls.guardians(id), gs);
    }
}
