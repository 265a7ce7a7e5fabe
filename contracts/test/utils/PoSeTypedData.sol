// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PoSeLib} from "../../src/libraries/PoSeLib.sol";
import {ChallengeMessageV2, ReceiptMessageV2} from "../../src/types/PoSeTypes.sol";

/// @notice The EIP-712 struct hashes of PoSe challenges and receipts, written out independently of
///         `PoSeLib` (whose functions take calldata) for the tests that sign messages, and the
///         unsigned messages of an uptime (U) challenge: the unit fixture and the invariant store
///         share this one copy.
library PoSeTypedData {
    uint8 internal constant CAP_U = 1;

    /// @dev An uptime challenge of `nodeId` in `epochId`, issued just after the epoch starts and due
    ///      3 s later, and the node's receipt: answered in 2 s, or in 10 s (past the deadline) if `late`.
    function uptimeMessages(
        uint64 epochId,
        bytes32 nodeId,
        uint64 nonce,
        address challenger,
        uint64 epochStart,
        bool late
    ) internal pure returns (ChallengeMessageV2 memory c, ReceiptMessageV2 memory r) {
        uint64 issuedAt = epochStart + 1;
        c = ChallengeMessageV2({
            challengeId: PoSeLib.challengeId(epochId, nodeId, CAP_U, nonce, challenger),
            epochId: epochId,
            nodeId: nodeId,
            challengeType: CAP_U,
            nonce: nonce,
            challenger: challenger,
            issuedAt: issuedAt,
            deadline: issuedAt + 3,
            querySpecHash: keccak256(abi.encode("eth_blockNumber", nonce))
        });
        r = ReceiptMessageV2({
            challengeId: c.challengeId,
            epochId: epochId,
            nodeId: nodeId,
            responseHash: keccak256(abi.encode("answer", nonce)),
            respondedAt: late ? issuedAt + 10 : issuedAt + 2
        });
    }

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
