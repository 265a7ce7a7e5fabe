// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {stdJson} from "forge-std/StdJson.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {PoSeFixture} from "../utils/PoSeFixture.sol";
import {StandardTree} from "../utils/PoSeTrees.sol";
import {PoSeManagerV2} from "../../src/PoSeManagerV2.sol";
import {INodeRegistry} from "../../src/interfaces/INodeRegistry.sol";
import {IPoSeManagerV2} from "../../src/interfaces/IPoSeManagerV2.sol";
import {IRewardDistributor} from "../../src/interfaces/IRewardDistributor.sol";
import {PoSeLib} from "../../src/libraries/PoSeLib.sol";
import {
    ReceiptLeaf,
    ReceiptMessageV2,
    Attestation,
    DoubleSignEvidence,
    FaultType,
    FaultStatus
} from "../../src/types/PoSeTypes.sol";

/// @dev Exposes PoSeLib's signature check (calldata parameters) to fuzz it directly.
contract PoSeLibHarness {
    function isValidSig(bytes32 digest, bytes calldata sig, address expected) external pure returns (bool) {
        return PoSeLib.isValidSig(digest, sig, expected);
    }
}

/// @dev The four registry views PoSeManagerV2 reads, with n active nodes (ids 1..n) and every
///      node active, run by this mock's `operator`: lets the witness and sampling arithmetic run
///      for any n and any count without registering nodes.
contract ActiveSetMock {
    uint256 public activeCount;
    address public operator;

    constructor(uint256 n, address operator_) {
        activeCount = n;
        operator = operator_;
    }

    function activeNodeAt(uint256 index) external view returns (bytes32) {
        require(index < activeCount, "ActiveSetMock: index");
        return bytes32(index + 1);
    }

    function operatorOf(bytes32) external view returns (address) {
        return operator;
    }

    function isActive(bytes32, uint8) external pure returns (bool) {
        return true;
    }
}

