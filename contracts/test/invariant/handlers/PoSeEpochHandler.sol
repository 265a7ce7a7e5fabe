// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PoSeHandlerBase} from "./PoSeHandlerBase.sol";
import {PoSeStore} from "./PoSeStore.sol";
import {ReceiptsTree} from "../../utils/PoSeTrees.sol";
import {IPoSeManagerV2} from "../../../src/interfaces/IPoSeManagerV2.sol";
import {ReceiptLeaf, Attestation} from "../../../src/types/PoSeTypes.sol";

/// @notice Time and the epoch actor (the aggregator): warps (mostly short, inside the dispute
///         windows; sometimes long, past rebuttal, claim and unbonding periods), opens epochs,
///         commits receipts trees as the operator of an allowed active aggregator (nodes 0 and 1),
///         honest or "dirty" (leaves with an invalid signature, a late answer counted as a pass,
///         or a forged result code), draws samples after the commit block and reveals them with
///         witness quorums. On every reveal it also offers a valid leaf of the same tree that was
///         not drawn, which must be refused (C2, receipts).
contract PoSeEpochHandler is PoSeHandlerBase {
    uint256 internal constant MAX_LEAVES = 6;

    constructor(PoSeStore store_) PoSeHandlerBase(store_) {}

    /// @notice Time passes: seven times in eight a short step of 1 to 90 seconds (epochs are
    ///         60 s, dispute windows 3 epochs), else a long one of 10 minutes to 8 days (rebuttal,
    ///         reward and unbonding periods).
    function warp(uint256 secondsForward) external {
        if (secondsForward % 8 == 0) {
            vm.warp(block.timestamp + _bound(secondsForward >> 3, 10 minutes, 8 days));
            store.count("time.warpLong");
        } else {
            vm.warp(block.timestamp + _bound(secondsForward >> 3, 1, 90));
        }
        vm.roll(block.number + 1 + secondsForward % 3);
    }

    /// @notice Opens the current epoch (fixes its witnesses from the active set) if nobody did.
    function openEpoch() external {
        uint64 e = manager.currentEpoch();
        if (manager.epochInfo(e).seed != bytes32(0)) return;
        if (registry.activeCount() == 0) {
            // no witnesses possible: the epoch must stay closed
            try manager.openEpoch(e) {
                revert("opened an epoch with no active node");
            } catch (bytes memory err) {
                require(
                    keccak256(err) == keccak256(abi.encodeWithSelector(IPoSeManagerV2.PoSeNoActiveNodes.selector, e)),
                    "openEpoch without nodes: wrong error"
                );
            }
            store.count("epoch.openRefusedNoNodes");
            return;
        }
        manager.openEpoch(e);
        store.count("epoch.open");
    }

    /// @notice Commits the previous epoch (opening it first if nobody did; if it is committed
    ///         already, waits for the current epoch to end and commits that) with 1 to 6 leaves
    ///         of active nodes; one commit in two is dirty (each leaf of a random kind).
    function commitEpoch(uint256 aggSeed, uint256 countSeed, uint256 dirtySeed) external {
        uint64 cur = manager.currentEpoch();
        if (cur == 0 || manager.epochInfo(cur - 1).count != 0) {
            // the previous epoch is done: wait for the current one to end (at most one epoch)
            _warpTo(manager.epochStart(cur + 1));
            cur += 1;
        }
        uint64 e = cur - 1;
        IPoSeManagerV2.EpochInfo memory info = manager.epochInfo(e);
        bytes32 agg = _aggregator(aggSeed);
        uint256[] memory active = _activeNodes();
        if (agg == bytes32(0) || active.length == 0) return;
        if (info.seed == bytes32(0)) manager.openEpoch(e);
        _commit(e, agg, active, countSeed, dirtySeed);
    }

    /// @notice Draws the samples of a committed epoch (mining past its sample block first).
    function drawSamples(uint256 epochSeed) external {
        uint64[] memory es = store.committedEpochs();
        for (uint256 k = 0; k < es.length; ++k) {
            uint64 e = es[(epochSeed % es.length + k) % es.length];
            if (manager.epochInfo(e).sampleSeed != bytes32(0) || block.timestamp >= manager.windowEnd(e)) continue;
            _draw(e);
            return;
        }
    }

    /// @notice Reveals one unrevealed sample of a committed epoch (drawing the samples first if
    ///         nobody did).
    function revealSample(uint256 epochSeed, uint256 sampleSeed) external {
        (bool ok, uint64 e) = _pickSampling(epochSeed);
        if (!ok) return;
        if (manager.epochInfo(e).sampleSeed == bytes32(0)) _draw(e);
        IPoSeManagerV2.EpochInfo memory info = manager.epochInfo(e);
        for (uint256 k = 0; k < info.sampleCount; ++k) {
            uint256 j = (sampleSeed % info.sampleCount + k) % info.sampleCount;
            if (info.revealed & (uint256(1) << j) != 0) continue;
            _reveal(e, j, sampleSeed);
            return;
        }
    }

    /// @notice Reveals every unrevealed sample of a committed epoch (drawing first if needed).
    function revealAll(uint256 epochSeed) external {
        (bool ok, uint64 e) = _pickSampling(epochSeed);
        if (!ok) return;
        if (manager.epochInfo(e).sampleSeed == bytes32(0)) _draw(e);
        IPoSeManagerV2.EpochInfo memory info = manager.epochInfo(e);
        for (uint256 j = 0; j < info.sampleCount; ++j) {
            if (info.revealed & (uint256(1) << j) == 0) _reveal(e, j, epochSeed);
        }
    }

    // ------------------------------------------------------------------ helpers

    function _commit(uint64 e, bytes32 agg, uint256[] memory active, uint256 countSeed, uint256 dirtySeed) internal {
        uint256 n = _bound(countSeed, 1, MAX_LEAVES);
        bool dirty = dirtySeed % 2 == 0;
        (ReceiptLeaf[] memory leaves, uint8[] memory kinds, bytes32[] memory hashes) =
            _buildLeaves(e, n, active, countSeed >> 8, dirty ? dirtySeed >> 8 : 0);
        vm.prank(registry.operatorOf(agg));
        // forge-lint: disable-next-line(unsafe-typecast)
        manager.commitEpoch(e, agg, ReceiptsTree.root(hashes), keccak256(abi.encode("summary", e)), uint32(n));
        store.addEpoch(e, agg, dirty, leaves, kinds);
        store.count(dirty ? bytes32("epoch.commitDirty") : bytes32("epoch.commit"));
    }

    /// @dev `n` leaves of epoch `e` for the active nodes from `nodeSeed` on; leaf i's kind is
    ///      taken from bits 2i..2i+1 of `kindBits` (all honest when it is 0).
    function _buildLeaves(uint64 e, uint256 n, uint256[] memory active, uint256 nodeSeed, uint256 kindBits)
        internal
        returns (ReceiptLeaf[] memory leaves, uint8[] memory kinds, bytes32[] memory hashes)
    {
        leaves = new ReceiptLeaf[](n);
        kinds = new uint8[](n);
        hashes = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            kinds[i] = uint8((kindBits >> (2 * i)) % 4);
            leaves[i] = store.makeLeaf(e, active[(nodeSeed + i) % active.length], kinds[i]);
            hashes[i] = store.leafHash(leaves[i]);
        }
    }

    /// @dev Mines past the sample block and draws (again if the hash was stale and re-anchored).
    function _draw(uint64 e) internal {
        uint64 sampleBlock = manager.epochInfo(e).sampleBlock;
        if (block.number <= sampleBlock) vm.roll(sampleBlock + 1);
        manager.drawSamples(e);
        if (manager.epochInfo(e).sampleSeed == bytes32(0)) {
            vm.roll(block.number + 2);
            manager.drawSamples(e);
        }
        store.count("epoch.draw");
    }

    function _reveal(uint64 e, uint256 j, uint256 seed) internal {
        uint256 idx = manager.sampleIndex(e, j);
        uint256 count = manager.epochInfo(e).count;
        if (idx >= count) store.violate("C2", "sample index outside the committed leaves");
        if (count > 1) {
            // A valid leaf of the same tree at another index: never accepted for this sample.
            uint256 other = (idx + 1 + seed % (count - 1)) % count;
            if (_tryReveal(e, j, other)) store.violate("C2", "revealSample accepted a leaf that was not drawn");
        }
        if (_tryReveal(e, j, idx)) {
            store.count("epoch.revealSample");
            if (manager.epochState(e) == IPoSeManagerV2.EpochState.Verified) {
                store.markVerified(e);
                store.count("epoch.verified");
            }
        }
    }

    function _tryReveal(uint64 e, uint256 j, uint256 idx) internal returns (bool) {
        ReceiptLeaf memory l = store.leafAt(e, idx);
        Attestation[] memory atts =
            store.attest(e, l.challenge.challengeId, store.hashReceipt(l.receipt), l.resultCode);
        bytes32[] memory proof = ReceiptsTree.proof(store.leafHashes(e), idx);
        try manager.revealSample(e, j, l, atts, proof) {
            return true;
        } catch {
            return false;
        }
    }

    /// @dev A committed epoch with its window open and samples left to reveal.
    function _pickSampling(uint256 seed) internal view returns (bool, uint64) {
        uint64[] memory es = store.committedEpochs();
        for (uint256 k = 0; k < es.length; ++k) {
            uint64 e = es[(seed % es.length + k) % es.length];
            if (block.timestamp >= manager.windowEnd(e)) continue;
            if (manager.epochState(e) == IPoSeManagerV2.EpochState.Verified) continue;
            return (true, e);
        }
        return (false, 0);
    }

    /// @dev An allowed aggregator (node 0 or 1) that is active, or 0.
    function _aggregator(uint256 seed) internal view returns (bytes32) {
        for (uint256 k = 0; k < 2; ++k) {
            bytes32 id = store.nodeId((seed % 2 + k) % 2);
            if (registry.isActive(id, 0)) return id;
        }
        return bytes32(0);
    }

    /// @dev Indices of the active nodes with capability U.
    function _activeNodes() internal view returns (uint256[] memory list) {
        uint256[] memory tmp = new uint256[](NODES);
        uint256 n;
        for (uint256 i = 0; i < NODES; ++i) {
            if (registry.isActive(store.nodeId(i), store.CAP_U())) tmp[n++] = i;
        }
        list = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            list[i] = tmp[i];
        }
    }
}
