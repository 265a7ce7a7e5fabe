// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ICidRegistry} from "./interfaces/ICidRegistry.sol";
import {CidLib} from "./libraries/CidLib.sol";

/// @title CidRegistry
/// @notice Anchors CIDs per owner. See {ICidRegistry} and docs/contracts/registries.md.
/// @dev    Storage: one `Anchor` slot per (cidKey, owner). Immutable, no owner, no proxy.
contract CidRegistry is ICidRegistry {
    /// @inheritdoc ICidRegistry
    uint256 public constant MAX_CID_LENGTH = CidLib.MAX_CID_LENGTH;
    /// @inheritdoc ICidRegistry
    uint256 public constant MAX_BATCH = 64;

    mapping(bytes32 cidKey => mapping(address owner => Anchor anchor)) private _anchors;

    /// @inheritdoc ICidRegistry
    function anchor(bytes calldata cid, bytes32 contentHash, uint8 kind) external returns (bytes32 cidKey) {
        return _anchor(cid, contentHash, kind);
    }

    /// @inheritdoc ICidRegistry
    function anchorBatch(bytes[] calldata cids, bytes32[] calldata contentHashes, uint8[] calldata kinds)
        external
        returns (bytes32[] memory cidKeys)
    {
        uint256 n = cids.length;
        // INVARIANT: a batch is bounded (C9): at most MAX_BATCH anchors per call.
        if (n == 0 || n > MAX_BATCH || contentHashes.length != n || kinds.length != n) {
            revert CidBadBatch(n, MAX_BATCH);
        }
        cidKeys = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            cidKeys[i] = _anchor(cids[i], contentHashes[i], kinds[i]);
        }
    }

    /// @inheritdoc ICidRegistry
    function anchorOf(bytes32 cidKey, address owner) external view returns (Anchor memory) {
        return _anchors[cidKey][owner];
    }

    /// @inheritdoc ICidRegistry
    function isAnchored(bytes calldata cid, address owner) external view returns (bool) {
        return _anchors[keccak256(cid)][owner].anchoredAt != 0;
    }

    /// @inheritdoc ICidRegistry
    function parseCid(bytes calldata cid)
        external
        pure
        returns (uint64 version, uint64 codec, uint64 hashFunction, bytes32 digest)
    {
        _checkLength(cid.length);
        CidLib.Parsed memory p = CidLib.parse(cid);
        return (p.version, p.codec, p.hashFunction, p.digest);
    }

    function _anchor(bytes calldata cid, bytes32 contentHash, uint8 kind) private returns (bytes32 cidKey) {
        _checkLength(cid.length);
        CidLib.Parsed memory p = CidLib.parse(cid);
        // INVARIANT (R8): an anchored CID's digest equals the content hash its owner stated.
        if (p.digest != contentHash) revert CidHashMismatch(p.digest, contentHash);
        cidKey = keccak256(cid);
        Anchor storage a = _anchors[cidKey][msg.sender];
        // INVARIANT: an anchor is written once; its owner, kind and time never change.
        if (a.anchoredAt != 0) revert CidAlreadyAnchored(cidKey, msg.sender);
        a.kind = kind;
        a.anchoredAt = uint64(block.timestamp);
        a.codec = p.codec;
        a.hashFunction = p.hashFunction;
        emit CidAnchored(cidKey, msg.sender, kind, cid, contentHash, p.codec, p.hashFunction);
    }

    function _checkLength(uint256 length) private pure {
        if (length == 0 || length > MAX_CID_LENGTH) revert CidBadLength(length, MAX_CID_LENGTH);
    }
}
