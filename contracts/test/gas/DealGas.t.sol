// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";

import {DealFixture} from "../utils/DealFixture.sol";
import {Deal, DealPhase} from "../../src/types/DealTypes.sol";

/// @notice Gas snapshots (snapshots/DealGas.json). Each figure is the full gas of one
///         transaction as a chain charges it: measured only under `forge test --isolate`, where
///         every top-level call of a test is its own transaction, so a figure includes the 21,000
///         intrinsic gas, the calldata gas, cold account and storage access and the refunds.
///         Without --isolate the tests skip themselves (the numbers would be meaningless: all
///         calls of a test would share one transaction and its warm slots).
///
///         Scenario ("steady state"): client and node keep a free balance in the vault after
///         locking, the treasury already holds fees and the DealManager holds other live deals
///         in escrow, so no ledger slot goes from zero to non-zero or back. The cold start (first
///         deal of a fresh deployment, exact deposits) is `happyPathTotalColdStart`.
///         `happyPathTotal` = agreeBySig + postResult + acceptResult, required <= 250,000.
///         `mediationPathTotal` = agreeBySig + postResult + requestMediation + vote: a deal with
///         one agreed mediator from agreement to the verdict and its payouts, required <= 350,000.
///         `timeout<Phase>PathTotal`, each required <= 200,000: the transaction that starts the
///         deadline plus the keeper's call after it (Agree: agree by the client alone +
///         expireAgreement; Result: agreeBySig + timeoutResult; Judge: postResult + finalize;
///         Mediation: requestMediation + timeoutMediation, which draws the panel and slashes the
///         silent mediator's bond for the bounty). Keepers and mediators already hold a free
///         balance (steady state), like the parties.
///         `appealVoteDrawing` / `appealVoteDeciding`: the devnet's appeal (three mediators,
///         k = 1): the appeal round's first vote draws the panel of three, its second decides. A
///         vote's cost depends on the votes mined before it, so a gas estimate made while another
///         vote is in flight can be far too low; the mediator service sends votes with the fixed
///         limit `VOTE_GAS_LIMIT` instead, which `voteWorstCase` (the costliest vote the court
///         allows) must stay under.
contract DealGasTest is DealFixture {
    string internal constant GROUP = "DealGas";
    uint256 internal constant HAPPY_PATH_BUDGET = 250_000;
    uint256 internal constant MEDIATION_PATH_BUDGET = 350_000;
    uint256 internal constant TIMEOUT_PATH_BUDGET = 200_000;
    /// @dev The gas limit of every vote the mediator service sends
    ///      (`MediationCourtGateway.VOTE_GAS_LIMIT` in chain/).
    uint256 internal constant VOTE_GAS_LIMIT = 500_000;

    address internal mediator;

    function setUp() public override {
        super.setUp();
        // A no-op approval costs about 4,000 gas inside a test's transaction and more than the
        // 21,000 intrinsic gas when --isolate runs it as a transaction of its own.
        vm.prank(owner);
        token.approve(owner, 0);
        Vm.Gas memory gas = vm.lastCallGas();
        if (gas.gasTotalUsed < 21_000) vm.skip(true);
    }

    /// @dev Parties with spare free balance, one live background deal, a non-zero treasury.
    function _steadyState() internal {
        _fund(client, 10_000e18);
        _fund(node, 10_000e18);
        Deal memory done = _deal();
        _agreeBySig(done);
        _post(done, 1);
        vm.prank(client);
        dm.acceptResult(done);
        _agreeBySig(_deal()); // stays live: DealManager escrow never returns to zero
        mediator = _registeredMediators(1)[0];
        _fund(mediator, 1e18); // earlier fees
        _fund(stranger, 1e18); // earlier bounties
    }

    function _oneMediatorDeal() internal returns (Deal memory d) {
        d = _deal();
        address[] memory set = new address[](1);
        set[0] = mediator;
        d.mediators = set;
    }

    function test_gas_mediationPath() public {
        _steadyState();
        Deal memory d = _oneMediatorDeal();
        bytes memory clientSig = _sign(clientKey, d);
        bytes memory nodeSig = _sign(nodeKey, d);
        bytes memory cid = _resultCid();

        dm.agreeBySig(d, clientSig, nodeSig);
        uint256 total = vm.lastCallGas().gasTotalUsed;
        vm.prank(node);
        dm.postResult(d, cid, 123_456);
        total += vm.lastCallGas().gasTotalUsed;
        vm.prank(client);
        dm.requestMediation(d);
        total += vm.snapshotGasLastCall(GROUP, "requestMediation");
        vm.roll(block.number + 2);
        vm.prank(mediator);
        court.vote(d, false);
        total += vm.snapshotGasLastCall(GROUP, "voteDeciding");
        assertEq(uint8(dm.dealRecord(dm.hashDeal(d)).phase), uint8(DealPhase.MediatedIncorrect));
        vm.snapshotValue(GROUP, "mediationPathTotal", total);
        assertLe(total, MEDIATION_PATH_BUDGET, "mediation path over budget");
    }

    function test_gas_timeoutAgreePath() public {
        _steadyState();
        Deal memory d = _deal();
        vm.prank(client);
        dm.agree(d);
        uint256 total = vm.lastCallGas().gasTotalUsed;
        vm.warp(d.agreeDeadline + 1);
        vm.prank(stranger);
        dm.expireAgreement(d);
        total += vm.lastCallGas().gasTotalUsed;
        vm.snapshotValue(GROUP, "timeoutAgreePathTotal", total);
        assertLe(total, TIMEOUT_PATH_BUDGET, "agree timeout path over budget");
    }

    function test_gas_timeoutResultPath() public {
        _steadyState();
        Deal memory d = _deal();
        bytes memory clientSig = _sign(clientKey, d);
        bytes memory nodeSig = _sign(nodeKey, d);
        dm.agreeBySig(d, clientSig, nodeSig);
        uint256 total = vm.lastCallGas().gasTotalUsed;
        vm.warp(block.timestamp + RESULT_TIMEOUT + 1);
        vm.prank(stranger);
        dm.timeoutResult(d);
        total += vm.lastCallGas().gasTotalUsed;
        vm.snapshotValue(GROUP, "timeoutResultPathTotal", total);
        assertLe(total, TIMEOUT_PATH_BUDGET, "result timeout path over budget");
    }

    function test_gas_timeoutJudgePath() public {
        _steadyState();
        Deal memory d = _deal();
        _agreeBySig(d);
        bytes memory cid = _resultCid();
        vm.prank(node);
        dm.postResult(d, cid, 123_456);
        uint256 total = vm.lastCallGas().gasTotalUsed;
        vm.warp(block.timestamp + JUDGE_TIMEOUT + 1);
        vm.prank(stranger);
        dm.finalize(d);
        total += vm.snapshotGasLastCall(GROUP, "finalizeByKeeper");
        vm.snapshotValue(GROUP, "timeoutJudgePathTotal", total);
        assertLe(total, TIMEOUT_PATH_BUDGET, "judge timeout path over budget");
    }

    function test_gas_timeoutMediationPath() public {
        _steadyState();
        Deal memory d = _oneMediatorDeal();
        _agreeBySig(d);
        _post(d, 123_456);
        vm.prank(client);
        dm.requestMediation(d);
        uint256 total = vm.lastCallGas().gasTotalUsed;
        vm.roll(block.number + 2);
        vm.warp(block.timestamp + MEDIATION_TIMEOUT + 1);
        vm.prank(stranger);
        court.timeoutMediation(d);
        total += vm.snapshotGasLastCall(GROUP, "timeoutMediation");
        assertEq(uint8(dm.dealRecord(dm.hashDeal(d)).phase), uint8(DealPhase.MediationTimedOut));
        vm.snapshotValue(GROUP, "timeoutMediationPathTotal", total);
        assertLe(total, TIMEOUT_PATH_BUDGET, "mediation timeout path over budget");
    }

    function test_gas_happyPath() public {
        _steadyState();
        Deal memory d = _deal();
        bytes memory clientSig = _sign(clientKey, d);
        bytes memory nodeSig = _sign(nodeKey, d);
        bytes memory cid = _resultCid();

        dm.agreeBySig(d, clientSig, nodeSig);
        uint256 agreeGas = vm.snapshotGasLastCall(GROUP, "agreeBySig");
        vm.warp(block.timestamp + 60);
        vm.prank(node);
        dm.postResult(d, cid, 123_456);
        uint256 postGas = vm.snapshotGasLastCall(GROUP, "postResult");
        vm.warp(block.timestamp + 60);
        vm.prank(client);
        dm.acceptResult(d);
        uint256 acceptGas = vm.snapshotGasLastCall(GROUP, "acceptResult");

        uint256 total = agreeGas + postGas + acceptGas;
        vm.snapshotValue(GROUP, "happyPathTotal", total);
        assertLe(total, HAPPY_PATH_BUDGET, "happy path over budget");
    }

    function test_gas_happyPathColdStart() public {
        Deal memory d = _deal();
        _fund(client, d.price + d.clientCollateral);
        _fund(node, d.cheatingCollateral);
        bytes memory clientSig = _sign(clientKey, d);
        bytes memory nodeSig = _sign(nodeKey, d);
        bytes memory cid = _resultCid();

        dm.agreeBySig(d, clientSig, nodeSig);
        uint256 total = vm.lastCallGas().gasTotalUsed;
        vm.prank(node);
        dm.postResult(d, cid, 123_456);
        total += vm.lastCallGas().gasTotalUsed;
        vm.prank(client);
        dm.acceptResult(d);
        total += vm.lastCallGas().gasTotalUsed;
        vm.snapshotValue(GROUP, "happyPathTotalColdStart", total);
    }

    function test_gas_agreeTwoCalls() public {
        _steadyState();
        Deal memory d = _deal();
        vm.prank(client);
        dm.agree(d);
        vm.snapshotGasLastCall(GROUP, "agree_client");
        vm.prank(node);
        dm.agree(d);
        vm.snapshotGasLastCall(GROUP, "agree_node");
    }

    function test_gas_finalize() public {
        _steadyState();
        Deal memory d = _deal();
        _agreeBySig(d);
        _post(d, 123_456);
        vm.warp(block.timestamp + JUDGE_TIMEOUT + 1);
        vm.prank(client); // late, by the client itself: no bounty
        dm.finalize(d);
        vm.snapshotGasLastCall(GROUP, "finalize");
    }

    function test_gas_timeoutResult() public {
        _steadyState();
        Deal memory d = _deal();
        _agreeBySig(d);
        vm.warp(block.timestamp + RESULT_TIMEOUT + 1);
        vm.prank(stranger);
        dm.timeoutResult(d);
        vm.snapshotGasLastCall(GROUP, "timeoutResult");
    }

    function test_gas_expireAgreement() public {
        _steadyState();
        Deal memory d = _deal();
        vm.prank(client);
        dm.agree(d);
        vm.warp(d.agreeDeadline + 1);
        vm.prank(stranger);
        dm.expireAgreement(d);
        vm.snapshotGasLastCall(GROUP, "expireAgreement");
    }

    function test_gas_depositWithdraw() public {
        _steadyState();
        vm.prank(owner);
        token.mint(client, 50e18);
        vm.prank(client);
        token.approve(address(vault), 50e18);
        vm.prank(client);
        vault.deposit(address(token), client, 50e18);
        vm.snapshotGasLastCall(GROUP, "deposit");
        vm.prank(client);
        vault.withdraw(address(token), client, 25e18);
        vm.snapshotGasLastCall(GROUP, "withdraw");
    }

    function test_gas_appealVotes() public {
        _steadyState();
        Deal memory d = _dealWithMediators(3);
        _disputedWith(d);
        (address[] memory first,,) = court.panelOf(d);
        vm.prank(first[0]);
        court.vote(d, true); // a bought vote
        vm.prank(client);
        court.appeal(d);
        vm.roll(block.number + 2);
        address[] memory honest = _others(d, first);
        vm.prank(honest[0]);
        court.vote(d, false);
        uint256 drawing = vm.snapshotGasLastCall(GROUP, "appealVoteDrawing");
        vm.prank(honest[1]);
        court.vote(d, false);
        uint256 deciding = vm.snapshotGasLastCall(GROUP, "appealVoteDeciding");
        assertEq(uint8(dm.dealRecord(dm.hashDeal(d)).phase), uint8(DealPhase.MediatedIncorrect));
        // what a transaction manager's padded estimate (x 1.25 + 10,000) of a first vote would allow
        assertGt(deciding, drawing * 125 / 100 + 10_000, "an estimate made before the other vote is mined falls short");
        assertLe(deciding, VOTE_GAS_LIMIT);
    }

    /// @dev The costliest vote: seven mediators, k = 3; the first panel decides Incorrect 2-0, the
    ///      node appeals, the panel of seven splits 3-3 and the seventh vote decides, paying the
    ///      appeal fee and the mediation fee to six winners (four of the appeal, two of the first panel).
    function test_gas_voteWorstCase() public {
        _court3();
        _steadyState();
        Deal memory d = _dealWithMediators(7);
        _disputedWith(d);
        (address[] memory first,,) = court.panelOf(d);
        assertEq(first.length, 3);
        vm.prank(first[0]);
        court.vote(d, false);
        vm.prank(first[1]);
        court.vote(d, false);
        vm.prank(node);
        court.appeal(d);
        vm.roll(block.number + 2);
        (address[] memory panel,,) = court.panelOf(d);
        assertEq(panel.length, 7, "appeal panel 2k+1");
        uint256 most;
        for (uint256 i = 0; i < 7; ++i) {
            vm.prank(panel[i]);
            court.vote(d, i >= 3 ? false : true);
            uint256 used = vm.lastCallGas().gasTotalUsed;
            if (used > most) most = used;
        }
        assertEq(uint8(dm.dealRecord(dm.hashDeal(d)).phase), uint8(DealPhase.MediatedIncorrect));
        vm.snapshotValue(GROUP, "voteWorstCase", most);
        assertLe(most, VOTE_GAS_LIMIT, "a vote over the mediator service's gas limit");
    }
}
