// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";

import {RegistryFixture} from "../utils/RegistryFixture.sol";
import {ICidRegistry} from "../../src/interfaces/ICidRegistry.sol";
import {CidLib} from "../../src/libraries/CidLib.sol";

contract CidRegistryTest is RegistryFixture {
    bytes32 internal constant DIGEST = keccak256("content");

    function test_anchor_cidV1_succeeds() public {
        bytes memory cid = _cidV1(DIGEST);
        vm.expectEmit(address(cids));
        emit ICidRegistry.CidAnchored(keccak256(cid), alice, 3, cid, DIGEST, 0x55, 0x12);
        vm.prank(alice);
        bytes32 key = cids.anchor(cid, DIGEST, 3);
        assertEq(key, keccak256(cid));
        ICidRegistry.Anchor memory a = cids.anchorOf(key, alice);
        assertEq(a.kind, 3);
        assertEq(a.anchoredAt, block.timestamp);
        assertEq(a.codec, 0x55);
        assertEq(a.hashFunction, 0x12);
        assertTrue(cids.isAnchored(cid, alice));
        assertFalse(cids.isAnchored(cid, bob));
    }

    function test_anchor_cidV0_succeeds() public {
        vm.prank(alice);
        bytes32 key = cids.anchor(_cidV0(DIGEST), DIGEST, 1);
        ICidRegistry.Anchor memory a = cids.anchorOf(key, alice);
        assertEq(a.codec, 0x70, "CIDv0 is dag-pb");
        assertEq(a.hashFunction, 0x12);
    }

    function test_anchor_multiByteVarints_succeeds() public {
        // dag-json codec 0x0129 (two-byte varint), blake2b-256 0xb220 (three-byte varint).
        bytes memory cid = abi.encodePacked(hex"01a902a0e40220", DIGEST);
        vm.prank(alice);
        cids.anchor(cid, DIGEST, 0);
        (uint64 version, uint64 codec, uint64 hashFn, bytes32 digest) = cids.parseCid(cid);
        assertEq(version, 1);
        assertEq(codec, 0x0129);
        assertEq(hashFn, 0xb220);
        assertEq(digest, DIGEST);
    }

    function test_anchor_sameCidTwoOwners_succeeds() public {
        bytes memory cid = _cidV1(DIGEST);
        vm.prank(alice);
        cids.anchor(cid, DIGEST, 1);
        vm.prank(bob);
        cids.anchor(cid, DIGEST, 3);
        assertEq(cids.anchorOf(keccak256(cid), alice).kind, 1, "bob cannot overwrite alice's anchor");
        assertEq(cids.anchorOf(keccak256(cid), bob).kind, 3);
    }

    function test_anchor_twice_reverts() public {
        bytes memory cid = _cidV1(DIGEST);
        vm.startPrank(alice);
        cids.anchor(cid, DIGEST, 1);
        vm.expectRevert(abi.encodeWithSelector(ICidRegistry.CidAlreadyAnchored.selector, keccak256(cid), alice));
        cids.anchor(cid, DIGEST, 2);
        vm.stopPrank();
    }

    function test_anchor_hashMismatch_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICidRegistry.CidHashMismatch.selector, DIGEST, bytes32(uint256(1))));
        cids.anchor(_cidV1(DIGEST), bytes32(uint256(1)), 1);
    }

    function test_anchor_empty_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICidRegistry.CidBadLength.selector, 0, 128));
        cids.anchor("", DIGEST, 1);
    }

    function test_anchor_tooLong_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICidRegistry.CidBadLength.selector, 129, 128));
        cids.anchor(new bytes(129), DIGEST, 1);
    }

    function test_anchor_truncated_reverts() public {
        bytes memory cid = abi.encodePacked(hex"01551220", bytes31(DIGEST));
        vm.expectRevert(abi.encodeWithSelector(CidLib.CidMalformed.selector, 4));
        cids.anchor(cid, DIGEST, 1);
    }

    function test_anchor_trailingBytes_reverts() public {
        bytes memory cid = abi.encodePacked(_cidV1(DIGEST), hex"00");
        vm.expectRevert(abi.encodeWithSelector(CidLib.CidMalformed.selector, 4));
        cids.anchor(cid, DIGEST, 1);
    }

    function test_anchor_version2_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(CidLib.CidUnsupportedVersion.selector, 2));
        cids.anchor(abi.encodePacked(hex"02551220", DIGEST), DIGEST, 1);
    }

    function test_anchor_shortDigest_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(CidLib.CidUnsupportedDigest.selector, 0x12, 20));
        cids.anchor(abi.encodePacked(hex"01551214", bytes20(DIGEST)), DIGEST, 1);
    }

    function test_anchor_unterminatedVarint_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(CidLib.CidMalformed.selector, 10));
        cids.anchor(hex"01ffffffffffffffffff", DIGEST, 1);
    }

    function test_anchor_nonMinimalVarint_reverts() public {
        // codec 0x55 written as two bytes (0xd5 0x00): a second byte form of the same CID.
        vm.expectRevert(abi.encodeWithSelector(CidLib.CidMalformed.selector, 2));
        cids.anchor(abi.encodePacked(hex"01d5001220", DIGEST), DIGEST, 1);
    }

    function test_anchorBatch_max_succeeds() public {
        uint256 n = cids.MAX_BATCH();
        (bytes[] memory list, bytes32[] memory hashes, uint8[] memory kinds) = _batch(n);
        vm.recordLogs();
        vm.prank(alice);
        bytes32[] memory keys = cids.anchorBatch(list, hashes, kinds);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, n, "one event per CID");
        for (uint256 i = 0; i < n; ++i) {
            assertEq(keys[i], keccak256(list[i]));
            assertTrue(cids.isAnchored(list[i], alice));
            assertEq(cids.anchorOf(keys[i], alice).kind, kinds[i]);
        }
    }

    function test_anchorBatch_tooLarge_reverts() public {
        (bytes[] memory list, bytes32[] memory hashes, uint8[] memory kinds) = _batch(65);
        vm.expectRevert(abi.encodeWithSelector(ICidRegistry.CidBadBatch.selector, 65, 64));
        cids.anchorBatch(list, hashes, kinds);
    }

    function test_anchorBatch_empty_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICidRegistry.CidBadBatch.selector, 0, 64));
        cids.anchorBatch(new bytes[](0), new bytes32[](0), new uint8[](0));
    }

    function test_anchorBatch_lengthMismatch_reverts() public {
        (bytes[] memory list, bytes32[] memory hashes,) = _batch(2);
        vm.expectRevert(abi.encodeWithSelector(ICidRegistry.CidBadBatch.selector, 2, 64));
        cids.anchorBatch(list, hashes, new uint8[](1));
    }

    function test_anchorBatch_duplicateInside_reverts() public {
        (bytes[] memory list, bytes32[] memory hashes, uint8[] memory kinds) = _batch(3);
        list[2] = list[0];
        hashes[2] = hashes[0];
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ICidRegistry.CidAlreadyAnchored.selector, keccak256(list[0]), alice));
        cids.anchorBatch(list, hashes, kinds);
        assertFalse(cids.isAnchored(list[1], alice), "nothing of a failed batch is kept");
    }

    function test_parseCid_malformed_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(CidLib.CidMalformed.selector, 1));
        cids.parseCid(hex"01");
    }

    function _batch(uint256 n)
        internal
        pure
        returns (bytes[] memory list, bytes32[] memory hashes, uint8[] memory kinds)
    {
        list = new bytes[](n);
        hashes = new bytes32[](n);
        kinds = new uint8[](n);
        for (uint256 i = 0; i < n; ++i) {
            hashes[i] = keccak256(abi.encode("batch", i));
            list[i] = _cidV1(hashes[i]);
            kinds[i] = uint8(i % 6);
        }
    }
}
