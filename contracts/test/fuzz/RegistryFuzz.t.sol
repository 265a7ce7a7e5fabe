// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RegistryFixture} from "../utils/RegistryFixture.sol";
import {ICidRegistry} from "../../src/interfaces/ICidRegistry.sol";
import {IDIDRegistry} from "../../src/interfaces/IDIDRegistry.sol";
import {ISoulRegistry} from "../../src/interfaces/ISoulRegistry.sol";

contract RegistryFuzzTest is RegistryFixture {
    /// R8: any 32-byte digest anchors under its own hash, as CIDv0 and CIDv1.
    function testFuzz_anchor_anyDigest_succeeds(bytes32 digest, uint8 kind) public {
        vm.startPrank(alice);
        bytes32 k1 = cids.anchor(_cidV1(digest), digest, kind);
        bytes32 k0 = cids.anchor(_cidV0(digest), digest, kind);
        vm.stopPrank();
        assertEq(cids.anchorOf(k1, alice).kind, kind);
        assertEq(cids.anchorOf(k0, alice).kind, kind);
    }

    /// R8: a content hash other than the digest never anchors.
    function testFuzz_anchor_wrongHash_reverts(bytes32 digest, bytes32 other) public {
        vm.assume(digest != other);
        vm.expectRevert(abi.encodeWithSelector(ICidRegistry.CidHashMismatch.selector, digest, other));
        cids.anchor(_cidV1(digest), other, 1);
    }

    /// R8: arbitrary bytes either revert or anchor with the digest the parser reads equal to the
    /// stated content hash (the last 32 bytes); the parser never reads past the CID.
    function testFuzz_anchor_arbitraryBytes_succeeds(bytes calldata raw) public {
        vm.assume(raw.length >= 32 && raw.length <= 128);
        bytes32 tail = bytes32(raw[raw.length - 32:]);
        vm.prank(alice);
        try cids.anchor(raw, tail, 0) returns (bytes32 key) {
            (,,, bytes32 digest) = cids.parseCid(raw);
            assertEq(digest, tail);
            assertEq(key, keccak256(raw));
        } catch {
            assertFalse(cids.isAnchored(raw, alice));
        }
    }

    /// R2: a child delegation registers iff its capabilities are a non-empty subset of the parent's.
    function testFuzz_registerDelegation_subsetOnly(uint16 parentCaps, uint16 childCaps) public {
        parentCaps = uint16(bound(parentCaps, 1, type(uint16).max));
        bytes32 id1 = _rootDelegation(parentCaps);
        IDIDRegistry.Delegation memory d =
            _delegation(bob, carol, childCaps, uint64(block.timestamp + 1 days), id1);
        bytes memory sig = _sign(bobKey, d);
        bool allowed = childCaps != 0 && childCaps & ~parentCaps == 0;
        if (!allowed) {
            vm.expectRevert(
                abi.encodeWithSelector(IDIDRegistry.DidCapabilityEscalation.selector, childCaps, parentCaps)
            );
        }
        bytes32 id2 = dids.registerDelegation(d, sig);
        if (allowed) {
            assertTrue(dids.hasCapability(id2, carol, childCaps));
            assertEq(dids.delegation(id2).capabilities & ~parentCaps, 0);
        }
    }

    /// R1/R3: at any time, a depth-3 delegation is valid iff every link is unexpired.
    function testFuzz_isDelegationValid_timeAlongChain(uint256 warpBy) public {
        (bytes32 id1, bytes32 id2, bytes32 id3) = _chain(1);
        warpBy = bound(warpBy, 0, 60 days);
        vm.warp(block.timestamp + warpBy);
        bool live = block.timestamp <= dids.delegation(id1).expiry;
        assertEq(dids.isDelegationValid(id3), live && block.timestamp <= dids.delegation(id3).expiry);
        assertEq(dids.isDelegationValid(id2), live);
    }

    /// R4 (C10): fewer than ceil(2n/3) approvals, from any guardians, never schedule a recovery.
    function testFuzz_approveRecovery_belowThreshold_neverRecovers(uint256 n, uint256 mask) public {
        n = bound(n, 3, 7);
        (uint256 id, address[] memory gs) = _soul(n);
        uint256 threshold = souls.threshold(id);
        uint256 approved;
        for (uint256 i = 0; i < n && approved + 1 < threshold; ++i) {
            if ((mask >> i) & 1 == 1) {
                vm.prank(gs[i]);
                souls.approveRecovery(id, stranger, 0);
                ++approved;
            }
        }
        assertEq(uint8(souls.recoveryState(id)), uint8(ISoulRegistry.RecoveryState.None));
        vm.warp(block.timestamp + 365 days);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNoRecovery.selector, id));
        souls.executeRecovery(id);
        assertEq(souls.soul(id).owner, alice);
    }

    /// R5 (C10): the owner's cancel at any moment before execution wins.
    function testFuzz_cancelRecovery_anyTimeBeforeExecution_wins(uint256 n, uint256 waitFor) public {
        n = bound(n, 3, 7);
        (uint256 id, address[] memory gs) = _soul(n);
        _approve(id, gs, n, stranger);
        vm.warp(block.timestamp + bound(waitFor, 0, 30 days));
        vm.prank(alice);
        souls.cancelRecovery(id);
        vm.expectRevert(abi.encodeWithSelector(ISoulRegistry.SoulNoRecovery.selector, id));
        souls.executeRecovery(id);
        assertEq(souls.soul(id).owner, alice);
    }
}
