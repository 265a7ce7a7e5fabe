// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {DealFixture} from "../utils/DealFixture.sol";
import {MediationCourt} from "../../src/MediationCourt.sol";
import {DealManager} from "../../src/DealManager.sol";
import {IMediationCourt} from "../../src/interfaces/IMediationCourt.sol";
import {IDealManager} from "../../src/interfaces/IDealManager.sol";
import {ICollateralVault} from "../../src/interfaces/ICollateralVault.sol";
import {Deal, DealPhase, Verdict} from "../../src/types/DealTypes.sol";

/// @notice MediationCourt: registry, panel draw, votes, verdict payouts, one appeal, mediation
///         timeout with the keeper bounty from non-voting panelists' bonds (docs/contracts/deals.md).
contract MediationCourtTest is DealFixture {
    uint256 internal constant NET_FEE = PRICE * FEE_BPS / 10_000;

    function _accounts(Deal memory d) internal view returns (address[] memory a) {
        a = new address[](3 + d.mediators.length);
        (a[0], a[1], a[2]) = (client, node, stranger);
        for (uint256 i = 0; i < d.mediators.length; ++i) {
            a[3 + i] = d.mediators[i];
        }
    }

    function _panel(Deal memory d) internal view returns (address[] memory panel) {
        (panel,,) = court.panelOf(d);
    }

    function _bond(address m) internal view returns (uint256) {
        return court.mediator(m).bond;
    }

    // ---------------------------------------------------------------- registry

    function test_constructor_parameters_succeeds() public view {
        assertEq(court.dealManager(), address(dm));
        assertEq(dm.court(), address(court));
        assertEq(court.vault(), address(vault));
        assertEq(court.token(), address(token));
        assertEq(court.panelSize(), 1);
        assertEq(court.minBond(), MIN_BOND);
        assertEq(court.unbondingPeriod(), 7 days);
        assertEq(court.keeperBounty(), KEEPER_BOUNTY);
        assertEq(dm.keeperBounty(), KEEPER_BOUNTY);
        assertTrue(vault.isLocker(address(court)));
    }

    function test_constructor_evenPanel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtInvalidConfig.selector, bytes32("PANEL_SIZE")));
        new MediationCourt(address(dm), address(vault), address(token), 2, MIN_BOND, 1 days, 1);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtInvalidConfig.selector, bytes32("PANEL_SIZE")));
        new MediationCourt(address(dm), address(vault), address(token), 5, MIN_BOND, 1 days, 1);
    }

    function test_constructor_zeroMinBond_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtInvalidConfig.selector, bytes32("MIN_BOND_ZERO")));
        new MediationCourt(address(dm), address(vault), address(token), 1, 0, 1 days, 1);
    }

    function test_register_locksBond_succeeds() public {
        address m = makeAddr("m");
        _fund(m, MIN_BOND + 5);
        vm.expectEmit(address(court));
        emit IMediationCourt.MediatorRegistered(m, MIN_BOND, 1);
        vm.prank(m);
        court.register(MIN_BOND, 1);
        assertEq(_bond(m), MIN_BOND);
        assertEq(_free(m), 5);
        assertEq(vault.escrowOf(address(token), address(court)), MIN_BOND);
        assertTrue(court.isEligible(m));
        // top-up
        vm.prank(m);
        court.register(5, 3);
        assertEq(_bond(m), MIN_BOND + 5);
        assertEq(court.mediator(m).capabilities, 3);
    }

    function test_register_belowMinimum_reverts() public {
        address m = makeAddr("m");
        _fund(m, MIN_BOND);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtBondBelowMinimum.selector, MIN_BOND - 1, MIN_BOND));
        vm.prank(m);
        court.register(MIN_BOND - 1, 1);
    }

    function test_register_withoutWasmCapability_reverts() public {
        address m = makeAddr("m");
        _fund(m, MIN_BOND);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtMissingCapability.selector, uint32(2)));
        vm.prank(m);
        court.register(MIN_BOND, 2);
    }

    function test_register_withoutFreeBalance_reverts() public {
        address m = makeAddr("m");
        vm.expectRevert(
            abi.encodeWithSelector(ICollateralVault.VaultInsufficientFree.selector, address(token), m, 0, MIN_BOND)
        );
        vm.prank(m);
        court.register(MIN_BOND, 1);
    }

    function test_unregisterWithdraw_afterUnbonding_succeeds() public {
        address m = _registeredMediators(1)[0];
        vm.prank(m);
        court.unregister();
        assertFalse(court.isEligible(m), "an exiting mediator is never drawn");
        uint256 exitAt = block.timestamp + 7 days;
        vm.warp(exitAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtStillBonded.selector, m, exitAt));
        vm.prank(m);
        court.withdrawBond();
        vm.warp(exitAt);
        vm.expectEmit(address(court));
        emit IMediationCourt.MediatorWithdrawn(m, MIN_BOND);
        vm.prank(m);
        court.withdrawBond();
        assertEq(_free(m), MIN_BOND);
        assertEq(_bond(m), 0);
        assertEq(vault.escrowOf(address(token), address(court)), 0);
    }

    function test_unregister_notRegistered_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtNotRegistered.selector, stranger));
        vm.prank(stranger);
        court.unregister();
    }

    function test_withdrawBond_withoutUnregister_reverts() public {
        address m = _registeredMediators(1)[0];
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtNotRegistered.selector, m));
        vm.prank(m);
        court.withdrawBond();
    }

    // -------------------------------------------------------------------- draw

    function test_draw_tooEarly_reverts() public {
        Deal memory d = _dealWithMediators(1);
        _fundParties(d);
        bytes32 id = _agreeBySig(d);
        _post(d, 1);
        vm.prank(client);
        dm.requestMediation(d);
        uint256 seedBlock = block.number + 1;
        vm.roll(block.number + 1); // the seed block is the current one: its hash is unknown
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtDrawTooEarly.selector, id, seedBlock));
        court.draw(d);
        (,, bool drawn) = court.panelOf(d);
        assertFalse(drawn);
    }

    function test_draw_afterSeedBlock_succeeds() public {
        Deal memory d = _dealWithMediators(3);
        bytes32 id = _disputedWith(d);
        address[] memory preview = _panel(d);
        assertEq(preview.length, 1, "k = 1");
        vm.prank(stranger);
        court.draw(d);
        (address[] memory panel, uint8 round, bool drawn) = court.panelOf(d);
        assertTrue(drawn);
        assertEq(round, 0);
        assertEq(panel.length, 1);
        assertEq(panel[0], preview[0], "the preview is the draw");
        assertEq(court.caseOf(id).seedBlock, dm.dealRecord(id).disputeBlock + 1);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtAlreadyDrawn.selector, id, uint8(0)));
        court.draw(d);
    }

    function test_draw_seedDependsOnBlockHash_succeeds() public {
        // Same deal terms disputed under two different seed-block hashes: the draw follows the hash.
        Deal memory d = _dealWithMediators(7);
        bytes32 id = _disputedWith(d);
        uint256 seedBlock = dm.dealRecord(id).disputeBlock + 1;
        bool differs;
        address first;
        for (uint256 i = 0; i < 16 && !differs; ++i) {
            vm.setBlockhash(seedBlock, keccak256(abi.encode("hash", i)));
            address pick = _panel(d)[0];
            if (i == 0) first = pick;
            else if (pick != first) differs = true;
        }
        assertTrue(differs, "16 seed hashes all drew the same mediator out of 7");
    }

    function test_draw_skipsIneligibleMediators_succeeds() public {
        Deal memory d = _dealWithMediators(3);
        // Two of three leave before the draw: the panel can only be the third.
        vm.prank(d.mediators[0]);
        court.unregister();
        vm.prank(d.mediators[2]);
        court.unregister();
        _disputedWith(d);
        for (uint256 i = 0; i < 8; ++i) {
            vm.setBlockhash(block.number - 1, keccak256(abi.encode(i)));
            assertEq(_panel(d)[0], d.mediators[1]);
        }
    }

    function test_draw_noEligibleMediator_emptyPanel_succeeds() public {
        Deal memory d = _deal(); // two agreed mediators, neither registered
        _disputedWith(d);
        vm.expectEmit(address(court));
        emit IMediationCourt.PanelDrawn(dm.hashDeal(d), 0, block.number - 1, new address[](0));
        court.draw(d);
        vm.expectRevert(
            abi.encodeWithSelector(IMediationCourt.CourtNotOnPanel.selector, dm.hashDeal(d), d.mediators[0])
        );
        vm.prank(d.mediators[0]);
        court.vote(d, true);
    }

    function test_draw_after256Blocks_deferredThenDrawn_succeeds() public {
        Deal memory d = _dealWithMediators(1);
        bytes32 id = _disputedWith(d);
        vm.roll(block.number + 300);
        vm.expectEmit(address(court));
        emit IMediationCourt.PanelDrawDeferred(id, 0, block.number);
        court.draw(d);
        assertEq(court.caseOf(id).panel, 0);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtDrawTooEarly.selector, id, block.number));
        court.draw(d);
        vm.roll(block.number + 1);
        court.draw(d);
        assertEq(court.caseOf(id).panel, 1);
    }

    function test_draw_notDisputed_reverts() public {
        Deal memory d = _dealWithMediators(1);
        _fundParties(d);
        bytes32 id = _agreeBySig(d);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtNotDisputed.selector, id));
        court.draw(d);
    }

    // -------------------------------------------------------------------- vote

    function test_vote_correct_oneMediator_paysNodeAndMediator_succeeds() public {
        Deal memory d = _dealWithMediators(1);
        bytes32 id = _disputedWith(d);
        address m = d.mediators[0];
        address[] memory winners = new address[](1);
        winners[0] = m;
        vm.expectEmit(address(dm));
        emit IDealManager.DealMediated(
            id, Verdict.Correct, PRICE - NET_FEE, NET_FEE, CLIENT_COLLATERAL, winners, MEDIATION_FEE
        );
        vm.prank(m);
        court.vote(d, true);
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediatedCorrect));
        assertEq(_free(node), PRICE - NET_FEE + CHEATING_COLLATERAL, "node paid as accepted");
        assertEq(_free(client), CLIENT_COLLATERAL, "client pays the price and the fee");
        assertEq(_free(m), MEDIATION_FEE, "the voting mediator gets the fee");
        assertEq(vault.treasury(address(token)), NET_FEE);
        assertEq(_escrow(), 0);
        _assertConservation(_accounts(d));
    }

    function test_vote_incorrect_oneMediator_slashesNode_succeeds() public {
        Deal memory d = _dealWithMediators(1);
        bytes32 id = _disputedWith(d);
        address m = d.mediators[0];
        vm.prank(m);
        court.vote(d, false);
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediatedIncorrect));
        assertEq(_free(node), 0, "node unpaid, cheating collateral gone");
        assertEq(_free(client), PRICE + CLIENT_COLLATERAL + CHEATING_COLLATERAL, "client refunded + slash");
        assertEq(_free(m), MEDIATION_FEE, "mediator paid the same either way");
        assertEq(_escrow(), 0);
        _assertConservation(_accounts(d));
    }

    function test_vote_incorrect_cheatingBelowFee_succeeds() public {
        Deal memory d = _dealWithMediators(1);
        d.cheatingCollateral = 1e18; // < MEDIATION_FEE
        bytes32 id = _disputedWith(d);
        vm.prank(d.mediators[0]);
        court.vote(d, false);
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediatedIncorrect));
        assertEq(_free(d.mediators[0]), MEDIATION_FEE);
        _assertConservation(_accounts(d));
    }

    function test_vote_notOnPanel_reverts() public {
        Deal memory d = _dealWithMediators(3);
        bytes32 id = _disputedWith(d);
        address outsider = _others(d, _panel(d))[0];
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtNotOnPanel.selector, id, outsider));
        vm.prank(outsider);
        court.vote(d, true);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtNotOnPanel.selector, id, stranger));
        vm.prank(stranger);
        court.vote(d, true);
    }

    function test_vote_atDeadline_succeeds_afterDeadline_reverts() public {
        Deal memory d = _dealWithMediators(1);
        bytes32 id = _disputedWith(d);
        uint256 deadline = dm.dealRecord(id).disputedAt + MEDIATION_TIMEOUT;
        uint256 snap = vm.snapshotState();
        vm.warp(deadline);
        vm.prank(d.mediators[0]);
        court.vote(d, true);
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediatedCorrect));
        vm.revertToState(snap);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtDeadlinePassed.selector, id, deadline));
        vm.prank(d.mediators[0]);
        court.vote(d, true);
    }

    function test_vote_twice_reverts() public {
        // k = 3 panel from 3 (a court deployed with panelSize 3 for this test).
        MediationCourt court3 = _court3();
        Deal memory d = _dealWithMediators(3);
        bytes32 id = _disputedWith(d);
        vm.prank(d.mediators[0]);
        court3.vote(d, true);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtAlreadyVoted.selector, id, d.mediators[0]));
        vm.prank(d.mediators[0]);
        court3.vote(d, false);
    }

    function test_vote_panelOfThree_majorityDecides_succeeds() public {
        MediationCourt court3 = _court3();
        Deal memory d = _dealWithMediators(3);
        bytes32 id = _disputedWith(d);
        vm.prank(d.mediators[0]);
        court3.vote(d, false);
        vm.prank(d.mediators[1]);
        court3.vote(d, true);
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediationRequested), "1-1: no majority yet");
        vm.prank(d.mediators[2]);
        court3.vote(d, false);
        // panel == whole set: no larger appeal panel, final at once
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediatedIncorrect));
        uint256 share = MEDIATION_FEE / 2;
        assertEq(_free(d.mediators[0]), MEDIATION_FEE - share, "majority voter (first, remainder)");
        assertEq(_free(d.mediators[2]), share, "majority voter");
        assertEq(_free(d.mediators[1]), 0, "minority voter unpaid");
    }

    // ------------------------------------------------------------------ appeal

    /// @dev Round 0 of a 3-mediator deal: the one drawn mediator votes `correct`.
    function _firstVerdict(Deal memory d, bool correct) internal returns (bytes32 id, address first) {
        id = _disputedWith(d);
        first = _panel(d)[0];
        vm.prank(first);
        court.vote(d, correct);
    }

    function test_appeal_overturnsBoughtVote_succeeds() public {
        Deal memory d = _dealWithMediators(3);
        (bytes32 id, address bought) = _firstVerdict(d, true); // the result is wrong; the vote was bought
        IMediationCourt.Case memory c = court.caseOf(id);
        assertEq(uint8(c.verdict0), uint8(Verdict.Correct));
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediationRequested), "appealable: waits");
        (uint256 deadline,) = dm.currentDeadline(d);
        assertEq(deadline, block.timestamp + JUDGE_TIMEOUT, "appeal window");

        _fund(client, MEDIATION_FEE);
        vm.prank(client);
        court.appeal(d);
        assertEq(vault.escrowOf(address(token), address(court)), 3 * MIN_BOND + MEDIATION_FEE);
        vm.roll(block.number + 2);
        address[] memory panel = _panel(d);
        assertEq(panel.length, 3, "appeal panel 2k+1");
        address[] memory honest = _others(d, _singleton(bought));
        for (uint256 i = 0; i < honest.length; ++i) {
            vm.prank(honest[i]);
            court.vote(d, false);
        }
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediatedIncorrect), "overturned");
        assertEq(_free(node), 0);
        assertEq(_free(client), PRICE + CLIENT_COLLATERAL + CHEATING_COLLATERAL);
        assertEq(_free(bought), 0, "the bought vote earns nothing");
        assertEq(_free(honest[0]) + _free(honest[1]), 2 * MEDIATION_FEE, "both fees to the honest");
        assertEq(vault.escrowOf(address(token), address(court)), 3 * MIN_BOND);
        _assertConservation(_accounts(d));
    }

    function test_appeal_byWinner_reverts() public {
        Deal memory d = _dealWithMediators(3);
        (bytes32 id,) = _firstVerdict(d, true);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtUnauthorized.selector, id, node));
        vm.prank(node);
        court.appeal(d);
    }

    function test_appeal_byNodeAfterIncorrect_succeeds() public {
        Deal memory d = _dealWithMediators(3);
        (bytes32 id,) = _firstVerdict(d, false);
        _fund(node, MEDIATION_FEE);
        vm.prank(node);
        court.appeal(d);
        assertEq(court.caseOf(id).round, 1);
        assertTrue(court.caseOf(id).appellantIsNode);
    }

    function test_appeal_afterWindow_reverts() public {
        Deal memory d = _dealWithMediators(3);
        (bytes32 id,) = _firstVerdict(d, true);
        uint256 deadline = block.timestamp + JUDGE_TIMEOUT;
        vm.warp(deadline + 1);
        _fund(client, MEDIATION_FEE);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtDeadlinePassed.selector, id, deadline));
        vm.prank(client);
        court.appeal(d);
    }

    function test_appeal_twice_reverts() public {
        Deal memory d = _dealWithMediators(3);
        (bytes32 id,) = _firstVerdict(d, true);
        _fund(client, 2 * MEDIATION_FEE);
        vm.prank(client);
        court.appeal(d);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtNoPendingVerdict.selector, id));
        vm.prank(client);
        court.appeal(d);
    }

    function test_vote_whileVerdictPending_reverts() public {
        Deal memory d = _dealWithMediators(3);
        (bytes32 id,) = _firstVerdict(d, true);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtVerdictPending.selector, id));
        vm.prank(d.mediators[0]);
        court.vote(d, false);
    }

    function test_executeVerdict_afterWindow_succeeds() public {
        Deal memory d = _dealWithMediators(3);
        (bytes32 id, address first) = _firstVerdict(d, false);
        uint256 deadline = block.timestamp + JUDGE_TIMEOUT;
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtDeadlineNotReached.selector, id, deadline));
        court.executeVerdict(d);
        vm.warp(deadline + 1);
        vm.prank(stranger);
        court.executeVerdict(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediatedIncorrect));
        assertEq(_free(client), PRICE + CLIENT_COLLATERAL + CHEATING_COLLATERAL);
        assertEq(_free(first), MEDIATION_FEE);
        _assertConservation(_accounts(d));
    }

    function test_executeVerdict_noVerdict_reverts() public {
        Deal memory d = _dealWithMediators(3);
        bytes32 id = _disputedWith(d);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtNoPendingVerdict.selector, id));
        court.executeVerdict(d);
    }

    // ------------------------------------------------------- timeoutMediation

    function test_timeoutMediation_nonVoterPaysBounty_succeeds() public {
        Deal memory d = _dealWithMediators(1);
        bytes32 id = _disputedWith(d);
        uint256 deadline = dm.dealRecord(id).disputedAt + MEDIATION_TIMEOUT;
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtDeadlineNotReached.selector, id, deadline));
        court.timeoutMediation(d);
        vm.warp(deadline + 1);
        vm.expectEmit(address(court));
        emit IMediationCourt.MediatorSlashed(id, d.mediators[0], KEEPER_BOUNTY);
        vm.prank(stranger);
        court.timeoutMediation(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediationTimedOut));
        assertEq(_free(client), PRICE + CLIENT_COLLATERAL + MEDIATION_FEE, "client refunded in full");
        assertEq(_free(node), CHEATING_COLLATERAL, "node refunded in full");
        assertEq(_free(stranger), KEEPER_BOUNTY, "keeper paid by the stalling mediator");
        assertEq(_bond(d.mediators[0]), MIN_BOND - KEEPER_BOUNTY);
        assertFalse(court.isEligible(d.mediators[0]), "below the minimum bond until topped up");
        _assertConservation(_accounts(d));
    }

    function test_timeoutMediation_voterNotSlashed_succeeds() public {
        MediationCourt court3 = _court3();
        Deal memory d = _dealWithMediators(3);
        bytes32 id = _disputedWith(d);
        vm.prank(d.mediators[1]);
        court3.vote(d, true);
        vm.warp(block.timestamp + MEDIATION_TIMEOUT + 1);
        vm.prank(stranger);
        court3.timeoutMediation(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediationTimedOut));
        assertEq(court3.mediator(d.mediators[1]).bond, MIN_BOND, "the voter keeps its bond");
        assertEq(court3.mediator(d.mediators[0]).bond, MIN_BOND - KEEPER_BOUNTY / 2);
        assertEq(court3.mediator(d.mediators[2]).bond, MIN_BOND - KEEPER_BOUNTY / 2);
        assertEq(_free(stranger), KEEPER_BOUNTY);
    }

    function test_timeoutMediation_appealRound_firstVerdictStands_succeeds() public {
        Deal memory d = _dealWithMediators(3);
        (bytes32 id, address first) = _firstVerdict(d, true);
        _fund(client, MEDIATION_FEE);
        vm.prank(client);
        court.appeal(d);
        vm.roll(block.number + 2);
        uint256 deadline = block.timestamp + MEDIATION_TIMEOUT;
        vm.warp(deadline + 1);
        vm.prank(stranger);
        court.timeoutMediation(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediatedCorrect), "first verdict stands");
        assertEq(_free(node), PRICE - NET_FEE + CHEATING_COLLATERAL);
        assertEq(_free(client), CLIENT_COLLATERAL + MEDIATION_FEE, "appeal fee refunded");
        assertEq(_free(stranger), KEEPER_BOUNTY - KEEPER_BOUNTY % 3, "bounty from the three silent panelists");
        assertEq(_free(first), MEDIATION_FEE, "the first panel's voter is paid for the verdict that stands");
        assertEq(_bond(first), MIN_BOND - KEEPER_BOUNTY / 3, "and slashed for not voting on appeal");
        _assertConservation(_accounts(d));
    }

    function test_timeoutMediation_verdictPending_reverts() public {
        Deal memory d = _dealWithMediators(3);
        (bytes32 id,) = _firstVerdict(d, true);
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtVerdictPending.selector, id));
        court.timeoutMediation(d);
    }

    // ------------------------------------------------------------ settlement

    function test_settleMediation_notCourt_reverts() public {
        Deal memory d = _dealWithMediators(1);
        bytes32 id = _disputedWith(d);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealUnauthorized.selector, id, stranger));
        vm.prank(stranger);
        dm.settleMediation(d, Verdict.Correct, d.mediators);
    }

    // ------------------------------------------------------------------ helpers

    function _singleton(address a) internal pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = a;
    }
}
