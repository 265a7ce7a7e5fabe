// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {Deploy} from "../../script/Deploy.s.sol";
import {PactumToken} from "../../src/PactumToken.sol";
import {CollateralVault} from "../../src/CollateralVault.sol";
import {NodeRegistry} from "../../src/NodeRegistry.sol";
import {PoSeManagerV2} from "../../src/PoSeManagerV2.sol";
import {FaultManager} from "../../src/FaultManager.sol";
import {RewardDistributor} from "../../src/RewardDistributor.sol";
import {IRewardDistributor} from "../../src/interfaces/IRewardDistributor.sol";
import {FaultStatus} from "../../src/types/PoSeTypes.sol";
import {PoSeStore} from "./handlers/PoSeStore.sol";
import {PoSeOperatorHandler} from "./handlers/PoSeOperatorHandler.sol";
import {PoSeEpochHandler} from "./handlers/PoSeEpochHandler.sol";
import {PoSeReporterHandler} from "./handlers/PoSeReporterHandler.sol";
import {PoSeOracleHandler} from "./handlers/PoSeOracleHandler.sol";
import {PoSeStrangerHandler} from "./handlers/PoSeStrangerHandler.sol";

/// @notice PoSe v2 invariants (NodeRegistry, PoSeManagerV2, FaultManager, RewardDistributor on the
///         CollateralVault) under random operators, aggregator, reporters, oracle, claimants and
///         outsiders (handlers in handlers/PoSe*.sol, world and ghosts in handlers/PoSeStore.sol):
///         C1 conservation, C2 one claim per node and epoch within budget, C3 exact slash split,
///         C4 per-operator-epoch slash cap and self-slashing never pays, C6 commit-reveal fairness
///         and forfeited bonds in insurance, C11 outsiders never succeed. See PROPERTIES.md.
///         Runs × depth come from foundry.toml ([invariant], profile ci).
contract PoSeInvariantsTest is Test {
    PoSeStore internal store;
    PactumToken internal token;
    CollateralVault internal vault;
    NodeRegistry internal registry;
    PoSeManagerV2 internal manager;
    FaultManager internal faults;
    RewardDistributor internal rewards;

    PoSeOperatorHandler internal operators;
    PoSeEpochHandler internal epochs;
    PoSeReporterHandler internal reporters;
    PoSeOracleHandler internal oracle;
    PoSeStrangerHandler internal strangers;

    function setUp() public {
        vm.warp(1_700_000_000);
        vm.roll(100);
        address owner = makeAddr("owner");
        (, uint256 challengerKey) = makeAddrAndKey("challenger");
        Deploy deployer = new Deploy();
        Deploy.PoSeConfig memory cfg = deployer.defaultPoSeConfig();
        cfg.sampleCount = 2; // k = min(2, count): cheap reveals, and trees larger than k
        Deploy.Deployment memory d = deployer.deployWith(owner, 100, cfg);
        (token, vault, registry, manager, faults, rewards) =
            (d.token, d.vault, d.nodeRegistry, d.poseManager, d.faultManager, d.rewardDistributor);
        store = new PoSeStore(d, owner, challengerKey);
        vm.startPrank(owner);
        manager.setChallenger(store.challenger(), true);
        manager.setAggregator(store.nodeId(0), true);
        manager.setAggregator(store.nodeId(1), true);
        vm.stopPrank();

        operators = new PoSeOperatorHandler(store);
        epochs = new PoSeEpochHandler(store);
        reporters = new PoSeReporterHandler(store);
        oracle = new PoSeOracleHandler(store);
        strangers = new PoSeStrangerHandler(store);
        // Six nodes up front (operator i % 4, so two operators run two nodes each).
        for (uint256 i = 0; i < 6; ++i) {
            operators.register(i, i, registry.minBond() * (2 + i), 3);
        }
        epochs.openEpoch();

        bytes4[] memory op = new bytes4[](4);
        (op[0], op[1], op[2], op[3]) = (
            operators.register.selector,
            operators.beginUnbonding.selector,
            operators.withdrawBond.selector,
            operators.withdrawFree.selector
        );
        bytes4[] memory ep = new bytes4[](6);
        (ep[0], ep[1], ep[2], ep[3], ep[4], ep[5]) = (
            epochs.warp.selector,
            epochs.openEpoch.selector,
            epochs.commitEpoch.selector,
            epochs.drawSamples.selector,
            epochs.revealSample.selector,
            epochs.revealAll.selector
        );
        bytes4[] memory rp = new bytes4[](7);
        (rp[0], rp[1], rp[2], rp[3], rp[4], rp[5], rp[6]) = (
            reporters.commitDoubleSign.selector,
            reporters.commitLeafFault.selector,
            reporters.copyCommitment.selector,
            reporters.reveal.selector,
            reporters.rebut.selector,
            reporters.settle.selector,
            reporters.expire.selector
        );
        bytes4[] memory or_ = new bytes4[](4);
        (or_[0], or_[1], or_[2], or_[3]) =
            (oracle.postRewardRoot.selector, oracle.dispute.selector, oracle.claim.selector, oracle.sweep.selector);
        bytes4[] memory st = new bytes4[](1);
        st[0] = strangers.tryPrivileged.selector;
        _target(address(operators), op);
        _target(address(epochs), ep);
        _target(address(reporters), rp);
        _target(address(oracle), or_);
        _target(address(strangers), st);
    }

    function _target(address handler, bytes4[] memory selectors) internal {
        targetContract(handler);
        targetSelector(StdInvariant.FuzzSelector({addr: handler, selectors: selectors}));
    }

    // ----------------------------------------------------------------- helpers

    function _ledger() internal view returns (uint256 sum) {
        address t = address(token);
        address[] memory accounts = store.accounts();
        for (uint256 i = 0; i < accounts.length; ++i) {
            sum += vault.freeBalance(t, accounts[i]);
        }
        address[] memory lockers = store.lockers();
        for (uint256 i = 0; i < lockers.length; ++i) {
            sum += vault.escrowOf(t, lockers[i]);
        }
        sum += vault.insurance(t) + vault.treasury(t);
    }

    /// @dev No handler recorded a violation of property `id` (the message gives the last one).
    function _violations(string memory id) internal view {
        bytes32 key = bytes32(bytes(id));
        assertEq(store.violations(key), 0, string.concat(id, ": ", store.lastViolation(key)));
    }

    // -------------------------------------------------------------- invariants

    /// @notice C1: the vault holds exactly its ledger (Σ free + Σ escrow + insurance + treasury)
    ///         and exactly what came in minus what left (withdrawals and burns); each PoSe
    ///         locker's escrow is what it is responsible for: the registry's = totalStake = Σ node
    ///         bonds = Σ operator stakes; the fault manager's = bond × pending faults; the reward
    ///         distributor's = Σ (budget − claimed) of posted roots; the treasury = Σ sweeps.
    function invariant_C1_conservation() public view {
        _violations("C1");
        address t = address(token);
        uint256 balance = token.balanceOf(address(vault));
        assertEq(balance, _ledger(), "C1: balance != free + escrow + insurance + treasury");
        assertEq(
            balance,
            store.ghostDeposited() - store.ghostWithdrawn() - store.ghostBurned(),
            "C1: balance != deposits - withdrawals - burns"
        );
        assertEq(vault.burned(t), store.ghostBurned(), "C1: burned pool != burns seen");

        uint256 bonds;
        for (uint256 i = 0; i < store.NODES(); ++i) {
            bonds += registry.node(store.nodeId(i)).bond;
        }
        uint256 stakes;
        for (uint256 i = 0; i < 4; ++i) {
            stakes += registry.operatorStake(store.operatorAt(i));
        }
        assertEq(vault.escrowOf(t, address(registry)), registry.totalStake(), "C1/R1: registry escrow != totalStake");
        assertEq(bonds, registry.totalStake(), "C1/R1: sum of node bonds != totalStake");
        assertEq(stakes, registry.totalStake(), "C1/R1: sum of operator stakes != totalStake");

        uint256 pending;
        for (uint256 i = 0; i < store.faultCount(); ++i) {
            (bytes32 id,,,) = store.faultBrief(i);
            FaultStatus s = faults.fault(id).status;
            if (s == FaultStatus.Committed || s == FaultStatus.Revealed) ++pending;
        }
        assertEq(vault.escrowOf(t, address(faults)), pending * faults.FAULT_BOND(), "C1/F1: fault escrow != bonds");

        uint256 live;
        uint64[] memory es = store.rootEpochs();
        for (uint256 i = 0; i < es.length; ++i) {
            IRewardDistributor.RewardRoot memory r = rewards.rewardRoot(es[i]);
            if (r.status == IRewardDistributor.RootStatus.Posted) live += uint256(r.budget) - r.claimed;
        }
        assertEq(vault.escrowOf(t, address(rewards)), live, "C1/R2: reward escrow != live budgets - claims");
        assertEq(vault.treasury(t), store.ghostTreasury(), "C1: treasury != sweeps");
    }

    /// @notice C2: a node is paid at most once per epoch (successful claims seen by the handlers
    ///         agree with `isClaimed`), an epoch pays at most its budget, and `claimed` is what was
    ///         paid; wrong amounts, second claims, undrawn receipt leaves and disputes of honest
    ///         roots never succeed (checked in the handlers).
    function invariant_C2_oneClaimPerNodeAndEpoch() public view {
        _violations("C2");
        uint64[] memory es = store.rootEpochs();
        for (uint256 i = 0; i < es.length; ++i) {
            uint64 e = es[i];
            PoSeStore.RootRec memory rec = store.rootRec(e);
            for (uint256 j = 0; j < rec.nodes.length; ++j) {
                uint256 n = store.claimCount(e, rec.nodes[j]);
                assertLe(n, 1, "C2: a node was paid twice for an epoch");
                assertEq(rewards.isClaimed(e, rec.nodes[j]), n == 1, "C2: claimed bit != successful claims");
            }
            IRewardDistributor.RewardRoot memory r = rewards.rewardRoot(e);
            if (r.status != IRewardDistributor.RootStatus.Rejected) {
                assertEq(r.claimed, store.claimedSum(e), "C2: claimed != sum paid");
            }
            assertLe(store.claimedSum(e), r.budget, "C2: an epoch paid over its budget");
        }
    }

    /// @notice C3: every slash splits exactly: burn + reporter + insurance == slashed, reporter
    ///         = floor(30 %), insurance = floor(20 %); and the balances moved by those amounts
    ///         (checked in PoSeReporterHandler.settle). The burn sink holds every burn.
    function invariant_C3_slashSplitExact() public view {
        _violations("C3");
        uint256 n = store.slashCount();
        for (uint256 i = 0; i < n; ++i) {
            PoSeStore.SlashRec memory s = store.slashAt(i);
            assertEq(s.burned + s.toReporter + s.toInsurance, s.amount, "C3: split does not add up");
            assertEq(s.toReporter, Math.mulDiv(s.amount, 3_000, 10_000), "C3: reporter share != floor(30 %)");
            assertEq(s.toInsurance, Math.mulDiv(s.amount, 2_000, 10_000), "C3: insurance share != floor(20 %)");
        }
        assertEq(token.balanceOf(vault.BURN_SINK()), store.ghostBurned(), "C3: burn sink != burns");
    }

    /// @notice C4: for every (operator, epoch) that saw a settlement, what was slashed (ghost sum
    ///         of the vault's Slashed events, and the registry's record) is at most 5 % of the
    ///         operator's stake just before its first settlement in that epoch (ghost, and the
    ///         registry's cap base), across slashes, unbonding, withdrawals and re-registrations;
    ///         and self-slashing was never a net gain (checked in PoSeReporterHandler.settle).
    function invariant_C4_slashCapPerOperatorEpoch() public view {
        _violations("C4");
        PoSeStore.OperatorEpoch[] memory oes = store.operatorEpochs();
        uint256 capBps = registry.SLASH_CAP_BPS();
        for (uint256 i = 0; i < oes.length; ++i) {
            (address op, uint64 e) = (oes[i].operator, oes[i].epochId);
            (uint256 slashed, uint256 capBase) = registry.slashedIn(op, e);
            uint256 ghostSlashed = store.ghostSlashed(op, e);
            uint256 ghostBase = store.ghostCapBase(op, e);
            assertEq(slashed, ghostSlashed, "C4: registry slashed != slashes seen");
            assertEq(capBase, ghostBase, "C4: cap base != stake at the first settlement");
            assertLe(ghostSlashed, ghostBase * capBps / 10_000, "C4: slashed over 5 % of the cap base");
        }
    }

    /// @notice C6: no copied or foreign commitment was ever revealed (copies only ever end
    ///         Expired), verdicts matched the evidence, and every forfeited bond (rejected,
    ///         rebutted, expired — withheld reveals included) is in insurance: insurance == Σ
    ///         insurance shares of slashes + bond × forfeited faults.
    function invariant_C6_commitRevealFair() public view {
        _violations("C6");
        uint256 forfeited;
        uint256 n = store.faultCount();
        for (uint256 i = 0; i < n; ++i) {
            (bytes32 id,, bool copy,) = store.faultBrief(i);
            FaultStatus s = faults.fault(id).status;
            if (s == FaultStatus.Rejected || s == FaultStatus.Rebutted || s == FaultStatus.Expired) ++forfeited;
            if (copy) assertTrue(s == FaultStatus.Committed || s == FaultStatus.Expired, "C6: a copy was revealed");
        }
        uint256 bond = faults.FAULT_BOND();
        assertEq(store.ghostForfeitedBonds(), forfeited * bond, "C6: forfeited bonds seen != forfeited faults");
        assertEq(
            vault.insurance(address(token)),
            store.ghostInsuranceFromSlashes() + forfeited * bond,
            "C6: insurance != slash shares + forfeited bonds"
        );
    }

    /// @notice C11: no outsider ever succeeded at a privileged call.
    function invariant_C11_outsidersNeverSucceed() public view {
        _violations("C11");
    }

    /// @notice After each run: every fault is settled or expired, every reward root swept,
    ///         every node unbonds and withdraws (through the handlers, so their checks apply),
    ///         then no PoSe escrow is left, every invariant still holds, and after everyone
    ///         withdraws only the vault's pools (treasury, insurance) remain.
    function afterInvariant() external {
        _endEverything();
        address t = address(token);
        assertEq(vault.escrowOf(t, address(registry)), 0, "registry escrow left after every exit");
        assertEq(vault.escrowOf(t, address(faults)), 0, "fault escrow left after every fault ended");
        assertEq(vault.escrowOf(t, address(rewards)), 0, "reward escrow left after every sweep");
        _allInvariants();
        address[] memory accounts = store.accounts();
        for (uint256 i = 0; i < accounts.length; ++i) {
            uint256 free = vault.freeBalance(t, accounts[i]);
            if (free != 0) operators.withdrawFree(i, free);
            assertEq(vault.freeBalance(t, accounts[i]), 0, "a free balance could not be withdrawn");
        }
        assertEq(token.balanceOf(address(vault)), vault.treasury(t) + vault.insurance(t), "only the pools remain");
        invariant_C1_conservation();
    }

    function _endEverything() internal {
        uint256 n = store.faultCount();
        for (uint256 i = 0; i < n; ++i) {
            reporters.settle(i, 0); // waits out the rebuttal period
        }
        for (uint256 i = 0; i < n; ++i) {
            reporters.expire(i, 0); // waits for the window to close
        }
        for (uint256 i = 0; i < n; ++i) {
            (bytes32 id,,,) = store.faultBrief(i);
            FaultStatus s = faults.fault(id).status;
            assertTrue(s != FaultStatus.Committed && s != FaultStatus.Revealed, "a fault could not be ended");
        }
        uint64[] memory es = store.rootEpochs();
        for (uint256 i = 0; i < es.length; ++i) {
            oracle.sweep(i, 0); // waits for the claim period to end
        }
        for (uint256 i = 0; i < es.length; ++i) {
            assertTrue(rewards.rewardRoot(es[i]).status != IRewardDistributor.RootStatus.Posted, "a root was not swept");
        }
        for (uint256 i = 0; i < store.NODES(); ++i) {
            operators.beginUnbonding(0); // seed 0: the first active node, aggregators included
        }
        for (uint256 i = 0; i < store.NODES(); ++i) {
            operators.withdrawBond(i, 0); // waits out the unbonding period
        }
    }

    function _allInvariants() internal view {
        invariant_C1_conservation();
        invariant_C2_oneClaimPerNodeAndEpoch();
        invariant_C3_slashSplitExact();
        invariant_C4_slashCapPerOperatorEpoch();
        invariant_C6_commitRevealFair();
        invariant_C11_outsidersNeverSucceed();
    }

    /// @notice Reachability: a fixed pseudo-random walk of 1,500 calls of the handlers the fuzzer drives must
    ///         reach every path the invariants are about (commits, dirty commits, verified epochs,
    ///         proven and rejected reveals, slashes, self-slashes, rebuttals, withheld and copied
    ///         commitments expiring, honest and wrong roots, upheld disputes, claims on behalf,
    ///         sweeps, re-registration, bond withdrawal, outsider calls), with every invariant
    ///         holding during the walk and after everything ends. Guards against handlers that
    ///         silently stop reaching these states.
    function test_walk_reachesEveryPoSePath_succeeds() public {
        for (uint256 i = 0; i < 1_500; ++i) {
            uint256 r = uint256(keccak256(abi.encode("walk", i)));
            _step(r);
            if (i % 500 == 499) _allInvariants();
        }
        bytes32[20] memory reached = [
            bytes32("epoch.commit"),
            "epoch.commitDirty",
            "epoch.verified",
            "reporter.commitSelf",
            "reporter.revealProven",
            "reporter.revealRejected",
            "reporter.settleSlash",
            "reporter.selfSlash",
            "reporter.rebutted",
            "reporter.copy",
            "reporter.expireCopy",
            "reporter.expireWithheld",
            "oracle.postHonest",
            "oracle.postWrong",
            "oracle.disputeUpheld",
            "oracle.claimOnBehalf",
            "oracle.sweep",
            "operator.reRegister",
            "operator.withdrawBond",
            "stranger.privileged"
        ];
        for (uint256 i = 0; i < reached.length; ++i) {
            assertGt(store.calls(reached[i]), 0, string(abi.encodePacked("never reached: ", reached[i])));
        }
        _allInvariants();
        this.afterInvariant();
    }

    /// @dev One handler call, each of the 22 target functions equally likely (as the fuzzer
    ///      picks them).
    function _step(uint256 r) internal {
        uint256 w = r % 22;
        r >>= 8;
        if (w == 0) operators.register(r, r >> 8, r >> 16, uint8(r >> 24));
        else if (w == 1) operators.beginUnbonding(r);
        else if (w == 2) operators.withdrawBond(r, r >> 8);
        else if (w == 3) operators.withdrawFree(r, r >> 8);
        else if (w == 4) epochs.warp(r);
        else if (w == 5) epochs.openEpoch();
        else if (w == 6) epochs.commitEpoch(r, r >> 8, r >> 16);
        else if (w == 7) epochs.drawSamples(r);
        else if (w == 8) epochs.revealSample(r, r >> 8);
        else if (w == 9) epochs.revealAll(r);
        else if (w == 10) reporters.commitDoubleSign(r, r >> 8, r >> 16, r >> 24);
        else if (w == 11) reporters.commitLeafFault(r, r >> 8, r >> 16, r >> 24);
        else if (w == 12) reporters.copyCommitment(r, r >> 8);
        else if (w == 13) reporters.reveal(r);
        else if (w == 14) reporters.rebut(r, r >> 8);
        else if (w == 15) reporters.settle(r, r >> 8);
        else if (w == 16) reporters.expire(r, r >> 8);
        else if (w == 17) oracle.postRewardRoot(r, r >> 8, r >> 16, r >> 24);
        else if (w == 18) oracle.dispute(r, r >> 8);
        else if (w == 19) oracle.claim(r, r >> 8, r >> 16);
        else if (w == 20) oracle.sweep(r, r >> 8);
        else strangers.tryPrivileged(r, r >> 8, r >> 16);
    }
}
