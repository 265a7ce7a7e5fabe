// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {DealFixture} from "../utils/DealFixture.sol";
import {Deal, DealPhase} from "../../src/types/DealTypes.sol";

/// @notice Fuzzed mediation: verdict payouts for any amounts (D3/C1 for the court path) and the
///         panel draw for any seed and agreed set.
contract CourtFuzzTest is DealFixture {
    /// @notice Any amounts, either verdict, one mediator: every party gets exactly what §3.5 says,
    ///         and the vault ledger still balances.
    function testFuzz_verdict_amounts_succeeds(
        uint256 price,
        uint256 clientCollateral,
        uint256 cheatingCollateral,
        uint256 fee,
        uint64 fuel,
        bool correct
    ) public {
        Deal memory d = _dealWithMediators(1);
        d.price = bound(price, 1, 1e30);
        d.clientCollateral = bound(clientCollateral, 0, 1e30);
        d.cheatingCollateral = bound(cheatingCollateral, 0, 1e30);
        d.mediationFee = bound(fee, 0, 1e30);
        d.pricePerFuel = fuel % 2 == 0 ? 0 : 1;
        fuel = uint64(bound(fuel, 0, d.maxFuel));
        _fundParties(d);
        uint256 clientBefore = _free(client);
        uint256 nodeBefore = _free(node);
        _agreeBySig(d);
        _post(d, fuel);
        vm.prank(client);
        dm.requestMediation(d);
        vm.roll(block.number + 2);
        vm.prank(d.mediators[0]);
        court.vote(d, correct);

        uint256 payment = dm.paymentFor(d, fuel);
        uint256 netFee = Math.mulDiv(payment, FEE_BPS, 10_000);
        assertEq(_free(d.mediators[0]), d.mediationFee, "mediator: the fee, whichever verdict");
        if (correct) {
            assertEq(uint8(_phase(dm.hashDeal(d))), uint8(DealPhase.MediatedCorrect));
            assertEq(_free(node), nodeBefore + payment - netFee, "node: paid as accepted");
            assertEq(_free(client), clientBefore - payment - d.mediationFee, "client: payment and fee");
        } else {
            assertEq(uint8(_phase(dm.hashDeal(d))), uint8(DealPhase.MediatedIncorrect));
            assertEq(_free(node) + d.cheatingCollateral, nodeBefore, "node: loses its cheating collateral");
            assertEq(
                _free(client), clientBefore + d.cheatingCollateral - d.mediationFee, "client: refund + slash - fee"
            );
        }
        assertEq(_escrow(), 0);
        address[] memory a = new address[](3);
        (a[0], a[1], a[2]) = (client, node, d.mediators[0]);
        _assertConservation(a);
    }

    /// @notice For any seed hash and set size, the first panel is one eligible agreed mediator
    ///         and the draw the view predicts is the draw the contract stores.
    function testFuzz_draw_panelFromAgreedEligibleSet_succeeds(bytes32 seedHash, uint8 size, uint8 leaving) public {
        size = uint8(bound(size, 1, 7));
        Deal memory d = _dealWithMediators(size);
        leaving = uint8(bound(leaving, 0, size - 1)); // at least one stays eligible
        for (uint256 i = 0; i < leaving; ++i) {
            vm.prank(d.mediators[i]);
            court.unregister();
        }
        bytes32 id = _disputedWith(d);
        vm.setBlockhash(dm.dealRecord(id).disputeBlock + 1, seedHash == bytes32(0) ? bytes32(uint256(1)) : seedHash);
        (address[] memory preview,,) = court.panelOf(d);
        court.draw(d);
        (address[] memory panel,, bool drawn) = court.panelOf(d);
        assertTrue(drawn);
        assertEq(panel.length, 1, "k = 1");
        assertEq(panel[0], preview[0], "preview == draw");
        assertTrue(court.isEligible(panel[0]), "drawn mediator is eligible");
        bool agreed;
        for (uint256 i = 0; i < d.mediators.length; ++i) {
            if (d.mediators[i] == panel[0]) agreed = true;
        }
        assertTrue(agreed, "drawn from the agreed set");
    }
}
