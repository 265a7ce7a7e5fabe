// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";

import {PoSeFixture} from "../utils/PoSeFixture.sol";
import {INodeRegistry} from "../../src/interfaces/INodeRegistry.sol";
import {IPoSeManagerV2} from "../../src/interfaces/IPoSeManagerV2.sol";
import {IRewardDistributor} from "../../src/interfaces/IRewardDistributor.sol";
import {PoSeLib} from "../../src/libraries/PoSeLib.sol";
import {
    ReceiptLeaf,
    ReceiptMessageV2,
    Attestation,
    DoubleSignEvidence,
    LeafEvidence,
    FaultType,
    FaultStatus
} from "../../src/types/PoSeTypes.sol";

/// @notice C9 for PoSe v2: every write as a real transaction at the largest size the contracts
///         allow, each < 10,000,000 gas, figures in snapshots/PoSeBounds.json. The world: 975
///         registered nodes (61 operators; 60 hold `maxNodesPerOperator` = 16 nodes, the last 15),
///         so an epoch's witness set is the full m = `MAX_WITNESSES` = 32 (ceil(sqrt(975)) = 32);
///         k = `MAX_SAMPLES` = 128; epochs commit `count` = 2^32 − 1 receipts, so every receipts
///         proof has `MAX_PROOF_DEPTH` = 32 siblings; reveals and rebuttals carry all 32 witness
///         attestations (signed with vm.sign by the drawn witnesses' keys); a reward dispute
///         carries `MAX_DISPUTE_LEAVES` registered leaves with 32-sibling proofs and is proven
///         only by the last rule checked (total over budget), so every leaf is looked up.
///         Trees that large are never built: every leaf of the revealed epoch is the same receipt
///         (the root then follows level by level), the fault leaves sit at the front of an
///         otherwise empty tree, and the reward tree is a balanced tree of the dispute's leaves lifted
///         to depth 32 by siblings that are no leaf.
///         Measured only under `forge test --isolate` (see DealGas.t.sol); skipped otherwise.
contract PoSeBoundsTest is PoSeFixture {
    string internal constant GROUP = "PoSeBounds";
    uint256 internal constant C9_LIMIT = 10_000_000;
    uint256 internal constant OPERATORS = 61;
    uint256 internal constant NODES = 975;
    uint256 internal constant NODE_KEY0 = 0xC9000;
    uint32 internal constant MAX_COUNT = type(uint32).max;

    bytes32[] internal ids;
    uint256[] internal keys;
    address[] internal ops;

    function _sampleCount() internal pure override returns (uint8) {
        return 128; // MAX_SAMPLES, checked in test_c9_epoch
    }

    function setUp() public override {
        super.setUp();
        vm.prank(owner);
        token.approve(owner, 0);
        Vm.Gas memory gas = vm.lastCallGas();
        if (gas.gasTotalUsed < 21_000) vm.skip(true);

        uint256 perOperator = registry.maxNodesPerOperator();
        uint64 deadline = uint64(block.timestamp + 1 hours);
        for (uint256 o = 0; o < OPERATORS; ++o) {
            address op = makeAddr(string.concat("c9operator", vm.toString(o)));
            ops.push(op);
            operators.push(op); // counted by _assertConservation
            _fund(op, MIN_BOND * perOperator);
            for (uint256 j = 0; j < perOperator && ids.length < NODES; ++j) {
                _registerNode(op, NODE_KEY0 + ids.length, deadline);
            }
        }
        vm.prank(owner);
        manager.setAggregator(ids[0], true);
    }

    // ------------------------------------------------------------------ tests

    /// @dev Registration of an operator's 16th node, then unbonding and withdrawal of its first
    ///      (a swap-and-pop in the middle of the 976-node active set).
    function test_c9_registry() public {
        address op = ops[OPERATORS - 1];
        assertEq(registry.nodeCount(op), registry.maxNodesPerOperator() - 1);
        _registerNode(op, NODE_KEY0 + ids.length, uint64(block.timestamp + 1 hours));
        _snap("registerNode_16thOfOperator");
        assertEq(registry.nodeCount(op), registry.maxNodesPerOperator(), "operator at its node limit");
        assertEq(registry.activeCount(), NODES + 1);

        bytes32 first = ids[(OPERATORS - 1) * registry.maxNodesPerOperator()];
        vm.prank(op);
        registry.updateEndpoint(first, keccak256("endpoint2"));
        _snap("updateEndpoint");
        vm.prank(op);
        registry.beginUnbonding(first);
        _snap("beginUnbonding_16NodesOfOperator");
        assertEq(registry.activeCount(), NODES);
        vm.warp(block.timestamp + registry.UNBONDING_PERIOD());
        vm.prank(op);
        registry.withdrawBond(first);
        _snap("withdrawBond_16NodesOfOperator");
        assertEq(uint8(registry.node(first).status), uint8(INodeRegistry.NodeStatus.None));
        assertEq(registry.nodeCount(op), registry.maxNodesPerOperator() - 1);
    }

    /// @dev openEpoch with the full witness set, a commit of 2^32 − 1 receipts, k = 128 samples
    ///      drawn, and one sample revealed with all 32 attestations and a 32-sibling proof.
    function test_c9_epoch() public {
        manager.openEpoch(0);
        _snap("openEpoch_n975_m32");
        assertEq(manager.epochInfo(0).witnessCount, manager.MAX_WITNESSES(), "full witness set");

        ReceiptLeaf memory leaf = _leaf(0, ids[1], keys[1], PoSeLib.RESULT_PASS, false);
        bytes32 lh = _leafHash(leaf);
        (bytes32 root,) = _uniformTree(lh, 0);
        vm.warp(manager.epochStart(1));
        vm.prank(ops[0]);
        manager.commitEpoch(0, ids[0], root, keccak256("summary"), MAX_COUNT);
        _snap("commitEpoch_countMax");
        vm.roll(block.number + 2);
        manager.drawSamples(0);
        _snap("drawSamples_k128");
        assertEq(manager.epochInfo(0).sampleCount, manager.MAX_SAMPLES(), "k = MAX_SAMPLES");

        uint256 idx = manager.sampleIndex(0, 0);
        (, bytes32[] memory proof) = _uniformTree(lh, idx);
        Attestation[] memory atts = _attestAll(0, leaf, PoSeLib.RESULT_PASS);
        assertEq(proof.length, manager.MAX_PROOF_DEPTH(), "deepest proof");
        assertEq(atts.length, manager.MAX_WITNESSES(), "every witness attests");
        manager.revealSample(0, 0, leaf, atts, proof);
        _snap("revealSample_32attestations_depth32");
        assertEq(manager.epochInfo(0).revealed, 1, "sample 0 revealed");
    }

    /// @dev Every fault type revealed with 32-sibling proofs, a rebuttal with all 32 attestations,
    ///      settlements that slash a node below the minimum bond (so it also leaves the active
    ///      set), and an expired commitment.
    function test_c9_faults() public {
        manager.openEpoch(0);
        ReceiptLeaf[] memory leaves = new ReceiptLeaf[](3);
        bytes32[] memory hashes = new bytes32[](3);
        leaves[0] = _leaf(0, ids[1], keys[1], PoSeLib.RESULT_PASS, false);
        leaves[0].nodeSig = leaves[0].challengerSig; // not the node's signature
        leaves[1] = _leaf(0, ids[2], keys[2], PoSeLib.RESULT_PASS, true); // late, recorded as pass
        leaves[2] = _leaf(0, ids[3], keys[3], PoSeLib.RESULT_PASS, false);
        leaves[2].receipt.nodeId = ids[4]; // contradicts the challenge
        for (uint256 i = 0; i < 3; ++i) {
            hashes[i] = _leafHash(leaves[i]);
        }
        (bytes32 root, bytes32[][] memory proofs) = _frontTree(hashes);
        vm.warp(manager.epochStart(1));
        vm.prank(ops[0]);
        manager.commitEpoch(0, ids[0], root, keccak256("summary"), MAX_COUNT);

        FaultType[3] memory types = [FaultType.InvalidSignature, FaultType.TimeoutAsPass, FaultType.BatchForgery];
        string[3] memory names = ["invalidSignature", "timeoutAsPass", "batchForgery"];
        LeafEvidence[] memory evs = new LeafEvidence[](3);
        bytes32[] memory commitments = new bytes32[](3);
        bytes32[] memory faultIds = new bytes32[](3);
        _fund(reporter, FAULT_BOND * 5);
        for (uint256 i = 0; i < 3; ++i) {
            evs[i] = LeafEvidence({leaf: leaves[i], index: i, proof: proofs[i]});
            assertEq(evs[i].proof.length, manager.MAX_PROOF_DEPTH(), "deepest proof");
            (commitments[i], faultIds[i]) = _commit(ids[0], types[i], keccak256(abi.encode(evs[i])));
        }
        _snap("faultCommit");
        // double signature by a node of another operator (its slash cap is untouched)
        DoubleSignEvidence memory ds = _doubleSign(16);
        (bytes32 dsCommitment, bytes32 dsId) = _commit(ids[16], FaultType.DoubleSignature, keccak256(abi.encode(ds)));
        (, bytes32 expiring) = _commit(ids[0], FaultType.BatchForgery, keccak256("never revealed"));
        vm.roll(block.number + 1);

        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(reporter);
            faults.revealLeafFault(commitments[i], 0, ids[0], types[i], evs[i], "salt");
            _snap(string.concat("faultReveal_", names[i], "_depth32"));
            assertEq(uint8(faults.fault(faultIds[i]).status), uint8(FaultStatus.Revealed), names[i]);
        }
        vm.prank(reporter);
        faults.revealDoubleSignature(dsCommitment, 0, ids[16], ds, "salt");
        _snap("faultReveal_doubleSignature");
        assertEq(uint8(faults.fault(dsId).status), uint8(FaultStatus.Revealed), "doubleSignature");

        Attestation[] memory atts = _attestAll(0, leaves[1], PoSeLib.RESULT_PASS);
        assertEq(atts.length, manager.MAX_WITNESSES(), "every witness attests");
        vm.prank(ops[0]);
        faults.rebutFault(faultIds[1], atts);
        _snap("faultRebut_32attestations");
        assertEq(uint8(faults.fault(faultIds[1]).status), uint8(FaultStatus.Rebutted));

        vm.warp(block.timestamp + REBUTTAL);
        faults.settleFault(faultIds[0]);
        _snap("faultSettle_invalidSignature_slashAndUnbond");
        assertEq(uint8(registry.node(ids[0]).status), uint8(INodeRegistry.NodeStatus.Unbonding), "below min bond");
        faults.settleFault(faultIds[2]);
        _snap("faultSettle_batchForgery");
        faults.settleFault(dsId);
        _snap("faultSettle_doubleSignature_slashAndUnbond");
        assertEq(uint8(registry.node(ids[16]).status), uint8(INodeRegistry.NodeStatus.Unbonding), "below min bond");

        assertGe(block.timestamp, manager.windowEnd(1), "the commit's window has closed");
        faults.expireFault(expiring);
        _snap("faultExpire");
        assertEq(uint8(faults.fault(expiring).status), uint8(FaultStatus.Expired));
    }

    /// @dev A reward root disputed with `MAX_DISPUTE_LEAVES` leaves and 32-sibling proofs, then an
    ///      honest root, a claim with a 32-sibling proof and the sweep.
    function test_c9_rewards() public {
        // epoch 0 verified: one receipt, so k = 1, revealed with all 32 attestations
        manager.openEpoch(0);
        ReceiptLeaf memory leaf = _leaf(0, ids[1], keys[1], PoSeLib.RESULT_PASS, false);
        vm.warp(manager.epochStart(1));
        vm.prank(ops[0]);
        manager.commitEpoch(0, ids[0], _leafHash(leaf), keccak256("summary"), 1);
        vm.roll(block.number + 2);
        manager.drawSamples(0);
        manager.revealSample(0, 0, leaf, _attestAll(0, leaf, PoSeLib.RESULT_PASS), new bytes32[](0));
        assertEq(uint8(manager.epochState(0)), uint8(IPoSeManagerV2.EpochState.Verified));

        uint256 n = rewards.MAX_DISPUTE_LEAVES();
        IRewardDistributor.RewardLeaf[] memory rl = new IRewardDistributor.RewardLeaf[](n);
        bytes32[] memory nodeIds = _sortedIds(n);
        for (uint256 i = 0; i < n; ++i) {
            rl[i] = IRewardDistributor.RewardLeaf({nodeId: nodeIds[i], amount: 1e18});
        }
        (bytes32 root, bytes32[][] memory proofs) = _rewardTree(0, rl);
        assertEq(proofs[0].length, rewards.MAX_PROOF_DEPTH(), "deepest proof");

        // over budget by one leaf: only the last rule proves it, after every leaf is checked
        uint256 budget = (n - 1) * 1e18;
        _fund(owner, budget);
        vm.prank(owner);
        rewards.postRewardRoot(0, root, budget);
        _snap("rewardRootPost");
        rewards.disputeRewardRoot(0, rl, proofs);
        _snap(string.concat("disputeRewardRoot_", vm.toString(n), "leaves_depth32"));
        assertEq(uint8(rewards.rewardRoot(0).status), uint8(IRewardDistributor.RootStatus.Rejected));

        budget = n * 1e18;
        _fund(owner, budget);
        vm.prank(owner);
        rewards.postRewardRoot(0, root, budget);
        vm.warp(block.timestamp + 10 minutes);
        rewards.rewardClaim(0, rl[0].nodeId, rl[0].amount, proofs[0]);
        _snap("rewardClaim_depth32");
        assertTrue(rewards.isClaimed(0, rl[0].nodeId));
        vm.warp(block.timestamp + 7 days);
        rewards.sweep(0);
        _snap("rewardSweep");
        assertEq(uint8(rewards.rewardRoot(0).status), uint8(IRewardDistributor.RootStatus.Swept));
        _assertConservation();
    }

    // ---------------------------------------------------------------- helpers

    function _snap(string memory name) internal {
        uint256 used = vm.snapshotGasLastCall(GROUP, name);
        assertLt(used, C9_LIMIT, name);
    }

    function _registerNode(address op, uint256 key, uint64 deadline) internal {
        Vm.Wallet memory w = vm.createWallet(key);
        bytes memory pubkey = abi.encodePacked(w.publicKeyX, w.publicKeyY);
        bytes32 id = keccak256(pubkey);
        uint8 caps = CAP_U | CAP_S;
        bytes32 digest = registry.registrationDigest(id, op, caps, keccak256("endpoint"), 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        vm.prank(op);
        registry.register(pubkey, caps, keccak256("endpoint"), MIN_BOND, deadline, abi.encodePacked(r, s, v));
        ids.push(id);
        keys.push(key);
    }

    function _commit(bytes32 target, FaultType t, bytes32 evidenceHash)
        internal
        returns (bytes32 commitment, bytes32 faultId)
    {
        commitment = faults.commitmentOf(reporter, 0, target, t, evidenceHash, "salt");
        vm.prank(reporter);
        faultId = faults.commitFault(commitment);
    }

    function _doubleSign(uint256 i) internal returns (DoubleSignEvidence memory ev) {
        ReceiptLeaf memory l = _leaf(0, ids[i], keys[i], PoSeLib.RESULT_PASS, false);
        ReceiptMessageV2 memory b = abi.decode(abi.encode(l.receipt), (ReceiptMessageV2));
        b.responseHash = keccak256("other answer");
        ev = DoubleSignEvidence({a: l.receipt, sigA: l.nodeSig, b: b, sigB: _sig(keys[i], _hashReceipt(b))});
    }

    /// @dev Attestations of every witness of `epochId`, in slot order.
    function _attestAll(uint64 epochId, ReceiptLeaf memory l, uint8 resultCode)
        internal
        view
        returns (Attestation[] memory atts)
    {
        atts = new Attestation[](manager.epochInfo(epochId).witnessCount);
        bytes32 rh = _hashReceipt(l.receipt);
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 slot = manager.witnessSlot(epochId, ids[i]);
            if (slot == 0) continue;
            bytes32 sh = keccak256(
                abi.encode(PoSeLib.ATTESTATION_TYPEHASH, l.challenge.challengeId, epochId, rh, ids[i], resultCode)
            );
            atts[slot - 1] = Attestation({witnessNodeId: ids[i], signature: _sig(keys[i], sh)});
        }
    }

    function _node(bytes32 left, bytes32 right) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(bytes1(0x01), left, right));
    }

    /// @dev Receipts tree of 2^32 − 1 copies of `leafHash` (the last position empty): its root and
    ///      the proof of `index`. At height d every subtree hashes to `full` except the last, `edge`.
    function _uniformTree(bytes32 leafHash, uint256 index)
        internal
        pure
        returns (bytes32 root, bytes32[] memory proof)
    {
        uint256 depth = PoSeLib.MAX_PROOF_DEPTH;
        proof = new bytes32[](depth);
        bytes32 full = leafHash;
        bytes32 edge = bytes32(0);
        for (uint256 d = 0; d < depth; ++d) {
            proof[d] = ((index >> d) ^ 1) == (uint256(1) << (depth - d)) - 1 ? edge : full;
            edge = _node(full, edge);
            full = _node(full, full);
        }
        root = edge;
    }

    /// @dev Receipts tree of depth 32 holding `hashes` at indices 0.. and nothing else: its root
    ///      and every leaf's proof.
    function _frontTree(bytes32[] memory hashes) internal pure returns (bytes32 root, bytes32[][] memory proofs) {
        uint256 depth = PoSeLib.MAX_PROOF_DEPTH;
        uint256 low = PoSeLib.depthOf(hashes.length);
        root = _root(hashes);
        proofs = new bytes32[][](hashes.length);
        for (uint256 i = 0; i < hashes.length; ++i) {
            bytes32[] memory p = _proof(hashes, i);
            proofs[i] = new bytes32[](depth);
            for (uint256 d = 0; d < low; ++d) {
                proofs[i][d] = p[d];
            }
        }
        bytes32 empty = bytes32(0); // an empty subtree of height d
        for (uint256 d = 0; d < depth; ++d) {
            if (d >= low) {
                for (uint256 i = 0; i < hashes.length; ++i) {
                    proofs[i][d] = empty;
                }
                root = _node(root, empty);
            }
            empty = _node(empty, empty);
        }
    }

    /// @dev Reward tree (OpenZeppelin sorted pairs) of `rl` (a power of two) lifted to depth 32
    ///      by siblings of no leaf: its root and every leaf's proof.
    function _rewardTree(uint64 epochId, IRewardDistributor.RewardLeaf[] memory rl)
        internal
        view
        returns (bytes32 root, bytes32[][] memory proofs)
    {
        uint256 n = rl.length;
        uint256 depth = rewards.MAX_PROOF_DEPTH();
        bytes32[] memory level = new bytes32[](n);
        proofs = new bytes32[][](n);
        for (uint256 i = 0; i < n; ++i) {
            level[i] = rewards.leafHash(epochId, rl[i].nodeId, rl[i].amount);
            proofs[i] = new bytes32[](depth);
        }
        for (uint256 d = 0; d < depth; ++d) {
            if (level.length > 1) {
                for (uint256 i = 0; i < n; ++i) {
                    proofs[i][d] = level[(i >> d) ^ 1];
                }
                bytes32[] memory next = new bytes32[](level.length / 2);
                for (uint256 j = 0; j < next.length; ++j) {
                    next[j] = _pair(level[2 * j], level[2 * j + 1]);
                }
                level = next;
            } else {
                bytes32 pad = keccak256(abi.encode("no leaf", d));
                for (uint256 i = 0; i < n; ++i) {
                    proofs[i][d] = pad;
                }
                level[0] = _pair(level[0], pad);
            }
        }
        root = level[0];
    }

    function _pair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encodePacked(a, b)) : keccak256(abi.encodePacked(b, a));
    }

    /// @dev The first `n` registered node ids in ascending order.
    function _sortedIds(uint256 n) internal view returns (bytes32[] memory out) {
        out = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            bytes32 v = ids[i];
            uint256 j = i;
            while (j > 0 && out[j - 1] > v) {
                out[j] = out[j - 1];
                --j;
            }
            out[j] = v;
        }
    }
}
