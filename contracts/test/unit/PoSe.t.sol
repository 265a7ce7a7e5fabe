// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {stdJson} from "forge-std/StdJson.sol";

import {PoSeFixture} from "../utils/PoSeFixture.sol";
import {INodeRegistry} from "../../src/interfaces/INodeRegistry.sol";
import {IPoSeManagerV2} from "../../src/interfaces/IPoSeManagerV2.sol";
import {IFaultManager} from "../../src/interfaces/IFaultManager.sol";
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

/// @notice Unit tests of NodeRegistry, PoSeManagerV2, FaultManager and RewardDistributor.
contract PoSeTest is PoSeFixture {
    using stdJson for string;

    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    // ------------------------------------------------------------ registry

    function test_register_succeeds() public {
        bytes32 id = _register(0, CAP_U, MIN_BOND);
        assertEq(id, _nodeId(0));
        assertEq(address(uint160(uint256(id))), nodeWallets[0].addr, "nodeId's low 20 bytes are the node address");
        INodeRegistry.Node memory n = registry.node(id);
        assertEq(n.operator, operators[0]);
        assertEq(n.bond, MIN_BOND);
        assertEq(uint8(n.status), uint8(INodeRegistry.NodeStatus.Active));
        assertEq(vault.escrowOf(address(token), address(registry)), MIN_BOND);
        assertEq(registry.activeCount(), 1);
        assertEq(registry.totalStake(), MIN_BOND);
        _assertConservation();
    }

    function test_register_bondBelowMinimum_reverts() public {
        _fund(operators[0], MIN_BOND);
        uint64 dl = uint64(block.timestamp + 1);
        bytes memory sig = _regSig(0, operators[0], CAP_U, bytes32(0), 0, dl);
        vm.prank(operators[0]);
        vm.expectRevert(abi.encodeWithSelector(INodeRegistry.RegistryBondTooLow.selector, MIN_BOND - 1, MIN_BOND));
        registry.register(_pubkey(nodeWallets[0]), CAP_U, bytes32(0), MIN_BOND - 1, dl, sig);
    }

    function test_register_badCapabilities_reverts() public {
        uint64 dl = uint64(block.timestamp + 1);
        vm.startPrank(operators[0]);
        vm.expectRevert(abi.encodeWithSelector(INodeRegistry.RegistryInvalidCapabilities.selector, 0));
        registry.register(_pubkey(nodeWallets[0]), 0, bytes32(0), MIN_BOND, dl, "");
        vm.expectRevert(abi.encodeWithSelector(INodeRegistry.RegistryInvalidCapabilities.selector, 32));
        registry.register(_pubkey(nodeWallets[0]), 32, bytes32(0), MIN_BOND, dl, "");
        vm.stopPrank();
    }

    function _regExpectBad(bytes memory sig, uint64 dl) internal {
        vm.prank(operators[0]);
        vm.expectRevert(abi.encodeWithSelector(INodeRegistry.RegistryInvalidSignature.selector, _nodeId(0)));
        registry.register(_pubkey(nodeWallets[0]), CAP_U, bytes32(0), MIN_BOND, dl, sig);
    }

    function _regParts(uint256 signerKey, uint64 dl) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 digest = registry.registrationDigest(_nodeId(0), operators[0], CAP_U, bytes32(0), 0, dl);
        (v, r, s) = vm.sign(signerKey, digest);
    }

    /// @dev C5: high-s and 64-byte forms of a valid registration signature.
    function test_register_malleableForms_reverts() public {
        _fund(operators[0], MIN_BOND);
        uint64 dl = uint64(block.timestamp + 1 hours);
        (uint8 v, bytes32 r, bytes32 s) = _regParts(nodeWallets[0].privateKey, dl);
        _regExpectBad(abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27)), dl);
        _regExpectBad(abi.encodePacked(r, bytes32(uint256(s) | (uint256(v - 27) << 255))), dl);
    }

    /// @dev C5: another chain id, another signer, another operator; a chain id change is a new domain.
    function test_register_wrongDomainOrSigner_reverts() public {
        _fund(operators[0], MIN_BOND);
        uint64 dl = uint64(block.timestamp + 1 hours);
        uint256 chain = block.chainid;
        bytes32 before = registry.registrationDigest(_nodeId(0), operators[0], CAP_U, bytes32(0), 0, dl);
        vm.chainId(chain + 1);
        assertTrue(registry.registrationDigest(_nodeId(0), operators[0], CAP_U, bytes32(0), 0, dl) != before);
        bytes memory otherChain = _regSig(0, operators[0], CAP_U, bytes32(0), 0, dl);
        vm.chainId(chain);
        _regExpectBad(otherChain, dl);
        (uint8 v, bytes32 r, bytes32 s) = _regParts(nodeWallets[1].privateKey, dl);
        _regExpectBad(abi.encodePacked(r, s, v), dl);
        _regExpectBad(_regSig(0, operators[1], CAP_U, bytes32(0), 0, dl), dl);
    }

    /// @dev C5: expired deadline.
    function test_register_expired_reverts() public {
        _fund(operators[0], MIN_BOND);
        uint64 dl = uint64(block.timestamp - 1);
        bytes memory sig = _regSig(0, operators[0], CAP_U, bytes32(0), 0, dl);
        vm.prank(operators[0]);
        vm.expectRevert(abi.encodeWithSelector(INodeRegistry.RegistrySignatureExpired.selector, dl));
        registry.register(_pubkey(nodeWallets[0]), CAP_U, bytes32(0), MIN_BOND, dl, sig);
    }

    /// @dev C5: reused nonce: after an exit the old registration signature no longer works.
    function test_register_reusedNonce_reverts() public {
        _fund(operators[0], MIN_BOND);
        uint64 dl = uint64(block.timestamp + 30 days);
        bytes memory good = _regSig(0, operators[0], CAP_U, bytes32(0), 0, dl);
        vm.prank(operators[0]);
        bytes32 id = registry.register(_pubkey(nodeWallets[0]), CAP_U, bytes32(0), MIN_BOND, dl, good);
        vm.prank(operators[0]);
        registry.beginUnbonding(id);
        vm.warp(block.timestamp + 7 days);
        vm.prank(operators[0]);
        registry.withdrawBond(id);
        _regExpectBad(good, dl);
        assertEq(registry.registrationNonce(id), 1);
    }

    function test_register_nodeLimit_reverts() public {
        // 16 nodes per operator by default: fill with fresh keys
        address op = operators[0];
        _fund(op, MIN_BOND * 17);
        for (uint256 i = 0; i < 17; ++i) {
            uint256 key = 0x5000 + i;
            bytes memory pk = _pubkeyOf(key);
            uint64 dl = uint64(block.timestamp + 1);
            bytes32 digest = registry.registrationDigest(keccak256(pk), op, CAP_U, bytes32(0), 0, dl);
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
            vm.prank(op);
            if (i == 16) vm.expectRevert(abi.encodeWithSelector(INodeRegistry.RegistryNodeLimit.selector, op, 16));
            registry.register(pk, CAP_U, bytes32(0), MIN_BOND, dl, abi.encodePacked(r, s, v));
        }
        assertEq(registry.nodeCount(op), 16);
    }

    function test_withdrawBond_beforeUnbondingEnds_reverts() public {
        bytes32 id = _register(0, CAP_U, MIN_BOND);
        vm.prank(operators[0]);
        registry.beginUnbonding(id);
        assertEq(registry.activeCount(), 0, "leaves the active set at once");
        vm.warp(block.timestamp + 7 days - 1);
        vm.prank(operators[0]);
        vm.expectRevert(
            abi.encodeWithSelector(INodeRegistry.RegistryUnbondingNotOver.selector, id, block.timestamp + 1)
        );
        registry.withdrawBond(id);
        vm.warp(block.timestamp + 1);
        vm.prank(operators[0]);
        registry.withdrawBond(id);
        assertEq(vault.freeBalance(address(token), operators[0]), MIN_BOND);
        assertEq(registry.totalStake(), 0);
        _assertConservation();
    }

    function test_slash_notSlasher_reverts() public {
        bytes32 id = _register(0, CAP_U, MIN_BOND);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(INodeRegistry.RegistryNotSlasher.selector, stranger));
        registry.slash(id, 0, 10_000, stranger);
    }

    // ------------------------------------------------------------- epochs

    function test_epochFlow_verified_succeeds() public {
        _registerAll(4);
        (ReceiptLeaf[] memory leaves, bytes32[] memory hashes) = _commitEpoch0(8);
        assertEq(uint8(manager.epochState(0)), uint8(IPoSeManagerV2.EpochState.Committed));
        assertEq(manager.epochInfo(0).witnessCount, 2, "m = ceil(sqrt(4))");
        assertEq(manager.quorum(0), 2, "q = ceil(2m/3)");
        _draw(0);
        assertEq(uint8(manager.epochState(0)), uint8(IPoSeManagerV2.EpochState.Sampling));
        // distinct sample indices
        for (uint256 a = 0; a < 4; ++a) {
            for (uint256 b = a + 1; b < 4; ++b) {
                assertTrue(manager.sampleIndex(0, a) != manager.sampleIndex(0, b), "distinct samples");
            }
        }
        _revealAll(0, leaves, hashes);
        assertEq(uint8(manager.epochState(0)), uint8(IPoSeManagerV2.EpochState.Verified));
    }

    function test_drawSamples_sameBlockAsCommit_reverts() public {
        _registerAll(4);
        _commitEpoch0(4);
        uint64 sb = manager.epochInfo(0).sampleBlock;
        assertEq(sb, block.number + 1, "seed from a later block");
        vm.roll(block.number + 1);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeSampleBlockNotReached.selector, 0, sb));
        manager.drawSamples(0);
    }

    function test_drawSamples_staleBlockhash_reanchors() public {
        _registerAll(4);
        _commitEpoch0(4);
        vm.roll(block.number + 300);
        manager.drawSamples(0);
        assertEq(manager.epochInfo(0).sampleSeed, bytes32(0));
        assertEq(manager.epochInfo(0).sampleBlock, block.number + 1);
        vm.roll(block.number + 2);
        manager.drawSamples(0);
        assertTrue(manager.epochInfo(0).sampleSeed != bytes32(0));
    }

    function test_openEpoch_noActiveNodes_reverts() public {
        // no witnesses possible: no epoch, so no sample revealed without attestations
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeNoActiveNodes.selector, 0));
        manager.openEpoch(0);
        _registerAll(1);
        manager.openEpoch(0);
        assertEq(manager.epochInfo(0).witnessCount, 1);
        assertEq(manager.quorum(0), 1);
    }

    function test_commitEpoch_notAggregator_reverts() public {
        _registerAll(4);
        manager.openEpoch(0);
        vm.warp(manager.epochStart(1));
        vm.prank(operators[1]);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeNotAggregator.selector, _nodeId(1), operators[1]));
        manager.commitEpoch(0, _nodeId(1), bytes32(uint256(1)), bytes32(0), 1);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeNotAggregator.selector, _nodeId(0), stranger));
        manager.commitEpoch(0, _nodeId(0), bytes32(uint256(1)), bytes32(0), 1);
    }

    function test_commitEpoch_epochNotOver_reverts() public {
        _registerAll(4);
        manager.openEpoch(0);
        vm.prank(operators[0]);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeEpochNotOver.selector, 0));
        manager.commitEpoch(0, _nodeId(0), bytes32(uint256(1)), bytes32(0), 1);
    }

    struct Ctx {
        ReceiptLeaf[] leaves;
        bytes32[] hashes;
        uint256 idx;
        ReceiptLeaf l;
        Attestation[] atts;
        bytes32[] proof;
        uint256 nodeIndex;
    }

    /// @dev Epoch 0 committed with 4 leaves, samples drawn; sample 0 prepared.
    function _sampled() internal returns (Ctx memory c) {
        _registerAll(4);
        (c.leaves, c.hashes) = _commitEpoch0(4);
        _draw(0);
        c.idx = manager.sampleIndex(0, 0);
        c.l = c.leaves[c.idx];
        c.atts = _attest(0, c.l, PoSeLib.RESULT_PASS);
        c.proof = _proof(c.hashes, c.idx);
        c.nodeIndex = c.idx % 4;
    }

    function _expectBadNodeSig(Ctx memory c) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IPoSeManagerV2.PoSeInvalidSignature.selector, c.l.challenge.challengeId, nodeWallets[c.nodeIndex].addr
            )
        );
    }

    /// @dev C5: a receipt whose epoch differs from the committed epoch.
    function test_revealSample_wrongEpoch_reverts() public {
        Ctx memory c = _sampled();
        ReceiptLeaf memory w = _copy(c.l);
        w.receipt.epochId = 1;
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeIdsDoNotBind.selector, c.l.challenge.challengeId));
        manager.revealSample(0, 0, w, c.atts, c.proof);
    }

    /// @dev C5: high-s and 64-byte forms of a valid node signature.
    function test_revealSample_malleableForms_reverts() public {
        Ctx memory c = _sampled();
        bytes32 d = PoSeLib.digest(address(manager), _hashReceipt(c.l.receipt));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(nodeWallets[c.nodeIndex].privateKey, d);
        ReceiptLeaf memory w = _copy(c.l);
        w.nodeSig = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        _expectBadNodeSig(c);
        manager.revealSample(0, 0, w, c.atts, c.proof);
        w.nodeSig = abi.encodePacked(r, bytes32(uint256(s) | (uint256(v - 27) << 255)));
        _expectBadNodeSig(c);
        manager.revealSample(0, 0, w, c.atts, c.proof);
    }

    /// @dev C5: signed under another chain id, or for another contract.
    function test_revealSample_otherDomain_reverts() public {
        Ctx memory c = _sampled();
        bytes32 rh = _hashReceipt(c.l.receipt);
        ReceiptLeaf memory w = _copy(c.l);
        uint256 chain = block.chainid;
        vm.chainId(chain + 1);
        w.nodeSig = _sig(nodeWallets[c.nodeIndex].privateKey, rh);
        vm.chainId(chain);
        _expectBadNodeSig(c);
        manager.revealSample(0, 0, w, c.atts, c.proof);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(nodeWallets[c.nodeIndex].privateKey, PoSeLib.digest(address(faults), rh));
        w.nodeSig = abi.encodePacked(r, s, v);
        _expectBadNodeSig(c);
        manager.revealSample(0, 0, w, c.atts, c.proof);
        // a receipt signature presented as the challenger's (type separation)
        w = _copy(c.l);
        w.challengerSig = c.l.nodeSig;
        vm.expectRevert(
            abi.encodeWithSelector(IPoSeManagerV2.PoSeInvalidSignature.selector, c.l.challenge.challengeId, challenger)
        );
        manager.revealSample(0, 0, w, c.atts, c.proof);
    }

    /// @dev C5 "expired": a late answer recorded as a pass.
    function test_revealSample_expired_reverts() public {
        Ctx memory c = _sampled();
        ReceiptLeaf memory w = _leaf(0, 1, PoSeLib.RESULT_PASS, true);
        Attestation[] memory atts = _attest(0, w, PoSeLib.RESULT_PASS);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeTimeoutAsPass.selector, w.challenge.challengeId));
        manager.revealSample(0, 0, w, atts, c.proof);
    }

    /// @dev Witnesses bind the result code: "fail" attestations do not count for a "pass" leaf.
    function test_revealSample_attestationOtherResult_reverts() public {
        Ctx memory c = _sampled();
        Attestation[] memory atts = _attest(0, c.l, PoSeLib.RESULT_FAIL);
        vm.expectRevert();
        manager.revealSample(0, 0, c.l, atts, c.proof);
    }

    /// @dev C2: a valid leaf that is not the sampled one; C5: reused nonce; a sample revealed twice.
    function test_revealSample_notSampledAndReplay_reverts() public {
        Ctx memory c = _sampled();
        uint256 other = (c.idx + 1) % 4;
        Attestation[] memory oatts = _attest(0, c.leaves[other], PoSeLib.RESULT_PASS);
        bytes32[] memory oproof = _proof(c.hashes, other);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeInvalidProof.selector, 0, c.idx));
        manager.revealSample(0, 0, c.leaves[other], oatts, oproof);
        manager.revealSample(0, 0, c.l, c.atts, c.proof);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeSampleAlreadyRevealed.selector, 0, 0));
        manager.revealSample(0, 0, c.l, c.atts, c.proof);
        bytes32[] memory proof1 = _proof(c.hashes, manager.sampleIndex(0, 1));
        vm.expectRevert(
            abi.encodeWithSelector(IPoSeManagerV2.PoSeNonceReused.selector, challenger, c.l.challenge.nonce)
        );
        manager.revealSample(0, 1, c.l, c.atts, proof1);
    }

    function test_revealSample_quorumNotMet_reverts() public {
        _registerAll(4);
        (ReceiptLeaf[] memory leaves, bytes32[] memory hashes) = _commitEpoch0(4);
        _draw(0);
        uint256 idx = manager.sampleIndex(0, 0);
        Attestation[] memory atts = _attest(0, leaves[idx], PoSeLib.RESULT_PASS);
        Attestation[] memory one = new Attestation[](1);
        one[0] = atts[0];
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeQuorumNotMet.selector, 0, 1, 2));
        manager.revealSample(0, 0, leaves[idx], one, _proof(hashes, idx));
        Attestation[] memory dup = new Attestation[](2);
        dup[0] = atts[0];
        dup[1] = atts[0];
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeWitnessOrder.selector, 0));
        manager.revealSample(0, 0, leaves[idx], dup, _proof(hashes, idx));
    }

    /// @dev C9: a reveal carries at most MAX_WITNESSES attestations.
    function test_revealSample_tooManyAttestations_reverts() public {
        _registerAll(4);
        (ReceiptLeaf[] memory leaves, bytes32[] memory hashes) = _commitEpoch0(4);
        _draw(0);
        uint256 idx = manager.sampleIndex(0, 0);
        Attestation[] memory atts = _attest(0, leaves[idx], PoSeLib.RESULT_PASS);
        uint256 max = manager.MAX_WITNESSES();
        Attestation[] memory many = new Attestation[](max + 1);
        for (uint256 i = 0; i < many.length; ++i) {
            many[i] = atts[0];
        }
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeTooManyAttestations.selector, max + 1, max));
        manager.revealSample(0, 0, leaves[idx], many, _proof(hashes, idx));
    }

    function test_epochState_samplesWithheld_expires() public {
        _registerAll(4);
        _commitEpoch0(4);
        _draw(0);
        vm.warp(manager.windowEnd(0));
        assertEq(uint8(manager.epochState(0)), uint8(IPoSeManagerV2.EpochState.Expired));
    }

    // -------------------------------------------------------------- faults

    function _commitFault(address who, uint64 epochId, bytes32 target, FaultType t, bytes32 evidenceHash)
        internal
        returns (bytes32 commitment, bytes32 faultId)
    {
        _fund(who, FAULT_BOND);
        commitment = faults.commitmentOf(who, epochId, target, t, evidenceHash, keccak256("salt"));
        vm.prank(who);
        faultId = faults.commitFault(commitment);
        vm.roll(block.number + 1);
    }

    function _doubleSign(uint256 i) internal returns (DoubleSignEvidence memory ev) {
        ReceiptLeaf memory l = _leaf(0, i, PoSeLib.RESULT_PASS, false);
        ReceiptMessageV2 memory b = abi.decode(abi.encode(l.receipt), (ReceiptMessageV2));
        b.responseHash = keccak256("other answer");
        ev = DoubleSignEvidence({
            a: l.receipt,
            sigA: l.nodeSig,
            b: b,
            sigB: _sig(nodeWallets[i].privateKey, _hashReceipt(b))
        });
    }

    function test_fault_doubleSignature_settle_slashesWithinCap() public {
        _registerAll(4);
        bytes32 target = _nodeId(1);
        vm.warp(manager.epochStart(1));
        DoubleSignEvidence memory ev = _doubleSign(1);
        (bytes32 c, bytes32 id) =
            _commitFault(reporter, 0, target, FaultType.DoubleSignature, keccak256(abi.encode(ev)));
        vm.prank(reporter);
        faults.revealDoubleSignature(c, 0, target, ev, keccak256("salt"));
        assertEq(uint8(faults.fault(id).status), uint8(FaultStatus.Revealed));

        // C4: a second fault against the same operator in the same epoch slashes nothing more
        DoubleSignEvidence memory ev2 = _doubleSign(1);
        (bytes32 c2, bytes32 id2) =
            _commitFault(stranger, 0, target, FaultType.DoubleSignature, keccak256(abi.encode(ev2)));
        vm.prank(stranger);
        faults.revealDoubleSignature(c2, 0, target, ev2, keccak256("salt"));
        vm.expectRevert(
            abi.encodeWithSelector(IFaultManager.FaultRebuttalOpen.selector, id, block.timestamp + REBUTTAL)
        );
        faults.settleFault(id);
        vm.warp(block.timestamp + REBUTTAL);
        uint256 insuranceBefore = vault.insurance(address(token));
        uint256 slashed = faults.settleFault(id);
        uint256 stake = MIN_BOND * 10;
        assertEq(slashed, stake * 500 / 10_000, "severity 100 % of the 5 % cap");
        assertEq(vault.freeBalance(address(token), reporter), FAULT_BOND + slashed * 3_000 / 10_000, "bond + 30 %");
        assertEq(vault.insurance(address(token)) - insuranceBefore, slashed * 2_000 / 10_000, "20 %");
        assertEq(registry.node(target).bond, stake - slashed);
        _assertConservation();

        // C4: a second fault against the same operator in the same epoch slashes nothing more
        assertEq(faults.settleFault(id2), 0, "cap used up");
        (uint256 s, uint256 base) = registry.slashedIn(operators[1], 0);
        assertEq(s, stake * 500 / 10_000);
        assertEq(base, stake);
        _assertConservation();
    }

    /// @dev C6: a copied commitment cannot be revealed; a reveal by another sender is unknown.
    function test_fault_copiedCommitment_reverts() public {
        _registerAll(4);
        bytes32 target = _nodeId(1);
        vm.warp(manager.epochStart(1));
        DoubleSignEvidence memory ev = _doubleSign(1);
        (bytes32 c, bytes32 id) =
            _commitFault(reporter, 0, target, FaultType.DoubleSignature, keccak256(abi.encode(ev)));
        _fund(stranger, FAULT_BOND);
        vm.prank(stranger);
        bytes32 copyId = faults.commitFault(c);
        assertTrue(copyId != id, "a copy is a different fault");
        vm.roll(block.number + 1);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IFaultManager.FaultCommitmentMismatch.selector, copyId));
        faults.revealDoubleSignature(c, 0, target, ev, keccak256("salt"));
        // the original still reveals
        vm.prank(reporter);
        faults.revealDoubleSignature(c, 0, target, ev, keccak256("salt"));
        // the copier's bond is forfeited once the window closes
        vm.warp(manager.windowEnd(1));
        faults.expireFault(copyId);
        assertEq(uint8(faults.fault(copyId).status), uint8(FaultStatus.Expired));
        _assertConservation();
    }

    function test_fault_revealSameBlock_reverts() public {
        _registerAll(4);
        vm.warp(manager.epochStart(1));
        _fund(reporter, FAULT_BOND);
        DoubleSignEvidence memory ev = _doubleSign(1);
        bytes32 c = faults.commitmentOf(
            reporter, 0, _nodeId(1), FaultType.DoubleSignature, keccak256(abi.encode(ev)), bytes32(0)
        );
        vm.prank(reporter);
        bytes32 id = faults.commitFault(c);
        vm.prank(reporter);
        vm.expectRevert(abi.encodeWithSelector(IFaultManager.FaultRevealTooEarly.selector, id, block.number));
        faults.revealDoubleSignature(c, 0, _nodeId(1), ev, bytes32(0));
    }

    function test_fault_invalidEvidence_bondToInsurance() public {
        _registerAll(4);
        vm.warp(manager.epochStart(1));
        DoubleSignEvidence memory ev = _doubleSign(1);
        ev.b = ev.a; // not two different receipts
        ev.sigB = ev.sigA;
        (bytes32 c, bytes32 id) =
            _commitFault(reporter, 0, _nodeId(1), FaultType.DoubleSignature, keccak256(abi.encode(ev)));
        uint256 before = vault.insurance(address(token));
        vm.prank(reporter);
        faults.revealDoubleSignature(c, 0, _nodeId(1), ev, keccak256("salt"));
        assertEq(uint8(faults.fault(id).status), uint8(FaultStatus.Rejected));
        assertEq(vault.insurance(address(token)) - before, FAULT_BOND);
        _assertConservation();
    }

    /// @dev A revealed TimeoutAsPass fault against the aggregator (node 0) over leaves[0].
    function _timeoutAsPassFault() internal returns (ReceiptLeaf[] memory leaves, bytes32 id) {
        _registerAll(4);
        manager.openEpoch(0);
        leaves = new ReceiptLeaf[](2);
        bytes32[] memory hashes = new bytes32[](2);
        leaves[0] = _leaf(0, 1, PoSeLib.RESULT_PASS, true); // late but recorded as pass
        leaves[1] = _leaf(0, 2, PoSeLib.RESULT_PASS, false);
        hashes[0] = _leafHash(leaves[0]);
        hashes[1] = _leafHash(leaves[1]);
        vm.warp(manager.epochStart(1));
        vm.prank(operators[0]);
        manager.commitEpoch(0, _nodeId(0), _root(hashes), bytes32(0), 2);
        LeafEvidence memory ev = _leafEvidence(leaves[0], hashes, 0);
        bytes32 c;
        (c, id) = _commitFault(reporter, 0, _nodeId(0), FaultType.TimeoutAsPass, keccak256(abi.encode(ev)));
        vm.prank(reporter);
        faults.revealLeafFault(c, 0, _nodeId(0), FaultType.TimeoutAsPass, ev, keccak256("salt"));
        assertEq(uint8(faults.fault(id).status), uint8(FaultStatus.Revealed));
    }

    function test_fault_timeoutAsPass_rebutted() public {
        (ReceiptLeaf[] memory leaves, bytes32 id) = _timeoutAsPassFault();
        Attestation[] memory atts = _attest(0, leaves[0], PoSeLib.RESULT_PASS);
        Attestation[] memory timeoutAtts = _attest(0, leaves[0], PoSeLib.RESULT_TIMEOUT);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IFaultManager.FaultNotAccused.selector, id, stranger));
        faults.rebutFault(id, atts);
        vm.prank(operators[0]);
        vm.expectRevert(abi.encodeWithSelector(IFaultManager.FaultRebuttalInvalid.selector, id));
        faults.rebutFault(id, timeoutAtts);
        vm.prank(operators[0]);
        faults.rebutFault(id, atts);
        assertEq(uint8(faults.fault(id).status), uint8(FaultStatus.Rebutted));
        vm.expectRevert(abi.encodeWithSelector(IFaultManager.FaultUnexpectedStatus.selector, id, FaultStatus.Rebutted));
        faults.settleFault(id);
        _assertConservation();
    }

    /// @dev C9: a rebuttal carries at most MAX_WITNESSES attestations.
    function test_rebutFault_tooManyAttestations_reverts() public {
        (ReceiptLeaf[] memory leaves, bytes32 id) = _timeoutAsPassFault();
        Attestation[] memory atts = _attest(0, leaves[0], PoSeLib.RESULT_PASS);
        uint256 max = manager.MAX_WITNESSES();
        Attestation[] memory many = new Attestation[](max + 1);
        for (uint256 i = 0; i < many.length; ++i) {
            many[i] = atts[0];
        }
        vm.prank(operators[0]);
        vm.expectRevert(abi.encodeWithSelector(IFaultManager.FaultTooManyAttestations.selector, id, max + 1, max));
        faults.rebutFault(id, many);
        vm.prank(operators[0]);
        faults.rebutFault(id, atts);
        assertEq(uint8(faults.fault(id).status), uint8(FaultStatus.Rebutted));
    }

    function test_fault_invalidSignatureAndForgery_settle() public {
        _registerAll(4);
        manager.openEpoch(0);
        ReceiptLeaf[] memory leaves = new ReceiptLeaf[](3);
        bytes32[] memory hashes = new bytes32[](3);
        leaves[0] = _leaf(0, 1, PoSeLib.RESULT_PASS, false);
        leaves[0].nodeSig = leaves[0].challengerSig; // not the node's signature
        leaves[1] = _leaf(0, 2, PoSeLib.RESULT_PASS, false);
        leaves[1].receipt.nodeId = _nodeId(3); // contradicts the challenge
        leaves[2] = _leaf(0, 3, PoSeLib.RESULT_PASS, false);
        for (uint256 i = 0; i < 3; ++i) {
            hashes[i] = _leafHash(leaves[i]);
        }
        vm.warp(manager.epochStart(1));
        vm.prank(operators[0]);
        manager.commitEpoch(0, _nodeId(0), _root(hashes), bytes32(0), 3);

        LeafEvidence memory e0 = _leafEvidence(leaves[0], hashes, 0);
        (bytes32 c0, bytes32 id0) = _commitFault(reporter, 0, _nodeId(0), FaultType.InvalidSignature, keccak256(abi.encode(e0)));
        vm.prank(reporter);
        faults.revealLeafFault(c0, 0, _nodeId(0), FaultType.InvalidSignature, e0, keccak256("salt"));
        LeafEvidence memory e1 = _leafEvidence(leaves[1], hashes, 1);
        (bytes32 c1, bytes32 id1) = _commitFault(stranger, 0, _nodeId(0), FaultType.BatchForgery, keccak256(abi.encode(e1)));
        vm.prank(stranger);
        faults.revealLeafFault(c1, 0, _nodeId(0), FaultType.BatchForgery, e1, keccak256("salt"));
        // an honest leaf proves nothing
        LeafEvidence memory e2 = _leafEvidence(leaves[2], hashes, 2);
        (bytes32 c2, bytes32 id2) = _commitFault(operators[5], 0, _nodeId(0), FaultType.BatchForgery, keccak256(abi.encode(e2)));
        vm.prank(operators[5]);
        faults.revealLeafFault(c2, 0, _nodeId(0), FaultType.BatchForgery, e2, keccak256("salt"));
        assertEq(uint8(faults.fault(id2).status), uint8(FaultStatus.Rejected));

        vm.warp(block.timestamp + REBUTTAL);
        uint256 cap = MIN_BOND * 10 * 500 / 10_000;
        assertEq(faults.settleFault(id0), cap / 2, "invalid signature: half the cap");
        assertEq(faults.settleFault(id1), cap / 2, "forgery asks the full cap, gets what is left");
        _assertConservation();
    }

    // ------------------------------------------------------------- rewards

    function _verifyEpoch0() internal {
        _registerAll(5);
        (ReceiptLeaf[] memory leaves, bytes32[] memory hashes) = _commitEpoch0(8);
        _draw(0);
        _revealAll(0, leaves, hashes);
    }

    function _tree(uint256 t) internal view returns (string memory json, string memory base) {
        json = vm.readFile("test/fixtures/reward-tree.json");
        base = string.concat(".trees[", vm.toString(t), "]");
    }

    function _postTree(uint256 t, uint256 budget) internal returns (bytes32 root) {
        (string memory json, string memory base) = _tree(t);
        root = json.readBytes32(string.concat(base, ".root"));
        _fund(owner, budget);
        vm.prank(owner);
        rewards.postRewardRoot(0, root, budget);
    }

    function _leafAt(uint256 t, uint256 i) internal view returns (bytes32 nodeId, uint256 amount, bytes32[] memory proof) {
        (string memory json, string memory base) = _tree(t);
        string memory lb = string.concat(base, ".leaves[", vm.toString(i), "]");
        nodeId = json.readBytes32(string.concat(lb, ".nodeId"));
        amount = vm.parseUint(json.readString(string.concat(lb, ".amount")));
        proof = json.readBytes32Array(string.concat(lb, ".proof"));
        assertEq(rewards.leafHash(0, nodeId, amount), json.readBytes32(string.concat(lb, ".leafHash")), "JS leaf");
    }

    /// @dev C2 against trees built by @openzeppelin/merkle-tree: every leaf claims once, to its operator.
    function test_rewardClaim_jsTree_succeeds() public {
        _verifyEpoch0();
        uint256 budget = 425e18 + 1;
        _postTree(0, budget);
        (bytes32 n0, uint256 a0, bytes32[] memory p0) = _leafAt(0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDisputeOpen.selector, 0, block.timestamp + 10 minutes)
        );
        rewards.rewardClaim(0, n0, a0, p0);
        vm.warp(block.timestamp + 10 minutes);
        for (uint256 i = 0; i < 4; ++i) {
            (bytes32 n, uint256 a, bytes32[] memory p) = _leafAt(0, i);
            address op = registry.operatorOf(n);
            uint256 before = vault.freeBalance(address(token), op);
            vm.prank(stranger); // claim on behalf: pays the operator
            rewards.rewardClaim(0, n, a, p);
            assertEq(vault.freeBalance(address(token), op) - before, a);
            vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardAlreadyClaimed.selector, 0, n));
            rewards.rewardClaim(0, n, a, p);
        }
        assertEq(vault.escrowOf(address(token), address(rewards)), 0);
        _assertConservation();
    }

    function test_rewardClaim_forgeries_revert() public {
        _verifyEpoch0();
        _postTree(0, 425e18 + 1);
        vm.warp(block.timestamp + 10 minutes);
        (bytes32 n, uint256 a, bytes32[] memory p) = _leafAt(0, 0);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardInvalidProof.selector, 0, n));
        rewards.rewardClaim(0, n, a + 1, p);
        // internal node as a leaf (64-byte forgery): the single-hash of an internal pair is not a leaf
        (string memory json, string memory base) = _tree(0);
        bytes32 internalNode = json.readBytes32(string.concat(base, ".internalNode"));
        bytes32[] memory none = new bytes32[](0);
        vm.expectRevert();
        rewards.rewardClaim(0, internalNode, 0, none);
    }

    function test_disputeRewardRoot_overCapAndUnregistered_rejects() public {
        _verifyEpoch0();
        _postTree(1, 3_000e18);
        IRewardDistributor.RewardLeaf[] memory ls = new IRewardDistributor.RewardLeaf[](1);
        bytes32[][] memory ps = new bytes32[][](1);
        (bytes32 n, uint256 a, bytes32[] memory p) = _leafAt(1, 0);
        ls[0] = IRewardDistributor.RewardLeaf(n, a);
        ps[0] = p;
        if (a <= 1_000e18) {
            (n, a, p) = _leafAt(1, 1);
            ls[0] = IRewardDistributor.RewardLeaf(n, a);
            ps[0] = p;
        }
        rewards.disputeRewardRoot(0, ls, ps);
        assertEq(uint8(rewards.rewardRoot(0).status), uint8(IRewardDistributor.RootStatus.Rejected));
        assertEq(vault.freeBalance(address(token), owner), 3_000e18, "budget back to the oracle");
        // a new root may be posted; an honest one cannot be disputed
        _postTree(0, 425e18 + 1);
        (n, a, p) = _leafAt(0, 0);
        ls[0] = IRewardDistributor.RewardLeaf(n, a);
        ps[0] = p;
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardDisputeUnproven.selector, 0));
        rewards.disputeRewardRoot(0, ls, ps);
        _assertConservation();
    }

    /// @dev C9: a dispute carries at most MAX_DISPUTE_LEAVES leaves.
    function test_disputeRewardRoot_tooManyLeaves_reverts() public {
        _verifyEpoch0();
        _postTree(0, 425e18 + 1);
        uint256 max = rewards.MAX_DISPUTE_LEAVES();
        IRewardDistributor.RewardLeaf[] memory ls = new IRewardDistributor.RewardLeaf[](max + 1);
        bytes32[][] memory ps = new bytes32[][](max + 1);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardTooManyLeaves.selector, max + 1, max));
        rewards.disputeRewardRoot(0, ls, ps);
    }

    /// @dev C9: a reward proof (dispute or claim) has at most MAX_PROOF_DEPTH siblings.
    function test_rewardProof_tooLong_reverts() public {
        _verifyEpoch0();
        _postTree(0, 425e18 + 1);
        (bytes32 n, uint256 a,) = _leafAt(0, 0);
        uint256 max = rewards.MAX_PROOF_DEPTH();
        bytes32[] memory longProof = new bytes32[](max + 1);
        IRewardDistributor.RewardLeaf[] memory ls = new IRewardDistributor.RewardLeaf[](1);
        bytes32[][] memory ps = new bytes32[][](1);
        ls[0] = IRewardDistributor.RewardLeaf(n, a);
        ps[0] = longProof;
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardProofTooLong.selector, max + 1, max));
        rewards.disputeRewardRoot(0, ls, ps);
        vm.warp(block.timestamp + 10 minutes);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardProofTooLong.selector, max + 1, max));
        rewards.rewardClaim(0, n, a, longProof);
    }

    function test_sweep_afterClaimWindow_paysTreasury() public {
        _verifyEpoch0();
        _postTree(0, 425e18 + 1);
        vm.warp(block.timestamp + 10 minutes);
        (bytes32 n, uint256 a, bytes32[] memory p) = _leafAt(0, 0);
        rewards.rewardClaim(0, n, a, p);
        vm.expectRevert();
        rewards.sweep(0);
        vm.warp(block.timestamp + 7 days);
        uint256 before = vault.treasury(address(token));
        rewards.sweep(0);
        assertEq(vault.treasury(address(token)) - before, 425e18 + 1 - a);
        _assertConservation();
    }

    function test_postRewardRoot_epochNotVerified_reverts() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardEpochNotVerified.selector, 0));
        rewards.postRewardRoot(0, bytes32(uint256(1)), 1);
    }

    // ------------------------------------------------------ access control

    /// @dev C11: every privileged PoSe function × every other caller reverts.
    function test_accessControl_everyPrivilegedFunctionEveryOtherCaller_reverts() public {
        address[4] memory callers = [stranger, reporter, challenger, operators[0]];
        for (uint256 i = 0; i < callers.length; ++i) {
            address c = callers[i];
            vm.startPrank(c);
            vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", c));
            manager.setAggregator(bytes32(uint256(1)), true);
            vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", c));
            manager.setChallenger(c, true);
            vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", c));
            rewards.setOracle(c);
            vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", c));
            registry.setSlasher(c);
            vm.expectRevert(abi.encodeWithSelector(INodeRegistry.RegistryNotSlasher.selector, c));
            registry.slash(bytes32(uint256(1)), 0, 1, c);
            vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardNotOracle.selector, c));
            rewards.postRewardRoot(0, bytes32(uint256(1)), 1);
            vm.stopPrank();
        }
        vm.prank(owner);
        vm.expectRevert(INodeRegistry.RegistrySlasherAlreadySet.selector);
        registry.setSlasher(owner);
    }

    // ------------------------------------------------------------- helpers

    function _pubkeyOf(uint256 key) internal returns (bytes memory) {
        return _pubkey(vm.createWallet(key));
    }

    function _copy(ReceiptLeaf memory l) internal pure returns (ReceiptLeaf memory c) {
        c = abi.decode(abi.encode(l), (ReceiptLeaf));
    }
}
