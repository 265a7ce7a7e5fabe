// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title CidLib
/// @notice Parses the binary form of a CID (CIDv0: a bare sha2-256 multihash; CIDv1:
///         `<varint version=1><varint codec><varint hash function><varint digest length><digest>`).
///         Only 32-byte digests are accepted: they are what `contentHash` is checked against.
/// @dev    Every loop is bounded: a varint is read in at most `MAX_VARINT_BYTES` iterations.
library CidLib {
    /// @notice The longest CID accepted, in bytes (CIDv1 with a 32-byte digest is 36 to 40 bytes).
    uint256 internal constant MAX_CID_LENGTH = 128;
    /// @notice A varint longer than this is rejected (9 bytes carry 63 bits).
    uint256 internal constant MAX_VARINT_BYTES = 9;
    uint64 internal constant DAG_PB = 0x70;
    uint64 internal constant SHA2_256 = 0x12;

    error CidMalformed(uint256 offset);
    error CidUnsupportedVersion(uint256 version);
    error CidUnsupportedDigest(uint256 hashFunction, uint256 digestLength);

    struct Parsed {
        uint64 version;
        uint64 codec;
        uint64 hashFunction;
        bytes32 digest;
    }

    /// @notice Parses `cid`; reverts on anything but a well-formed CIDv0 or CIDv1 with a 32-byte digest
    ///         and no trailing bytes.
    function parse(bytes calldata cid) internal pure returns (Parsed memory p) {
        if (cid.length == 34 && cid[0] == 0x12 && cid[1] == 0x20) {
            return Parsed(0, DAG_PB, SHA2_256, bytes32(cid[2:34]));
        }
        uint256 offset;
        uint64 version;
        (version, offset) = readVarint(cid, 0);
        if (version != 1) revert CidUnsupportedVersion(version);
        (p.codec, offset) = readVarint(cid, offset);
        (p.hashFunction, offset) = readVarint(cid, offset);
        uint64 digestLength;
        (digestLength, offset) = readVarint(cid, offset);
        if (digestLength != 32) revert CidUnsupportedDigest(p.hashFunction, digestLength);
        // INVARIANT: the digest is exactly the rest of the CID (no trailing bytes).
        if (cid.length != offset + 32) revert CidMalformed(offset);
        p.version = 1;
        p.digest = bytes32(cid[offset:offset + 32]);
    }

    /// @notice Reads an unsigned LEB128 varint at `offset`; returns the value and the next offset.
    function readVarint(bytes calldata data, uint256 offset) internal pure returns (uint64 value, uint256 next) {
        for (uint256 i = 0; i < MAX_VARINT_BYTES; ++i) {
            if (offset + i >= data.length) revert CidMalformed(offset + i);
            uint8 b = uint8(data[offset + i]);
            value |= uint64(b & 0x7f) << uint64(7 * i);
            if (b & 0x80 == 0) {
                // Minimal encoding only: a trailing zero group would give one CID two byte forms.
                if (b == 0 && i != 0) revert CidMalformed(offset + i);
                return (value, offset + i + 1);
            }
        }
        revert CidMalformed(offset + MAX_VARINT_BYTES);
    }
}
