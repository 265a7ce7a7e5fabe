// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PoSeLib} from "../../src/libraries/PoSeLib.sol";
import {ChallengeMessageV2, ReceiptMessageV2} from "../../src/types/PoSeTypes.sol";

/// @notice The EIP-712 struct hashes of PoSe challenges and receipts, written out independently of
///         `PoSeLib` (whose functions take calldata) for the tests that sign messages: the unit
///         fixture and the invariant store share this one copy.
library PoSeTypedData {
    function hashChallenge(ChallengeMessageV2 memory c) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                PoSeLib.CHALLENGE_TYPEHASH,
                c.challengeId,
                c.epochId,
                c.nodeId,
                c.challengeType,
                c.nonce,
                c.challenger,
                c.issuedAt,
                c.deadline,
                c.querySpecHash
            )
        );
    }

    function hashReceipt(ReceiptMessageV2 memory r) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(PoSeLib.RECEIPT_TYPEHASH, r.challengeId, r.epochId, r.nodeId, r.responseHash, r.respondedAt)
        );
    }
}
