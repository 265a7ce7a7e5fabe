// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PoSeHandlerBase} from "./PoSeHandlerBase.sol";
import {PoSeStore} from "./PoSeStore.sol";
import {StandardTree} from "../../utils/PoSeTrees.sol";
import {IRewardDistributor} from "../../../src/interfaces/IRewardDistributor.sol";

/// @notice The reward oracle and claimants: posts a reward root (StandardMerkleTree built in
///         Solidity) for a verified epoch with its budget, honest or provably wrong (over budget, a
///         leaf for an unregistered node or over the per-node cap); anyone disputes within the
///         dispute period; anyone claims a leaf for its node (paying the operator), also with a
///         wrong amount and a second time; anyone sweeps after the claim period.
///         Checks (C2): a claim pays iff it is the first for (epoch, node), the node is registered
///         and the epoch stays within budget; it pays the operator exactly; wrong amounts and second
///         claims never pay; a dispute succeeds iff the root is provably wrong at that moment.
contract PoSeOracleHandler is PoSeHandlerBase {
    address internal immutable oracle;
    uint256 internal immutable MAX_REWARD;
    uint256 internal immutable DISPUTE;
    uint256 internal immutable CLAIM;

    constructor(PoSeStore store_) PoSeHandlerBase(store_) {
        oracle = store_.owner();
        MAX_REWARD = rewards.MAX_REWARD_PER_NODE();
        DISPUTE = rewards.DISPUTE_PERIOD();
        CLAIM = rewards.CLAIM_PERIOD();
    }

    /// @notice Posts a root for a verified epoch without a live root. kindSeed % 5: 0-2 honest
    ///         (budget ≥ total), 3 total over budget, 4 an extra leaf for an unregistered node.
    function postRewardRoot(uint256 epochSeed, uint256 sizeSeed, uint256 amountSeed, uint256 kindSeed) external {
        (bool found, uint64 e) = _pickVerified(epochSeed);
        if (!found) return;
        bytes32[] memory registered = _registeredNodes();
        if (registered.length == 0) return;
        uint256 kind = kindSeed % 5;
        (bytes32[] memory nodes, uint256[] memory amounts, uint256 total) =
            _leaves(registered, sizeSeed, amountSeed, kind == 4 ? kindSeed : 0);
        uint256 budget = total + _bound(amountSeed >> 128, 0, total);
        if (kind == 3 && total > 1) budget = _bound(amountSeed >> 128, 1, total - 1);
        if (kind == 4) budget = total;
        bytes32 root = _tree(e, nodes, amounts)[0];
        store.ensureFree(oracle, budget);
        uint256 before = _free(oracle);
        vm.prank(oracle);
        rewards.postRewardRoot(e, root, budget);
        if (before - _free(oracle) != budget) store.violate("C1", "postRewardRoot: budget not taken from the oracle");
        store.addRoot(e, root, budget, nodes, amounts);
        store.count(kind < 3 ? bytes32("oracle.postHonest") : bytes32("oracle.postWrong"));
    }

    /// @dev 1 to 5 distinct registered nodes with amounts in 1..MAX_REWARD; plus, if
    ///      `unregisteredSeed` is not 0, a leaf for an unregistered node (amount up to twice the cap).
    function _leaves(bytes32[] memory registered, uint256 sizeSeed, uint256 amountSeed, uint256 unregisteredSeed)
        internal
        view
        returns (bytes32[] memory nodes, uint256[] memory amounts, uint256 total)
    {
        uint256 k = _bound(sizeSeed, 1, registered.length < 5 ? registered.length : 5);
        uint256 extra = unregisteredSeed != 0 ? 1 : 0;
        nodes = new bytes32[](k + extra);
        amounts = new uint256[](k + extra);
        for (uint256 j = 0; j < k; ++j) {
            nodes[j] = registered[((sizeSeed >> 8) + j) % registered.length];
            amounts[j] = _bound(uint256(keccak256(abi.encode(amountSeed, j))), 1, MAX_REWARD);
            total += amounts[j];
        }
        if (extra == 1) {
            nodes[k] = keccak256(abi.encode("unregistered node", unregisteredSeed));
            amounts[k] = _bound(amountSeed >> 64, 1, 2 * MAX_REWARD);
            total += amounts[k];
        }
    }

    /// @notice Someone disputes a posted root inside the dispute period: with the first bad leaf
    ///         if there is one, else with every leaf (total over budget, or nothing to prove).
    function dispute(uint256 epochSeed, uint256 callerSeed) external {
        (bool found, uint64 e) = _pickPosted(epochSeed, 0);
        if (!found) return;
        PoSeStore.RootRec memory r = store.rootRec(e);
        (uint256[] memory chosen, bool provable) = _disputeLeaves(r);
        bytes32[] memory tree = _tree(e, r.nodes, r.amounts);
        IRewardDistributor.RewardLeaf[] memory leaves = new IRewardDistributor.RewardLeaf[](chosen.length);
        bytes32[][] memory proofs = new bytes32[][](chosen.length);
        for (uint256 i = 0; i < chosen.length; ++i) {
            uint256 j = chosen[i];
            leaves[i] = IRewardDistributor.RewardLeaf(r.nodes[j], r.amounts[j]);
            proofs[i] = StandardTree.proof(tree, StandardTree.leaf(e, r.nodes[j], r.amounts[j]));
        }
        uint256 before = _free(oracle);
        vm.prank(store.strangerAt(callerSeed));
        try rewards.disputeRewardRoot(e, leaves, proofs) {
            if (!provable) store.violate("C2", "an honest reward root was rejected");
            if (_free(oracle) - before != r.budget) store.violate("C1", "rejected root: budget not back to the oracle");
            store.count("oracle.disputeUpheld");
        } catch {
            if (provable) store.violate("C2", "a provably wrong reward root could not be disputed");
            store.count("oracle.disputeRefused");
        }
    }

    /// @notice Anyone claims leaf `leafSeed` of a posted root open for claims (if none is, waits
    ///         for one, one time in three), first with a wrong amount, then as posted, then again.
    function claim(uint256 epochSeed, uint256 leafSeed, uint256 callerSeed) external {
        (bool found, uint64 e) = _pickPosted(epochSeed, 1);
        if (!found) {
            // none open for claims: wait for the dispute period of one to end, one time in three
            (found, e) = _pickPosted(epochSeed, 0);
            if (!found || callerSeed % 3 != 0) return;
            _warpTo(uint256(rewards.rewardRoot(e).postedAt) + DISPUTE);
        }
        address[] memory all = store.accounts();
        _claim(e, leafSeed, all[callerSeed % all.length]);
    }

    /// @notice Anyone sweeps a posted root after its claim period (if none is due, waits for
    ///         one, one time in six).
    function sweep(uint256 epochSeed, uint256 waitSeed) public {
        (bool found, uint64 e) = _pickPosted(epochSeed, 2);
        if (!found) {
            (found, e) = _pickPosted(epochSeed, 3);
            if (!found || waitSeed % 6 != 0) return;
            _warpTo(uint256(rewards.rewardRoot(e).postedAt) + DISPUTE + CLAIM);
        }
        IRewardDistributor.RewardRoot memory rr = rewards.rewardRoot(e);
        uint256 rest = uint256(rr.budget) - rr.claimed;
        uint256 before = vault.treasury(address(token));
        rewards.sweep(e);
        if (vault.treasury(address(token)) - before != rest) store.violate("C1", "sweep: treasury got another amount");
        store.addTreasury(rest);
        store.count("oracle.sweep");
    }

    // ------------------------------------------------------------------ helpers

    struct Claim {
        bytes32 node;
        uint256 amount;
        bytes32[] proof;
        address operator;
        bool payable_;
        uint256 before;
    }

    function _claim(uint64 e, uint256 leafSeed, address caller) internal {
        PoSeStore.RootRec memory r = store.rootRec(e);
        Claim memory c;
        uint256 j = leafSeed % r.nodes.length;
        (c.node, c.amount) = (r.nodes[j], r.amounts[j]);
        c.proof = StandardTree.proof(_tree(e, r.nodes, r.amounts), StandardTree.leaf(e, c.node, c.amount));
        c.operator = registry.operatorOf(c.node);
        c.payable_ = store.claimCount(e, c.node) == 0 && c.operator != address(0)
            && store.claimedSum(e) + c.amount <= r.budget;

        vm.prank(caller);
        try rewards.rewardClaim(e, c.node, c.amount + 1 + (leafSeed >> 128) % MAX_REWARD, c.proof) {
            store.violate("C2", "a claim with a wrong amount paid");
        } catch {}
        c.before = _free(c.operator);
        vm.prank(caller);
        try rewards.rewardClaim(e, c.node, c.amount, c.proof) {
            if (!c.payable_) store.violate("C2", "a claim paid twice, over budget or for an unregistered node");
            if (_free(c.operator) - c.before != c.amount) store.violate("C2", "a claim did not pay the node's operator");
            store.recordClaim(e, c.node, c.amount);
            store.count(caller == c.operator ? bytes32("oracle.claim") : bytes32("oracle.claimOnBehalf"));
        } catch {
            if (c.payable_) store.violate("C2", "a valid first claim was refused");
            return;
        }
        vm.prank(caller);
        try rewards.rewardClaim(e, c.node, c.amount, c.proof) {
            store.violate("C2", "a second claim paid");
        } catch {}
    }

    function _tree(uint64 e, bytes32[] memory nodes, uint256[] memory amounts) internal pure returns (bytes32[] memory) {
        bytes32[] memory hashes = new bytes32[](nodes.length);
        for (uint256 i = 0; i < nodes.length; ++i) {
            hashes[i] = StandardTree.leaf(e, nodes[i], amounts[i]);
        }
        return StandardTree.build(hashes);
    }

    /// @dev The leaves a disputer shows (the first over-cap or unregistered leaf, else all in
    ///      ascending node order) and whether they prove the root wrong now.
    function _disputeLeaves(PoSeStore.RootRec memory r) internal view returns (uint256[] memory chosen, bool provable) {
        uint256 n = r.nodes.length;
        uint256 total;
        for (uint256 j = 0; j < n; ++j) {
            if (r.amounts[j] > MAX_REWARD || registry.operatorOf(r.nodes[j]) == address(0)) {
                chosen = new uint256[](1);
                chosen[0] = j;
                return (chosen, true);
            }
            total += r.amounts[j];
        }
        chosen = new uint256[](n);
        for (uint256 j = 0; j < n; ++j) {
            chosen[j] = j;
        }
        for (uint256 a = 1; a < n; ++a) {
            for (uint256 b = a; b != 0 && r.nodes[chosen[b - 1]] > r.nodes[chosen[b]]; --b) {
                (chosen[b - 1], chosen[b]) = (chosen[b], chosen[b - 1]);
            }
        }
        provable = total > r.budget;
    }

    function _registeredNodes() internal view returns (bytes32[] memory list) {
        bytes32[] memory tmp = new bytes32[](NODES);
        uint256 n;
        for (uint256 i = 0; i < NODES; ++i) {
            if (registry.operatorOf(store.nodeId(i)) != address(0)) tmp[n++] = store.nodeId(i);
        }
        list = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            list[i] = tmp[i];
        }
    }

    /// @dev A verified epoch without a live root (none yet, or the last one rejected).
    function _pickVerified(uint256 seed) internal view returns (bool, uint64) {
        uint64[] memory es = store.verifiedEpochs();
        for (uint256 k = 0; k < es.length; ++k) {
            uint64 e = es[(seed % es.length + k) % es.length];
            IRewardDistributor.RootStatus s = rewards.rewardRoot(e).status;
            if (s == IRewardDistributor.RootStatus.None || s == IRewardDistributor.RootStatus.Rejected) return (true, e);
        }
        return (false, 0);
    }

    /// @dev A posted root in `phase`: 0 dispute period, 1 claim period, 2 after both, 3 any.
    function _pickPosted(uint256 seed, uint256 phase) internal view returns (bool, uint64) {
        uint64[] memory es = store.rootEpochs();
        for (uint256 k = 0; k < es.length; ++k) {
            uint64 e = es[(seed % es.length + k) % es.length];
            IRewardDistributor.RewardRoot memory r = rewards.rewardRoot(e);
            if (r.status != IRewardDistributor.RootStatus.Posted) continue;
            uint256 opensAt = uint256(r.postedAt) + DISPUTE;
            uint256 p = block.timestamp < opensAt ? 0 : block.timestamp < opensAt + CLAIM ? 1 : 2;
            if (phase == 3 || p == phase) return (true, e);
        }
        return (false, 0);
    }
}