/// @notice Fuzz tests of PoSe v2 (PROPERTIES.md, "PoSe v2"):
///         C2 reward claims against random StandardMerkleTrees built in Solidity (leaf hashes equal
///         the contract's; every leaf of a registered node pays its operator once; a second claim,
///         a wrong amount, an internal node presented as a leaf and a 64-byte leaf (an internal
///         node's children as the leaf's fields) revert; claims never exceed the budget), and the
///         Solidity tree equals the JS library's on the fixtures;
///         C3 the split of a PoSe slash for any bond and severity;
///         C5 registration, challenge, receipt and attestation signatures: another chain id,
///         another verifying contract, high-s, the 64-byte form, a reused nonce, an expired
///         deadline and another epoch revert; a chain id change gives a new domain;
///         epoch arithmetic for any genesis, length and time; witness set size
///         m = min(ceil(sqrt(n)), 32) and quorum ceil(2m/3) for any n; sample indices distinct,
///         below the count and drawn only after the commit.
contract PoSeFuzzTest is PoSeFixture {
    using stdJson for string;

    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    uint256 internal constant MAX_REWARD = 1_000e18;
    bytes32 internal constant SLASHED_TOPIC = keccak256("Slashed(address,address,address,uint256,uint256,uint256,uint256)");

    PoSeLibHarness internal harness;
    bytes internal leavesEncoded; // epoch 0's committed leaves (abi-encoded ReceiptLeaf[])
    bytes32[] internal leafHashes;

    /// @dev Five nodes (operators 0..4), epoch 0 committed with 8 leaves and its 4 samples drawn.
    function setUp() public override {
        super.setUp();
        harness = new PoSeLibHarness();
        _registerAll(5);
        (ReceiptLeaf[] memory leaves, bytes32[] memory hashes) = _commitEpoch0(8);
        _draw(0);
        leavesEncoded = abi.encode(leaves);
        leafHashes = hashes;
    }

    // =====================================================================
    // C2: reward claims
    // =====================================================================

    struct RewardTree {
        bytes32[] nodes;
        uint256[] amounts;
        bytes32[] tree;
        uint256 registered; // leaves 0..registered-1 are registered nodes
        uint256 total; // Σ amounts of the registered leaves
    }

    /// @dev A random tree for epoch 0: the first `k` leaves are registered nodes 0..k-1, then
    ///      `extra` random unregistered ids; amounts in 1..MAX_REWARD.
    function _randomTree(uint256 seed, uint256 k, uint256 extra) internal view returns (RewardTree memory t) {
        t.registered = k;
        t.nodes = new bytes32[](k + extra);
        t.amounts = new uint256[](k + extra);
        bytes32[] memory hashes = new bytes32[](k + extra);
        for (uint256 i = 0; i < k + extra; ++i) {
            t.nodes[i] = i < k ? _nodeId(i) : keccak256(abi.encode("unregistered", seed, i));
            t.amounts[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1, MAX_REWARD);
            if (i < k) t.total += t.amounts[i];
            hashes[i] = StandardTree.leaf(0, t.nodes[i], t.amounts[i]);
            // the StandardMerkleTree leaf format, and the contract's leaf, for the same values
            assertEq(hashes[i], keccak256(bytes.concat(keccak256(abi.encode(uint64(0), t.nodes[i], t.amounts[i])))));
            assertEq(rewards.leafHash(0, t.nodes[i], t.amounts[i]), hashes[i], "C2: contract leafHash != standard leaf");
        }
        t.tree = StandardTree.build(hashes);
    }

    function _verifyAndPost(bytes32 root, uint256 budget) internal {
        ReceiptLeaf[] memory leaves = abi.decode(leavesEncoded, (ReceiptLeaf[]));
        _revealAll(0, leaves, leafHashes);
        _fund(owner, budget);
        vm.prank(owner);
        rewards.postRewardRoot(0, root, budget);
        vm.warp(block.timestamp + rewards.DISPUTE_PERIOD());
    }

    function _proofOf(RewardTree memory t, uint256 i) internal pure returns (bytes32[] memory) {
        return StandardTree.proof(t.tree, StandardTree.leaf(0, t.nodes[i], t.amounts[i]));
    }

    /// @notice C2: every registered leaf of a random tree pays its operator exactly once (claimed by
    ///         a stranger on the node's behalf); a second claim reverts; unregistered leaves never pay;
    ///         the whole budget (Σ registered amounts) is paid out, no more.
    function testFuzz_rewardClaim_randomTree_succeeds(uint256 seed, uint8 k, uint8 extra) public {
        RewardTree memory t = _randomTree(seed, bound(k, 1, 5), bound(extra, 0, 11));
        _verifyAndPost(t.tree[0], t.total);
        for (uint256 i = t.registered; i < t.nodes.length; ++i) {
            bytes32[] memory p = _proofOf(t, i);
            if (t.amounts[i] > t.total) {
                vm.expectRevert(
                    abi.encodeWithSelector(IRewardDistributor.RewardOverBudget.selector, 0, t.total, t.amounts[i])
                );
            } else {
                vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardUnknownNode.selector, t.nodes[i]));
            }
            rewards.rewardClaim(0, t.nodes[i], t.amounts[i], p);
        }
        for (uint256 i = 0; i < t.registered; ++i) {
            bytes32[] memory p = _proofOf(t, i);
            uint256 before = vault.freeBalance(address(token), operators[i]);
            vm.prank(stranger);
            rewards.rewardClaim(0, t.nodes[i], t.amounts[i], p);
            assertEq(vault.freeBalance(address(token), operators[i]) - before, t.amounts[i], "C2: pays the operator");
            assertTrue(rewards.isClaimed(0, t.nodes[i]));
            vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardAlreadyClaimed.selector, 0, t.nodes[i]));
            vm.prank(operators[i]);
            rewards.rewardClaim(0, t.nodes[i], t.amounts[i], p);
        }
        assertEq(rewards.rewardRoot(0).claimed, t.total, "C2: claimed == budget");
        assertEq(vault.escrowOf(address(token), address(rewards)), 0, "C2: nothing left in escrow");
        _assertConservation();
    }

    /// @notice C2: a budget below the leaves' total pays leaves in claim order until the next
    ///         would exceed it, which reverts; the epoch never pays over its budget.
    function testFuzz_rewardClaim_overBudget_reverts(uint256 seed, uint256 budget) public {
        RewardTree memory t = _randomTree(seed, 5, 0);
        budget = bound(budget, 1, t.total - 1);
        _verifyAndPost(t.tree[0], budget);
        uint256 claimed;
        for (uint256 i = 0; i < 5; ++i) {
            bytes32[] memory p = _proofOf(t, i);
            if (claimed + t.amounts[i] > budget) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IRewardDistributor.RewardOverBudget.selector, 0, budget, claimed + t.amounts[i]
                    )
                );
                rewards.rewardClaim(0, t.nodes[i], t.amounts[i], p);
            } else {
                rewards.rewardClaim(0, t.nodes[i], t.amounts[i], p);
                claimed += t.amounts[i];
            }
        }
        assertEq(rewards.rewardRoot(0).claimed, claimed);
        assertLe(claimed, budget, "C2: never over budget");
    }

    /// @notice C2: any other amount than the leaf's reverts.
    function testFuzz_rewardClaim_wrongAmount_reverts(uint256 seed, uint8 which, uint256 wrong) public {
        RewardTree memory t = _randomTree(seed, 5, 3);
        uint256 i = bound(which, 0, 4);
        vm.assume(wrong != t.amounts[i]);
        _verifyAndPost(t.tree[0], t.total);
        bytes32[] memory p = _proofOf(t, i);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardInvalidProof.selector, 0, t.nodes[i]));
        rewards.rewardClaim(0, t.nodes[i], wrong, p);
        assertFalse(rewards.isClaimed(0, t.nodes[i]));
    }

    /// @dev An internal (non-leaf) position of the tree, the sorted pair of its children.
    function _internal(RewardTree memory t, uint256 pick)
        internal
        pure
        returns (uint256 pos, bytes32 left, bytes32 right)
    {
        pos = bound(pick, 0, (t.tree.length - 1) / 2 - 1); // internal nodes are 0..n-2
        (left, right) = (t.tree[2 * pos + 1], t.tree[2 * pos + 2]);
        if (right < left) (left, right) = (right, left);
        assertEq(keccak256(abi.encodePacked(left, right)), t.tree[pos], "children hash to the internal node");
    }

    /// @notice C2, 64-byte leaf: the 64 bytes that hash to an internal node (its two children) as
    ///         the leaf's (nodeId, amount), with the internal node's proof, revert: a leaf is the
    ///         hash of a 32-byte hash, never of 64 bytes.
    function testFuzz_rewardClaim_64ByteLeafForgery_reverts(uint256 seed, uint8 size, uint256 pick) public {
        RewardTree memory t = _randomTree(seed, 5, bound(size, 0, 11));
        (uint256 pos, bytes32 left, bytes32 right) = _internal(t, pick);
        _verifyAndPost(t.tree[0], t.total);
        bytes32[] memory p = StandardTree.proofAt(t.tree, pos);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardInvalidProof.selector, 0, left));
        rewards.rewardClaim(0, left, uint256(right), p);
    }

    /// @notice C2, internal node as a leaf: an internal node's hash as the node id (any amount)
    ///         with its proof reverts, as does the proof of a real leaf shortened to end at an
    ///         internal node.
    function testFuzz_rewardClaim_internalNodeForgery_reverts(uint256 seed, uint8 size, uint256 pick, uint256 amount)
        public
    {
        RewardTree memory t = _randomTree(seed, 5, bound(size, 0, 11));
        (uint256 pos,,) = _internal(t, pick);
        _verifyAndPost(t.tree[0], t.total);
        bytes32[] memory p = StandardTree.proofAt(t.tree, pos);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardInvalidProof.selector, 0, t.tree[pos]));
        rewards.rewardClaim(0, t.tree[pos], amount, p);
        // a registered leaf's proof without its last element proves the leaf under an internal node
        bytes32[] memory full = _proofOf(t, 0);
        if (full.length > 0) {
            bytes32[] memory shortened = new bytes32[](full.length - 1);
            for (uint256 j = 0; j < shortened.length; ++j) {
                shortened[j] = full[j];
            }
            vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardInvalidProof.selector, 0, t.nodes[0]));
            rewards.rewardClaim(0, t.nodes[0], t.amounts[0], shortened);
        }
    }

    /// @notice The Solidity StandardTree equals @openzeppelin/merkle-tree 1.0.8 on every fixture
    ///         tree (test/fixtures/reward-tree.json): same root, same proof for every leaf.
    function test_standardTree_matchesJsLibrary_succeeds() public view {
        string memory json = vm.readFile("test/fixtures/reward-tree.json");
        for (uint256 ti = 0; ti < 6; ++ti) {
            string memory base = string.concat(".trees[", vm.toString(ti), "]");
            uint64 epochId = uint64(json.readUint(string.concat(base, ".epochId")));
            uint256 n = 0;
            while (vm.keyExistsJson(json, string.concat(base, ".leaves[", vm.toString(n), "]"))) ++n;
            bytes32[] memory hashes = new bytes32[](n);
            for (uint256 i = 0; i < n; ++i) {
                hashes[i] = _fixtureLeaf(json, base, epochId, i);
            }
            bytes32[] memory tree = StandardTree.build(hashes);
            assertEq(tree[0], json.readBytes32(string.concat(base, ".root")), "root differs from the JS library's");
            for (uint256 i = 0; i < n; ++i) {
                bytes32[] memory expected =
                    json.readBytes32Array(string.concat(base, ".leaves[", vm.toString(i), "].proof"));
                assertEq(StandardTree.proof(tree, hashes[i]), expected, "proof differs from the JS library's");
            }
        }
    }

    function _fixtureLeaf(string memory json, string memory base, uint64 epochId, uint256 i)
        internal
        view
        returns (bytes32 h)
    {
        string memory lb = string.concat(base, ".leaves[", vm.toString(i), "]");
        bytes32 nodeId = json.readBytes32(string.concat(lb, ".nodeId"));
        uint256 amount = vm.parseUint(json.readString(string.concat(lb, ".amount")));
        h = StandardTree.leaf(epochId, nodeId, amount);
        assertEq(h, json.readBytes32(string.concat(lb, ".leafHash")), "leaf differs from the JS library's");
        assertEq(rewards.leafHash(epochId, nodeId, amount), h, "contract leaf differs from the JS library's");
    }

    // =====================================================================
    // C3: slash split
    // =====================================================================

    struct SplitCheck {
        uint256 reporterFree;
        uint256 insurance;
        uint256 burned;
        uint256 sink;
    }

    function _splitBefore(address who) internal view returns (SplitCheck memory c) {
        c.reporterFree = vault.freeBalance(address(token), who);
        c.insurance = vault.insurance(address(token));
        c.burned = vault.burned(address(token));
        c.sink = token.balanceOf(vault.BURN_SINK());
    }

    /// @dev Checks the vault's Slashed event of `amount` and the balances it moved (the reporter
    ///      also got `extra`, its fault bond back).
    function _assertSplit(Vm.Log[] memory logs, uint256 amount, address who, SplitCheck memory b, uint256 extra)
        internal
        view
    {
        uint256 toReporter = Math.mulDiv(amount, 3_000, 10_000);
        uint256 toInsurance = Math.mulDiv(amount, 2_000, 10_000);
        uint256 burned = amount - toReporter - toInsurance;
        bool seen;
        for (uint256 i = 0; i < logs.length; ++i) {
            if (logs[i].emitter != address(vault) || logs[i].topics[0] != SLASHED_TOPIC) continue;
            (uint256 a, uint256 bu, uint256 r, uint256 ins) = abi.decode(logs[i].data, (uint256, uint256, uint256, uint256));
            assertEq(a, amount);
            assertEq(bu + r + ins, a, "C3: burn + reporter + insurance == slashed");
            assertEq(r, toReporter, "C3: reporter 30 % rounded down");
            assertEq(ins, toInsurance, "C3: insurance 20 % rounded down");
            seen = true;
        }
        assertEq(seen, amount != 0, "one Slashed event iff something was slashed");
        assertEq(vault.freeBalance(address(token), who) - b.reporterFree, toReporter + extra, "reporter credited");
        assertEq(vault.insurance(address(token)) - b.insurance, toInsurance, "insurance credited");
        assertEq(vault.burned(address(token)) - b.burned, burned, "burned pool");
        assertEq(token.balanceOf(vault.BURN_SINK()) - b.sink, burned, "burn sink received the rest");
    }

    /// @notice C3 (and the C4 formula) for any bond and severity: the registry slashes
    ///         min(severity × 5 % × stake, bond) and the vault splits it exactly.
    function testFuzz_slash_anyBondAnySeverity_splitExact_succeeds(uint256 bond, uint16 severity, uint64 epochId)
        public
    {
        bond = bound(bond, MIN_BOND, type(uint128).max);
        severity = uint16(bound(severity, 0, 10_000));
        bytes32 id = _register(5, CAP_U, bond);
        uint256 expected = Math.min(Math.mulDiv(Math.mulDiv(bond, 500, 10_000), severity, 10_000), bond);
        SplitCheck memory b = _splitBefore(reporter);
        vm.recordLogs();
        vm.prank(address(faults));
        uint256 amount = registry.slash(id, epochId, severity, reporter);
        assertEq(amount, expected, "C4: severity x 5 % of the stake");
        _assertSplit(vm.getRecordedLogs(), amount, reporter, b, 0);
        (uint256 slashed, uint256 capBase) = registry.slashedIn(operators[5], epochId);
        assertEq(slashed, amount);
        assertEq(capBase, bond, "cap base = stake at the first slash");
        _assertConservation();
    }

    /// @notice C3 through the whole fault path (commit, reveal, settle) of a double signature
    ///         against a node with any bond: slashed = 5 % of the stake, split exactly, the
    ///         reporter gets its bond back on top.
    function testFuzz_settleFault_doubleSignature_splitExact_succeeds(uint256 bond) public {
        bond = bound(bond, MIN_BOND, type(uint128).max);
        bytes32 target = _register(5, CAP_U, bond);
        vm.warp(manager.epochStart(2));
        DoubleSignEvidence memory ev = _doubleSignOf(5, 1);
        bytes32 c = faults.commitmentOf(reporter, 1, target, FaultType.DoubleSignature, keccak256(abi.encode(ev)), bytes32(0));
        _fund(reporter, FAULT_BOND);
        vm.prank(reporter);
        bytes32 fid = faults.commitFault(c);
        vm.roll(block.number + 1);
        vm.prank(reporter);
        faults.revealDoubleSignature(c, 1, target, ev, bytes32(0));
        vm.warp(block.timestamp + REBUTTAL);
        SplitCheck memory b = _splitBefore(reporter);
        vm.recordLogs();
        uint256 amount = faults.settleFault(fid);
        assertEq(amount, Math.mulDiv(bond, 500, 10_000), "severity 100 % of the 5 % cap");
        _assertSplit(vm.getRecordedLogs(), amount, reporter, b, FAULT_BOND);
        _assertConservation();
    }

    function _doubleSignOf(uint256 i, uint64 epochId) internal returns (DoubleSignEvidence memory ev) {
        ReceiptLeaf memory l = _leaf(epochId, i, PoSeLib.RESULT_PASS, false);
        ReceiptMessageV2 memory b = abi.decode(abi.encode(l.receipt), (ReceiptMessageV2));
        b.responseHash = keccak256(abi.encode("other answer", l.receipt.responseHash));
        ev = DoubleSignEvidence({a: l.receipt, sigA: l.nodeSig, b: b, sigB: _sig(nodeWallets[i].privateKey, _hashReceipt(b))});
    }

    // =====================================================================
    // C5: registration signatures
    // =====================================================================

    function _walletFor(uint256 key) internal returns (Vm.Wallet memory w, bytes32 id) {
        w = vm.createWallet(bound(key, 1, SECP256K1_N - 1));
        id = keccak256(_pubkey(w));
        vm.assume(registry.node(id).status == INodeRegistry.NodeStatus.None);
    }

    function _regDigestOn(address verifyingContract, uint256 chainId, bytes32 id, uint64 nonce, uint64 dl)
        internal
        view
        returns (bytes32)
    {
        bytes32 typeHash = keccak256(
            "NodeRegistration(bytes32 nodeId,address operator,uint8 capabilities,bytes32 endpointCommitment,uint64 nonce,uint64 deadline)"
        );
        bytes32 structHash = keccak256(abi.encode(typeHash, id, operators[0], CAP_U, bytes32(0), nonce, dl));
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("PactumNodeRegistry"),
                keccak256("1"),
                chainId,
                verifyingContract
            )
        );
        return keccak256(abi.encodePacked(hex"1901", domain, structHash));
    }

    function _expectBadRegistration(Vm.Wallet memory w, bytes32 id, bytes memory sig, uint64 dl) internal {
        vm.prank(operators[0]);
        vm.expectRevert(abi.encodeWithSelector(INodeRegistry.RegistryInvalidSignature.selector, id));
        registry.register(_pubkey(w), CAP_U, bytes32(0), MIN_BOND, dl, sig);
    }

    /// @notice C5: the reference digest equals the registry's; signed for another chain id or
    ///         another verifying contract, a registration reverts.
    function testFuzz_register_wrongDomain_reverts(uint256 key, uint64 otherChain, address otherVerifier) public {
        vm.assume(otherChain != block.chainid && otherVerifier != address(registry));
        (Vm.Wallet memory w, bytes32 id) = _walletFor(key);
        _fund(operators[0], MIN_BOND);
        uint64 dl = uint64(block.timestamp + 1 hours);
        assertEq(
            _regDigestOn(address(registry), block.chainid, id, 0, dl),
            registry.registrationDigest(id, operators[0], CAP_U, bytes32(0), 0, dl),
            "reference digest"
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(w.privateKey, _regDigestOn(address(registry), otherChain, id, 0, dl));
        _expectBadRegistration(w, id, abi.encodePacked(r, s, v), dl);
        (v, r, s) = vm.sign(w.privateKey, _regDigestOn(otherVerifier, block.chainid, id, 0, dl));
        _expectBadRegistration(w, id, abi.encodePacked(r, s, v), dl);
    }

    /// @notice C5: for any key, the high-s twin (s' = n − s, v flipped) and the 64-byte compact
    ///         form of a valid registration signature revert; the canonical form registers.
    function testFuzz_register_malleableForms_reverts(uint256 key) public {
        (Vm.Wallet memory w, bytes32 id) = _walletFor(key);
        _fund(operators[0], MIN_BOND);
        uint64 dl = uint64(block.timestamp + 1 hours);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(w.privateKey, registry.registrationDigest(id, operators[0], CAP_U, bytes32(0), 0, dl));
        _expectBadRegistration(w, id, abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27)), dl);
        _expectBadRegistration(w, id, abi.encodePacked(r, bytes32(uint256(s) | (uint256(v - 27) << 255))), dl);
        vm.prank(operators[0]);
        assertEq(registry.register(_pubkey(w), CAP_U, bytes32(0), MIN_BOND, dl, abi.encodePacked(r, s, v)), id);
    }

    /// @notice C5: after an exit, the signature of the used nonce no longer registers the node;
    ///         one over the next nonce does.
    function testFuzz_register_reusedNonce_reverts(uint256 key, uint64 wait) public {
        (Vm.Wallet memory w, bytes32 id) = _walletFor(key);
        _fund(operators[0], 2 * MIN_BOND);
        uint64 dl = uint64(block.timestamp + 30 days);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(w.privateKey, registry.registrationDigest(id, operators[0], CAP_U, bytes32(0), 0, dl));
        bytes memory first = abi.encodePacked(r, s, v);
        vm.startPrank(operators[0]);
        registry.register(_pubkey(w), CAP_U, bytes32(0), MIN_BOND, dl, first);
        registry.beginUnbonding(id);
        vm.warp(block.timestamp + 7 days + bound(wait, 0, 20 days));
        registry.withdrawBond(id);
        vm.stopPrank();
        _expectBadRegistration(w, id, first, dl);
        (v, r, s) = vm.sign(w.privateKey, registry.registrationDigest(id, operators[0], CAP_U, bytes32(0), 1, dl));
        vm.prank(operators[0]);
        registry.register(_pubkey(w), CAP_U, bytes32(0), MIN_BOND, dl, abi.encodePacked(r, s, v));
        assertEq(registry.registrationNonce(id), 2);
    }

    /// @notice C5: a deadline in the past reverts, whatever the signature.
    function testFuzz_register_expired_reverts(uint256 key, uint64 ago) public {
        (Vm.Wallet memory w, bytes32 id) = _walletFor(key);
        _fund(operators[0], MIN_BOND);
        uint64 dl = uint64(block.timestamp - bound(ago, 1, block.timestamp));
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(w.privateKey, registry.registrationDigest(id, operators[0], CAP_U, bytes32(0), 0, dl));
        vm.prank(operators[0]);
        vm.expectRevert(abi.encodeWithSelector(INodeRegistry.RegistrySignatureExpired.selector, dl));
        registry.register(_pubkey(w), CAP_U, bytes32(0), MIN_BOND, dl, abi.encodePacked(r, s, v));
    }

    // =====================================================================
    // C5: challenge, receipt and attestation signatures (revealSample)
    // =====================================================================

    struct Sample {
        ReceiptLeaf leaf;
        Attestation[] atts;
        bytes32[] proof;
        uint256 nodeIndex;
    }

    /// @dev Sample `j` of epoch 0, ready to reveal.
    function _sample(uint256 j) internal view returns (Sample memory s) {
        ReceiptLeaf[] memory leaves = abi.decode(leavesEncoded, (ReceiptLeaf[]));
        uint256 idx = manager.sampleIndex(0, j);
        s.leaf = leaves[idx];
        s.nodeIndex = idx % 4;
        s.atts = _attest(0, s.leaf, PoSeLib.RESULT_PASS);
        s.proof = _proof(leafHashes, idx);
    }

    function _witnessKey(bytes32 w) internal view returns (uint256) {
        for (uint256 i = 0; i < nodeWallets.length; ++i) {
            if (_nodeId(i) == w) return nodeWallets[i].privateKey;
        }
        revert("not a test node");
    }

    /// @dev Replaces signature `which` (0 challenger, 1 node, 2 first attestation) with `sig(key,
    ///      struct hash)` and expects the revert that names its signer.
    function _replaceAndExpect(Sample memory s, uint256 which, function(uint256, bytes32) view returns (bytes memory) signer)
        internal
    {
        bytes32 cid = s.leaf.challenge.challengeId;
        if (which == 0) {
            s.leaf.challengerSig = signer(challengerKey, _hashChallenge(s.leaf.challenge));
            vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeInvalidSignature.selector, cid, challenger));
        } else if (which == 1) {
            s.leaf.nodeSig = signer(nodeWallets[s.nodeIndex].privateKey, _hashReceipt(s.leaf.receipt));
            vm.expectRevert(
                abi.encodeWithSelector(IPoSeManagerV2.PoSeInvalidSignature.selector, cid, nodeWallets[s.nodeIndex].addr)
            );
        } else {
            bytes32 w = s.atts[0].witnessNodeId;
            bytes32 sh = keccak256(
                abi.encode(PoSeLib.ATTESTATION_TYPEHASH, cid, uint64(0), _hashReceipt(s.leaf.receipt), w, PoSeLib.RESULT_PASS)
            );
            s.atts[0].signature = signer(_witnessKey(w), sh);
            vm.expectRevert(
                abi.encodeWithSelector(IPoSeManagerV2.PoSeInvalidSignature.selector, cid, PoSeLib.signerOf(w))
            );
        }
    }

    uint256 internal otherChainId;
    address internal otherContract;
    bool internal compactForm;

    function _signOtherChain(uint256 key, bytes32 structHash) internal view returns (bytes memory) {
        // the manager's domain with another chain id
        bytes32 domain = keccak256(
            abi.encode(PoSeLib.DOMAIN_TYPEHASH, PoSeLib.NAME_HASH, PoSeLib.VERSION_HASH, otherChainId, address(manager))
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, keccak256(abi.encodePacked(hex"1901", domain, structHash)));
        return abi.encodePacked(r, s, v);
    }

    function _signOtherContract(uint256 key, bytes32 structHash) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, PoSeLib.digest(otherContract, structHash));
        return abi.encodePacked(r, s, v);
    }

    function _signMalleable(uint256 key, bytes32 structHash) internal view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, PoSeLib.digest(address(manager), structHash));
        if (compactForm) return abi.encodePacked(r, bytes32(uint256(s) | (uint256(v - 27) << 255)));
        return abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
    }

    function _reveal(uint256 j, Sample memory s) internal {
        manager.revealSample(0, j, s.leaf, s.atts, s.proof);
    }

    /// @notice C5: a challenge, receipt or attestation signed for another chain id reverts.
    function testFuzz_revealSample_wrongChainId_reverts(uint64 chainId, uint8 which, uint8 sample) public {
        vm.assume(chainId != block.chainid);
        otherChainId = chainId;
        uint256 j = bound(sample, 0, 3);
        Sample memory s = _sample(j);
        _replaceAndExpect(s, which % 3, _signOtherChain);
        _reveal(j, s);
    }

    /// @notice C5: a challenge, receipt or attestation signed for another verifying contract reverts.
    function testFuzz_revealSample_wrongVerifyingContract_reverts(address other, uint8 which, uint8 sample) public {
        vm.assume(other != address(manager));
        otherContract = other;
        uint256 j = bound(sample, 0, 3);
        Sample memory s = _sample(j);
        _replaceAndExpect(s, which % 3, _signOtherContract);
        _reveal(j, s);
    }

    /// @notice C5: the high-s twin or the 64-byte compact form of a valid challenge, receipt or
    ///         attestation signature reverts; the canonical forms reveal.
    function testFuzz_revealSample_malleableForms_reverts(uint8 which, bool compact, uint8 sample) public {
        compactForm = compact;
        uint256 j = bound(sample, 0, 3);
        Sample memory s = _sample(j);
        _replaceAndExpect(s, which % 3, _signMalleable);
        _reveal(j, s);
        _reveal(j, _sample(j));
        assertTrue(manager.epochInfo(0).revealed & (uint256(1) << j) != 0);
    }

    /// @notice C5: a challenger nonce already used by a revealed sample reverts on another sample.
    function testFuzz_revealSample_reusedNonce_reverts(uint8 first, uint8 second) public {
        uint256 a = bound(first, 0, 3);
        uint256 b = (a + 1 + bound(second, 0, 2)) % 4;
        Sample memory sa = _sample(a);
        _reveal(a, sa);
        Sample memory again = _sample(b);
        (again.leaf, again.atts) = (sa.leaf, sa.atts);
        vm.expectRevert(
            abi.encodeWithSelector(IPoSeManagerV2.PoSeNonceReused.selector, challenger, sa.leaf.challenge.nonce)
        );
        _reveal(b, again);
    }

    /// @notice C5 "expired": a pass for an answer after the challenge deadline reverts for any
    ///         lateness; an answer exactly at the deadline is not late (it fails later, on the proof,
    ///         as it is not in the tree).
    function testFuzz_revealSample_lateAnswerAsPass_reverts(uint64 lateBy, uint8 sample) public {
        uint256 j = bound(sample, 0, 3);
        Sample memory s = _sample(j);
        ReceiptLeaf memory l = _leaf(0, s.nodeIndex, PoSeLib.RESULT_PASS, false);
        l.receipt.respondedAt = l.challenge.deadline + uint64(bound(lateBy, 1, type(uint64).max - l.challenge.deadline));
        l.nodeSig = _sig(nodeWallets[s.nodeIndex].privateKey, _hashReceipt(l.receipt));
        Attestation[] memory atts = _attest(0, l, PoSeLib.RESULT_PASS);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeTimeoutAsPass.selector, l.challenge.challengeId));
        manager.revealSample(0, j, l, atts, s.proof);
        l.receipt.respondedAt = l.challenge.deadline;
        l.nodeSig = _sig(nodeWallets[s.nodeIndex].privateKey, _hashReceipt(l.receipt));
        atts = _attest(0, l, PoSeLib.RESULT_PASS);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeInvalidProof.selector, 0, manager.sampleIndex(0, j)));
        manager.revealSample(0, j, l, atts, s.proof);
    }

    /// @notice C5: a correctly signed leaf of another epoch reverts (ids do not bind); attestations
    ///         signed for another epoch do not count.
    function testFuzz_revealSample_wrongEpoch_reverts(uint64 epochId, uint8 sample) public {
        epochId = uint64(bound(epochId, 1, 2 ** 40));
        uint256 j = bound(sample, 0, 3);
        Sample memory s = _sample(j);
        ReceiptLeaf memory l = _leaf(epochId, s.nodeIndex, PoSeLib.RESULT_PASS, false);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeIdsDoNotBind.selector, l.challenge.challengeId));
        manager.revealSample(0, j, l, s.atts, s.proof);
        // the right leaf, its first attestation signed for `epochId`
        bytes32 w = s.atts[0].witnessNodeId;
        bytes32 cid = s.leaf.challenge.challengeId;
        bytes32 sh = keccak256(
            abi.encode(PoSeLib.ATTESTATION_TYPEHASH, cid, epochId, _hashReceipt(s.leaf.receipt), w, PoSeLib.RESULT_PASS)
        );
        s.atts[0].signature = _sig(_witnessKey(w), sh);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeInvalidSignature.selector, cid, PoSeLib.signerOf(w)));
        _reveal(j, s);
    }

    /// @notice C5: a chain id change gives new domains (registry and manager); signatures made
    ///         before it stop verifying, and verify again on the original chain.
    function testFuzz_domain_chainIdChange_newDomain_succeeds(uint64 chainId, uint8 sample) public {
        vm.assume(chainId != block.chainid);
        uint256 original = block.chainid;
        uint256 j = bound(sample, 0, 3);
        Sample memory s = _sample(j);
        bytes32 managerDomain = manager.domainSeparator();
        bytes32 regDigest = registry.registrationDigest(_nodeId(5), operators[5], CAP_U, bytes32(0), 0, 1);
        vm.chainId(chainId);
        assertTrue(manager.domainSeparator() != managerDomain, "new PoSe domain");
        assertTrue(
            registry.registrationDigest(_nodeId(5), operators[5], CAP_U, bytes32(0), 0, 1) != regDigest,
            "new registration domain"
        );
        vm.expectRevert(
            abi.encodeWithSelector(IPoSeManagerV2.PoSeInvalidSignature.selector, s.leaf.challenge.challengeId, challenger)
        );
        _reveal(j, s);
        vm.chainId(original);
        _reveal(j, s);
    }

    /// @notice C5: double-signature evidence signed under another chain id proves nothing: the
    ///         fault is rejected and its bond goes to insurance.
    function testFuzz_revealDoubleSignature_otherChain_rejected(uint64 chainId) public {
        vm.assume(chainId != block.chainid);
        otherChainId = chainId;
        bytes32 target = _nodeId(1);
        DoubleSignEvidence memory ev = _doubleSignOf(1, 1);
        ev.sigA = _signOtherChain(nodeWallets[1].privateKey, _hashReceipt(ev.a));
        ev.sigB = _signOtherChain(nodeWallets[1].privateKey, _hashReceipt(ev.b));
        vm.warp(manager.epochStart(2));
        bytes32 c = faults.commitmentOf(reporter, 1, target, FaultType.DoubleSignature, keccak256(abi.encode(ev)), bytes32(0));
        _fund(reporter, FAULT_BOND);
        vm.prank(reporter);
        bytes32 fid = faults.commitFault(c);
        vm.roll(block.number + 1);
        uint256 insuranceBefore = vault.insurance(address(token));
        vm.prank(reporter);
        faults.revealDoubleSignature(c, 1, target, ev, bytes32(0));
        assertEq(uint8(faults.fault(fid).status), uint8(FaultStatus.Rejected));
        assertEq(vault.insurance(address(token)) - insuranceBefore, FAULT_BOND);
    }

    /// @notice C5 at the library: for any key and digest the canonical signature verifies and its
    ///         high-s twin, its 64-byte form and any other expected signer do not.
    function testFuzz_isValidSig_onlyCanonicalForm_succeeds(uint256 key, bytes32 digest, address other) public view {
        key = bound(key, 1, SECP256K1_N - 1);
        address signer = vm.addr(key);
        vm.assume(other != signer);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        assertTrue(harness.isValidSig(digest, abi.encodePacked(r, s, v), signer));
        assertFalse(harness.isValidSig(digest, abi.encodePacked(r, s, v), other));
        assertFalse(
            harness.isValidSig(
                digest, abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27)), signer
            ),
            "high-s"
        );
        assertFalse(harness.isValidSig(digest, abi.encodePacked(r, bytes32(uint256(s) | (uint256(v - 27) << 255))), signer), "64-byte");
        assertFalse(harness.isValidSig(digest, abi.encodePacked(r, s, v), address(0)), "zero signer");
    }

    // =====================================================================
    // Epochs, witnesses, samples
    // =====================================================================

    /// @notice For any genesis, epoch length and time: currentEpoch = (t − genesis) / length, the
    ///         current epoch starts at or before t and the next one after it, epochs are `length`
    ///         apart and an epoch's window ends where epoch e + 3 starts; an epoch opens only once
    ///         it has started.
    function testFuzz_epochArithmetic_consistent_succeeds(uint256 genesis, uint256 length, uint256 t) public {
        genesis = bound(genesis, 0, 2 ** 40);
        length = bound(length, 1, 2 ** 32);
        t = bound(t, genesis, genesis + 2 ** 48);
        vm.warp(genesis);
        PoSeManagerV2 m = new PoSeManagerV2(owner, address(registry), genesis, length, 4);
        vm.warp(t);
        uint64 e = m.currentEpoch();
        assertEq(e, (t - genesis) / length, "current epoch");
        assertLe(m.epochStart(e), t, "the current epoch has started");
        assertGt(m.epochStart(e + 1), t, "the next one has not");
        assertEq(m.epochStart(e + 1) - m.epochStart(e), length);
        assertEq(m.epochStart(e), genesis + uint256(e) * length);
        assertEq(m.windowEnd(e), m.epochStart(e + 3), "window: until epoch e + 3 starts");
        assertGt(m.windowEnd(e), t, "the current epoch's window is open");
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeEpochNotStarted.selector, e + 1));
        m.openEpoch(e + 1);
        m.openEpoch(e);
        assertEq(uint8(m.epochState(e)), uint8(IPoSeManagerV2.EpochState.Open));
    }

    /// @notice For any number n of active nodes: m = min(ceil(sqrt(n)), 32) witnesses, each a
    ///         distinct active node holding one of the slots 1..m, and quorum q = ceil(2m/3).
    function testFuzz_openEpoch_witnessSetAndQuorum_succeeds(uint256 n, bytes32 randao) public {
        n = bound(n, 0, 1_200);
        vm.prevrandao(randao);
        ActiveSetMock set = new ActiveSetMock(n, address(this));
        PoSeManagerV2 m = new PoSeManagerV2(owner, address(set), block.timestamp, EPOCH, 4);
        if (n == 0) {
            // no witnesses possible: the epoch does not open
            vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeNoActiveNodes.selector, 0));
            m.openEpoch(0);
            return;
        }
        m.openEpoch(0);
        uint256 w = m.epochInfo(0).witnessCount;
        uint256 q = m.quorum(0);
        // m: the smallest integer with m² ≥ n, capped at 32
        assertLe(w, 32);
        if (w < 32) {
            assertGe(w * w, n, "m^2 >= n");
            if (w > 0) assertLt((w - 1) * (w - 1), n, "(m-1)^2 < n");
        } else {
            assertGt(n, 31 * 31, "capped only when ceil(sqrt(n)) > 32");
        }
        // q: the smallest integer with 3q ≥ 2m
        assertGe(3 * q, 2 * w, "3q >= 2m");
        if (q > 0) assertLt(3 * (q - 1), 2 * w, "3(q-1) < 2m");
        // each slot 1..m held by exactly one active node
        uint256[] memory holders = new uint256[](w + 1);
        for (uint256 i = 0; i < n; ++i) {
            uint256 slot = m.witnessSlot(0, bytes32(i + 1));
            assertLe(slot, w);
            holders[slot] += 1;
        }
        for (uint256 slot = 1; slot <= w; ++slot) {
            assertEq(holders[slot], 1, "one witness per slot");
        }
    }

    /// @notice For any count and sample block hash: samples are drawn only after a commit and
    ///         from a block after the commit's, their seed binds the committed root, and the k =
    ///         min(sampleCount, count) indices are distinct and below the count.
    function testFuzz_drawSamples_afterCommitInRange_succeeds(uint32 count, uint8 sampleCount, bytes32 bh, bytes32 root)
        public
    {
        count = uint32(bound(count, 1, type(uint32).max));
        sampleCount = uint8(bound(sampleCount, 1, 128));
        vm.assume(bh != bytes32(0));
        ActiveSetMock set = new ActiveSetMock(4, address(this));
        PoSeManagerV2 m = new PoSeManagerV2(owner, address(set), block.timestamp, EPOCH, sampleCount);
        vm.prank(owner);
        m.setAggregator(bytes32(uint256(1)), true);
        m.openEpoch(0);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeNotCommitted.selector, 0));
        m.drawSamples(0);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeSamplesNotDrawn.selector, 0));
        m.sampleIndex(0, 0);
        vm.warp(m.epochStart(1));
        m.commitEpoch(0, bytes32(uint256(1)), root, bytes32(0), count);
        uint64 sb = m.epochInfo(0).sampleBlock;
        assertEq(sb, block.number + 1, "sample block after the commit's");
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeSampleBlockNotReached.selector, 0, sb));
        m.drawSamples(0);
        vm.roll(sb);
        vm.expectRevert(abi.encodeWithSelector(IPoSeManagerV2.PoSeSampleBlockNotReached.selector, 0, sb));
        m.drawSamples(0);
        vm.roll(sb + 1);
        vm.setBlockhash(sb, bh);
        m.drawSamples(0);
        _assertSamples(m, count, Math.min(sampleCount, count), keccak256(abi.encode(bh, uint64(0), root)));
    }

    function _assertSamples(PoSeManagerV2 m, uint256 count, uint256 k, bytes32 seed) internal view {
        IPoSeManagerV2.EpochInfo memory info = m.epochInfo(0);
        assertEq(info.sampleSeed, seed == bytes32(0) ? bytes32(uint256(1)) : seed, "seed binds the block hash and root");
        assertEq(info.sampleCount, k);
        uint256[] memory idx = new uint256[](k);
        for (uint256 j = 0; j < k; ++j) {
            idx[j] = m.sampleIndex(0, j);
            assertLt(idx[j], count, "index below the count");
            for (uint256 i = 0; i < j; ++i) {
                assertTrue(idx[i] != idx[j], "distinct samples");
            }
        }
    }
}
