// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";

import {PoSeHandlerBase} from "./PoSeHandlerBase.sol";
import {PoSeStore} from "./PoSeStore.sol";
import {ReceiptsTree} from "../../utils/PoSeTrees.sol";
import {IFaultManager} from "../../../src/interfaces/IFaultManager.sol";
import {PoSeLib} from "../../../src/libraries/PoSeLib.sol";
import {
    ReceiptMessageV2,
    Attestation,
    DoubleSignEvidence,
    LeafEvidence,
    FaultType,
    FaultStatus
} from "../../../src/types/PoSeTypes.sol";

/// @notice Fault reporters (three reporters, and one time in four the accused node's own
///         operator: self-slashing). Commits faults of every type with valid or invalid evidence
///         (double signatures of any node; invalid signature, timeout-as-pass and batch forgery
///         from the leaves of committed trees, or an honest leaf, or the wrong target), withholds
///         one reveal in five, copies other reporters' commitments and tries to reveal them (and
///         lets senders that never committed try), reveals, rebuts timeout-as-pass faults as the
///         accused operator (valid and invalid quorums), settles and expires.
///         Checks in the handler, recorded in PoSeStore: C3 (the vault's split of every slash and
///         the balances it moved), C4 (ghost slashed sums and cap bases; self-slashing never pays),
///         C6 (copied or foreign reveals never succeed; a reveal's verdict is what the evidence
///         proves; every forfeited bond lands in insurance, nothing goes back to the reporter).
contract PoSeReporterHandler is PoSeHandlerBase {
    bytes32 internal constant SLASHED_TOPIC = keccak256("Slashed(address,address,address,uint256,uint256,uint256,uint256)");
    uint256 internal immutable BOND;
    uint256 internal immutable REBUTTAL;

    constructor(PoSeStore store_) PoSeHandlerBase(store_) {
        BOND = faults.FAULT_BOND();
        REBUTTAL = faults.REBUTTAL_PERIOD();
    }

    // ------------------------------------------------------------------- commit

    /// @notice Commits a double-signature fault against node `nodeSeed` for one of the last
    ///         three epochs: valid evidence, or the same receipt twice, or the second receipt
    ///         signed by another node.
    function commitDoubleSign(uint256 reporterSeed, uint256 nodeSeed, uint256 epochSeed, uint256 variant) external {
        uint64 cur = manager.currentEpoch();
        uint64 back = uint64(epochSeed % 3);
        uint64 e = back > cur ? 0 : cur - back;
        uint256 i = nodeSeed % NODES;
        // seven times in eight a registered node (the first from there on), if there is one
        for (uint256 k = 0; k < NODES && (nodeSeed >> 128) % 8 != 0; ++k) {
            if (registry.operatorOf(store.nodeId(i + k)) != address(0)) {
                i = (i + k) % NODES;
                break;
            }
        }
        _commit(reporterSeed, variant, _doubleSign(e, i, variant));
    }

    /// @notice Commits a leaf fault about a committed epoch whose window is open: a bad leaf
    ///         with its own fault type against the aggregator (valid), the same against another node
    ///         (invalid), or an honest leaf as any leaf fault (invalid).
    function commitLeafFault(uint256 reporterSeed, uint256 epochSeed, uint256 leafSeed, uint256 variant) external {
        uint64[] memory es = store.committedEpochs();
        // three times in four a dirty epoch if one is open, else any open one
        for (uint256 pass = (epochSeed >> 128) % 4 == 0 ? 1 : 0; pass < 2; ++pass) {
            for (uint256 k = 0; k < es.length; ++k) {
                uint64 e = es[(epochSeed % es.length + k) % es.length];
                if (block.timestamp >= manager.windowEnd(e) || (pass == 0 && !store.epochRec(e).dirty)) continue;
                _commitLeafFault(reporterSeed, e, leafSeed, variant);
                return;
            }
        }
    }

    /// @notice Another sender commits a copy of a pending commitment and tries to reveal it with
    ///         the original preimage; a third sender that never committed tries too. Both must fail.
    function copyCommitment(uint256 faultSeed, uint256 copierSeed) external {
        (bool found, uint256 fi) = _pickFault(faultSeed, FaultStatus.Committed, true);
        if (!found) return;
        PoSeStore.FaultRec memory f = store.faultAt(fi);
        address copier = _other(copierSeed, f.reporter, address(0));
        store.ensureFree(copier, BOND);
        vm.prank(copier);
        try faults.commitFault(f.commitment) returns (bytes32 copyId) {
            PoSeStore.FaultRec memory c = store.faultAt(fi); // a copy, not an alias of f
            (c.id, c.reporter, c.expectProven, c.copy, c.withhold) = (copyId, copier, false, true, true);
            store.addFault(c);
        } catch {
            return; // this sender already holds this commitment
        }
        // Where the original could reveal: at least a block later, once the accused epoch is over.
        vm.roll(block.number + 1);
        _warpTo(manager.epochStart(f.epochId + 1));
        vm.prank(copier);
        (bool copied,) = address(faults).call(_revealCall(f));
        if (copied) store.violate("C6", "a copied commitment was revealed by its copier");
        address outsider = _other(copierSeed >> 8, f.reporter, copier);
        vm.prank(outsider);
        (bool foreign,) = address(faults).call(_revealCall(f));
        if (foreign) store.violate("C6", "a commitment was revealed by a sender that never committed it");
        store.count("reporter.copy");
    }

    // ------------------------------------------------------------------- reveal

    /// @notice The committer reveals (a block after the commit, once the accused epoch is over).
    function reveal(uint256 faultSeed) external {
        (bool found, uint256 fi) = _pickFault(faultSeed, FaultStatus.Committed, true);
        if (found) _reveal(fi);
    }

    function _reveal(uint256 fi) internal {
        PoSeStore.FaultRec memory f = store.faultAt(fi);
        IFaultManager.Fault memory before = faults.fault(f.id);
        if (block.number <= before.commitBlock) vm.roll(before.commitBlock + 1);
        _warpTo(manager.epochStart(f.epochId + 1));
        uint256 insuranceBefore = vault.insurance(address(token));
        uint256 freeBefore = _free(f.reporter);
        vm.prank(f.reporter);
        (bool ok,) = address(faults).call(_revealCall(f));
        if (!ok) {
            if (block.timestamp < manager.windowEnd(f.epochId)) {
                store.violate("C6", "the committer could not reveal inside the window");
            }
            store.count("reporter.revealTooLate");
            return;
        }
        bool expected = f.expectProven && !store.evidenceUsed(f.evidenceKey);
        if (faults.fault(f.id).status == FaultStatus.Revealed) {
            if (!expected) store.violate("C6", "unproven or already used evidence was accepted");
            store.markEvidenceUsed(f.evidenceKey);
            store.count("reporter.revealProven");
            store.count(bytes32(bytes.concat("reporter.proven.", bytes1(uint8(f.faultType) + 48))));
            // The accused operator watches: one time in two it answers a timeout-as-pass at once.
            if (f.faultType == FaultType.TimeoutAsPass && uint256(f.salt) % 2 == 0) _rebut(fi, uint256(f.salt) >> 8);
        } else {
            if (expected) store.violate("C6", "evidence that proves the fault was rejected");
            _checkForfeit(f.reporter, insuranceBefore, freeBefore, "rejected reveal: bond not at insurance");
            store.count("reporter.revealRejected");
        }
    }

    // ------------------------------------------------------------------- rebut

    /// @notice The accused operator answers a revealed timeout-as-pass fault with a witness
    ///         quorum attesting pass (valid), or (one time in three) attesting timeout (refused).
    function rebut(uint256 faultSeed, uint256 variant) external {
        uint256 n = store.faultCount();
        for (uint256 k = 0; k < n; ++k) {
            uint256 fi = (faultSeed % n + k) % n;
            (bytes32 id,,,) = store.faultBrief(fi);
            IFaultManager.Fault memory fr = faults.fault(id);
            if (fr.status != FaultStatus.Revealed || fr.faultType != FaultType.TimeoutAsPass) continue;
            if (block.timestamp >= uint256(fr.revealedAt) + REBUTTAL) continue;
            if (_rebut(fi, variant)) return;
        }
    }

    function _rebut(uint256 fi, uint256 variant) internal returns (bool) {
        PoSeStore.FaultRec memory f = store.faultAt(fi);
        IFaultManager.Fault memory fr = faults.fault(f.id);
        address accused = registry.operatorOf(fr.target);
        if (accused == address(0) || manager.quorum(fr.epochId) == 0) return false;
        if (variant % 3 == 0) {
            Attestation[] memory wrong = store.attest(fr.epochId, fr.challengeId, fr.receiptHash, PoSeLib.RESULT_TIMEOUT);
            vm.prank(accused);
            try faults.rebutFault(f.id, wrong) {
                store.violate("C6", "a rebuttal without pass attestations was accepted");
            } catch {}
            return true;
        }
        Attestation[] memory atts = store.attest(fr.epochId, fr.challengeId, fr.receiptHash, PoSeLib.RESULT_PASS);
        uint256 insuranceBefore = vault.insurance(address(token));
        uint256 freeBefore = _free(f.reporter);
        vm.prank(accused);
        faults.rebutFault(f.id, atts);
        _checkForfeit(f.reporter, insuranceBefore, freeBefore, "rebutted fault: bond not at insurance");
        store.count("reporter.rebutted");
        return true;
    }

    // ------------------------------------------------------------------ settle

    struct Before {
        address operator;
        uint256 stake;
        uint256 operatorFree;
        uint256 reporterFree;
        uint256 insurance;
        uint256 burned;
    }

    /// @notice Anyone settles a revealed fault after its rebuttal period (if none is due, waits
    ///         for one, one time in four). Records the slash (C3, C4) and checks self-slashing (C4).
    function settle(uint256 faultSeed, uint256 waitSeed) public {
        (bool found, uint256 fi) = _pickDue(faultSeed, FaultStatus.Revealed, waitSeed % 4 == 0);
        if (!found) return;
        PoSeStore.FaultRec memory f = store.faultAt(fi);
        Before memory b;
        b.operator = registry.operatorOf(f.target);
        b.stake = registry.operatorStake(b.operator);
        b.operatorFree = _free(b.operator);
        b.reporterFree = _free(f.reporter);
        b.insurance = vault.insurance(address(token));
        b.burned = vault.burned(address(token));
        vm.recordLogs();
        uint256 slashed = faults.settleFault(f.id);
        PoSeStore.SlashRec memory s = _slashEvent(vm.getRecordedLogs());
        (s.operator, s.reporter, s.epochId) = (b.operator, f.reporter, f.epochId);
        if (s.amount != slashed) store.violate("C3", "settle: vault Slashed event differs from the slashed amount");
        if (vault.burned(address(token)) - b.burned != s.burned) store.violate("C3", "burned pool moved by another amount");
        if (vault.insurance(address(token)) - b.insurance != s.toInsurance) {
            store.violate("C3", "insurance moved by another amount than its share");
        }
        if (_free(f.reporter) - b.reporterFree != BOND + s.toReporter) {
            store.violate("C3", "reporter credited another amount than bond + its share");
        }
        if (b.operator != address(0)) {
            store.recordSettlement(b.operator, f.epochId, b.stake, s);
            if (f.reporter == b.operator) _checkSelfSlash(b, slashed);
        } else if (slashed != 0) {
            store.violate("C4", "a node that left was slashed");
        }
        store.count(slashed == 0 ? bytes32("reporter.settleNothing") : bytes32("reporter.settleSlash"));
    }

    /// @notice Anyone expires a commitment that was never revealed, once the latest window it
    ///         can belong to has closed (if none is due, waits for one, one time in four). The
    ///         bond must land in insurance.
    function expire(uint256 faultSeed, uint256 waitSeed) public {
        (bool found, uint256 fi) = _pickDue(faultSeed, FaultStatus.Committed, waitSeed % 4 == 0);
        if (!found) return;
        PoSeStore.FaultRec memory f = store.faultAt(fi);
        uint256 insuranceBefore = vault.insurance(address(token));
        uint256 freeBefore = _free(f.reporter);
        vm.prank(store.strangerAt(faultSeed));
        faults.expireFault(f.id);
        _checkForfeit(f.reporter, insuranceBefore, freeBefore, "expired fault: bond not at insurance");
        if (f.copy) store.count("reporter.expireCopy");
        else if (f.withhold) store.count("reporter.expireWithheld");
        else store.count("reporter.expireLate");
    }

    // ------------------------------------------------------------------ helpers

    function _commitLeafFault(uint256 reporterSeed, uint64 e, uint256 leafSeed, uint256 variant) internal {
        bytes32[] memory hashes = store.leafHashes(e);
        uint256 idx = leafSeed % hashes.length;
        // three times in four, the first bad leaf from there on (if the tree has one)
        for (uint256 k = 0; k < hashes.length && (leafSeed >> 128) % 4 != 0; ++k) {
            uint256 j = (idx + k) % hashes.length;
            if (store.leafKind(e, j) != store.KIND_HONEST()) {
                idx = j;
                break;
            }
        }
        uint8 kind = store.leafKind(e, idx);
        bytes32 target = store.epochRec(e).aggregator;
        FaultType t;
        bool valid = kind != store.KIND_HONEST();
        if (!valid) {
            t = FaultType(2 + variant % 3); // an honest leaf proves none of the leaf faults
        } else {
            t = kind == store.KIND_BAD_SIG()
                ? FaultType.InvalidSignature
                : kind == store.KIND_LATE_PASS() ? FaultType.TimeoutAsPass : FaultType.BatchForgery;
            if (variant % 5 == 0) {
                // the right leaf against a node that is not the epoch's aggregator
                uint256 a = store.nodeIndexOf(target);
                target = store.nodeId(a + 1 + (variant >> 8) % (NODES - 1));
                valid = false;
            }
        }
        LeafEvidence memory ev =
            LeafEvidence({leaf: store.leafAt(e, idx), index: idx, proof: ReceiptsTree.proof(hashes, idx)});
        _commit(
            reporterSeed,
            variant,
            Draft({
                epochId: e,
                target: target,
                faultType: t,
                evidence: abi.encode(ev),
                valid: valid,
                key: keccak256(abi.encode(t, e, hashes[idx]))
            })
        );
    }

    /// @dev A fault about to be committed: what the reveal will claim, and what it proves.
    struct Draft {
        uint64 epochId;
        bytes32 target;
        FaultType faultType;
        bytes evidence;
        bool valid;
        bytes32 key;
    }

    function _commit(uint256 reporterSeed, uint256 variant, Draft memory d) internal {
        address op = registry.operatorOf(d.target);
        address reporter = (reporterSeed % 4 == 0 && op != address(0)) ? op : store.reporterAt(reporterSeed >> 2);
        store.ensureFree(reporter, BOND);
        bytes32 salt = keccak256(abi.encode("salt", store.nextNonce()));
        bytes32 commitment =
            faults.commitmentOf(reporter, d.epochId, d.target, d.faultType, keccak256(d.evidence), salt);
        uint256 freeBefore = _free(reporter);
        vm.prank(reporter);
        bytes32 id = faults.commitFault(commitment);
        if (freeBefore - _free(reporter) != BOND) store.violate("C1", "commitFault: bond not taken from free");
        store.addFault(
            PoSeStore.FaultRec({
                id: id,
                commitment: commitment,
                reporter: reporter,
                epochId: d.epochId,
                target: d.target,
                faultType: d.faultType,
                salt: salt,
                evidence: d.evidence,
                expectProven: d.valid,
                copy: false,
                withhold: (variant >> 16) % 5 == 0,
                evidenceKey: d.key
            })
        );
        store.count(reporter == op ? bytes32("reporter.commitSelf") : bytes32("reporter.commit"));
        // One time in two the reporter reveals right away (in the next block).
        if ((variant >> 24) % 2 == 0 && (variant >> 16) % 5 != 0) _reveal(store.faultCount() - 1);
    }

    /// @dev Two receipts of node `i` for one challenge of epoch `e`; variant % 4: 0, 1 valid; 2 the
    ///      same receipt twice; 3 the second signed by another node.
    function _doubleSign(uint64 e, uint256 i, uint256 variant) internal returns (Draft memory d) {
        uint64 nonce = store.nextNonce();
        bytes32 id = store.nodeId(i);
        DoubleSignEvidence memory ev;
        ev.a = ReceiptMessageV2({
            challengeId: PoSeLib.challengeId(e, id, store.CAP_U(), nonce, store.challenger()),
            epochId: e,
            nodeId: id,
            responseHash: keccak256(abi.encode("a", nonce)),
            respondedAt: uint64(block.timestamp)
        });
        ev.b = ReceiptMessageV2(ev.a.challengeId, e, id, keccak256(abi.encode("b", nonce)), ev.a.respondedAt);
        uint256 v = variant % 4;
        if (v == 2) ev.b = ev.a;
        ev.sigA = store.nodeSig(i, store.hashReceipt(ev.a));
        ev.sigB = store.nodeSig(v == 3 ? i + 1 : i, store.hashReceipt(ev.b));
        d = Draft({
            epochId: e,
            target: id,
            faultType: FaultType.DoubleSignature,
            evidence: abi.encode(ev),
            valid: v < 2,
            key: keccak256(abi.encode(FaultType.DoubleSignature, id, ev.a.challengeId))
        });
    }

    function _revealCall(PoSeStore.FaultRec memory f) internal view returns (bytes memory) {
        if (f.faultType == FaultType.DoubleSignature) {
            return abi.encodeCall(
                faults.revealDoubleSignature,
                (f.commitment, f.epochId, f.target, abi.decode(f.evidence, (DoubleSignEvidence)), f.salt)
            );
        }
        return abi.encodeCall(
            faults.revealLeafFault,
            (f.commitment, f.epochId, f.target, f.faultType, abi.decode(f.evidence, (LeafEvidence)), f.salt)
        );
    }

    /// @dev The vault's Slashed event among `logs` (zeros if there is none: nothing was slashed).
    function _slashEvent(Vm.Log[] memory logs) internal view returns (PoSeStore.SlashRec memory s) {
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter != address(vault) || logs[i].topics[0] != SLASHED_TOPIC) continue;
            (s.amount, s.burned, s.toReporter, s.toInsurance) =
                abi.decode(logs[i].data, (uint256, uint256, uint256, uint256));
        }
    }

    /// @dev C4: an operator reporting its own node never comes out ahead; it strictly loses
    ///      whenever something was slashed (its wealth: free balance + stake; the bond it got back
    ///      was its own).
    function _checkSelfSlash(Before memory b, uint256 slashed) internal {
        int256 gained = int256(_free(b.operator) + registry.operatorStake(b.operator))
            - int256(b.operatorFree + b.stake) - int256(BOND);
        if (gained > 0 || (slashed != 0 && gained >= 0)) store.violate("C4", "self-slashing was not a net loss");
        store.count("reporter.selfSlash");
    }

    /// @dev C6: a forfeited bond goes to insurance, exactly, and nothing to the reporter.
    function _checkForfeit(address reporter, uint256 insuranceBefore, uint256 freeBefore, string memory why)
        internal
    {
        if (vault.insurance(address(token)) - insuranceBefore != BOND || _free(reporter) != freeBefore) {
            store.violate("C6", why);
        }
        store.addForfeitedBond(BOND);
    }

    /// @dev The first fault from `seed` on with `status`; if `revealable`, only the committer's
    ///      own commitments (not copies, not withheld) whose window is still open.
    function _pickFault(uint256 seed, FaultStatus status, bool revealable) internal view returns (bool, uint256) {
        uint256 n = store.faultCount();
        for (uint256 k = 0; k < n; ++k) {
            uint256 i = (seed % n + k) % n;
            (bytes32 id, uint64 epochId, bool copy, bool withhold) = store.faultBrief(i);
            if (faults.fault(id).status != status) continue;
            if (revealable && (copy || withhold || block.timestamp >= manager.windowEnd(epochId))) continue;
            return (true, i);
        }
        return (false, 0);
    }

    /// @dev When a fault with `status` can be ended: settled after its rebuttal period, or
    ///      expired after the latest window its commit can belong to.
    function _dueAt(bytes32 id, FaultStatus status) internal view returns (uint256) {
        IFaultManager.Fault memory fr = faults.fault(id);
        if (status == FaultStatus.Revealed) return uint256(fr.revealedAt) + REBUTTAL;
        uint64 commitEpoch = uint64((uint256(fr.committedAt) - manager.GENESIS()) / manager.EPOCH_LENGTH());
        return manager.windowEnd(commitEpoch);
    }

    /// @dev A fault with `status` that is due now; else, if `wait`, the first one with `status`
    ///      after moving time to when it is due.
    function _pickDue(uint256 seed, FaultStatus status, bool wait) internal returns (bool, uint256) {
        uint256 n = store.faultCount();
        bool any;
        uint256 first;
        for (uint256 k = 0; k < n; ++k) {
            uint256 i = (seed % n + k) % n;
            (bytes32 id,,,) = store.faultBrief(i);
            if (faults.fault(id).status != status) continue;
            if (block.timestamp >= _dueAt(id, status)) return (true, i);
            if (!any) (any, first) = (true, i);
        }
        if (!any || !wait) return (false, 0);
        (bytes32 firstId,,,) = store.faultBrief(first);
        _warpTo(_dueAt(firstId, status));
        return (true, first);
    }

    /// @dev A reporter, stranger or operator other than `a` and `b`.
    function _other(uint256 seed, address a, address b) internal view returns (address who) {
        for (uint256 k = 0; k < 10; ++k) {
            uint256 s = seed % 1e9 + k;
            who = s % 3 == 0 ? store.reporterAt(s / 3) : s % 3 == 1 ? store.strangerAt(s / 3) : store.operatorAt(s / 3);
            if (who != a && who != b) return who;
        }
    }
}
