// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {stdJson} from "forge-std/StdJson.sol";

import {PoSeFixture} from "../utils/PoSeFixture.sol";
import {PoSeLib} from "../../src/libraries/PoSeLib.sol";
import {
    ReceiptLeaf, ReceiptMessageV2, Attestation, DoubleSignEvidence, LeafEvidence, FaultType
} from "../../src/types/PoSeTypes.sol";

/// @notice Gas snapshots of PoSe v2 (snapshots/PoSeGas.json), full transaction gas under
///         `forge test --isolate` (skipped otherwise, as in DealGas.t.sol). `rewardClaim` is
///         measured in the steady state: the node has claimed in an earlier epoch of the same
///         256-epoch span (its claimed word is non-zero) and its operator already has a free vault
///         balance; the issue's target of 70,000 is asserted. `rewardClaim_firstForNode` is a
///         node's first claim in a span (a fresh bitmap word, 22,100 gas for that write).
contract PoSeGasTest is PoSeFixture {
    using stdJson for string;

    string internal constant GROUP = "PoSeGas";
    uint256 internal constant CLAIM_TARGET = 70_000;

    function setUp() public override {
        super.setUp();
        vm.prank(owner);
        token.approve(owner, 0);
        Vm.Gas memory gas = vm.lastCallGas();
        if (gas.gasTotalUsed < 21_000) vm.skip(true);
    }

    function test_gas_registerNode() public {
        _register(1, CAP_U, MIN_BOND); // registry already holds a bond
        address op = operators[0];
        _fund(op, MIN_BOND * 2);
        uint64 dl = uint64(block.timestamp + 1 hours);
        bytes memory sig = _regSig(0, op, CAP_U | CAP_S, keccak256("endpoint"), 0, dl);
        bytes memory pk = _pubkey(nodeWallets[0]);
        vm.prank(op);
        registry.register(pk, CAP_U | CAP_S, keccak256("endpoint"), MIN_BOND, dl, sig);
        vm.snapshotGasLastCall(GROUP, "registerNode");
    }

    function test_gas_epochCommitAndRevealSample() public {
        _registerAll(4);
        manager.openEpoch(0);
        vm.snapshotGasLastCall(GROUP, "openEpoch_n4");
        ReceiptLeaf[] memory leaves = new ReceiptLeaf[](8);
        bytes32[] memory hashes = new bytes32[](8);
        for (uint256 i = 0; i < 8; ++i) {
            leaves[i] = _leaf(0, i % 4, PoSeLib.RESULT_PASS, false);
            hashes[i] = _leafHash(leaves[i]);
        }
        bytes32 root = _root(hashes);
        vm.warp(manager.epochStart(1));
        vm.prank(operators[0]);
        manager.commitEpoch(0, _nodeId(0), root, keccak256("summary"), 8);
        vm.snapshotGasLastCall(GROUP, "commitEpoch");
        vm.roll(block.number + 2);
        manager.drawSamples(0);
        vm.snapshotGasLastCall(GROUP, "drawSamples");
        uint256 idx = manager.sampleIndex(0, 0);
        Attestation[] memory atts = _attest(0, leaves[idx], PoSeLib.RESULT_PASS);
        bytes32[] memory proof = _proof(hashes, idx);
        manager.revealSample(0, 0, leaves[idx], atts, proof);
        vm.snapshotGasLastCall(GROUP, "revealSample_perReceipt_quorum2_depth3");
    }

    function test_gas_faultLifecycle() public {
        _registerAll(4);
        vm.warp(manager.epochStart(1));
        ReceiptLeaf memory l = _leaf(0, 1, PoSeLib.RESULT_PASS, false);
        ReceiptMessageV2 memory b = abi.decode(abi.encode(l.receipt), (ReceiptMessageV2));
        b.responseHash = keccak256("other");
        DoubleSignEvidence memory ev =
            DoubleSignEvidence({a: l.receipt, sigA: l.nodeSig, b: b, sigB: _sig(nodeWallets[1].privateKey, _hashReceipt(b))});
        _fund(reporter, FAULT_BOND * 2);
        bytes32 c = faults.commitmentOf(reporter, 0, _nodeId(1), FaultType.DoubleSignature, keccak256(abi.encode(ev)), "s");
        vm.prank(reporter);
        bytes32 id = faults.commitFault(c);
        vm.snapshotGasLastCall(GROUP, "faultCommit");
        vm.roll(block.number + 1);
        vm.prank(reporter);
        faults.revealDoubleSignature(c, 0, _nodeId(1), ev, "s");
        vm.snapshotGasLastCall(GROUP, "faultReveal_doubleSignature");
        vm.warp(block.timestamp + REBUTTAL);
        faults.settleFault(id);
        vm.snapshotGasLastCall(GROUP, "faultSettle");
    }

    function test_gas_faultRebuttal() public {
        _registerAll(4);
        manager.openEpoch(0);
        ReceiptLeaf[] memory leaves = new ReceiptLeaf[](2);
        bytes32[] memory hashes = new bytes32[](2);
        leaves[0] = _leaf(0, 1, PoSeLib.RESULT_PASS, true);
        leaves[1] = _leaf(0, 2, PoSeLib.RESULT_PASS, false);
        hashes[0] = _leafHash(leaves[0]);
        hashes[1] = _leafHash(leaves[1]);
        vm.warp(manager.epochStart(1));
        vm.prank(operators[0]);
        manager.commitEpoch(0, _nodeId(0), _root(hashes), bytes32(0), 2);
        LeafEvidence memory ev = _leafEvidence(leaves[0], hashes, 0);
        _fund(reporter, FAULT_BOND);
        bytes32 c = faults.commitmentOf(reporter, 0, _nodeId(0), FaultType.TimeoutAsPass, keccak256(abi.encode(ev)), "s");
        vm.prank(reporter);
        bytes32 id = faults.commitFault(c);
        vm.roll(block.number + 1);
        vm.prank(reporter);
        faults.revealLeafFault(c, 0, _nodeId(0), FaultType.TimeoutAsPass, ev, "s");
        vm.snapshotGasLastCall(GROUP, "faultReveal_leaf");
        Attestation[] memory atts = _attest(0, leaves[0], PoSeLib.RESULT_PASS);
        vm.prank(operators[0]);
        faults.rebutFault(id, atts);
        vm.snapshotGasLastCall(GROUP, "faultRebuttal");
    }

    function test_gas_rewards() public {
        _registerAll(5);
        (ReceiptLeaf[] memory leaves, bytes32[] memory hashes) = _commitEpoch0(8);
        _draw(0);
        _revealAll(0, leaves, hashes);
        // epoch 1 verified too, so a node claims twice (the steady state of the claimed bitmap)
        manager.openEpoch(1);
        bytes32[] memory hashes1 = new bytes32[](8);
        ReceiptLeaf[] memory leaves1 = new ReceiptLeaf[](8);
        for (uint256 i = 0; i < 8; ++i) {
            leaves1[i] = _leaf(1, i % 4, PoSeLib.RESULT_PASS, false);
            hashes1[i] = _leafHash(leaves1[i]);
        }
        vm.warp(manager.epochStart(2));
        vm.prank(operators[0]);
        manager.commitEpoch(1, _nodeId(0), _root(hashes1), keccak256("summary"), 8);
        _draw(1);
        _revealAll(1, leaves1, hashes1);

        string memory json = vm.readFile("test/fixtures/reward-tree.json");
        uint256 budget = 425e18 + 1;
        _fund(owner, budget);
        vm.prank(owner);
        rewards.postRewardRoot(0, json.readBytes32(".trees[0].root"), budget);
        vm.snapshotGasLastCall(GROUP, "rewardRootPost");
        _fund(owner, budget);
        vm.prank(owner);
        rewards.postRewardRoot(1, json.readBytes32(".trees[5].root"), budget);
        vm.warp(block.timestamp + 10 minutes);
        bytes32 nodeId = json.readBytes32(".trees[0].leaves[1].nodeId");
        uint256 amount = vm.parseUint(json.readString(".trees[0].leaves[1].amount"));
        _fund(registry.operatorOf(nodeId), 1); // the operator holds a free balance
        vm.prank(stranger);
        rewards.rewardClaim(0, nodeId, amount, json.readBytes32Array(".trees[0].leaves[1].proof"));
        vm.snapshotGasLastCall(GROUP, "rewardClaim_firstForNode");
        // steady state: the node's claimed word is non-zero (it claimed within the last 256 epochs)
        assertEq(json.readBytes32(".trees[5].leaves[1].nodeId"), nodeId);
        vm.prank(stranger);
        rewards.rewardClaim(1, nodeId, amount, json.readBytes32Array(".trees[5].leaves[1].proof"));
        uint256 g = vm.snapshotGasLastCall(GROUP, "rewardClaim");
        assertLe(g, CLAIM_TARGET, "rewardClaim over the 70,000 target");
    }
}
