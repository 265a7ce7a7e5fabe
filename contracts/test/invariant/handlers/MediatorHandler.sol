// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {DealStore} from "./DealStore.sol";
import {IMediationCourt} from "../../../src/interfaces/IMediationCourt.sol";
import {Deal, DealPhase, Verdict} from "../../../src/types/DealTypes.sol";

/// @notice Mediators and the parties' appeals: draw panels, vote either way (an honest or a
///         bought vote is indistinguishable to the contract), appeal a first verdict, execute it
///         after the appeal window. A panel member that is never called is one that stalls.
contract MediatorHandler is HandlerBase {
    uint256 internal nonce;

    constructor(DealStore store_) HandlerBase(store_) {}

    function _me(uint256 seed) internal view override returns (address) {
        return store.mediatorList()[seed % 3];
    }

    function _disputed(uint256 dealSeed) internal view returns (bool ok, Deal memory d, bytes32 id) {
        (ok, d, id,) = store.pickIn(dealSeed, (1 << uint8(DealPhase.MediationRequested)));
    }

    /// @notice A fresh deal with mediators goes straight to a dispute (agreeBySig, postResult,
    ///         requestMediation, one block mined), so the short invariant runs reach panels,
    ///         votes and appeals; every step is also fuzzed on its own by the party handlers.
    function disputeNewDeal(uint256 seed, uint64 fuel, uint256 amounts) external {
        address[] memory meds = store.mediatorList();
        address[] memory chosen = new address[](1 + seed % 3); // 1 to 3 mediators, ascending
        for (uint256 i = 0; i < chosen.length; ++i) {
            chosen[i] = meds[i];
        }
        ++nonce;
        Deal memory d = Deal({
            client: store.clientAt(seed),
            node: store.nodeAt(seed >> 8),
            jobOfferId: keccak256(abi.encode("mjob", nonce)),
            resourceOfferId: keccak256(abi.encode("mresource", nonce)),
            jobSpecCid: abi.encodePacked(hex"01551220", keccak256(abi.encode("m", nonce))),
            maxFuel: uint64(_bound(seed >> 16, 1, 1e9)),
            price: _bound(amounts, 1, 1e24),
            pricePerFuel: (seed >> 60) % 2 == 0 ? 0 : _bound(amounts >> 40, 1, 1e16),
            clientCollateral: _bound(amounts >> 80, 0, 1e22),
            nodeCollateral: _bound(amounts >> 120, 0, 1e22),
            cheatingCollateral: _bound(amounts >> 160, 0, 1e23),
            mediationFee: _bound(amounts >> 200, 0, 1e21),
            mediators: chosen,
            agreeDeadline: uint64(block.timestamp + 600),
            resultTimeout: uint32(_bound(seed >> 64, 1, 20_000)),
            judgeTimeout: uint32(_bound(seed >> 96, 1, 20_000)),
            mediationTimeout: uint32(_bound(seed >> 128, 1, 20_000))
        });
        store.addDeal(d);
        store.ensureFree(d.client, d.price + d.clientCollateral + d.mediationFee);
        store.ensureFree(d.node, d.nodeCollateral > d.cheatingCollateral ? d.nodeCollateral : d.cheatingCollateral);
        bytes memory cs = store.sign(d.client, d);
        bytes memory ns = store.sign(d.node, d);
        try dm.agreeBySig(d, cs, ns) {}
        catch {
            return;
        }
        vm.prank(d.node);
        dm.postResult(d, hex"01551220aa", uint64(_bound(fuel, 0, d.maxFuel)));
        vm.prank(d.client);
        dm.requestMediation(d);
        vm.roll(block.number + 2);
        store.count("flow.dispute");
    }

    function draw(uint256 dealSeed) external {
        (bool ok, Deal memory d,) = _disputed(dealSeed);
        if (!ok) return;
        try court.draw(d) {
            store.count("mediator.draw");
        } catch {}
    }

    /// @notice A random panel member votes (drawing the panel first if nobody has).
    function vote(uint256 dealSeed, uint256 who, bool correct) external {
        (bool ok, Deal memory d, bytes32 id) = _disputed(dealSeed);
        if (!ok || d.mediators.length == 0) return;
        // Mostly a panel member (drawn, or the draw the vote would make); sometimes anyone agreed.
        (address[] memory panel,,) = court.panelOf(d);
        address m = (panel.length != 0 && who % 4 != 0)
            ? panel[(who >> 2) % panel.length]
            : d.mediators[(who >> 2) % d.mediators.length];
        uint8 round = court.caseOf(id).round;
        vm.prank(m);
        try court.vote(d, correct) {
            store.count(correct ? bytes32("mediator.voteCorrect") : bytes32("mediator.voteIncorrect"));
            // A deciding vote in an appeal pays out the appeal fee the court held.
            if (round == 1 && dm.dealRecord(id).phase != DealPhase.MediationRequested) {
                store.subAppealFee(d.mediationFee);
                store.count("mediator.appealDecided");
            }
        } catch {}
    }

    /// @notice The losing party appeals the first verdict.
    function appeal(uint256 dealSeed) external {
        (bool ok, Deal memory d, bytes32 id) = _disputed(dealSeed);
        if (!ok) return;
        IMediationCourt.Case memory c = court.caseOf(id);
        if (c.round != 0 || c.verdict0 == Verdict.None) return;
        address appellant = c.verdict0 == Verdict.Incorrect ? d.node : d.client;
        store.ensureFree(appellant, d.mediationFee);
        vm.prank(appellant);
        try court.appeal(d) {
            store.addAppealFee(d.mediationFee);
            store.count("party.appeal");
        } catch {}
    }

    /// @notice Anyone executes a first verdict nobody appealed. The side the panel decided for is
    ///         paid in full (C7: the loser's stall of the appeal window costs the winner nothing).
    function executeVerdict(uint256 dealSeed, uint256 callerSeed) external {
        (bool ok, Deal memory d, bytes32 id) = _disputed(dealSeed);
        if (!ok) return;
        IMediationCourt.Case memory c = court.caseOf(id);
        uint256 before = c.verdict0 == Verdict.Incorrect ? _free(d.client) : _free(d.node);
        vm.prank(store.strangerAt(callerSeed));
        try court.executeVerdict(d) {
            store.count("keeper.executeVerdict");
            if (c.verdict0 == Verdict.Incorrect) {
                if (_free(d.client) - before != d.price + d.clientCollateral + d.cheatingCollateral) {
                    store.recordHonestLoss();
                }
            } else {
                uint256 payment = dm.paymentFor(d, dm.dealRecord(id).fuelUsed);
                uint256 fee = payment * dm.networkFeeBps() / 10_000;
                if (_free(d.node) - before != payment - fee + d.cheatingCollateral) store.recordHonestLoss();
            }
        } catch {}
    }

    /// @notice A mediator bonds more (never exits: exits are covered by the unit tests).
    function topUp(uint256 seed, uint256 amount) external {
        address me = _me(seed);
        amount = _bound(amount, 1, 1e21);
        store.ensureFree(me, amount);
        vm.prank(me);
        court.register(amount, 1);
        store.count("mediator.topUp");
    }
}
