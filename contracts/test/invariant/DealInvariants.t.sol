// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {Deploy} from "../../script/Deploy.s.sol";
import {PactumToken} from "../../src/PactumToken.sol";
import {CollateralVault} from "../../src/CollateralVault.sol";
import {DealManager} from "../../src/DealManager.sol";
import {MediationCourt} from "../../src/MediationCourt.sol";
import {Deal, DealPhase} from "../../src/types/DealTypes.sol";
import {DealStore} from "./handlers/DealStore.sol";
import {ClientHandler} from "./handlers/ClientHandler.sol";
import {NodeHandler} from "./handlers/NodeHandler.sol";
import {StrangerHandler} from "./handlers/StrangerHandler.sol";
import {MediatorHandler} from "./handlers/MediatorHandler.sol";

/// @notice Deal and vault invariants under random clients, nodes and strangers (see
///         PROPERTIES.md). Runs × depth come from foundry.toml ([invariant], profile ci).
contract DealInvariantsTest is Test {
    PactumToken internal token;
    CollateralVault internal vault;
    DealManager internal dm;
    MediationCourt internal court;
    DealStore internal store;
    ClientHandler internal clients;
    NodeHandler internal nodes;
    StrangerHandler internal strangers;
    MediatorHandler internal mediators;

    function setUp() public {
        vm.warp(1_700_000_000);
        address admin = makeAddr("admin");
        Deploy.Deployment memory d = new Deploy().deploy(admin, 250);
        (token, vault, dm, court) = (d.token, d.vault, d.dealManager, d.court);
        store = new DealStore(token, vault, dm, court, admin);
        store.registerMediators(10 * court.minBond()); // room for bounty slashes
        clients = new ClientHandler(store);
        nodes = new NodeHandler(store);
        strangers = new StrangerHandler(store);
        mediators = new MediatorHandler(store);
        // A few proposals up front so phase-specific actions find deals from the first call.
        for (uint256 i = 0; i < 8; ++i) {
            uint256 seed = uint256(keccak256(abi.encode("seed", i)));
            strangers.propose(seed, seed >> 1, seed >> 2, seed >> 3, seed >> 4);
        }
        targetContract(address(clients));
        targetContract(address(nodes));
        targetContract(address(strangers));
        targetContract(address(mediators));
    }

    // ----------------------------------------------------------------- helpers

    /// @dev What a deal holds in escrow in `phase`, written from the spec (§3), independently
    ///      of DealLib.heldIn.
    function _held(Deal memory d, DealPhase phase) internal pure returns (uint256) {
        if (phase == DealPhase.ClientAgreed) return d.price + d.clientCollateral;
        if (phase == DealPhase.NodeAgreed) return d.nodeCollateral;
        if (phase == DealPhase.Agreed) return d.price + d.clientCollateral + d.nodeCollateral;
        if (phase == DealPhase.ResultPosted) return d.price + d.clientCollateral + d.cheatingCollateral;
        if (phase == DealPhase.MediationRequested) {
            return d.price + d.clientCollateral + d.cheatingCollateral + d.mediationFee;
        }
        return 0;
    }

    function _live(DealPhase phase) internal pure returns (bool) {
        return phase >= DealPhase.ClientAgreed && phase <= DealPhase.MediationRequested;
    }

    function _ledger() internal view returns (uint256 sum) {
        address[] memory accounts = store.accounts();
        for (uint256 i = 0; i < accounts.length; ++i) {
            sum += vault.freeBalance(address(token), accounts[i]);
        }
        sum += vault.escrowOf(address(token), address(dm)) + vault.escrowOf(address(token), address(court))
        + vault.insurance(address(token)) + vault.treasury(address(token));
    }

    // -------------------------------------------------------------- invariants

    /// @notice C1: the vault holds exactly its ledger, and exactly what came in minus what left.
    function invariant_C1_conservation() public view {
        uint256 balance = token.balanceOf(address(vault));
        assertEq(balance, _ledger(), "C1: balance != free + escrow + insurance + treasury");
        assertEq(balance, store.ghostDeposited() - store.ghostWithdrawn(), "C1: balance != deposits - withdrawals");
    }

    /// @notice D1: the DealManager's escrow equals what its live deals hold; and with no live
    ///         deal, nothing is left in escrow.
    function invariant_D1_escrowEqualsLiveDeals() public view {
        uint256 sum;
        uint256 reported;
        uint256 live;
        uint256 n = store.dealCount();
        for (uint256 i = 0; i < n; ++i) {
            Deal memory d = store.dealAt(i);
            DealPhase phase = dm.dealRecord(dm.hashDeal(d)).phase;
            sum += _held(d, phase);
            reported += dm.escrowOfDeal(d);
            if (_live(phase)) ++live;
        }
        uint256 escrow = vault.escrowOf(address(token), address(dm));
        assertEq(escrow, sum, "D1: escrow != sum of live holdings");
        assertEq(reported, sum, "D1: escrowOfDeal disagrees with the spec");
        if (live == 0) assertEq(escrow, 0, "D1: escrow left with no live deal");
    }

    /// @notice M1: the court's escrow is exactly the mediators' bonds plus the appeal fees of
    ///         running appeals.
    function invariant_M1_courtEscrowEqualsBondsAndAppealFees() public view {
        address[] memory meds = store.mediatorList();
        uint256 bonds;
        for (uint256 i = 0; i < meds.length; ++i) {
            bonds += court.mediator(meds[i]).bond;
        }
        assertEq(
            vault.escrowOf(address(token), address(court)),
            bonds + store.ghostAppealFees(),
            "M1: court escrow != bonds + running appeal fees"
        );
    }

    /// @notice C7: on every timeout and every finalize, the party that did its part got back at
    ///         least everything it had locked (exact amounts checked in StrangerHandler).
    function invariant_C7_honestPartyNeverLoses() public view {
        assertEq(store.honestLosses(), 0, "C7: an honest party lost funds");
    }

    /// @notice C11 (deal roles): a stranger never succeeds at a party's call.
    function invariant_C11_strangersCannotActForParties() public view {
        assertEq(store.strangerSuccesses(), 0, "C11: a stranger acted for a party");
    }

    /// @notice After each run: keepers end every deal still running (through the handlers, so
    ///         the C7 checks apply to each), then 0 escrow is left, C1 still holds and every
    ///         account can withdraw everything it has.
    function afterInvariant() external {
        vm.warp(block.timestamp + 30 days);
        uint256 n = store.dealCount();
        for (uint256 i = 0; i < n; ++i) {
            strangers.expireAgreement(i, i);
            strangers.timeoutResult(i, i);
            strangers.finalize(i, i);
            strangers.timeoutMediation(i, i);
            mediators.executeVerdict(i, i);
            strangers.timeoutMediation(i, i); // an appeal round times out after its first
        }
        for (uint256 i = 0; i < n; ++i) {
            Deal memory d = store.dealAt(i);
            assertFalse(_live(dm.dealRecord(dm.hashDeal(d)).phase), "a deal could not be ended");
        }
        assertEq(store.honestLosses(), 0, "C7 while settling");
        assertEq(vault.escrowOf(address(token), address(dm)), 0, "C1/D1: escrow left after all deals ended");
        assertEq(store.ghostAppealFees(), 0, "M1: appeal fees left after all deals ended");
        invariant_M1_courtEscrowEqualsBondsAndAppealFees();
        assertEq(token.balanceOf(address(vault)), _ledger(), "C1 after settlement");
        // Every mediator leaves and takes its bond back after the unbonding period.
        address[] memory meds = store.mediatorList();
        for (uint256 i = 0; i < meds.length; ++i) {
            vm.prank(meds[i]);
            court.unregister();
        }
        vm.warp(block.timestamp + court.unbondingPeriod());
        for (uint256 i = 0; i < meds.length; ++i) {
            vm.prank(meds[i]);
            court.withdrawBond();
        }
        assertEq(vault.escrowOf(address(token), address(court)), 0, "M1: court escrow left after every exit");
        address[] memory accounts = store.accounts();
        for (uint256 i = 0; i < accounts.length; ++i) {
            uint256 free = vault.freeBalance(address(token), accounts[i]);
            if (free == 0) continue;
            vm.prank(accounts[i]);
            vault.withdraw(address(token), accounts[i], free);
        }
        assertEq(
            token.balanceOf(address(vault)),
            vault.treasury(address(token)) + vault.insurance(address(token)),
            "only protocol pools remain"
        );
    }

    /// @notice Reachability of the mediation paths: a fixed pseudo-random walk of 500 handler
    ///         calls (the handlers the fuzzer drives) must reach panel draws, votes both ways,
    ///         appeals decided and timed out, executed verdicts and mediation timeouts, with every
    ///         invariant holding after the walk and after settlement. Guards against handlers that
    ///         silently stop reaching these states in the short default runs.
    function test_walk_reachesEveryMediationPath_succeeds() public {
        for (uint256 i = 0; i < 500; ++i) {
            uint256 r = uint256(keccak256(abi.encode(i)));
            uint256 w = r % 12;
            if (w == 0) strangers.propose(r, r >> 8, r >> 16, r >> 24, r >> 32);
            else if (w == 1) mediators.disputeNewDeal(r >> 8, uint64(r >> 16), r >> 3);
            else if (w == 2) mediators.vote(r >> 8, r >> 16, (r >> 24) % 2 == 0);
            else if (w == 3) mediators.appeal(r >> 8);
            else if (w == 4) mediators.executeVerdict(r >> 8, r);
            else if (w == 5) strangers.timeoutMediation(r >> 8, r);
            else if (w == 6) strangers.warpAround(r >> 8, uint8(r >> 16));
            else if (w == 7) mediators.draw(r >> 8);
            else if (w == 8) strangers.warp(r >> 8);
            else if (w == 9) strangers.finalize(r >> 8, r);
            else if (w == 10) strangers.agreeBySig(r >> 8);
            else mediators.topUp(r, r >> 8);
        }
        bytes32[9] memory reached = [
            bytes32("flow.dispute"),
            "mediator.draw",
            "mediator.voteCorrect",
            "mediator.voteIncorrect",
            "party.appeal",
            "mediator.appealDecided",
            "keeper.executeVerdict",
            "keeper.timeoutMediation",
            "keeper.timeoutAppeal"
        ];
        for (uint256 i = 0; i < reached.length; ++i) {
            assertGt(store.calls(reached[i]), 0, string(abi.encodePacked("never reached: ", reached[i])));
        }
        invariant_C1_conservation();
        invariant_D1_escrowEqualsLiveDeals();
        invariant_M1_courtEscrowEqualsBondsAndAppealFees();
        invariant_C7_honestPartyNeverLoses();
        this.afterInvariant();
    }
}
