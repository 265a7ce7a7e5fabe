// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {DealFixture} from "../utils/DealFixture.sol";
import {DealManager} from "../../src/DealManager.sol";
import {IDealManager} from "../../src/interfaces/IDealManager.sol";
import {DealLib} from "../../src/libraries/DealLib.sol";
import {Deal, DealPhase} from "../../src/types/DealTypes.sol";

/// @dev Exposes DealLib's internal pure functions.
contract DealLibHarness {
    function feeOn(uint256 payment, uint16 bps) external pure returns (uint256) {
        return DealLib.feeOn(payment, bps);
    }
}

contract DealFuzzTest is DealFixture {
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    DealLibHarness internal harness;

    function setUp() public override {
        super.setUp();
        harness = new DealLibHarness();
    }

    /// @dev The EIP-712 struct hash written the plain way (the spec), to check the optimised one.
    function _referenceHash(Deal memory d) internal pure returns (bytes32) {
        bytes memory first = abi.encode(
            DealLib.DEAL_TYPEHASH,
            d.client,
            d.node,
            d.jobOfferId,
            d.resourceOfferId,
            keccak256(d.jobSpecCid),
            d.maxFuel,
            d.price,
            d.pricePerFuel
        );
        bytes memory second = abi.encode(
            d.clientCollateral,
            d.nodeCollateral,
            d.cheatingCollateral,
            d.mediationFee,
            keccak256(abi.encodePacked(d.mediators)),
            d.agreeDeadline,
            d.resultTimeout,
            d.judgeTimeout,
            d.mediationTimeout
        );
        return keccak256(bytes.concat(first, second));
    }

    function testFuzz_hash_matchesReference(
        address c,
        address n,
        bytes32 jobOfferId,
        bytes calldata cid,
        uint64 maxFuel,
        uint256[6] calldata money,
        uint8 mediatorCount,
        uint64 agreeDeadline,
        uint32[3] calldata timeouts
    ) public {
        Deal memory d = _deal();
        (d.client, d.node, d.jobOfferId, d.jobSpecCid, d.maxFuel) = (c, n, jobOfferId, cid, maxFuel);
        (d.price, d.pricePerFuel, d.clientCollateral, d.nodeCollateral, d.cheatingCollateral, d.mediationFee) =
        (money[0], money[1], money[2], money[3], money[4], money[5]);
        d.mediators = new address[](mediatorCount % 9);
        for (uint256 i = 0; i < d.mediators.length; ++i) {
            d.mediators[i] = address(uint160(uint256(keccak256(abi.encode(jobOfferId, i)))));
        }
        (d.agreeDeadline, d.resultTimeout, d.judgeTimeout, d.mediationTimeout) =
        (agreeDeadline, timeouts[0], timeouts[1], timeouts[2]);
        assertEq(dm.hashDeal(d), _referenceHash(d));
    }

    function testFuzz_paymentFor_matchesReference(uint256 price, uint256 perFuel, uint64 fuel) public {
        Deal memory d = _deal();
        (d.price, d.pricePerFuel) = (price, perFuel);
        uint256 expected;
        if (perFuel == 0) {
            expected = price;
        } else {
            (uint256 high, uint256 low) = Math.mul512(fuel, perFuel);
            expected = high != 0 || low > price ? price : low;
        }
        assertEq(dm.paymentFor(d, fuel), expected);
        assertLe(dm.paymentFor(d, fuel), price);
    }

    function testFuzz_feeOn_matchesMulDiv(uint256 payment, uint16 bps) public view {
        bps = uint16(bound(bps, 0, 10_000));
        uint256 fee = harness.feeOn(payment, bps);
        assertEq(fee, Math.mulDiv(payment, bps, 10_000));
        assertLe(fee, payment);
    }

    /// @notice Money out equals money in for any amounts, pricing and fuel (exact, no dust).
    function testFuzz_acceptResult_amounts_succeeds(
        uint256 price,
        uint256 perFuel,
        uint64 fuel,
        uint256 clientCollateral,
        uint256 nodeCollateral,
        uint256 cheatingCollateral,
        bool byClient
    ) public {
        Deal memory d = _deal();
        d.price = bound(price, 1, 1e30);
        d.pricePerFuel = bound(perFuel, 0, 1e30);
        d.clientCollateral = bound(clientCollateral, 0, 1e30);
        d.nodeCollateral = bound(nodeCollateral, 0, 1e30);
        d.cheatingCollateral = bound(cheatingCollateral, 0, 1e30);
        fuel = uint64(bound(fuel, 0, d.maxFuel));
        _fundParties(d);
        uint256 clientBefore = _free(client);
        uint256 nodeBefore = _free(node);
        _agreeBySig(d);
        _post(d, fuel);
        if (byClient) {
            vm.prank(client);
            dm.acceptResult(d);
        } else {
            vm.warp(block.timestamp + d.judgeTimeout + 1);
            vm.prank(stranger); // a keeper: paid the bounty out of the stalling client's refund
            dm.finalize(d);
        }
        uint256 payment = dm.paymentFor(d, fuel);
        uint256 fee = Math.mulDiv(payment, FEE_BPS, 10_000);
        uint256 refund = d.price - payment + d.clientCollateral;
        uint256 bounty = byClient ? 0 : (refund < KEEPER_BOUNTY ? refund : KEEPER_BOUNTY);
        assertEq(_free(node), nodeBefore + payment - fee, "node: payment minus fee");
        assertEq(
            _free(client), clientBefore - payment - bounty, "client: pays the payment (and the bounty if it stalled)"
        );
        assertEq(_free(stranger), bounty, "keeper: the bounty, capped by the client's refund");
        assertEq(vault.treasury(address(token)), fee, "treasury: the fee");
        assertEq(_escrow(), 0, "nothing left in escrow");
        address[] memory a = new address[](3);
        (a[0], a[1], a[2]) = (client, node, stranger);
        _assertConservation(a);
    }

    /// @notice The fee never exceeds the payment and rounds down, for every fee rate.
    function testFuzz_feeRounding_anyRate_succeeds(uint16 bps, uint256 price) public {
        bps = uint16(bound(bps, 0, 10_000));
        price = bound(price, 1, 1e30);
        DealManager other = new DealManager(address(vault), address(token), bps, address(court), KEEPER_BOUNTY);
        vm.prank(owner);
        vault.setLocker(address(other), true);
        dm = other; // the fixture's helpers sign and call against this manager
        Deal memory d = _deal();
        d.price = price;
        _fundParties(d);
        bytes32 id = _agreeBySig(d);
        _post(d, 1);
        vm.prank(client);
        dm.acceptResult(d);
        uint256 fee = vault.treasury(address(token));
        assertEq(fee, price * bps / 10_000);
        assertEq(_free(node), price - fee + d.cheatingCollateral);
        assertEq(uint8(_phase(id)), uint8(DealPhase.Accepted));
    }

    // -------------------------------------------------------------- signatures (C5)

    function _expectBadSignature(Deal memory d, bytes memory clientSig, address badSigner) internal {
        bytes memory nodeSig = _sign(nodeKey, d);
        bytes32 id = dm.hashDeal(d);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealInvalidSignature.selector, id, badSigner));
        dm.agreeBySig(d, clientSig, nodeSig);
        assertEq(uint8(_phase(id)), uint8(DealPhase.None));
    }

    function testFuzz_agreeBySig_wrongChainId_reverts(uint64 chainId) public {
        vm.assume(chainId != block.chainid && chainId != 0);
        Deal memory d = _deal();
        _fundParties(d);
        uint256 realChain = block.chainid;
        vm.chainId(chainId);
        bytes memory sig = _sign(clientKey, d); // signed for the other chain's domain
        vm.chainId(realChain);
        _expectBadSignature(d, sig, client);
    }

    function test_agreeBySig_chainIdChange_newDomain_reverts() public {
        Deal memory d = _deal();
        _fundParties(d);
        bytes memory cs = _sign(clientKey, d);
        bytes memory ns = _sign(nodeKey, d);
        bytes32 digestBefore = dm.dealDigest(d);
        vm.chainId(block.chainid + 1); // a fork: the old signatures must not work there
        assertTrue(dm.dealDigest(d) != digestBefore, "domain separator follows the chain id");
        bytes32 id = dm.hashDeal(d);
        vm.expectRevert(abi.encodeWithSelector(IDealManager.DealInvalidSignature.selector, id, client));
        dm.agreeBySig(d, cs, ns);
    }

    function testFuzz_agreeBySig_wrongContract_reverts(uint16 bps) public {
        bps = uint16(bound(bps, 0, 10_000));
        Deal memory d = _deal();
        _fundParties(d);
        DealManager other = new DealManager(address(vault), address(token), bps, address(court), KEEPER_BOUNTY);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(clientKey, other.dealDigest(d));
        _expectBadSignature(d, abi.encodePacked(r, s, v), client);
    }

    function testFuzz_agreeBySig_highS_reverts(uint256 salt) public {
        Deal memory d = _deal();
        d.jobOfferId = keccak256(abi.encode(salt));
        _fundParties(d);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(clientKey, dm.dealDigest(d));
        bytes32 highS = bytes32(SECP256K1_N - uint256(s));
        uint8 flippedV = v == 27 ? 28 : 27; // the same point, the malleable twin
        assertEq(ecrecover(dm.dealDigest(d), flippedV, r, highS), client, "twin recovers to the client");
        _expectBadSignature(d, abi.encodePacked(r, highS, flippedV), client);
    }

    function testFuzz_agreeBySig_compact64Bytes_reverts(uint256 salt) public {
        Deal memory d = _deal();
        d.jobOfferId = keccak256(abi.encode(salt));
        _fundParties(d);
        (bytes32 r, bytes32 vs) = vm.signCompact(clientKey, dm.dealDigest(d));
        _expectBadSignature(d, abi.encodePacked(r, vs), client);
    }

    function testFuzz_agreeBySig_wrongSigner_reverts(uint256 key) public {
        key = bound(key, 1, SECP256K1_N - 1);
        vm.assume(key != clientKey);
        Deal memory d = _deal();
        _fundParties(d);
        _expectBadSignature(d, _sign(key, d), client);
    }

    function testFuzz_agreeBySig_garbage_reverts(bytes calldata garbage) public {
        Deal memory d = _deal();
        _fundParties(d);
        _expectBadSignature(d, garbage, client);
    }
}
