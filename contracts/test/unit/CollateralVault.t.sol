// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {DealFixture} from "../utils/DealFixture.sol";
import {ICollateralVault} from "../../src/interfaces/ICollateralVault.sol";
import {CollateralVault} from "../../src/CollateralVault.sol";
import {PactumToken} from "../../src/PactumToken.sol";

contract CollateralVaultTest is DealFixture {
    address internal locker;
    address internal alice;
    uint256 internal aliceKey;
    address internal bob;
    address internal t; // the token's address

    function setUp() public override {
        super.setUp();
        locker = makeAddr("locker");
        (alice, aliceKey) = makeAddrAndKey("alice");
        bob = makeAddr("bob");
        t = address(token);
        vm.prank(owner);
        vault.setLocker(locker, true);
    }

    function _accounts() internal view returns (address[] memory a) {
        a = new address[](5);
        (a[0], a[1], a[2], a[3], a[4]) = (alice, bob, client, node, stranger);
    }

    function _lockAs(address account, uint256 amount) internal {
        vm.prank(locker);
        vault.lock(t, account, amount);
    }

    // ---------------------------------------------------------------- deposit

    function test_deposit_ownAccount_succeeds() public {
        vm.prank(owner);
        token.mint(alice, 100);
        vm.startPrank(alice);
        token.approve(address(vault), 100);
        vm.expectEmit(address(vault));
        emit ICollateralVault.Deposited(t, alice, alice, 100);
        vault.deposit(t, alice, 100);
        vm.stopPrank();
        assertEq(_free(alice), 100);
        assertEq(token.balanceOf(address(vault)), 100);
        assertEq(token.balanceOf(alice), 0);
        _assertConservation(_accounts());
    }

    function test_deposit_forAnotherAccount_succeeds() public {
        vm.prank(owner);
        token.mint(alice, 100);
        vm.startPrank(alice);
        token.approve(address(vault), 100);
        vault.deposit(t, bob, 100);
        vm.stopPrank();
        assertEq(_free(bob), 100);
        assertEq(_free(alice), 0);
    }

    function test_deposit_tokenNotAllowed_reverts() public {
        PactumToken other = new PactumToken(address(this));
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultTokenNotAllowed.selector, address(other)));
        vault.deposit(address(other), alice, 1);
    }

    function test_deposit_zeroAmount_reverts() public {
        vm.expectRevert(ICollateralVault.VaultZeroAmount.selector);
        vault.deposit(t, alice, 0);
    }

    function test_deposit_zeroAccount_reverts() public {
        vm.expectRevert(ICollateralVault.VaultZeroAddress.selector);
        vault.deposit(t, address(0), 1);
    }

    function test_deposit_withoutAllowance_reverts() public {
        vm.prank(owner);
        token.mint(alice, 100);
        vm.prank(alice);
        vm.expectRevert(); // ERC20InsufficientAllowance
        vault.deposit(t, alice, 100);
        assertEq(_free(alice), 0);
    }

    function test_deposit_delistedToken_reverts() public {
        vm.prank(owner);
        vault.setTokenAllowed(t, false);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultTokenNotAllowed.selector, t));
        vault.deposit(t, alice, 1);
    }

    // ------------------------------------------------------ depositWithPermit

    function _permit(uint256 amount, uint256 deadline) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                alice,
                address(vault),
                amount,
                token.nonces(alice),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        (v, r, s) = vm.sign(aliceKey, digest);
    }

    function test_depositWithPermit_validPermit_succeeds() public {
        vm.prank(owner);
        token.mint(alice, 100);
        (uint8 v, bytes32 r, bytes32 s) = _permit(100, block.timestamp + 1);
        vm.prank(alice);
        vault.depositWithPermit(t, alice, 100, block.timestamp + 1, v, r, s);
        assertEq(_free(alice), 100);
        assertEq(token.allowance(alice, address(vault)), 0);
    }

    function test_depositWithPermit_permitFrontRun_succeeds() public {
        vm.prank(owner);
        token.mint(alice, 100);
        (uint8 v, bytes32 r, bytes32 s) = _permit(100, block.timestamp + 1);
        token.permit(alice, address(vault), 100, block.timestamp + 1, v, r, s); // a griefer uses it first
        vm.prank(alice);
        vault.depositWithPermit(t, alice, 100, block.timestamp + 1, v, r, s);
        assertEq(_free(alice), 100);
    }

    function test_depositWithPermit_invalidPermitNoAllowance_reverts() public {
        vm.prank(owner);
        token.mint(alice, 100);
        (uint8 v, bytes32 r, bytes32 s) = _permit(100, block.timestamp + 1);
        vm.prank(alice);
        vm.expectRevert(); // the permit is for 100, not 50: ignored; no allowance
        vault.depositWithPermit(t, alice, 50, block.timestamp + 1, v, r, s);
        assertEq(_free(alice), 0);
    }

    function test_depositWithPermit_tokenNotAllowed_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultTokenNotAllowed.selector, address(1)));
        vault.depositWithPermit(address(1), alice, 1, 0, 0, 0, 0);
    }

    // --------------------------------------------------------------- withdraw

    function test_withdraw_toSelf_succeeds() public {
        _fund(alice, 100);
        vm.expectEmit(address(vault));
        emit ICollateralVault.Withdrawn(t, alice, alice, 40);
        vm.prank(alice);
        vault.withdraw(t, alice, 40);
        assertEq(_free(alice), 60);
        assertEq(token.balanceOf(alice), 40);
        _assertConservation(_accounts());
    }

    function test_withdraw_toOther_succeeds() public {
        _fund(alice, 100);
        vm.prank(alice);
        vault.withdraw(t, bob, 100);
        assertEq(_free(alice), 0);
        assertEq(token.balanceOf(bob), 100);
    }

    function test_withdraw_moreThanFree_reverts() public {
        _fund(alice, 100);
        _lockAs(alice, 30);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultInsufficientFree.selector, t, alice, 70, 71));
        vault.withdraw(t, alice, 71);
    }

    function test_withdraw_zeroAmount_reverts() public {
        vm.expectRevert(ICollateralVault.VaultZeroAmount.selector);
        vault.withdraw(t, alice, 0);
    }

    function test_withdraw_zeroAddress_reverts() public {
        vm.expectRevert(ICollateralVault.VaultZeroAddress.selector);
        vault.withdraw(t, address(0), 1);
    }

    function test_withdraw_delistedToken_succeeds() public {
        _fund(alice, 100);
        vm.prank(owner);
        vault.setTokenAllowed(t, false);
        vm.prank(alice);
        vault.withdraw(t, alice, 100);
        assertEq(token.balanceOf(alice), 100);
    }

    // ------------------------------------------------------------------- lock

    function test_lock_fromFree_succeeds() public {
        _fund(alice, 100);
        vm.expectEmit(address(vault));
        emit ICollateralVault.Locked(t, alice, locker, 60);
        _lockAs(alice, 60);
        assertEq(_free(alice), 40);
        assertEq(vault.escrowOf(t, locker), 60);
        _assertLedger();
    }

    function test_lock_notLocker_reverts() public {
        _fund(alice, 100);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultUnauthorizedLocker.selector, stranger));
        vault.lock(t, alice, 1);
    }

    function test_lock_zeroAmount_reverts() public {
        vm.prank(locker);
        vm.expectRevert(ICollateralVault.VaultZeroAmount.selector);
        vault.lock(t, alice, 0);
    }

    function test_lock_moreThanFree_reverts() public {
        _fund(alice, 100);
        vm.prank(locker);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultInsufficientFree.selector, t, alice, 100, 101));
        vault.lock(t, alice, 101);
    }

    function test_lock_tokenNeverAllowed_reverts() public {
        vm.prank(locker);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultTokenNotAllowed.selector, address(7)));
        vault.lock(address(7), alice, 1);
    }

    function test_lock_escrowAboveUint248_reverts() public {
        uint256 huge = uint256(type(uint248).max) + 1;
        _fund(alice, huge);
        vm.prank(locker);
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 248, huge));
        vault.lock(t, alice, huge);
    }

    // --------------------------------------------------------------- lockPair

    function test_lockPair_twoAccounts_succeeds() public {
        _fund(alice, 100);
        _fund(bob, 50);
        vm.expectEmit(address(vault));
        emit ICollateralVault.LockedPair(t, alice, bob, locker, 70, 20);
        vm.prank(locker);
        vault.lockPair(t, alice, 70, bob, 20);
        assertEq(_free(alice), 30);
        assertEq(_free(bob), 30);
        assertEq(vault.escrowOf(t, locker), 90);
        _assertLedger();
    }

    function test_lockPair_oneZero_succeeds() public {
        _fund(alice, 100);
        vm.prank(locker);
        vault.lockPair(t, alice, 100, bob, 0);
        assertEq(vault.escrowOf(t, locker), 100);
    }

    function test_lockPair_bothZero_reverts() public {
        vm.prank(locker);
        vm.expectRevert(ICollateralVault.VaultZeroAmount.selector);
        vault.lockPair(t, alice, 0, bob, 0);
    }

    function test_lockPair_secondShort_reverts() public {
        _fund(alice, 100);
        _fund(bob, 10);
        vm.prank(locker);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultInsufficientFree.selector, t, bob, 10, 11));
        vault.lockPair(t, alice, 100, bob, 11);
        assertEq(_free(alice), 100, "first part rolled back");
    }

    function test_lockPair_notLocker_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultUnauthorizedLocker.selector, stranger));
        vault.lockPair(t, alice, 1, bob, 1);
    }

    // ---------------------------------------------------------------- release

    function test_release_toAccount_succeeds() public {
        _fund(alice, 100);
        _lockAs(alice, 100);
        vm.expectEmit(address(vault));
        emit ICollateralVault.Released(t, bob, locker, 30);
        vm.prank(locker);
        vault.release(t, bob, 30);
        assertEq(_free(bob), 30);
        assertEq(vault.escrowOf(t, locker), 70);
        _assertLedger();
    }

    function test_release_moreThanEscrow_reverts() public {
        _fund(alice, 100);
        _lockAs(alice, 100);
        vm.prank(locker);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultInsufficientEscrow.selector, t, locker, 100, 101));
        vault.release(t, alice, 101);
    }

    function test_release_otherLockersEscrow_reverts() public {
        _fund(alice, 100);
        _lockAs(alice, 100);
        address locker2 = makeAddr("locker2");
        vm.prank(owner);
        vault.setLocker(locker2, true);
        vm.prank(locker2);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultInsufficientEscrow.selector, t, locker2, 0, 1));
        vault.release(t, locker2, 1);
    }

    function test_release_zeroAddress_reverts() public {
        vm.prank(locker);
        vm.expectRevert(ICollateralVault.VaultZeroAddress.selector);
        vault.release(t, address(0), 1);
    }

    function test_release_zeroAmount_reverts() public {
        vm.prank(locker);
        vm.expectRevert(ICollateralVault.VaultZeroAmount.selector);
        vault.release(t, alice, 0);
    }

    function test_release_notLocker_reverts() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultUnauthorizedLocker.selector, stranger));
        vault.release(t, stranger, 1);
    }

    // ------------------------------------------------------------ releasePair

    function test_releasePair_threeParts_succeeds() public {
        _fund(alice, 100);
        _lockAs(alice, 100);
        vm.expectEmit(address(vault));
        emit ICollateralVault.ReleasedPair(t, alice, bob, locker, 50, 45, 5);
        vm.prank(locker);
        vault.releasePair(t, alice, 50, bob, 45, 5);
        assertEq(_free(alice), 50);
        assertEq(_free(bob), 45);
        assertEq(vault.treasury(t), 5);
        assertEq(vault.escrowOf(t, locker), 0);
        _assertLedger();
    }

    function test_releasePair_zeroAddressWithAmount_reverts() public {
        _fund(alice, 100);
        _lockAs(alice, 100);
        vm.prank(locker);
        vm.expectRevert(ICollateralVault.VaultZeroAddress.selector);
        vault.releasePair(t, alice, 1, address(0), 1, 0);
    }

    function test_releasePair_zeroAddressWithoutAmount_succeeds() public {
        _fund(alice, 100);
        _lockAs(alice, 100);
        vm.prank(locker);
        vault.releasePair(t, alice, 100, address(0), 0, 0);
        assertEq(_free(alice), 100);
    }

    function test_releasePair_allZero_reverts() public {
        vm.prank(locker);
        vm.expectRevert(ICollateralVault.VaultZeroAmount.selector);
        vault.releasePair(t, alice, 0, bob, 0, 0);
    }

    function test_releasePair_moreThanEscrow_reverts() public {
        _fund(alice, 100);
        _lockAs(alice, 100);
        vm.prank(locker);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultInsufficientEscrow.selector, t, locker, 100, 101));
        vault.releasePair(t, alice, 50, bob, 50, 1);
    }

    // --------------------------------------------------- payTreasury/Insurance

    function test_payTreasury_fromEscrow_succeeds() public {
        _fund(alice, 100);
        _lockAs(alice, 100);
        vm.expectEmit(address(vault));
        emit ICollateralVault.TreasuryPaid(t, locker, 10);
        vm.prank(locker);
        vault.payTreasury(t, 10);
        assertEq(vault.treasury(t), 10);
        assertEq(vault.escrowOf(t, locker), 90);
        _assertLedger();
    }

    function test_payTreasury_moreThanEscrow_reverts() public {
        vm.prank(locker);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultInsufficientEscrow.selector, t, locker, 0, 1));
        vault.payTreasury(t, 1);
    }

    function test_payInsurance_fromEscrow_succeeds() public {
        _fund(alice, 100);
        _lockAs(alice, 100);
        vm.expectEmit(address(vault));
        emit ICollateralVault.InsurancePaid(t, locker, 10);
        vm.prank(locker);
        vault.payInsurance(t, 10);
        assertEq(vault.insurance(t), 10);
        _assertLedger();
    }

    function test_payInsurance_zeroAmount_reverts() public {
        vm.prank(locker);
        vm.expectRevert(ICollateralVault.VaultZeroAmount.selector);
        vault.payInsurance(t, 0);
    }

    // ------------------------------------------------------------------ slash

    function test_slash_split_succeeds() public {
        _fund(alice, 1000);
        _lockAs(alice, 1000);
        vm.expectEmit(address(vault));
        emit ICollateralVault.Slashed(t, locker, bob, 1000, 500, 300, 200);
        vm.prank(locker);
        (uint256 burnedAmount, uint256 toReporter, uint256 toInsurance) = vault.slash(t, 1000, bob);
        assertEq(burnedAmount, 500);
        assertEq(toReporter, 300);
        assertEq(toInsurance, 200);
        assertEq(_free(bob), 300);
        assertEq(vault.insurance(t), 200);
        assertEq(vault.burned(t), 500);
        assertEq(token.balanceOf(vault.BURN_SINK()), 500);
        assertEq(vault.escrowOf(t, locker), 0);
        _assertLedger();
    }

    function test_slash_dustGoesToBurn_succeeds() public {
        _fund(alice, 7);
        _lockAs(alice, 7);
        vm.prank(locker);
        (uint256 burnedAmount, uint256 toReporter, uint256 toInsurance) = vault.slash(t, 7, bob);
        assertEq(toReporter, 2); // floor(2.1)
        assertEq(toInsurance, 1); // floor(1.4)
        assertEq(burnedAmount, 4); // 3.5 + dust 0.5
        _assertLedger();
    }

    function test_slash_zeroReporter_reverts() public {
        vm.prank(locker);
        vm.expectRevert(ICollateralVault.VaultZeroAddress.selector);
        vault.slash(t, 1, address(0));
    }

    function test_slash_moreThanEscrow_reverts() public {
        vm.prank(locker);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultInsufficientEscrow.selector, t, locker, 0, 1));
        vault.slash(t, 1, bob);
    }

    function test_slash_zeroAmount_reverts() public {
        vm.prank(locker);
        vm.expectRevert(ICollateralVault.VaultZeroAmount.selector);
        vault.slash(t, 0, bob);
    }

    // ------------------------------------------------------------------ admin

    function test_setTokenAllowed_byOwner_succeeds() public {
        address other = address(new PactumToken(owner));
        vm.expectEmit(address(vault));
        emit ICollateralVault.TokenAllowed(other, true);
        vm.prank(owner);
        vault.setTokenAllowed(other, true);
        assertTrue(vault.isTokenAllowed(other));
        // every current locker is authorised for the new token
        _fundToken(PactumToken(other), alice, 10);
        vm.prank(locker);
        vault.lock(other, alice, 10);
        assertEq(vault.escrowOf(other, locker), 10);
    }

    function test_setTokenAllowed_zeroAddress_reverts() public {
        vm.prank(owner);
        vm.expectRevert(ICollateralVault.VaultZeroAddress.selector);
        vault.setTokenAllowed(address(0), true);
    }

    function test_setTokenAllowed_beyondMaxTokens_reverts() public {
        vm.startPrank(owner);
        uint256 max = vault.MAX_TOKENS();
        for (uint160 i = 1; i < max; ++i) {
            vault.setTokenAllowed(address(0x1000 + i), true); // the PactumToken is the first
        }
        vm.expectRevert(ICollateralVault.VaultRegistryFull.selector);
        vault.setTokenAllowed(address(0x9999), true);
        vault.setTokenAllowed(address(0x1001), false); // known tokens can still be toggled
        vault.setTokenAllowed(address(0x1001), true);
        vm.stopPrank();
    }

    function test_setLocker_byOwner_succeeds() public {
        address locker2 = makeAddr("locker2");
        vm.expectEmit(address(vault));
        emit ICollateralVault.LockerSet(locker2, true);
        vm.prank(owner);
        vault.setLocker(locker2, true);
        assertTrue(vault.isLocker(locker2));
        _fund(alice, 10);
        vm.prank(locker2);
        vault.lock(t, alice, 10);
        assertEq(vault.escrowOf(t, locker2), 10);
    }

    function test_setLocker_deauthorised_reverts() public {
        _fund(alice, 10);
        vm.prank(owner);
        vault.setLocker(locker, false);
        assertFalse(vault.isLocker(locker));
        vm.prank(locker);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultUnauthorizedLocker.selector, locker));
        vault.lock(t, alice, 10);
    }

    function test_setLocker_zeroAddress_reverts() public {
        vm.prank(owner);
        vm.expectRevert(ICollateralVault.VaultZeroAddress.selector);
        vault.setLocker(address(0), true);
    }

    function test_setLocker_beyondMaxLockers_reverts() public {
        vm.startPrank(owner);
        uint256 max = vault.MAX_LOCKERS();
        // DealManager, MediationCourt, NodeRegistry, FaultManager, RewardDistributor and `locker` are set already
        for (uint160 i = 7; i <= max; ++i) {
            vault.setLocker(address(0x2000 + i), true);
        }
        vm.expectRevert(ICollateralVault.VaultRegistryFull.selector);
        vault.setLocker(address(0x9999), true);
        vm.stopPrank();
    }

    function test_withdrawTreasury_byOwner_succeeds() public {
        _fund(alice, 100);
        _lockAs(alice, 100);
        vm.prank(locker);
        vault.payTreasury(t, 100);
        vm.expectEmit(address(vault));
        emit ICollateralVault.TreasuryWithdrawn(t, bob, 60);
        vm.prank(owner);
        vault.withdrawTreasury(t, bob, 60);
        assertEq(vault.treasury(t), 40);
        assertEq(token.balanceOf(bob), 60);
        _assertLedger();
    }

    function test_withdrawTreasury_moreThanPool_reverts() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultInsufficientPool.selector, t, 0, 1));
        vault.withdrawTreasury(t, bob, 1);
    }

    function test_withdrawTreasury_zeroAmount_reverts() public {
        vm.prank(owner);
        vm.expectRevert(ICollateralVault.VaultZeroAmount.selector);
        vault.withdrawTreasury(t, bob, 0);
    }

    function test_withdrawTreasury_zeroAddress_reverts() public {
        vm.prank(owner);
        vm.expectRevert(ICollateralVault.VaultZeroAddress.selector);
        vault.withdrawTreasury(t, address(0), 1);
    }

    function test_withdrawInsurance_byOwner_succeeds() public {
        _fund(alice, 100);
        _lockAs(alice, 100);
        vm.prank(locker);
        vault.payInsurance(t, 100);
        vm.expectEmit(address(vault));
        emit ICollateralVault.InsuranceWithdrawn(t, bob, 100);
        vm.prank(owner);
        vault.withdrawInsurance(t, bob, 100);
        assertEq(vault.insurance(t), 0);
        assertEq(token.balanceOf(bob), 100);
        _assertLedger();
    }

    function test_withdrawInsurance_moreThanPool_reverts() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(ICollateralVault.VaultInsufficientPool.selector, t, 0, 1));
        vault.withdrawInsurance(t, bob, 1);
    }

    function test_withdrawInsurance_zeroAmount_reverts() public {
        vm.prank(owner);
        vm.expectRevert(ICollateralVault.VaultZeroAmount.selector);
        vault.withdrawInsurance(t, bob, 0);
    }

    function test_withdrawInsurance_zeroAddress_reverts() public {
        vm.prank(owner);
        vm.expectRevert(ICollateralVault.VaultZeroAddress.selector);
        vault.withdrawInsurance(t, address(0), 1);
    }

    function test_renounceOwnership_byOwner_reverts() public {
        vm.prank(owner);
        vm.expectRevert(ICollateralVault.VaultRenounceDisabled.selector);
        vault.renounceOwnership();
        assertEq(vault.owner(), owner);
    }

    function test_transferOwnership_twoStep_succeeds() public {
        vm.prank(owner);
        vault.transferOwnership(bob);
        assertEq(vault.owner(), owner, "pending until accepted");
        vm.prank(bob);
        vault.acceptOwnership();
        assertEq(vault.owner(), bob);
    }

    function test_acceptOwnership_notPending_reverts() public {
        vm.prank(owner);
        vault.transferOwnership(bob);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vault.acceptOwnership();
    }

    function test_constructor_owner_succeeds() public {
        CollateralVault fresh = new CollateralVault(alice);
        assertEq(fresh.owner(), alice);
        assertEq(fresh.BURN_SINK(), 0x000000000000000000000000000000000000dEaD);
        assertEq(fresh.SLASH_REPORTER_BPS() + fresh.SLASH_INSURANCE_BPS(), 5_000);
    }

    // -------------------------------------------------------------- helpers

    function _fundToken(PactumToken tok, address who, uint256 amount) internal {
        vm.prank(owner);
        tok.mint(who, amount);
        vm.startPrank(who);
        tok.approve(address(vault), amount);
        vault.deposit(address(tok), who, amount);
        vm.stopPrank();
    }

    /// @dev C1 with the test locker's escrow included.
    function _assertLedger() internal view {
        address[] memory a = _accounts();
        uint256 sum = vault.escrowOf(t, locker) + _escrow() + vault.treasury(t) + vault.insurance(t);
        for (uint256 i = 0; i < a.length; ++i) {
            sum += _free(a[i]);
        }
        assertEq(token.balanceOf(address(vault)), sum, "C1: vault balance != ledger");
    }
}
