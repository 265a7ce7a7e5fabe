// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {Deploy} from "../../script/Deploy.s.sol";
import {DIDRegistry} from "../../src/DIDRegistry.sol";
import {SoulRegistry} from "../../src/SoulRegistry.sol";
import {IDIDRegistry} from "../../src/interfaces/IDIDRegistry.sol";
import {ISoulRegistry} from "../../src/interfaces/ISoulRegistry.sol";
import {DidHandler} from "./handlers/DidHandler.sol";
import {SoulHandler} from "./handlers/SoulHandler.sol";

/// @notice Registry invariants R1-R6 (PROPERTIES.md) under random DID owners, delegates,
///         owners, honest guardians and one compromised guardian per soul.
contract RegistryInvariantsTest is Test {
    DIDRegistry internal dids;
    SoulRegistry internal souls;
    DidHandler internal didHandler;
    SoulHandler internal soulHandler;

    function setUp() public {
        vm.warp(1_700_000_000);
        Deploy.Deployment memory d = new Deploy().deploy(makeAddr("deployer"), 100);
        (dids, souls) = (d.didRegistry, d.soulRegistry);
        didHandler = new DidHandler(dids);
        soulHandler = new SoulHandler(souls);
        // Seed DIDs with wide capabilities so delegation actions find issuers from the start.
        for (uint256 i = 0; i < 3; ++i) {
            didHandler.create(i, uint16(0xffff >> i));
        }
        targetContract(address(didHandler));
        targetContract(address(soulHandler));
    }

    /// R1: every registered delegation has depth 1..3, a root has no parent, a child is exactly one
    /// deeper than its parent, shares its root and its issuer is the parent's delegate.
    function invariant_R1_depthBounded() public view {
        uint256 n = didHandler.idCount();
        for (uint256 i = 0; i < n; ++i) {
            IDIDRegistry.DelegationRecord memory r = dids.delegation(didHandler.ids(i));
            assertGe(r.depth, 1);
            assertLe(r.depth, 3, "R1 depth");
            if (r.depth == 1) {
                assertEq(r.parent, bytes32(0));
                assertEq(r.issuer, r.root);
            } else {
                IDIDRegistry.DelegationRecord memory p = dids.delegation(r.parent);
                assertEq(r.depth, p.depth + 1, "R1 depth step");
                assertEq(r.root, p.root);
                assertEq(r.issuer, p.delegate);
                assertLe(r.expiry, p.expiry);
            }
        }
        assertEq(didHandler.tooDeepAccepted(), 0, "R1 fourth level accepted");
    }

    /// R2: capabilities only shrink along a chain; a valid delegation's capabilities are within
    /// the root DID's current capabilities.
    function invariant_R2_capabilitySubsets() public view {
        uint256 n = didHandler.idCount();
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = didHandler.ids(i);
            IDIDRegistry.DelegationRecord memory r = dids.delegation(id);
            assertTrue(r.capabilities != 0);
            if (r.depth > 1) {
                assertEq(r.capabilities & ~dids.delegation(r.parent).capabilities, 0, "R2 subset of parent");
            }
            if (dids.isDelegationValid(id)) {
                assertEq(r.capabilities & ~dids.identity(r.root).capabilities, 0, "R2 subset of root DID");
            }
        }
        assertEq(didHandler.escalationsAccepted(), 0, "R2 escalation accepted");
    }

    /// R3: a delegation is valid only if it and each ancestor is unrevoked and unexpired and the
    /// root's epoch is unchanged (revocation cascades).
    function invariant_R3_revocationCascades() public view {
        uint256 n = didHandler.idCount();
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = didHandler.ids(i);
            if (!dids.isDelegationValid(id)) continue;
            bytes32 cur = id;
            for (uint256 d = 0; d < 3 && cur != bytes32(0); ++d) {
                IDIDRegistry.DelegationRecord memory r = dids.delegation(cur);
                assertFalse(r.revoked, "R3 revoked ancestor");
                assertGe(r.expiry, block.timestamp, "R3 expired ancestor");
                assertEq(r.rootEpoch, dids.identity(r.root).delegationEpoch, "R3 epoch");
                cur = r.parent;
            }
        }
        assertEq(didHandler.invalidParentAccepted(), 0, "R3 child of an invalid parent accepted");
    }

    /// R4 (C10): a single compromised guardian never recovers a soul.
    function invariant_R4_oneGuardianCannotRecover() public view {
        for (uint256 s = 0; s < soulHandler.SOULS(); ++s) {
            uint256 id = soulHandler.soulIds(s);
            assertTrue(souls.soul(id).owner != soulHandler.attacker(), "R4 attacker owns a soul");
            ISoulRegistry.PendingRecovery memory p = souls.pendingRecovery(id);
            assertTrue(p.readyAt == 0 || p.newOwner != soulHandler.attacker(), "R4 attacker scheduled");
        }
    }

    /// R5 (C10): no recovery cancelled by the owner is ever executed.
    function invariant_R5_ownerCancelWins() public view {
        assertEq(soulHandler.cancelledExecuted(), 0);
    }

    /// R6 (C10): approvals under an older nonce were refused, and the contract's approvals for the
    /// current nonce are exactly those given under it.
    function invariant_R6_staleApprovalsVoid() public view {
        assertEq(soulHandler.staleAccepted(), 0, "R6 stale approval accepted");
        for (uint256 s = 0; s < soulHandler.SOULS(); ++s) {
            uint256 id = soulHandler.soulIds(s);
            address rescue = soulHandler.rescue(s);
            assertEq(souls.approvals(id, rescue), soulHandler.ghostApprovals(s, rescue), "R6 rescue approvals");
            assertEq(
                souls.approvals(id, soulHandler.attacker()),
                soulHandler.ghostApprovals(s, soulHandler.attacker()),
                "R6 attacker approvals"
            );
            uint256 gc = souls.soul(id).guardianCount;
            assertGe(gc, 3);
            assertLe(gc, 7);
        }
    }
}
