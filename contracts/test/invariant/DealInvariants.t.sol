// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {Deploy} from "../../script/Deploy.s.sol";
import {PactumToken} from "../../src/PactumToken.sol";
import {CollateralVault} from "../../src/CollateralVault.sol";
import {DealManager} from "../../src/DealManager.sol";
import {Deal, DealPhase} from "../../src/types/DealTypes.sol";
import {DealStore} from "./handlers/DealStore.sol";
import {ClientHandler} from "./handlers/ClientHandler.sol";
import {NodeHandler} from "./handlers/NodeHandler.sol";
import {StrangerHandler} from "./handlers/StrangerHandler.sol";

/// @notice Deal and vault invariants under random clients, nodes and strangers (see
///         PROPERTIES.md). Runs × depth come from foundry.toml ([invariant], profile ci).
contract DealInvariantsTest is Test {
    PactumToken internal token;
    CollateralVault internal vault;
    DealManager internal dm;
    DealStore internal store;
    ClientHandler internal clients;
    NodeHandler internal nodes;
    StrangerHandler internal strangers;

    function setUp() public {
        vm.warp(1_700_000_000);
        address admin = makeAddr("admin");
        Deploy.Deployment memory d = new Deploy().deploy(admin, 250);
        (token, vault, dm) = (d.token, d.vault, d.dealManager);
        store = new DealStore(token, vault, dm, admin);
        clients = new ClientHandler(store);
        nodes = new NodeHandler(store);
        strangers = new StrangerHandler(store);
        // A few proposals up front so phase-specific actions find deals from the first call.
        for (uint256 i = 0; i < 8; ++i) {
            uint256 seed = uint256(keccak256(abi.encode("seed", i)));
            strangers.propose(seed, seed >> 1, seed >> 2, seed >> 3, seed >> 4);
        }
        targetContract(address(clients));
        targetContract(address(nodes));
        targetContract(address(strangers));
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
        sum += vault.escrowOf(address(token), address(dm)) + vault.insurance(address(token))
        + vault.treasury(address(token));
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
        }
        for (uint256 i = 0; i < n; ++i) {
            Deal memory d = store.dealAt(i);
            assertFalse(_live(dm.dealRecord(dm.hashDeal(d)).phase), "a deal could not be ended");
        }
        assertEq(store.honestLosses(), 0, "C7 while settling");
        assertEq(vault.escrowOf(address(token), address(dm)), 0, "C1/D1: escrow left after all deals ended");
        assertEq(token.balanceOf(address(vault)), _ledger(), "C1 after settlement");
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
}
