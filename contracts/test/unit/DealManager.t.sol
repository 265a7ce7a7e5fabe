// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {DealFixture} from "../utils/DealFixture.sol";
import {ERC1271Wallet} from "../mocks/ERC1271Wallet.sol";
import {DealManager} from "../../src/DealManager.sol";
import {IDealManager} from "../../src/interfaces/IDealManager.sol";
import {IMediationCourt} from "../../src/interfaces/IMediationCourt.sol";
import {ICollateralVault} from "../../src/interfaces/ICollateralVault.sol";
import {Deal, DealPhase, DealRecord} from "../../src/types/DealTypes.sol";

contract DealManagerTest is DealFixture {
    function _accounts() internal view returns (address[] memory a) {
        a = new address[](3);
        (a[0], a[1], a[2]) = (client, node, stranger);
    }

    function _agreed() internal returns (Deal memory d, bytes32 id) {
        d = _deal();
        _fundParties(d);
        id = _agreeBySig(d);
    }

    function _posted() internal returns (Deal memory d, bytes32 id) {
        (d, id) = _agreed();
        vm.warp(block.timestamp + 10);
        _post(d, 1_000);
    }

    function _disputed() internal returns (Deal memory d, bytes32 id) {
        (d, id) = _posted();
        vm.prank(client);
        dm.requestMediation(d);
    }

    function _unexpected(bytes32 id, DealPhase current, uint256 expected) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IDealManager.DealUnexpectedPhase.selector, id, current, expected);
    }

    // ------------------------------------------------------------ constructor

    function test_constructor_parameters_succeeds() public view {
        assertEq(dm.vault(), address(vault));
        assertEq(dm.token(), address(token));
        assertEq(dm.networkFeeBps(), FEE_BPS);
        assertEq(dm.MAX_MEDIATORS(), 7);
        assertEq(dm.MAX_CID_LENGTH(), 128);
        assertEq(
            dm.DEAL_TYPEHASH(),
            keccak256(
                "Deal(address client,address node,bytes32 jobOfferId,bytes32 resourceOfferId,bytes jobSpecCid,uint64 maxFuel,uint256 price,uint256 pricePerFuel,uint256 clientCollateral,uint256 nodeCollateral,uint256 cheatingCollateral,uint256 mediationFee,address[] mediators,uint64 agreeDeadline,uint32 resultTimeout,uint32 judgeTimeout,uint32 mediationTimeout)"
            )
        );
        (, string memory name, string memory version, uint256 chainId, address verifying,,) = dm.eip712Domain();
        assertEq(name, "Pactum");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifying, address(dm));
    }

    function test_constructor_zeroVault_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealInvalidConfig.selector, bytes32("VAULT_ZERO")));
        new DealManager(address(0), address(token), 100, address(court), KEEPER_BOUNTY);
    }

    function test_constructor_zeroToken_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealInvalidConfig.selector, bytes32("TOKEN_ZERO")));
        new DealManager(address(vault), address(0), 100, address(court), KEEPER_BOUNTY);
    }

    function test_constructor_feeAbove100Percent_reverts() public {
        vm.expectRevert(
            abi.encodeWithSelector(IDealManager.DealInvalidConfig.selector, bytes32("FEE_ABOVE_100_PERCENT"))
        );
        new DealManager(address(vault), address(token), 10_001, address(court), KEEPER_BOUNTY);
    }

    // ------------------------------------------------------------------ agree

    function test_agree_clientFirst_succeeds() public {
        Deal memory d = _deal();
        _fundParties(d);
        bytes32 id = dm.hashDeal(d);
        vm.expectEmit(address(dm));
        emit IDealManager.DealPartyAgreed(id, client);
        vm.prank(client);
        assertEq(dm.agree(d), id);
        assertEq(uint8(_phase(id)), uint8(DealPhase.ClientAgreed));
        assertEq(_free(client), MEDIATION_FEE);
        assertEq(_escrow(), PRICE + CLIENT_COLLATERAL);
        assertEq(dm.escrowOfDeal(d), _escrow());
    }

    function test_agree_nodeSecond_succeeds() public {
        Deal memory d = _deal();
        _fundParties(d);
        vm.prank(client);
        bytes32 id = dm.agree(d);
        vm.warp(d.agreeDeadline); // at the deadline is still in time
        vm.expectEmit(address(dm));
        emit IDealManager.DealAgreed(id, client, node, d);
        vm.prank(node);
        dm.agree(d);
        DealRecord memory r = dm.dealRecord(id);
        assertEq(uint8(r.phase), uint8(DealPhase.Agreed));
        assertEq(r.agreedAt, d.agreeDeadline);
        assertEq(_escrow(), PRICE + CLIENT_COLLATERAL + NODE_COLLATERAL);
        assertEq(dm.escrowOfDeal(d), _escrow());
        _assertConservation(_accounts());
    }

    function test_agree_nodeFirstClientSecond_succeeds() public {
        Deal memory d = _deal();
        _fundParties(d);
        vm.prank(node);
        bytes32 id = dm.agree(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.NodeAgreed));
        assertEq(_escrow(), NODE_COLLATERAL);
        vm.prank(client);
        dm.agree(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.Agreed));
        assertEq(_escrow(), PRICE + CLIENT_COLLATERAL + NODE_COLLATERAL);
    }

    function test_agree_zeroNodeCollateral_succeeds() public {
        Deal memory d = _deal();
        d.nodeCollateral = 0;
        _fundParties(d);
        vm.prank(node);
        bytes32 id = dm.agree(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.NodeAgreed));
        assertEq(_escrow(), 0);
    }

    function test_agree_afterDeadline_reverts() public {
        Deal memory d = _deal();
        _fundParties(d);
        vm.warp(d.agreeDeadline + 1);
        vm.prank(client);
        vm.expectRevert(
            abi.encodeWithSelector(IDealManager.DealDeadlinePassed.selector, dm.hashDeal(d), d.agreeDeadline)
        );
        dm.agree(d);
    }

    function test_agree_stranger_reverts() public {
        Deal memory d = _deal();
        bytes32 id = dm.hashDeal(d);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealUnauthorized.selector, id, stranger));
        dm.agree(d);
    }

    function test_agree_clientTwice_reverts() public {
        Deal memory d = _deal();
        _fund(client, 2 * (PRICE + CLIENT_COLLATERAL));
        vm.prank(client);
        bytes32 id = dm.agree(d);
        vm.prank(client);
        vm.expectRevert(_unexpected(id, DealPhase.ClientAgreed, _bit(DealPhase.None) | _bit(DealPhase.NodeAgreed)));
        dm.agree(d);
    }

    function test_agree_nodeTwice_reverts() public {
        Deal memory d = _deal();
        _fundParties(d);
        vm.prank(node);
        bytes32 id = dm.agree(d);
        vm.prank(node);
        vm.expectRevert(_unexpected(id, DealPhase.NodeAgreed, _bit(DealPhase.None) | _bit(DealPhase.ClientAgreed)));
        dm.agree(d);
    }

    function test_agree_alreadyAgreedBySig_reverts() public {
        (Deal memory d, bytes32 id) = _agreed();
        vm.prank(node);
        vm.expectRevert(_unexpected(id, DealPhase.Agreed, _bit(DealPhase.None) | _bit(DealPhase.ClientAgreed)));
        dm.agree(d);
    }

    function test_agree_insufficientFree_reverts() public {
        Deal memory d = _deal();
        _fund(client, PRICE); // collateral missing
        vm.prank(client);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICollateralVault.VaultInsufficientFree.selector,
                address(token),
                client,
                PRICE,
                PRICE + CLIENT_COLLATERAL
            )
        );
        dm.agree(d);
    }

    // ----------------------------------------------------- terms (both paths)

    function _expectInvalidTerms(Deal memory d, bytes32 reason) internal {
        bytes memory err = abi.encodeWithSelector(IDealManager.DealInvalidTerms.selector, reason);
        address caller = d.client != address(0) ? d.client : d.node;
        vm.prank(caller);
        vm.expectRevert(err);
        dm.agree(d);
        bytes memory sig = new bytes(65);
        vm.expectRevert(err);
        dm.agreeBySig(d, sig, sig);
    }

    function test_agree_clientZero_reverts() public {
        Deal memory d = _deal();
        d.client = address(0);
        _expectInvalidTerms(d, "CLIENT_ZERO");
    }

    function test_agree_nodeZero_reverts() public {
        Deal memory d = _deal();
        d.node = address(0);
        _expectInvalidTerms(d, "NODE_ZERO");
    }

    function test_agree_clientIsNode_reverts() public {
        Deal memory d = _deal();
        d.node = client;
        _expectInvalidTerms(d, "CLIENT_IS_NODE");
    }

    function test_agree_jobSpecCidEmpty_reverts() public {
        Deal memory d = _deal();
        d.jobSpecCid = "";
        _expectInvalidTerms(d, "JOB_SPEC_CID_EMPTY");
    }

    function test_agree_jobSpecCidTooLong_reverts() public {
        Deal memory d = _deal();
        d.jobSpecCid = new bytes(129);
        _expectInvalidTerms(d, "JOB_SPEC_CID_TOO_LONG");
    }

    function test_agree_jobSpecCidMaxLength_succeeds() public {
        Deal memory d = _deal();
        d.jobSpecCid = new bytes(128);
        _fundParties(d);
        _agreeBySig(d);
        assertEq(uint8(_phase(dm.hashDeal(d))), uint8(DealPhase.Agreed));
    }

    function test_agree_maxFuelZero_reverts() public {
        Deal memory d = _deal();
        d.maxFuel = 0;
        _expectInvalidTerms(d, "MAX_FUEL_ZERO");
    }

    function test_agree_priceZero_reverts() public {
        Deal memory d = _deal();
        d.price = 0;
        _expectInvalidTerms(d, "PRICE_ZERO");
    }

    function test_agree_resultTimeoutZero_reverts() public {
        Deal memory d = _deal();
        d.resultTimeout = 0;
        _expectInvalidTerms(d, "RESULT_TIMEOUT_ZERO");
    }

    function test_agree_judgeTimeoutZero_reverts() public {
        Deal memory d = _deal();
        d.judgeTimeout = 0;
        _expectInvalidTerms(d, "JUDGE_TIMEOUT_ZERO");
    }

    function test_agree_mediationTimeoutZero_reverts() public {
        Deal memory d = _deal();
        d.mediationTimeout = 0;
        _expectInvalidTerms(d, "MEDIATION_TIMEOUT_ZERO");
    }

    function test_agree_tooManyMediators_reverts() public {
        Deal memory d = _deal();
        d.mediators = new address[](8);
        for (uint160 i = 0; i < 8; ++i) {
            d.mediators[i] = address(0x1000 + i);
        }
        _expectInvalidTerms(d, "TOO_MANY_MEDIATORS");
    }

    function test_agree_sevenMediators_succeeds() public {
        Deal memory d = _deal();
        d.mediators = new address[](7);
        for (uint160 i = 0; i < 7; ++i) {
            d.mediators[i] = address(0x1000 + i);
        }
        _fundParties(d);
        _agreeBySig(d);
        assertEq(uint8(_phase(dm.hashDeal(d))), uint8(DealPhase.Agreed));
    }

    function test_agree_duplicateMediator_reverts() public {
        Deal memory d = _deal();
        d.mediators[1] = d.mediators[0];
        _expectInvalidTerms(d, "MEDIATORS_NOT_ASCENDING");
    }

    function test_agree_descendingMediators_reverts() public {
        Deal memory d = _deal();
        (d.mediators[0], d.mediators[1]) = (d.mediators[1], d.mediators[0]);
        _expectInvalidTerms(d, "MEDIATORS_NOT_ASCENDING");
    }

    function test_agree_zeroMediator_reverts() public {
        Deal memory d = _deal();
        d.mediators[0] = address(0);
        _expectInvalidTerms(d, "MEDIATORS_NOT_ASCENDING");
    }

    function test_agree_mediatorIsParty_reverts() public {
        Deal memory d = _deal();
        d.mediators = new address[](1);
        d.mediators[0] = node;
        _expectInvalidTerms(d, "MEDIATOR_IS_PARTY");
    }

    function test_agree_noMediatorsZeroCheating_succeeds() public {
        Deal memory d = _deal();
        d.mediators = new address[](0);
        d.cheatingCollateral = 0;
        _fundParties(d);
        bytes32 id = _agreeBySig(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.Agreed));
    }

    // ------------------------------------------------------------- agreeBySig

    function test_agreeBySig_bothSignatures_succeeds() public {
        Deal memory d = _deal();
        _fundParties(d);
        bytes32 id = dm.hashDeal(d);
        vm.expectEmit(address(dm));
        emit IDealManager.DealAgreed(id, client, node, d);
        vm.prank(stranger); // the solver relays
        assertEq(dm.agreeBySig(d, _sign(clientKey, d), _sign(nodeKey, d)), id);
        DealRecord memory r = dm.dealRecord(id);
        assertEq(uint8(r.phase), uint8(DealPhase.Agreed));
        assertEq(r.agreedAt, block.timestamp);
        assertEq(_free(client), MEDIATION_FEE);
        assertEq(_free(node), CHEATING_COLLATERAL - NODE_COLLATERAL);
        assertEq(_escrow(), PRICE + CLIENT_COLLATERAL + NODE_COLLATERAL);
        _assertConservation(_accounts());
    }

    function test_agreeBySig_wrongClientSignature_reverts() public {
        Deal memory d = _deal();
        _fundParties(d);
        bytes memory nodeSig = _sign(nodeKey, d);
        bytes32 id = dm.hashDeal(d);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealInvalidSignature.selector, id, client));
        dm.agreeBySig(d, nodeSig, nodeSig);
    }

    function test_agreeBySig_wrongNodeSignature_reverts() public {
        Deal memory d = _deal();
        _fundParties(d);
        bytes memory clientSig = _sign(clientKey, d);
        bytes32 id = dm.hashDeal(d);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealInvalidSignature.selector, id, node));
        dm.agreeBySig(d, clientSig, clientSig);
    }

    function test_agreeBySig_signatureForOtherTerms_reverts() public {
        Deal memory d = _deal();
        _fundParties(d);
        bytes memory clientSig = _sign(clientKey, d);
        bytes memory nodeSig = _sign(nodeKey, d);
        d.price += 1; // the solver changes the price after signing
        _fund(client, 1);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealInvalidSignature.selector, dm.hashDeal(d), client));
        dm.agreeBySig(d, clientSig, nodeSig);
    }

    function test_agreeBySig_replay_reverts() public {
        (Deal memory d, bytes32 id) = _agreed();
        _fundParties(d);
        (bytes memory cs, bytes memory ns) = (_sign(clientKey, d), _sign(nodeKey, d));
        vm.expectRevert(_unexpected(id, DealPhase.Agreed, _bit(DealPhase.None)));
        dm.agreeBySig(d, cs, ns);
    }

    function test_agreeBySig_replayAfterEnd_reverts() public {
        (Deal memory d, bytes32 id) = _agreed();
        vm.warp(block.timestamp + RESULT_TIMEOUT + 1);
        dm.timeoutResult(d);
        _fundParties(d);
        vm.warp(d.agreeDeadline); // even inside the agree window again
        (bytes memory cs, bytes memory ns) = (_sign(clientKey, d), _sign(nodeKey, d));
        vm.expectRevert(_unexpected(id, DealPhase.ResultTimedOut, _bit(DealPhase.None)));
        dm.agreeBySig(d, cs, ns);
    }

    function test_agreeBySig_afterOneSidedAgree_reverts() public {
        Deal memory d = _deal();
        _fundParties(d);
        vm.prank(client);
        bytes32 id = dm.agree(d);
        (bytes memory cs, bytes memory ns) = (_sign(clientKey, d), _sign(nodeKey, d));
        vm.expectRevert(_unexpected(id, DealPhase.ClientAgreed, _bit(DealPhase.None)));
        dm.agreeBySig(d, cs, ns);
    }

    function test_agreeBySig_atDeadline_succeeds() public {
        Deal memory d = _deal();
        _fundParties(d);
        vm.warp(d.agreeDeadline);
        bytes32 id = _agreeBySig(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.Agreed));
    }

    function test_agreeBySig_afterDeadline_reverts() public {
        Deal memory d = _deal();
        _fundParties(d);
        bytes memory cs = _sign(clientKey, d);
        bytes memory ns = _sign(nodeKey, d);
        vm.warp(d.agreeDeadline + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IDealManager.DealDeadlinePassed.selector, dm.hashDeal(d), d.agreeDeadline)
        );
        dm.agreeBySig(d, cs, ns);
    }

    function test_agreeBySig_erc1271Client_succeeds() public {
        ERC1271Wallet wallet = new ERC1271Wallet(client);
        Deal memory d = _deal();
        d.client = address(wallet);
        _fundParties(d);
        bytes32 id = dm.agreeBySig(d, _sign(clientKey, d), _sign(nodeKey, d));
        assertEq(uint8(_phase(id)), uint8(DealPhase.Agreed));
        assertEq(_free(address(wallet)), MEDIATION_FEE);
    }

    function test_agreeBySig_erc1271WrongSigner_reverts() public {
        ERC1271Wallet wallet = new ERC1271Wallet(client);
        Deal memory d = _deal();
        d.client = address(wallet);
        _fundParties(d);
        bytes memory nodeSig = _sign(nodeKey, d);
        bytes32 id = dm.hashDeal(d);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealInvalidSignature.selector, id, address(wallet)));
        dm.agreeBySig(d, nodeSig, nodeSig);
    }

    function test_agreeBySig_dirtyHighBits_reverts() public {
        Deal memory d = _deal();
        _fundParties(d);
        bytes memory data = abi.encodeCall(IDealManager.agreeBySig, (d, _sign(clientKey, d), _sign(nodeKey, d)));
        // Head layout: selector, 3 offsets, then the Deal head; maxFuel is Deal word 5.
        uint256 maxFuelAt = 4 + 3 * 32 + 5 * 32;
        data[maxFuelAt] = 0x01; // top byte of a uint64 word
        (bool ok,) = address(dm).call(data);
        assertFalse(ok, "dirty uint64 accepted");
        assertEq(_escrow(), 0);
    }

    // ------------------------------------------------------------- postResult

    function test_postResult_cheatingAboveNodeCollateral_succeeds() public {
        (Deal memory d, bytes32 id) = _agreed();
        bytes memory cid = _resultCid();
        vm.expectEmit(address(dm));
        emit IDealManager.ResultPosted(id, node, cid, 777);
        vm.prank(node);
        dm.postResult(d, cid, 777);
        DealRecord memory r = dm.dealRecord(id);
        assertEq(uint8(r.phase), uint8(DealPhase.ResultPosted));
        assertEq(r.resultAt, block.timestamp);
        assertEq(r.fuelUsed, 777);
        assertEq(dm.resultCidHash(id), keccak256(cid));
        assertEq(_free(node), 0);
        assertEq(_escrow(), PRICE + CLIENT_COLLATERAL + CHEATING_COLLATERAL);
        assertEq(dm.escrowOfDeal(d), _escrow());
        _assertConservation(_accounts());
    }

    function test_postResult_nodeCollateralAboveCheating_succeeds() public {
        Deal memory d = _deal();
        d.cheatingCollateral = 5e18;
        _fundParties(d);
        bytes32 id = _agreeBySig(d);
        _post(d, 1);
        assertEq(_free(node), NODE_COLLATERAL - 5e18);
        assertEq(_escrow(), PRICE + CLIENT_COLLATERAL + 5e18);
        assertEq(uint8(_phase(id)), uint8(DealPhase.ResultPosted));
    }

    function test_postResult_equalCollaterals_succeeds() public {
        Deal memory d = _deal();
        d.cheatingCollateral = NODE_COLLATERAL;
        _fundParties(d);
        _agreeBySig(d);
        uint256 escrowBefore = _escrow();
        _post(d, 1);
        assertEq(_escrow(), escrowBefore);
        assertEq(_free(node), 0);
    }

    function test_postResult_atDeadline_succeeds() public {
        (Deal memory d, bytes32 id) = _agreed();
        vm.warp(block.timestamp + RESULT_TIMEOUT);
        _post(d, 1);
        assertEq(uint8(_phase(id)), uint8(DealPhase.ResultPosted));
    }

    function test_postResult_afterDeadline_reverts() public {
        (Deal memory d, bytes32 id) = _agreed();
        uint256 deadline = block.timestamp + RESULT_TIMEOUT;
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealDeadlinePassed.selector, id, deadline));
        _post(d, 1);
    }

    function test_postResult_notNode_reverts() public {
        (Deal memory d, bytes32 id) = _agreed();
        bytes memory cid = _resultCid();
        vm.prank(client);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealUnauthorized.selector, id, client));
        dm.postResult(d, cid, 1);
    }

    function test_postResult_unknownDeal_reverts() public {
        Deal memory d = _deal();
        bytes32 id = dm.hashDeal(d);
        vm.expectRevert(_unexpected(id, DealPhase.None, _bit(DealPhase.Agreed)));
        _post(d, 1);
    }

    function test_postResult_twice_reverts() public {
        (Deal memory d, bytes32 id) = _posted();
        vm.expectRevert(_unexpected(id, DealPhase.ResultPosted, _bit(DealPhase.Agreed)));
        _post(d, 1);
    }

    function test_postResult_halfAgreed_reverts() public {
        Deal memory d = _deal();
        _fundParties(d);
        vm.prank(client);
        bytes32 id = dm.agree(d);
        vm.expectRevert(_unexpected(id, DealPhase.ClientAgreed, _bit(DealPhase.Agreed)));
        _post(d, 1);
    }

    function test_postResult_fuelAboveMax_reverts() public {
        (Deal memory d, bytes32 id) = _agreed();
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealFuelAboveLimit.selector, id, MAX_FUEL + 1, MAX_FUEL));
        _post(d, MAX_FUEL + 1);
    }

    function test_postResult_fuelAtMax_succeeds() public {
        (Deal memory d, bytes32 id) = _agreed();
        _post(d, MAX_FUEL);
        assertEq(dm.dealRecord(id).fuelUsed, MAX_FUEL);
    }

    function test_postResult_emptyCid_reverts() public {
        (Deal memory d, bytes32 id) = _agreed();
        vm.prank(node);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealInvalidCid.selector, id));
        dm.postResult(d, "", 1);
    }

    function test_postResult_cidTooLong_reverts() public {
        (Deal memory d, bytes32 id) = _agreed();
        vm.prank(node);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealInvalidCid.selector, id));
        dm.postResult(d, new bytes(129), 1);
    }

    function test_postResult_cheatingCollateralMissing_reverts() public {
        Deal memory d = _deal();
        _fund(client, PRICE + CLIENT_COLLATERAL);
        _fund(node, NODE_COLLATERAL); // nothing left for the cheating collateral
        _agreeBySig(d);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICollateralVault.VaultInsufficientFree.selector,
                address(token),
                node,
                0,
                CHEATING_COLLATERAL - NODE_COLLATERAL
            )
        );
        _post(d, 1);
    }

    // ----------------------------------------------------------- acceptResult

    function test_acceptResult_fixedPrice_succeeds() public {
        (Deal memory d, bytes32 id) = _posted();
        uint256 fee = PRICE * FEE_BPS / 10_000;
        vm.expectEmit(address(dm));
        emit IDealManager.DealAccepted(id, true, PRICE - fee, fee, CLIENT_COLLATERAL);
        vm.prank(client);
        dm.acceptResult(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.Accepted));
        assertEq(_free(node), PRICE - fee + CHEATING_COLLATERAL);
        assertEq(_free(client), CLIENT_COLLATERAL + MEDIATION_FEE);
        assertEq(vault.treasury(address(token)), fee);
        assertEq(_escrow(), 0);
        assertEq(dm.escrowOfDeal(d), 0);
        _assertConservation(_accounts());
    }

    function test_acceptResult_perFuelPricing_succeeds() public {
        Deal memory d = _deal();
        d.pricePerFuel = 1e12; // 1,000 fuel => 1e15
        _fundParties(d);
        bytes32 id = _agreeBySig(d);
        _post(d, 1_000);
        vm.prank(client);
        dm.acceptResult(d);
        uint256 payment = 1e15;
        uint256 fee = payment * FEE_BPS / 10_000;
        assertEq(_free(node), payment - fee + CHEATING_COLLATERAL);
        assertEq(_free(client), PRICE - payment + CLIENT_COLLATERAL + MEDIATION_FEE);
        assertEq(uint8(_phase(id)), uint8(DealPhase.Accepted));
        _assertConservation(_accounts());
    }

    function test_acceptResult_atDeadline_succeeds() public {
        (Deal memory d, bytes32 id) = _posted();
        vm.warp(block.timestamp + JUDGE_TIMEOUT);
        vm.prank(client);
        dm.acceptResult(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.Accepted));
    }

    function test_acceptResult_afterDeadline_reverts() public {
        (Deal memory d, bytes32 id) = _posted();
        uint256 deadline = block.timestamp + JUDGE_TIMEOUT;
        vm.warp(deadline + 1);
        vm.prank(client);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealDeadlinePassed.selector, id, deadline));
        dm.acceptResult(d);
    }

    function test_acceptResult_notClient_reverts() public {
        (Deal memory d, bytes32 id) = _posted();
        vm.prank(node);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealUnauthorized.selector, id, node));
        dm.acceptResult(d);
    }

    function test_acceptResult_beforeResult_reverts() public {
        (Deal memory d, bytes32 id) = _agreed();
        vm.prank(client);
        vm.expectRevert(_unexpected(id, DealPhase.Agreed, _bit(DealPhase.ResultPosted)));
        dm.acceptResult(d);
    }

    function test_acceptResult_twice_reverts() public {
        (Deal memory d, bytes32 id) = _posted();
        vm.prank(client);
        dm.acceptResult(d);
        vm.prank(client);
        vm.expectRevert(_unexpected(id, DealPhase.Accepted, _bit(DealPhase.ResultPosted)));
        dm.acceptResult(d);
    }

    function test_acceptResult_whileDisputed_reverts() public {
        (Deal memory d, bytes32 id) = _disputed();
        vm.prank(client);
        vm.expectRevert(_unexpected(id, DealPhase.MediationRequested, _bit(DealPhase.ResultPosted)));
        dm.acceptResult(d);
    }

    // --------------------------------------------------------------- finalize

    function test_finalize_afterJudgeWindow_succeeds() public {
        (Deal memory d, bytes32 id) = _posted();
        vm.warp(block.timestamp + JUDGE_TIMEOUT + 1);
        uint256 fee = PRICE * FEE_BPS / 10_000;
        vm.expectEmit(address(dm));
        emit IDealManager.KeeperPaid(id, stranger, KEEPER_BOUNTY);
        vm.expectEmit(address(dm));
        emit IDealManager.DealAccepted(id, false, PRICE - fee, fee, CLIENT_COLLATERAL - KEEPER_BOUNTY);
        vm.prank(stranger);
        dm.finalize(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.Accepted));
        // A judge timeout is an acceptance: the node is paid in full, the stalling client pays the bounty.
        assertEq(_free(node), PRICE - fee + CHEATING_COLLATERAL);
        assertEq(_free(client), CLIENT_COLLATERAL - KEEPER_BOUNTY + MEDIATION_FEE);
        assertEq(_free(stranger), KEEPER_BOUNTY);
        assertEq(_escrow(), 0);
        _assertConservation(_accounts());
    }

    function test_finalize_atDeadline_reverts() public {
        (Deal memory d, bytes32 id) = _posted();
        uint256 deadline = block.timestamp + JUDGE_TIMEOUT;
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealDeadlineNotReached.selector, id, deadline));
        dm.finalize(d);
    }

    function test_finalize_beforeResult_reverts() public {
        (Deal memory d, bytes32 id) = _agreed();
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(_unexpected(id, DealPhase.Agreed, _bit(DealPhase.ResultPosted)));
        dm.finalize(d);
    }

    function test_finalize_whileDisputed_reverts() public {
        (Deal memory d, bytes32 id) = _disputed();
        vm.warp(block.timestamp + JUDGE_TIMEOUT + 1);
        vm.expectRevert(_unexpected(id, DealPhase.MediationRequested, _bit(DealPhase.ResultPosted)));
        dm.finalize(d);
    }

    // ------------------------------------------------------- requestMediation

    function test_requestMediation_withinWindow_succeeds() public {
        (Deal memory d, bytes32 id) = _posted();
        vm.warp(block.timestamp + JUDGE_TIMEOUT); // at the deadline
        vm.expectEmit(address(dm));
        emit IDealManager.MediationRequested(id, client, MEDIATION_FEE);
        vm.prank(client);
        dm.requestMediation(d);
        DealRecord memory r = dm.dealRecord(id);
        assertEq(uint8(r.phase), uint8(DealPhase.MediationRequested));
        assertEq(r.disputedAt, block.timestamp);
        assertEq(_free(client), 0);
        assertEq(_escrow(), PRICE + CLIENT_COLLATERAL + CHEATING_COLLATERAL + MEDIATION_FEE);
        assertEq(dm.escrowOfDeal(d), _escrow());
    }

    function test_requestMediation_zeroFee_succeeds() public {
        Deal memory d = _deal();
        d.mediationFee = 0;
        _fundParties(d);
        bytes32 id = _agreeBySig(d);
        _post(d, 1);
        uint256 escrowBefore = _escrow();
        vm.prank(client);
        dm.requestMediation(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediationRequested));
        assertEq(_escrow(), escrowBefore);
    }

    function test_requestMediation_afterDeadline_reverts() public {
        (Deal memory d, bytes32 id) = _posted();
        uint256 deadline = block.timestamp + JUDGE_TIMEOUT;
        vm.warp(deadline + 1);
        vm.prank(client);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealDeadlinePassed.selector, id, deadline));
        dm.requestMediation(d);
    }

    function test_requestMediation_notClient_reverts() public {
        (Deal memory d, bytes32 id) = _posted();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealUnauthorized.selector, id, stranger));
        dm.requestMediation(d);
    }

    function test_requestMediation_twice_reverts() public {
        (Deal memory d, bytes32 id) = _disputed();
        vm.prank(client);
        vm.expectRevert(_unexpected(id, DealPhase.MediationRequested, _bit(DealPhase.ResultPosted)));
        dm.requestMediation(d);
    }

    function test_requestMediation_noMediators_reverts() public {
        Deal memory d = _deal();
        d.mediators = new address[](0);
        _fundParties(d);
        bytes32 id = _agreeBySig(d);
        _post(d, 1);
        vm.prank(client);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealNoMediators.selector, id));
        dm.requestMediation(d);
    }

    function test_requestMediation_feeMissing_reverts() public {
        Deal memory d = _deal();
        _fund(client, PRICE + CLIENT_COLLATERAL);
        _fund(node, CHEATING_COLLATERAL);
        _agreeBySig(d);
        _post(d, 1);
        vm.prank(client);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICollateralVault.VaultInsufficientFree.selector, address(token), client, 0, MEDIATION_FEE
            )
        );
        dm.requestMediation(d);
    }

    // -------------------------------------------------------- expireAgreement

    function test_expireAgreement_clientOnly_succeeds() public {
        Deal memory d = _deal();
        _fundParties(d);
        vm.prank(client);
        bytes32 id = dm.agree(d);
        vm.warp(d.agreeDeadline + 1);
        vm.expectEmit(address(dm));
        emit IDealManager.DealAgreeExpired(id, client, PRICE + CLIENT_COLLATERAL - KEEPER_BOUNTY);
        vm.prank(stranger);
        dm.expireAgreement(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.AgreeExpired));
        // A keeper ended it: the bounty comes out of the lone party's stake.
        assertEq(_free(client), PRICE + CLIENT_COLLATERAL + MEDIATION_FEE - KEEPER_BOUNTY);
        assertEq(_free(stranger), KEEPER_BOUNTY);
        assertEq(_escrow(), 0);
        _assertConservation(_accounts());
    }

    function test_expireAgreement_byLoneParty_noBounty_succeeds() public {
        Deal memory d = _deal();
        _fundParties(d);
        vm.prank(client);
        bytes32 id = dm.agree(d);
        vm.warp(d.agreeDeadline + 1);
        vm.expectEmit(address(dm));
        emit IDealManager.DealAgreeExpired(id, client, PRICE + CLIENT_COLLATERAL);
        vm.prank(client);
        dm.expireAgreement(d);
        assertEq(_free(client), PRICE + CLIENT_COLLATERAL + MEDIATION_FEE, "C7: the party keeps everything");
        assertEq(_escrow(), 0);
    }

    function test_expireAgreement_nodeOnly_succeeds() public {
        Deal memory d = _deal();
        _fundParties(d);
        vm.prank(node);
        bytes32 id = dm.agree(d);
        vm.warp(d.agreeDeadline + 1);
        vm.expectEmit(address(dm));
        emit IDealManager.DealAgreeExpired(id, node, NODE_COLLATERAL - KEEPER_BOUNTY);
        vm.prank(stranger);
        dm.expireAgreement(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.AgreeExpired));
        assertEq(_free(node), CHEATING_COLLATERAL - KEEPER_BOUNTY);
        assertEq(_free(stranger), KEEPER_BOUNTY);
        assertEq(_escrow(), 0);
    }

    function test_expireAgreement_nodeOnlyZeroCollateral_succeeds() public {
        Deal memory d = _deal();
        d.nodeCollateral = 0;
        vm.prank(node);
        bytes32 id = dm.agree(d);
        vm.warp(d.agreeDeadline + 1);
        dm.expireAgreement(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.AgreeExpired));
    }

    function test_expireAgreement_atDeadline_reverts() public {
        Deal memory d = _deal();
        _fundParties(d);
        vm.prank(client);
        bytes32 id = dm.agree(d);
        vm.warp(d.agreeDeadline);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealDeadlineNotReached.selector, id, d.agreeDeadline));
        dm.expireAgreement(d);
    }

    function test_expireAgreement_bothAgreed_reverts() public {
        (Deal memory d, bytes32 id) = _agreed();
        vm.warp(d.agreeDeadline + 1);
        vm.expectRevert(_unexpected(id, DealPhase.Agreed, _bit(DealPhase.ClientAgreed) | _bit(DealPhase.NodeAgreed)));
        dm.expireAgreement(d);
    }

    function test_expireAgreement_unknownDeal_reverts() public {
        Deal memory d = _deal();
        vm.warp(d.agreeDeadline + 1);
        vm.expectRevert(
            _unexpected(dm.hashDeal(d), DealPhase.None, _bit(DealPhase.ClientAgreed) | _bit(DealPhase.NodeAgreed))
        );
        dm.expireAgreement(d);
    }

    // ---------------------------------------------------------- timeoutResult

    function test_timeoutResult_afterDeadline_succeeds() public {
        (Deal memory d, bytes32 id) = _agreed();
        vm.warp(block.timestamp + RESULT_TIMEOUT + 1);
        vm.expectEmit(address(dm));
        emit IDealManager.DealResultTimedOut(id, PRICE + CLIENT_COLLATERAL, NODE_COLLATERAL - KEEPER_BOUNTY);
        vm.prank(stranger);
        dm.timeoutResult(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.ResultTimedOut));
        // The stalling node pays the bounty out of its timeout collateral.
        assertEq(_free(client), PRICE + CLIENT_COLLATERAL + NODE_COLLATERAL - KEEPER_BOUNTY + MEDIATION_FEE);
        assertEq(_free(stranger), KEEPER_BOUNTY);
        assertEq(_free(node), CHEATING_COLLATERAL - NODE_COLLATERAL);
        assertEq(_escrow(), 0);
        _assertConservation(_accounts());
    }

    function test_timeoutResult_atDeadline_reverts() public {
        (Deal memory d, bytes32 id) = _agreed();
        uint256 deadline = block.timestamp + RESULT_TIMEOUT;
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealDeadlineNotReached.selector, id, deadline));
        dm.timeoutResult(d);
    }

    function test_timeoutResult_afterResult_reverts() public {
        (Deal memory d, bytes32 id) = _posted();
        vm.warp(block.timestamp + RESULT_TIMEOUT + 1);
        vm.expectRevert(_unexpected(id, DealPhase.ResultPosted, _bit(DealPhase.Agreed)));
        dm.timeoutResult(d);
    }

    // ------------------------------------------------------- timeoutMediation

    function test_timeoutMediation_afterDeadline_succeeds() public {
        (Deal memory d, bytes32 id) = _disputed();
        vm.warp(block.timestamp + MEDIATION_TIMEOUT + 1);
        vm.expectEmit(address(dm));
        emit IDealManager.DealMediationTimedOut(id, PRICE + CLIENT_COLLATERAL + MEDIATION_FEE, CHEATING_COLLATERAL);
        vm.prank(stranger);
        court.timeoutMediation(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediationTimedOut));
        assertEq(_free(client), PRICE + CLIENT_COLLATERAL + MEDIATION_FEE);
        assertEq(_free(node), CHEATING_COLLATERAL);
        assertEq(_escrow(), 0);
        _assertConservation(_accounts());
    }

    function test_timeoutMediation_zeroCheatingAndFee_succeeds() public {
        Deal memory d = _deal();
        d.cheatingCollateral = 0;
        d.mediationFee = 0;
        _fundParties(d);
        bytes32 id = _agreeBySig(d);
        _post(d, 1);
        vm.prank(client);
        dm.requestMediation(d);
        vm.warp(block.timestamp + MEDIATION_TIMEOUT + 1);
        court.timeoutMediation(d);
        assertEq(uint8(_phase(id)), uint8(DealPhase.MediationTimedOut));
        assertEq(_escrow(), 0);
    }

    function test_timeoutMediation_atDeadline_reverts() public {
        (Deal memory d, bytes32 id) = _disputed();
        uint256 deadline = block.timestamp + MEDIATION_TIMEOUT;
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtDeadlineNotReached.selector, id, deadline));
        court.timeoutMediation(d);
    }

    function test_timeoutMediation_notDisputed_reverts() public {
        (Deal memory d, bytes32 id) = _posted();
        vm.warp(block.timestamp + 30 days);
        vm.expectRevert(abi.encodeWithSelector(IMediationCourt.CourtNotDisputed.selector, id));
        court.timeoutMediation(d);
    }

    // ------------------------------------------------------------------ views

    function test_currentDeadline_eachPhase_succeeds() public {
        Deal memory d = _deal();
        _fundParties(d);
        (uint256 deadline, bool passed) = dm.currentDeadline(d);
        assertEq(deadline, d.agreeDeadline);
        assertFalse(passed);
        vm.prank(client);
        dm.agree(d);
        vm.warp(d.agreeDeadline + 1);
        (deadline, passed) = dm.currentDeadline(d);
        assertEq(deadline, d.agreeDeadline);
        assertTrue(passed);
        dm.expireAgreement(d);
        (deadline, passed) = dm.currentDeadline(d);
        assertEq(deadline, 0);
        assertFalse(passed);

        (Deal memory e,) = _agreed();
        (deadline,) = dm.currentDeadline(e);
        assertEq(deadline, block.timestamp + RESULT_TIMEOUT);
        _post(e, 1);
        (deadline,) = dm.currentDeadline(e);
        assertEq(deadline, block.timestamp + JUDGE_TIMEOUT);
        vm.prank(client);
        dm.requestMediation(e);
        vm.warp(block.timestamp + MEDIATION_TIMEOUT);
        (deadline, passed) = dm.currentDeadline(e);
        assertEq(deadline, block.timestamp);
        assertFalse(passed, "at the deadline is not passed");
    }

    function test_paymentFor_pricing_succeeds() public {
        Deal memory d = _deal();
        assertEq(dm.paymentFor(d, 0), PRICE, "fixed price ignores fuel");
        d.pricePerFuel = 3;
        assertEq(dm.paymentFor(d, 0), 0);
        assertEq(dm.paymentFor(d, 10), 30);
        d.price = 29;
        assertEq(dm.paymentFor(d, 10), 29, "capped at price");
        d.pricePerFuel = type(uint256).max;
        assertEq(dm.paymentFor(d, type(uint64).max), 29, "no overflow");
    }

    function test_dealDigest_eip712_succeeds() public {
        Deal memory d = _deal();
        (, string memory name, string memory version, uint256 chainId, address verifying,,) = dm.eip712Domain();
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifying
            )
        );
        assertEq(dm.dealDigest(d), keccak256(abi.encodePacked("\x19\x01", domain, dm.hashDeal(d))));
    }
}
