// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title ICidRegistry
/// @notice Anchors content identifiers (CIDs): an owner states, at a block time, that it holds the
///         content a CID names and what kind of content it is. The CID's bytes are checked (a
///         CIDv0 or CIDv1 whose multihash carries a 32-byte digest) and its digest must equal the
///         `contentHash` the caller gives, so a typo or a truncated CID cannot be anchored.
/// @dev    Anchors are keyed by (keccak256(cid bytes), owner): each owner anchors its own claim,
///         so nobody can front-run another account's anchor or overwrite it. The CID bytes are
///         not stored, they are in the `CidAnchored` event (indexers rebuild the set from it);
///         the contract stores one slot per anchor. Immutable: no owner, no admin.
///         Known kinds (open set, documented in docs/contracts/registries.md): 0 unspecified,
///         1 job spec, 2 job input, 3 job result, 4 identity backup, 5 module.
interface ICidRegistry {
    /// @notice One anchor, packed in a single slot. `anchoredAt == 0` means "not anchored".
    struct Anchor {
        uint8 kind;
        uint64 anchoredAt;
        uint64 codec;
        uint64 hashFunction;
    }

    // ------------------------------------------------------------------ errors

    /// @notice The CID is empty or longer than `MAX_CID_LENGTH` bytes.
    error CidBadLength(uint256 length, uint256 max);
    /// @notice The CID's 32-byte multihash digest differs from the content hash given.
    error CidHashMismatch(bytes32 digest, bytes32 contentHash);
    /// @notice `owner` has already anchored this CID.
    error CidAlreadyAnchored(bytes32 cidKey, address owner);
    /// @notice A batch is empty, larger than `MAX_BATCH`, or its arrays differ in length.
    error CidBadBatch(uint256 size, uint256 max);

    // ------------------------------------------------------------------ events

    /// @notice `owner` anchored `cid` (full bytes) of `kind`; `cidKey = keccak256(cid)`.
    event CidAnchored(
        bytes32 indexed cidKey,
        address indexed owner,
        uint8 indexed kind,
        bytes cid,
        bytes32 contentHash,
        uint64 codec,
        uint64 hashFunction
    );

    // ------------------------------------------------------------------ writes

    /// @notice Anchors `cid` for the caller.
    /// @param cid binary CID (CIDv0 multihash or CIDv1), 1 to `MAX_CID_LENGTH` bytes
    /// @param contentHash the 32-byte digest the CID's multihash must carry
    /// @param kind what the content is (see the known kinds above)
    /// @return cidKey keccak256 of the CID bytes
    /// @dev Reverts `CidBadLength`, `CidMalformed`, `CidUnsupportedVersion`, `CidUnsupportedDigest`,
    ///      `CidHashMismatch`, `CidAlreadyAnchored`. Emits `CidAnchored`.
    function anchor(bytes calldata cid, bytes32 contentHash, uint8 kind) external returns (bytes32 cidKey);

    /// @notice Anchors up to `MAX_BATCH` CIDs for the caller, all or nothing (a duplicate, inside
    ///         the batch or against an earlier anchor, reverts the whole batch).
    /// @dev Reverts `CidBadBatch` for an empty or oversized batch or arrays of different lengths,
    ///      and everything `anchor` reverts with. Emits one `CidAnchored` per CID.
    function anchorBatch(bytes[] calldata cids, bytes32[] calldata contentHashes, uint8[] calldata kinds)
        external
        returns (bytes32[] memory cidKeys);

    // ------------------------------------------------------------------ views

    /// @notice The anchor `owner` made of the CID with key `cidKey` (all zero when none).
    function anchorOf(bytes32 cidKey, address owner) external view returns (Anchor memory);

    /// @notice Whether `owner` anchored `cid`.
    function isAnchored(bytes calldata cid, address owner) external view returns (bool);

    /// @notice Parses a CID as `anchor` does; reverts as `anchor` does for a malformed one.
    function parseCid(bytes calldata cid)
        external
        pure
        returns (uint64 version, uint64 codec, uint64 hashFunction, bytes32 digest);

    /// @notice Largest CID accepted, in bytes (128).
    function MAX_CID_LENGTH() external view returns (uint256);

    /// @notice Largest batch accepted by `anchorBatch` (64).
    function MAX_BATCH() external view returns (uint256);
}
