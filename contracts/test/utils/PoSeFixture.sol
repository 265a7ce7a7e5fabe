// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PoSeTypedData} from "./PoSeTypedData.sol";
import {Test, Vm} from "forge-std/Test.sol";

import {Deploy} from "../../script/Deploy.s.sol";
import {PactumToken} from "../../src/PactumToken.sol";
import {CollateralVault} from "../../src/CollateralVault.sol";
import {NodeRegistry} from "../../src/NodeRegistry.sol";
import {PoSeManagerV2} from "../../src/PoSeManagerV2.sol";
import {FaultManager} from "../../src/FaultManager.sol";
import {RewardDistributor} from "../../src/RewardDistributor.sol";
import {PoSeLib} from "../../src/libraries/PoSeLib.sol";
import {
    ChallengeMessageV2, ReceiptMessageV2, ReceiptLeaf, Attestation, LeafEvidence
} from "../../src/types/PoSeTypes.sol";

/// @notice The PoSe test world, built by the real deployment script, with signing and tree helpers.
///         Nodes: keys 0x1001.. (ids in test/fixtures/reward-tree.js); node i is run by operator i.
abstract contract PoSeFixture is Test {
    uint256 internal constant EPOCH = 60;
    uint256 internal constant MIN_BOND = 100e18;
    uint256 internal constant FAULT_BOND = 10e18;
    uint256 internal constant REBUTTAL = 10 minutes;
    uint8 internal constant CAP_U = 1;
    uint8 internal constant CAP_S = 2;

    PactumToken internal token;
    CollateralVault internal vault;
    NodeRegistry internal registry;
    PoSeManagerV2 internal manager;
    FaultManager internal faults;
    RewardDistributor internal rewards;

    address internal owner;
    address internal challenger;
    uint256 internal challengerKey;
    address internal reporter;
    address internal stranger;
    uint64 internal nonceCounter;

    Vm.Wallet[] internal nodeWallets;
    address[] internal operators;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        vm.roll(100);
        owner = makeAddr("owner");
        (challenger, challengerKey) = makeAddrAndKey("challenger");
        reporter = makeAddr("reporter");
        stranger = makeAddr("stranger");
        Deploy deployer = new Deploy();
        Deploy.PoSeConfig memory cfg = deployer.defaultPoSeConfig();
        cfg.sampleCount = _sampleCount();
        Deploy.Deployment memory d = deployer.deployWith(owner, 100, cfg);
        token = d.token;
        vault = d.vault;
        registry = d.nodeRegistry;
        manager = d.poseManager;
        faults = d.faultManager;
        rewards = d.rewardDistributor;
        vm.prank(owner);
        manager.setChallenger(challenger, true);
        for (uint256 i = 0; i < 6; ++i) {
            nodeWallets.push(vm.createWallet(0x1001 + i));
            operators.push(makeAddr(string.concat("operator", vm.toString(i))));
        }
    }

    function _sampleCount() internal pure virtual returns (uint8) {
        return 4;
    }

    // ------------------------------------------------------------------ money

    function _fund(address who, uint256 amount) internal {
        vm.prank(owner);
        token.mint(who, amount);
        vm.startPrank(who);
        token.approve(address(vault), amount);
        vault.deposit(address(token), who, amount);
        vm.stopPrank();
    }

    /// @dev C1: the vault's balance equals its ledger.
    function _assertConservation() internal view {
        address t = address(token);
        uint256 ledger = vault.treasury(t) + vault.insurance(t) + vault.escrowOf(t, address(registry))
            + vault.escrowOf(t, address(faults)) + vault.escrowOf(t, address(rewards)) + vault.freeBalance(t, owner)
            + vault.freeBalance(t, reporter) + vault.freeBalance(t, stranger);
        for (uint256 i = 0; i < operators.length; ++i) {
            ledger += vault.freeBalance(t, operators[i]);
        }
        assertEq(token.balanceOf(address(vault)), ledger, "C1 conservation");
    }

    // ------------------------------------------------------------------ nodes

    function _pubkey(Vm.Wallet memory w) internal pure returns (bytes memory) {
        return abi.encodePacked(w.publicKeyX, w.publicKeyY);
    }

    function _nodeId(uint256 i) internal view returns (bytes32) {
        return keccak256(_pubkey(nodeWallets[i]));
    }

    function _regSig(uint256 i, address operator, uint8 caps, bytes32 endpoint, uint64 nonce, uint64 deadline)
        internal
        returns (bytes memory)
    {
        bytes32 digest = registry.registrationDigest(_nodeId(i), operator, caps, endpoint, nonce, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(nodeWallets[i].privateKey, digest);
        return abi.encodePacked(r, s, v);
    }

    function _register(uint256 i, uint8 caps, uint256 bond) internal returns (bytes32 id) {
        address op = operators[i];
        _fund(op, bond);
        uint64 deadline = uint64(block.timestamp + 1 hours);
        bytes memory sig = _regSig(i, op, caps, keccak256("endpoint"), registry.registrationNonce(_nodeId(i)), deadline);
        vm.prank(op);
        id = registry.register(_pubkey(nodeWallets[i]), caps, keccak256("endpoint"), bond, deadline, sig);
    }

    function _registerAll(uint256 n) internal {
        for (uint256 i = 0; i < n; ++i) {
            _register(i, CAP_U | CAP_S, MIN_BOND * 10);
        }
        vm.prank(owner);
        manager.setAggregator(_nodeId(0), true);
    }

    // --------------------------------------------------------------- messages

    function _sig(uint256 key, bytes32 structHash) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, PoSeLib.digest(address(manager), structHash));
        return abi.encodePacked(r, s, v);
    }

    function _hashChallenge(ChallengeMessageV2 memory c) internal pure returns (bytes32) {
        return PoSeTypedData.hashChallenge(c);
    }

    function _hashReceipt(ReceiptMessageV2 memory r) internal pure returns (bytes32) {
        return PoSeTypedData.hashReceipt(r);
    }

    /// @dev A correctly signed leaf: node `i` answers a U challenge of `epochId` (late if `late`).
    function _leaf(uint64 epochId, uint256 i, uint8 resultCode, bool late) internal returns (ReceiptLeaf memory l) {
        return _leaf(epochId, _nodeId(i), nodeWallets[i].privateKey, resultCode, late);
    }

    /// @dev As above for the node `nodeId` whose key is `nodeKey`.
    function _leaf(uint64 epochId, bytes32 nodeId, uint256 nodeKey, uint8 resultCode, bool late)
        internal
        returns (ReceiptLeaf memory l)
    {
        (l.challenge, l.receipt) =
            PoSeTypedData.uptimeMessages(epochId, nodeId, ++nonceCounter, challenger, uint64(manager.epochStart(epochId)), late);
        l.resultCode = resultCode;
        l.challengerSig = _sig(challengerKey, _hashChallenge(l.challenge));
        l.nodeSig = _sig(nodeKey, _hashReceipt(l.receipt));
    }

    function _leafHash(ReceiptLeaf memory l) internal pure returns (bytes32) {
        return PoSeLib.leafHashOf(
            _hashChallenge(l.challenge),
            _hashReceipt(l.receipt),
            l.resultCode,
            keccak256(l.challengerSig),
            keccak256(l.nodeSig)
        );
    }

    /// @dev Attestations of the epoch's witnesses, in slot order, for `l` with `resultCode`.
    function _attest(uint64 epochId, ReceiptLeaf memory l, uint8 resultCode)
        internal
        view
        returns (Attestation[] memory atts)
    {
        uint256 m = manager.epochInfo(epochId).witnessCount;
        uint256 q = manager.quorum(epochId);
        atts = new Attestation[](q);
        bytes32 rh = _hashReceipt(l.receipt);
        uint256 found = 0;
        for (uint256 slot = 1; slot <= m && found < q; ++slot) {
            for (uint256 i = 0; i < nodeWallets.length; ++i) {
                bytes32 w = _nodeId(i);
                if (manager.witnessSlot(epochId, w) != slot) continue;
                bytes32 sh = keccak256(
                    abi.encode(PoSeLib.ATTESTATION_TYPEHASH, l.challenge.challengeId, epochId, rh, w, resultCode)
                );
                atts[found++] = Attestation({witnessNodeId: w, signature: _sig(nodeWallets[i].privateKey, sh)});
            }
        }
        require(found == q, "fixture: witnesses are not test nodes");
    }

    // ----------------------------------------------------------- receipts tree

    function _root(bytes32[] memory leaves) internal pure returns (bytes32) {
        bytes32[] memory level = _padded(leaves);
        while (level.length > 1) {
            bytes32[] memory next = new bytes32[](level.length / 2);
            for (uint256 i = 0; i < next.length; ++i) {
                next[i] = keccak256(abi.encodePacked(bytes1(0x01), level[2 * i], level[2 * i + 1]));
            }
            level = next;
        }
        return level[0];
    }

    function _proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory proof) {
        bytes32[] memory level = _padded(leaves);
        proof = new bytes32[](PoSeLib.depthOf(leaves.length));
        for (uint256 d = 0; d < proof.length; ++d) {
            proof[d] = level[index ^ 1];
            bytes32[] memory next = new bytes32[](level.length / 2);
            for (uint256 i = 0; i < next.length; ++i) {
                next[i] = keccak256(abi.encodePacked(bytes1(0x01), level[2 * i], level[2 * i + 1]));
            }
            level = next;
            index >>= 1;
        }
    }

    function _padded(bytes32[] memory leaves) private pure returns (bytes32[] memory level) {
        level = new bytes32[](uint256(1) << PoSeLib.depthOf(leaves.length));
        for (uint256 i = 0; i < leaves.length; ++i) {
            level[i] = leaves[i];
        }
    }

    // ----------------------------------------------------------------- epochs

    /// @dev Opens epoch 0 (witnesses), builds `n` leaves (the given bad leaf at `badAt` if set),
    ///      moves to epoch 1 and commits as node 0's operator. Returns the leaves.
    function _commitEpoch0(uint256 n) internal returns (ReceiptLeaf[] memory leaves, bytes32[] memory hashes) {
        manager.openEpoch(0);
        leaves = new ReceiptLeaf[](n);
        hashes = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            leaves[i] = _leaf(0, i % 4, PoSeLib.RESULT_PASS, false);
            hashes[i] = _leafHash(leaves[i]);
        }
        vm.warp(manager.epochStart(1));
        vm.prank(operators[0]);
        // forge-lint: disable-next-line(unsafe-typecast)
        manager.commitEpoch(0, _nodeId(0), _root(hashes), keccak256("summary"), uint32(n));
    }

    function _draw(uint64 epochId) internal {
        vm.roll(block.number + 2);
        manager.drawSamples(epochId);
    }

    function _revealAll(uint64 epochId, ReceiptLeaf[] memory leaves, bytes32[] memory hashes) internal {
        uint256 k = manager.epochInfo(epochId).sampleCount;
        for (uint256 s = 0; s < k; ++s) {
            uint256 idx = manager.sampleIndex(epochId, s);
            manager.revealSample(
                epochId, s, leaves[idx], _attest(epochId, leaves[idx], leaves[idx].resultCode), _proof(hashes, idx)
            );
        }
    }

    function _leafEvidence(ReceiptLeaf memory l, bytes32[] memory hashes, uint256 idx)
        internal
        pure
        returns (LeafEvidence memory)
    {
        return LeafEvidence({leaf: l, index: idx, proof: _proof(hashes, idx)});
    }
}
