// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";

import {RegistryFixture} from "../utils/RegistryFixture.sol";
import {IDIDRegistry} from "../../src/interfaces/IDIDRegistry.sol";

/// @notice Gas of every registry write as a real transaction (snapshots/RegistryGas.json), at the
///         largest allowed sizes: 64-CID batches, the longest parsable CID, 128-byte backup CIDs, 8 verification methods, depth-3
///         delegations, 256-byte service endpoints, 7 guardians. C9: every call < 10,000,000 gas.
///         Measured only under `forge test --isolate` (see DealGas.t.sol); skipped otherwise.
contract RegistryGasTest is RegistryFixture {
    string internal constant GROUP = "RegistryGas";
    uint256 internal constant C9_LIMIT = 10_000_000;

    function setUp() public override {
        super.setUp();
        // A write costs more than the 21,000 intrinsic gas only when --isolate makes it a transaction.
        vm.prank(stranger);
        cids.anchor(_cidV1(bytes32(0)), bytes32(0), 0);
        Vm.Gas memory gas = vm.lastCallGas();
        if (gas.gasTotalUsed < 21_000) vm.skip(true);
    }

    function _snap(string memory name) internal {
        uint256 used = vm.snapshotGasLastCall(GROUP, name);
        assertLt(used, C9_LIMIT, name);
    }

    function test_gas_cidRegistry() public {
        vm.prank(alice);
        cids.anchor(_cidV1(keccak256("one")), keccak256("one"), 3);
        _snap("cid_anchor");

        // The longest CID the parser accepts: 9-byte codec and hash-function varints (52 bytes).
        bytes32 digest = keccak256("longest");
        vm.prank(alice);
        cids.anchor(abi.encodePacked(hex"01ffffffffffffffff7fffffffffffffffff7f20", digest), digest, 0);
        _snap("cid_anchor_longest");

        uint256 n = cids.MAX_BATCH();
        bytes[] memory list = new bytes[](n);
        bytes32[] memory hashes = new bytes32[](n);
        uint8[] memory kinds = new uint8[](n);
        for (uint256 i = 0; i < n; ++i) {
            hashes[i] = keccak256(abi.encode("gas", i));
            list[i] = _cidV1(hashes[i]);
            kinds[i] = 2;
        }
        vm.prank(alice);
        cids.anchorBatch(list, hashes, kinds);
        _snap("cid_anchorBatch_64");
    }

    function test_gas_didRegistry() public {
        vm.prank(alice);
        dids.create(ALL_CAPS);
        _snap("did_create");
        for (uint160 i = 1; i <= 7; ++i) {
            vm.prank(alice);
            dids.setMethod(alice, address(0x1000 + i), 15);
        }
        vm.prank(alice);
        dids.setMethod(alice, bob, 8); // 8th method: scans the 7 others first
        _snap("did_setMethod_8th");
        vm.prank(alice);
        dids.setMethod(alice, bob, 15);
        _snap("did_setMethod_update_8th");
        vm.prank(alice);
        dids.setService(alice, string(new bytes(256)));
        _snap("did_setService_256");
        vm.prank(alice);
        dids.setCapabilities(alice, 0x7fff);
        _snap("did_setCapabilities");

        uint64 expiry = uint64(block.timestamp + 30 days);
        IDIDRegistry.Delegation memory d1 = _delegation(alice, carol, 0x00ff, expiry, 0);
        bytes memory sig1 = _sign(bobKey, d1); // signed by the 8th method (worst-case lookup)
        bytes32 id1 = dids.registerDelegation(d1, sig1);
        _snap("did_registerDelegation_root");
        IDIDRegistry.Delegation memory d2 = _delegation(carol, dave, 0x000f, expiry, id1);
        bytes memory sig2 = _sign(carolKey, d2);
        bytes32 id2 = dids.registerDelegation(d2, sig2);
        _snap("did_registerDelegation_depth2");
        IDIDRegistry.Delegation memory d3 = _delegation(dave, stranger, 0x0003, expiry, id2);
        bytes memory sig3 = _sign(daveKey, d3);
        bytes32 id3 = dids.registerDelegation(d3, sig3);
        _snap("did_registerDelegation_depth3");
        dids.hasCapability(id3, stranger, 0x0001);
        _snap("did_hasCapability_depth3");
        vm.prank(alice);
        dids.revokeDelegation(id3);
        _snap("did_revokeDelegation");
        vm.prank(alice);
        dids.bumpDelegationEpoch(alice);
        _snap("did_bumpDelegationEpoch");
        vm.prank(alice);
        dids.removeMethod(alice, address(0x1001)); // first of 8: swap with the last
        _snap("did_removeMethod_first_of_8");
        vm.prank(alice);
        dids.changeController(alice, bob);
        _snap("did_changeController");
    }

    function test_gas_soulRegistry() public {
        (address[] memory gs,) = _guardians(7);
        bytes memory cid = new bytes(128);
        vm.prank(alice);
        uint256 id = souls.create(cid, gs);
        _snap("soul_create_7_guardians");
        vm.prank(alice);
        souls.setBackupCid(id, _cidV1(keccak256("v2")));
        _snap("soul_setBackupCid");

        // Recovery with 7 guardians (threshold 5): the 5th approval schedules it.
        for (uint256 i = 0; i < 4; ++i) {
            vm.prank(gs[6 - i]);
            souls.approveRecovery(id, bob, 0);
        }
        vm.prank(gs[0]);
        souls.approveRecovery(id, bob, 0);
        _snap("soul_approveRecovery_scheduling_7");
        vm.prank(alice);
        souls.cancelRecovery(id);
        _snap("soul_cancelRecovery");
        for (uint256 i = 0; i < 4; ++i) {
            vm.prank(gs[i]);
            souls.approveRecovery(id, bob, 1);
        }
        vm.prank(gs[6]);
        souls.approveRecovery(id, bob, 1);
        vm.warp(block.timestamp + souls.RECOVERY_DELAY());
        souls.executeRecovery(id);
        _snap("soul_executeRecovery");

        (address[] memory next,) = _guardians(7);
        next[0] = carol; // a different set of 7
        vm.prank(bob);
        souls.proposeGuardians(id, next);
        _snap("soul_proposeGuardians_7");
        vm.prank(bob);
        souls.cancelGuardians(id);
        _snap("soul_cancelGuardians");
        vm.prank(bob);
        souls.proposeGuardians(id, next);
        vm.warp(block.timestamp + souls.GUARDIAN_DELAY());
        souls.executeGuardians(id);
        _snap("soul_executeGuardians_7");
        vm.prank(bob);
        souls.transfer(id, dave);
        _snap("soul_transfer");
    }
}
