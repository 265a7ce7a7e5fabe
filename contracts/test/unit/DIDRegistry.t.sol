// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RegistryFixture} from "../utils/RegistryFixture.sol";
import {IDIDRegistry} from "../../src/interfaces/IDIDRegistry.sol";
import {ERC1271Wallet} from "../mocks/ERC1271Wallet.sol";

contract DIDRegistryTest is RegistryFixture {
    uint64 internal expiry;

    function setUp() public override {
        super.setUp();
        expiry = uint64(block.timestamp + 30 days);
    }

    // ------------------------------------------------------------------ create

    function test_create_succeeds() public {
        vm.expectEmit(address(dids));
        emit IDIDRegistry.DidCreated(alice, alice, 0x00ff);
        vm.prank(alice);
        dids.create(0x00ff);
        IDIDRegistry.Identity memory idn = dids.identity(alice);
        assertEq(idn.controller, alice);
        assertEq(idn.capabilities, 0x00ff);
        assertEq(idn.createdAt, block.timestamp);
        assertEq(idn.methodCount, 0);
    }

    function test_create_twice_reverts() public {
        vm.startPrank(alice);
        dids.create(1);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidAlreadyExists.selector, alice));
        dids.create(1);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ controller, capabilities, service

    function test_changeController_succeeds() public {
        vm.prank(alice);
        dids.create(1);
        vm.prank(alice);
        dids.changeController(alice, bob);
        assertEq(dids.identity(alice).controller, bob);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidNotController.selector, alice, alice));
        dids.setCapabilities(alice, 2);
        vm.prank(bob);
        dids.setCapabilities(alice, 2);
        assertEq(dids.identity(alice).capabilities, 2);
    }

    function test_changeController_zero_reverts() public {
        vm.startPrank(alice);
        dids.create(1);
        vm.expectRevert(IDIDRegistry.DidZeroAddress.selector);
        dids.changeController(alice, address(0));
        vm.stopPrank();
    }

    function test_setCapabilities_unknownDid_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidNotFound.selector, alice));
        dids.setCapabilities(alice, 1);
    }

    function test_setService_succeeds() public {
        vm.startPrank(alice);
        dids.create(1);
        dids.setService(alice, "https://solver.example/v1");
        assertEq(dids.service(alice), "https://solver.example/v1");
        dids.setService(alice, "");
        assertEq(dids.service(alice), "");
        vm.stopPrank();
    }

    function test_setService_tooLong_reverts() public {
        vm.startPrank(alice);
        dids.create(1);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidServiceTooLong.selector, 257, 256));
        dids.setService(alice, string(new bytes(257)));
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ methods

    function test_setMethod_addUpdateRemove_succeeds() public {
        vm.startPrank(alice);
        dids.create(1);
        dids.setMethod(alice, bob, 1);
        dids.setMethod(alice, carol, 2 | 8);
        dids.setMethod(alice, bob, 4);
        IDIDRegistry.VerificationMethod[] memory ms = dids.methods(alice);
        assertEq(ms.length, 2);
        assertEq(ms[0].account, bob);
        assertEq(ms[0].purposes, 4, "update keeps the slot");
        dids.removeMethod(alice, bob);
        ms = dids.methods(alice);
        assertEq(ms.length, 1);
        assertEq(ms[0].account, carol, "last moved into the hole");
        assertEq(ms[0].purposes, 10);
        vm.stopPrank();
    }

    function test_setMethod_ninth_reverts() public {
        vm.startPrank(alice);
        dids.create(1);
        for (uint160 i = 1; i <= 8; ++i) {
            dids.setMethod(alice, address(i), 1);
        }
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidTooManyMethods.selector, alice, 8));
        dids.setMethod(alice, address(9), 1);
        dids.setMethod(alice, address(8), 15); // updating an existing one still works at the cap
        vm.stopPrank();
        assertEq(dids.methods(alice).length, 8);
    }

    function test_setMethod_badPurposes_reverts() public {
        vm.startPrank(alice);
        dids.create(1);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidBadPurposes.selector, 0));
        dids.setMethod(alice, bob, 0);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidBadPurposes.selector, 16));
        dids.setMethod(alice, bob, 16);
        vm.stopPrank();
    }

    function test_removeMethod_unknown_reverts() public {
        vm.startPrank(alice);
        dids.create(1);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidMethodNotFound.selector, alice, bob));
        dids.removeMethod(alice, bob);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ delegation

    function test_registerDelegation_root_succeeds() public {
        bytes32 id = _rootDelegation(0x000f);
        IDIDRegistry.DelegationRecord memory r = dids.delegation(id);
        assertEq(r.root, alice);
        assertEq(r.issuer, alice);
        assertEq(r.delegate, bob);
        assertEq(r.depth, 1);
        assertEq(r.capabilities, 0x000f);
        assertTrue(dids.isDelegationValid(id));
        assertTrue(dids.hasCapability(id, bob, 0x0005));
        assertFalse(dids.hasCapability(id, bob, 0x0010), "not granted");
        assertFalse(dids.hasCapability(id, carol, 0x0001), "not the delegate");
    }

    function test_registerDelegation_chainOfThree_succeeds() public {
        (bytes32 id1, bytes32 id2, bytes32 id3) = _chain(0x0003);
        assertEq(dids.delegation(id2).depth, 2);
        assertEq(dids.delegation(id3).depth, 3);
        assertEq(dids.delegation(id3).root, alice);
        assertEq(dids.delegation(id3).issuer, carol);
        assertTrue(dids.isDelegationValid(id1) && dids.isDelegationValid(id2) && dids.isDelegationValid(id3));
    }

    function test_registerDelegation_depthFour_reverts() public {
        (,, bytes32 id3) = _chain(0x0003);
        IDIDRegistry.Delegation memory d = _delegation(dave, stranger, 1, expiry, id3);
        bytes memory sig = _sign(daveKey, d);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidDelegationTooDeep.selector, 4, 3));
        dids.registerDelegation(d, sig);
    }

    function test_registerDelegation_escalation_reverts() public {
        bytes32 id1 = _rootDelegation(0x0003);
        IDIDRegistry.Delegation memory d = _delegation(bob, carol, 0x0007, expiry, id1);
        bytes memory sig = _sign(bobKey, d);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidCapabilityEscalation.selector, 0x0007, 0x0003));
        dids.registerDelegation(d, sig);
    }

    function test_registerDelegation_rootBeyondDidCapabilities_reverts() public {
        vm.prank(alice);
        dids.create(0x0001);
        IDIDRegistry.Delegation memory d = _delegation(alice, bob, 0x0002, expiry, 0);
        bytes memory sig = _sign(aliceKey, d);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidCapabilityEscalation.selector, 0x0002, 0x0001));
        dids.registerDelegation(d, sig);
    }

    function test_registerDelegation_zeroCapabilities_reverts() public {
        vm.prank(alice);
        dids.create(ALL_CAPS);
        IDIDRegistry.Delegation memory d = _delegation(alice, bob, 0, expiry, 0);
        bytes memory sig = _sign(aliceKey, d);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidCapabilityEscalation.selector, 0, ALL_CAPS));
        dids.registerDelegation(d, sig);
    }

    function test_registerDelegation_expiryBeyondParent_reverts() public {
        bytes32 id1 = _rootDelegation(1);
        uint64 parentExpiry = dids.delegation(id1).expiry;
        IDIDRegistry.Delegation memory d = _delegation(bob, carol, 1, parentExpiry + 1, id1);
        bytes memory sig = _sign(bobKey, d);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidBadExpiry.selector, parentExpiry + 1, parentExpiry));
        dids.registerDelegation(d, sig);
    }

    function test_registerDelegation_expiryNow_reverts() public {
        vm.prank(alice);
        dids.create(1);
        IDIDRegistry.Delegation memory d = _delegation(alice, bob, 1, uint64(block.timestamp), 0);
        bytes memory sig = _sign(aliceKey, d);
        vm.expectRevert(
            abi.encodeWithSelector(IDIDRegistry.DidBadExpiry.selector, uint64(block.timestamp), type(uint64).max)
        );
        dids.registerDelegation(d, sig);
    }

    function test_registerDelegation_wrongSigner_reverts() public {
        vm.prank(alice);
        dids.create(1);
        IDIDRegistry.Delegation memory d = _delegation(alice, bob, 1, expiry, 0);
        bytes memory sig = _sign(strangerKey, d);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidInvalidSignature.selector, alice));
        dids.registerDelegation(d, sig);
    }

    function test_registerDelegation_issuerNotParentDelegate_reverts() public {
        bytes32 id1 = _rootDelegation(1);
        IDIDRegistry.Delegation memory d = _delegation(carol, dave, 1, expiry, id1);
        bytes memory sig = _sign(carolKey, d);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidIssuerNotParentDelegate.selector, id1, carol));
        dids.registerDelegation(d, sig);
    }

    function test_registerDelegation_replay_reverts() public {
        vm.prank(alice);
        dids.create(1);
        IDIDRegistry.Delegation memory d = _delegation(alice, bob, 1, expiry, 0);
        bytes memory sig = _sign(aliceKey, d);
        bytes32 id = dids.registerDelegation(d, sig);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidDelegationExists.selector, id));
        dids.registerDelegation(d, sig);
    }

    function test_registerDelegation_rootUnknownDid_reverts() public {
        IDIDRegistry.Delegation memory d = _delegation(alice, bob, 1, expiry, 0);
        bytes memory sig = _sign(aliceKey, d);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidNotFound.selector, alice));
        dids.registerDelegation(d, sig);
    }

    function test_registerDelegation_byDelegationMethod_succeeds() public {
        vm.startPrank(alice);
        dids.create(1);
        dids.setMethod(alice, carol, 8); // capability delegation
        dids.setMethod(alice, dave, 1 | 2 | 4); // every purpose but delegation
        vm.stopPrank();
        IDIDRegistry.Delegation memory d = _delegation(alice, bob, 1, expiry, 0);
        bytes32 id = dids.registerDelegation(d, _sign(carolKey, d));
        assertTrue(dids.isDelegationValid(id));
        IDIDRegistry.Delegation memory d2 = _delegation(alice, bob, 1, expiry, 0);
        bytes memory sig = _sign(daveKey, d2);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidInvalidSignature.selector, alice));
        dids.registerDelegation(d2, sig);
    }

    function test_registerDelegation_afterControllerChange_oldKey_reverts() public {
        vm.startPrank(alice);
        dids.create(1);
        dids.changeController(alice, bob);
        vm.stopPrank();
        IDIDRegistry.Delegation memory d = _delegation(alice, carol, 1, expiry, 0);
        bytes memory sig = _sign(aliceKey, d);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidInvalidSignature.selector, alice));
        dids.registerDelegation(d, sig);
        dids.registerDelegation(d, _sign(bobKey, d));
    }

    function test_registerDelegation_erc1271Controller_succeeds() public {
        ERC1271Wallet wallet = new ERC1271Wallet(bob);
        vm.startPrank(alice);
        dids.create(1);
        dids.changeController(alice, address(wallet));
        vm.stopPrank();
        IDIDRegistry.Delegation memory d = _delegation(alice, carol, 1, expiry, 0);
        bytes32 id = dids.registerDelegation(d, _sign(bobKey, d));
        assertTrue(dids.isDelegationValid(id));
    }

    function test_registerDelegation_parentRevoked_reverts() public {
        bytes32 id1 = _rootDelegation(1);
        vm.prank(alice);
        dids.revokeDelegation(id1);
        IDIDRegistry.Delegation memory d = _delegation(bob, carol, 1, expiry, id1);
        bytes memory sig = _sign(bobKey, d);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidParentInvalid.selector, id1));
        dids.registerDelegation(d, sig);
    }

    // ------------------------------------------------------------------ revocation and validity

    function test_revokeDelegation_cascades_succeeds() public {
        (bytes32 id1, bytes32 id2, bytes32 id3) = _chain(1);
        vm.expectEmit(address(dids));
        emit IDIDRegistry.DelegationRevoked(id1, alice);
        vm.prank(alice);
        dids.revokeDelegation(id1);
        assertFalse(dids.isDelegationValid(id1));
        assertFalse(dids.isDelegationValid(id2), "child void");
        assertFalse(dids.isDelegationValid(id3), "grandchild void");
        assertFalse(dids.hasCapability(id3, dave, 1));
    }

    function test_revokeDelegation_middle_succeeds() public {
        (bytes32 id1, bytes32 id2, bytes32 id3) = _chain(1);
        vm.prank(bob); // issuer of id2
        dids.revokeDelegation(id2);
        assertTrue(dids.isDelegationValid(id1));
        assertFalse(dids.isDelegationValid(id2));
        assertFalse(dids.isDelegationValid(id3));
    }

    function test_revokeDelegation_byDelegateAndRootController_succeeds() public {
        (,, bytes32 id3) = _chain(1);
        vm.prank(alice); // root controller revokes a grandchild
        dids.revokeDelegation(id3);
        assertTrue(dids.delegation(id3).revoked);
        bytes32 id2b = _bobToCarol();
        vm.prank(carol); // the delegate renounces
        dids.revokeDelegation(id2b);
        assertTrue(dids.delegation(id2b).revoked);
    }

    function test_revokeDelegation_stranger_reverts() public {
        (, bytes32 id2,) = _chain(1);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidNotRevoker.selector, id2, stranger));
        dids.revokeDelegation(id2);
        vm.prank(dave); // a descendant's delegate cannot revoke an ancestor
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidNotRevoker.selector, id2, dave));
        dids.revokeDelegation(id2);
    }

    function test_revokeDelegation_twice_reverts() public {
        bytes32 id1 = _rootDelegation(1);
        vm.startPrank(alice);
        dids.revokeDelegation(id1);
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidAlreadyRevoked.selector, id1));
        dids.revokeDelegation(id1);
        vm.stopPrank();
    }

    function test_revokeDelegation_unknown_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDIDRegistry.DidDelegationNotFound.selector, bytes32(uint256(7))));
        dids.revokeDelegation(bytes32(uint256(7)));
    }

    function test_bumpDelegationEpoch_voidsAll_succeeds() public {
        (bytes32 id1,, bytes32 id3) = _chain(1);
        vm.prank(alice);
        dids.bumpDelegationEpoch(alice);
        assertFalse(dids.isDelegationValid(id1));
        assertFalse(dids.isDelegationValid(id3));
        // A new root delegation after the bump is valid.
        IDIDRegistry.Delegation memory d = _delegation(alice, bob, 1, expiry, 0);
        assertTrue(dids.isDelegationValid(dids.registerDelegation(d, _sign(aliceKey, d))));
    }

    function test_setCapabilities_shrinkVoidsDelegations_succeeds() public {
        (bytes32 id1,, bytes32 id3) = _chain(0x0003);
        vm.prank(alice);
        dids.setCapabilities(alice, 0x0001);
        assertFalse(dids.isDelegationValid(id1));
        assertFalse(dids.isDelegationValid(id3));
        vm.prank(alice);
        dids.setCapabilities(alice, 0x0003);
        assertTrue(dids.isDelegationValid(id3), "restoring the capability restores the chain");
    }

    function test_isDelegationValid_expiry_succeeds() public {
        (bytes32 id1,, bytes32 id3) = _chain(1);
        uint64 e = dids.delegation(id1).expiry;
        vm.warp(e);
        assertTrue(dids.isDelegationValid(id3), "valid at expiry");
        vm.warp(uint256(e) + 1);
        assertFalse(dids.isDelegationValid(id1));
        assertFalse(dids.isDelegationValid(id3));
    }

    function test_isDelegationValid_unknown_succeeds() public view {
        assertFalse(dids.isDelegationValid(bytes32(0)));
        assertFalse(dids.hasCapability(bytes32(0), address(0), 0));
    }

    function test_delegationDigest_eip712_succeeds() public view {
        IDIDRegistry.Delegation memory d = IDIDRegistry.Delegation(alice, bob, 3, 100, bytes32(uint256(5)), bytes32(0));
        bytes32 typeHash = keccak256(
            "Delegation(address issuer,address delegate,uint16 capabilities,uint64 expiry,bytes32 parent,bytes32 salt)"
        );
        assertEq(dids.DELEGATION_TYPEHASH(), typeHash);
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Pactum DIDRegistry"),
                keccak256("1"),
                block.chainid,
                address(dids)
            )
        );
        bytes32 structHash = keccak256(abi.encode(typeHash, d.issuer, d.delegate, d.capabilities, d.expiry, d.parent, d.salt));
        assertEq(dids.delegationDigest(d), keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
    }

    /// @dev A root delegation of bob's DID to carol.
    function _bobToCarol() internal returns (bytes32 id) {
        vm.prank(bob);
        dids.create(1);
        IDIDRegistry.Delegation memory d = _delegation(bob, carol, 1, expiry, 0);
        id = dids.registerDelegation(d, _sign(bobKey, d));
    }
}
