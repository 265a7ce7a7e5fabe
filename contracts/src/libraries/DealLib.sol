// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IDealManager} from "../interfaces/IDealManager.sol";
import {Deal, DealPhase} from "../types/DealTypes.sol";

/// @title DealLib
/// @notice Pure rules of a compute deal: its EIP-712 struct hash (the deal id), the validation
///         of its terms, what the node is paid, and what each phase holds in escrow.
library DealLib {
    /// @dev keccak256 of the EIP-712 type string; must match IDealManager's NatSpec byte for byte.
    bytes32 internal constant DEAL_TYPEHASH = keccak256(
        "Deal(address client,address node,bytes32 jobOfferId,bytes32 resourceOfferId,bytes jobSpecCid,"
        "uint64 maxFuel,uint256 price,uint256 pricePerFuel,uint256 clientCollateral,uint256 nodeCollateral,"
        "uint256 cheatingCollateral,uint256 mediationFee,address[] mediators,uint64 agreeDeadline,"
        "uint32 resultTimeout,uint32 judgeTimeout,uint32 mediationTimeout)"
    );

    uint256 internal constant MAX_MEDIATORS = 7;
    uint256 internal constant MAX_CID_LENGTH = 128;
    uint256 internal constant BPS = 10_000;

    /// @notice The EIP-712 struct hash of `deal`: `bytes` are hashed with keccak256, the
    ///         `address[]` as keccak256 of its elements each padded to 32 bytes.
    /// @dev    Hot path (every call hashes the terms), so the 17 head words are copied from
    ///         calldata in one go and the two dynamic words (offsets of `jobSpecCid` at index 4
    ///         and `mediators` at index 12) are overwritten with their hashes. This equals
    ///         `keccak256(abi.encode(DEAL_TYPEHASH, ...fields, keccak256(jobSpecCid), ...,
    ///         keccak256(abi.encodePacked(mediators)), ...))` for every cleanly encoded deal
    ///         (checked against that reference by testFuzz_hash_matchesReference). A deal with
    ///         dirty high bits in a narrow field hashes differently, but can never be agreed:
    ///         `validate` (run when a deal id is first used) reads every narrow field through
    ///         the ABI decoder, which reverts on dirty bits; so no stored record has such an id.
    ///         The same holds for the mediator words. The ABI decoder has already checked that
    ///         the head lies inside calldata, and the `bytes`/`address[]` accessors that their
    ///         offset and length do. Scratch memory past the free pointer is used, not allocated.
    function hash(Deal calldata deal) internal pure returns (bytes32 structHash) {
        bytes calldata cid = deal.jobSpecCid;
        address[] calldata mediators = deal.mediators;
        bytes32 typeHash = DEAL_TYPEHASH;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            // keccak256(jobSpecCid)
            calldatacopy(ptr, cid.offset, cid.length)
            let cidHash := keccak256(ptr, cid.length)
            // keccak256(abi.encodePacked(mediators)): each element is one 32-byte word
            let mediatorsLength := shl(5, mediators.length)
            calldatacopy(ptr, mediators.offset, mediatorsLength)
            let mediatorsHash := keccak256(ptr, mediatorsLength)
            // typeHash ‖ 17 head words, with the two dynamic words replaced by their hashes
            mstore(ptr, typeHash)
            calldatacopy(add(ptr, 0x20), deal, 0x220)
            mstore(add(ptr, 0xa0), cidHash) // word 1 + 4
            mstore(add(ptr, 0x1a0), mediatorsHash) // word 1 + 12
            structHash := keccak256(ptr, 0x240)
        }
    }

    /// @notice Reverts with `DealInvalidTerms(reason)` unless the terms are acceptable.
    ///         Checked once, when the first party agrees; the id binds the terms afterwards.
    function validate(Deal calldata deal) internal pure {
        if (deal.client == address(0)) revert IDealManager.DealInvalidTerms("CLIENT_ZERO");
        if (deal.node == address(0)) revert IDealManager.DealInvalidTerms("NODE_ZERO");
        if (deal.client == deal.node) revert IDealManager.DealInvalidTerms("CLIENT_IS_NODE");
        uint256 cidLength = deal.jobSpecCid.length;
        if (cidLength == 0) revert IDealManager.DealInvalidTerms("JOB_SPEC_CID_EMPTY");
        if (cidLength > MAX_CID_LENGTH) revert IDealManager.DealInvalidTerms("JOB_SPEC_CID_TOO_LONG");
        if (deal.maxFuel == 0) revert IDealManager.DealInvalidTerms("MAX_FUEL_ZERO");
        if (deal.price == 0) revert IDealManager.DealInvalidTerms("PRICE_ZERO");
        if (deal.resultTimeout == 0) revert IDealManager.DealInvalidTerms("RESULT_TIMEOUT_ZERO");
        if (deal.judgeTimeout == 0) revert IDealManager.DealInvalidTerms("JUDGE_TIMEOUT_ZERO");
        if (deal.mediationTimeout == 0) revert IDealManager.DealInvalidTerms("MEDIATION_TIMEOUT_ZERO");
        address[] calldata mediators = deal.mediators;
        uint256 count = mediators.length;
        if (count > MAX_MEDIATORS) revert IDealManager.DealInvalidTerms("TOO_MANY_MEDIATORS");
        address client = deal.client;
        address node = deal.node;
        address previous = address(0);
        for (uint256 i = 0; i < count; ++i) {
            address mediator = mediators[i];
            // Strictly ascending from zero: no zero address, no duplicates.
            if (mediator <= previous) revert IDealManager.DealInvalidTerms("MEDIATORS_NOT_ASCENDING");
            if (mediator == client || mediator == node) revert IDealManager.DealInvalidTerms("MEDIATOR_IS_PARTY");
            previous = mediator;
        }
    }

    /// @notice The node's payment before the network fee: `price` for a fixed-price deal,
    ///         else `min(price, fuelUsed × pricePerFuel)`. Never overflows.
    function paymentFor(Deal calldata deal, uint64 fuelUsed) internal pure returns (uint256) {
        uint256 perFuel = deal.pricePerFuel;
        uint256 price = deal.price;
        if (perFuel == 0) return price;
        // fuelUsed × perFuel > price  <=>  perFuel > price / fuelUsed (integer division).
        if (fuelUsed != 0 && perFuel > price / fuelUsed) return price;
        return uint256(fuelUsed) * perFuel;
    }

    /// @notice The network fee on `payment`: floor(payment × feeBps / 10,000), computed without
    ///         overflow (payment = q × 10,000 + r gives q × feeBps + floor(r × feeBps / 10,000)).
    function feeOn(uint256 payment, uint16 feeBps) internal pure returns (uint256) {
        // Dividing first is the point: exact floor without an overflowing product.
        // forge-lint: disable-next-line(divide-before-multiply)
        return (payment / BPS) * feeBps + ((payment % BPS) * feeBps) / BPS;
    }

    /// @notice What the client locks when it agrees.
    function clientStake(Deal calldata deal) internal pure returns (uint256) {
        return deal.price + deal.clientCollateral;
    }

    /// @notice What a deal in `phase` holds in this contract's vault escrow (invariant D1).
    function heldIn(Deal calldata deal, DealPhase phase) internal pure returns (uint256) {
        if (phase == DealPhase.ClientAgreed) return clientStake(deal);
        if (phase == DealPhase.NodeAgreed) return deal.nodeCollateral;
        if (phase == DealPhase.Agreed) return clientStake(deal) + deal.nodeCollateral;
        if (phase == DealPhase.ResultPosted) return clientStake(deal) + deal.cheatingCollateral;
        if (phase == DealPhase.MediationRequested) {
            return clientStake(deal) + deal.cheatingCollateral + deal.mediationFee;
        }
        return 0;
    }

    /// @notice Bit `phase` of a phase bitmap (as in `DealUnexpectedPhase.expected`).
    function bit(DealPhase phase) internal pure returns (uint256) {
        // forge-lint: disable-next-line(incorrect-shift)
        return 1 << uint8(phase); // the bit for `phase`, as intended
    }
}
