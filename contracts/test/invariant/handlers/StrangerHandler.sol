// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HandlerBase} from "./HandlerBase.sol";
import {DealStore} from "./DealStore.sol";
import {Deal, DealPhase, DealRecord, Verdict} from "../../../src/types/DealTypes.sol";
import {IMediationCourt} from "../../../src/interfaces/IMediationCourt.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice Everyone else: the solver proposing and relaying deals, keepers triggering timeouts
///         and settlement, time passing around each deadline, and strangers trying calls that
///         belong to a party. Checks C7 on every timeout: the party that did its part gets back
///         at least everything it locked (exactly: the keeper bounty always comes out of the
///         party at fault, or, for an agreement nobody completed, out of the lone party's stake
///         when someone else ends it; the caller is a stranger or the party itself).
contract StrangerHandler is HandlerBase {
    uint256 internal nonce;

    constructor(DealStore store_) HandlerBase(store_) {}

    function _me(uint256 seed) internal view override returns (address) {
        return store.strangerAt(seed);
    }

    /// @notice The solver matches a new deal with random terms.
    function propose(uint256 seed, uint256 price, uint256 perFuel, uint256 collaterals, uint256 timing) external {
        address[] memory meds = store.mediatorList();
        address[] memory chosen = new address[](seed % 4); // 0 to 3 mediators, ascending
        for (uint256 i = 0; i < chosen.length; ++i) {
            chosen[i] = meds[i];
        }
        ++nonce;
        Deal memory d = Deal({
            client: store.clientAt(seed),
            node: store.nodeAt(seed >> 8),
            jobOfferId: keccak256(abi.encode("job", nonce)),
            resourceOfferId: keccak256(abi.encode("resource", nonce)),
            jobSpecCid: abi.encodePacked(hex"01551220", keccak256(abi.encode(nonce))),
            maxFuel: uint64(_bound(seed >> 16, 1, 1e9)),
            price: _bound(price, 1, 1e24),
            pricePerFuel: perFuel % 2 == 0 ? 0 : _bound(perFuel, 1, 1e16),
            clientCollateral: _bound(collaterals, 0, 1e22),
            nodeCollateral: _bound(collaterals >> 80, 0, 1e22),
            cheatingCollateral: _bound(collaterals >> 160, 0, 1e23),
            mediationFee: _bound(collaterals >> 200, 0, 1e21),
            mediators: chosen,
            agreeDeadline: uint64(block.timestamp + _bound(timing, 0, 20_000)),
            resultTimeout: uint32(_bound(timing >> 32, 1, 20_000)),
            judgeTimeout: uint32(_bound(timing >> 64, 1, 20_000)),
            mediationTimeout: uint32(_bound(timing >> 96, 1, 20_000))
        });
        store.addDeal(d);
        store.count("solver.propose");
    }

    /// @notice The solver relays both signatures.
    function agreeBySig(uint256 dealSeed) external {
        (bool ok, Deal memory d,,) = store.pickIn(dealSeed, (1 << uint8(DealPhase.None)));
        if (!ok) return;
        store.ensureFree(d.client, d.price + d.clientCollateral);
        store.ensureFree(d.node, d.nodeCollateral);
        bytes memory cs = store.sign(d.client, d);
        bytes memory ns = store.sign(d.node, d);
        try dm.agreeBySig(d, cs, ns) {
            store.count("solver.agreeBySig");
        } catch {}
    }

    /// @notice Moves time to a deal's running deadline -1, +0 or +1 (only forward), and mines a
    ///         block (panel draws need the seed block mined).
    function warpAround(uint256 dealSeed, uint8 offset) external {
        (bool ok, Deal memory d,,) = store.pick(dealSeed);
        if (!ok) return;
        (uint256 deadline,) = dm.currentDeadline(d);
        if (deadline == 0) return;
        uint256 target = deadline + (offset % 3) - 1;
        if (target > block.timestamp) vm.warp(target);
        vm.roll(block.number + 1);
    }

    /// @dev Callers of keeper actions: a stranger, or (one time in four) `party` itself.
    function _caller(uint256 callerSeed, address party) internal view returns (address) {
        return callerSeed % 4 == 0 ? party : _me(callerSeed);
    }

    function _bounty(uint256 available) internal view returns (uint256) {
        uint256 b = dm.keeperBounty();
        return b < available ? b : available;
    }

    // ------------------------------------------------ keepers (anyone), with C7

    function finalize(uint256 dealSeed, uint256 callerSeed) external {
        (bool ok, Deal memory d,,) = store.pickIn(dealSeed, (1 << uint8(DealPhase.ResultPosted)));
        if (!ok) return;
        // The client stalled through the judge window; the node did its part.
        uint256 nodeBefore = _free(d.node);
        uint256 clientBefore = _free(d.client);
        address caller = _caller(callerSeed, d.client);
        uint256 callerBefore = _free(caller);
        vm.prank(caller);
        try dm.finalize(d) {
            store.count("keeper.finalize");
            uint256 payment = dm.paymentFor(d, _fuel(d)); // checked against a reference in DealFuzz
            uint256 fee = Math.mulDiv(payment, dm.networkFeeBps(), 10_000);
            uint256 refund = d.price - payment + d.clientCollateral;
            uint256 bounty = caller == d.client ? 0 : _bounty(refund);
            if (_free(d.node) - nodeBefore != payment - fee + d.cheatingCollateral) store.recordHonestLoss();
            if (_free(d.client) - clientBefore != refund - bounty) store.recordHonestLoss();
            if (caller != d.client && _free(caller) - callerBefore != bounty) store.recordHonestLoss();
        } catch {}
    }

    function expireAgreement(uint256 dealSeed, uint256 callerSeed) external {
        (bool ok, Deal memory d,, DealPhase phase) =
            store.pickIn(dealSeed, (1 << uint8(DealPhase.ClientAgreed)) | (1 << uint8(DealPhase.NodeAgreed)));
        if (!ok) return;
        // The other party never agreed; the one that did must get its whole stake back.
        (address honest, uint256 stake) =
            phase == DealPhase.ClientAgreed ? (d.client, d.price + d.clientCollateral) : (d.node, d.nodeCollateral);
        uint256 before = _free(honest);
        address caller = _caller(callerSeed, honest);
        vm.prank(caller);
        try dm.expireAgreement(d) {
            store.count("keeper.expire");
            uint256 bounty = caller == honest ? 0 : _bounty(stake);
            if (_free(honest) - before != stake - bounty) store.recordHonestLoss();
        } catch {}
    }

    function timeoutResult(uint256 dealSeed, uint256 callerSeed) external {
        (bool ok, Deal memory d,,) = store.pickIn(dealSeed, (1 << uint8(DealPhase.Agreed)));
        if (!ok) return;
        // The node stalled; the client gets its stake back plus the node's timeout collateral.
        uint256 before = _free(d.client);
        address caller = _caller(callerSeed, d.client);
        vm.prank(caller);
        try dm.timeoutResult(d) {
            store.count("keeper.timeoutResult");
            // The client gets its stake and the node's timeout collateral less the bounty (which
            // it gets itself when it is the caller): never less than it locked.
            uint256 bounty = caller == d.client ? 0 : _bounty(d.nodeCollateral);
            if (_free(d.client) - before != d.price + d.clientCollateral + d.nodeCollateral - bounty) {
                store.recordHonestLoss();
            }
        } catch {}
    }

    function timeoutMediation(uint256 dealSeed, uint256 callerSeed) external {
        (bool ok, Deal memory d,,) = store.pickIn(dealSeed, (1 << uint8(DealPhase.MediationRequested)));
        if (!ok) return;
        IMediationCourt.Case memory c = court.caseOf(dm.hashDeal(d));
        uint256 clientBefore = _free(d.client);
        uint256 nodeBefore = _free(d.node);
        vm.prank(_me(callerSeed));
        try court.timeoutMediation(d) {
            if (c.round == 0) {
                // The first panel stalled; neither party may lose anything it locked.
                store.count("keeper.timeoutMediation");
                if (_free(d.client) - clientBefore != d.price + d.clientCollateral + d.mediationFee) {
                    store.recordHonestLoss();
                }
                if (_free(d.node) - nodeBefore != d.cheatingCollateral) store.recordHonestLoss();
            } else {
                // The appeal panel stalled: the first verdict stands and the appellant gets its
                // appeal fee back on top of what that verdict pays it.
                store.count("keeper.timeoutAppeal");
                store.subAppealFee(d.mediationFee);
                bool nodeWon = c.verdict0 == Verdict.Correct;
                uint256 clientGot = _free(d.client) - clientBefore;
                uint256 nodeGot = _free(d.node) - nodeBefore;
                if (nodeWon) {
                    if (clientGot < d.mediationFee) store.recordHonestLoss(); // client appealed
                    if (nodeGot < d.cheatingCollateral) store.recordHonestLoss();
                } else {
                    if (nodeGot != d.mediationFee) store.recordHonestLoss(); // node appealed
                    if (clientGot != d.price + d.clientCollateral + d.cheatingCollateral) store.recordHonestLoss();
                }
            }
        } catch {}
    }

    // ---------------------------------------------- strangers acting as parties

    /// @notice A stranger tries a call that belongs to the client or the node; it must fail.
    function impersonate(uint256 dealSeed, uint256 callerSeed, uint8 which) external {
        (bool ok, Deal memory d,,) = store.pick(dealSeed);
        if (!ok) return;
        address stranger = _me(callerSeed);
        store.ensureFree(stranger, 1e25);
        bytes memory call;
        uint8 w = which % 4;
        if (w == 0) call = abi.encodeCall(dm.agree, (d));
        else if (w == 1) call = abi.encodeCall(dm.postResult, (d, hex"0155", 0));
        else if (w == 2) call = abi.encodeCall(dm.acceptResult, (d));
        else call = abi.encodeCall(dm.requestMediation, (d));
        vm.prank(stranger);
        (bool success,) = address(dm).call(call);
        if (success) store.recordStrangerSuccess();
        store.count("stranger.impersonate");
    }

    // ------------------------------------------------------------------ helpers

    function _fuel(Deal memory d) internal view returns (uint64) {
        DealRecord memory r = dm.dealRecord(dm.hashDeal(d));
        return r.fuelUsed;
    }
}
