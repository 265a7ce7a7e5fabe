// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {PoSeLib} from "../../src/libraries/PoSeLib.sol";

/// @notice The two PoSe v2 Merkle trees, built in Solidity for the invariant and fuzz suites.
///         `StandardTree` reproduces OpenZeppelin's `StandardMerkleTree` (the npm package merkle-tree
///         1.0.8 by OpenZeppelin) for (uint64 epochId, bytes32 nodeId, uint256 amount): leaf =
///         keccak256(bytes.concat(keccak256(abi.encode(epochId, nodeId, amount)))), leaves sorted by
///         hash, laid out as the library's array tree (tree[0] the root, children of i at 2i+1 and
///         2i+2, sorted leaf j at tree[len − 1 − j]) with sorted-pair internal nodes.
///         `fuzz/PoSeFuzz.t.sol::test_standardTree_matchesJsLibrary_succeeds` checks roots and
///         proofs against the JS library's (`fixtures/reward-tree.json`).
///         `ReceiptsTree` is the positional receipts tree of PoSeLib (0x00 leaves, 0x01 nodes,
///         padded with zero leaves to a power of two).
library StandardTree {
    function leaf(uint64 epochId, bytes32 nodeId, uint256 amount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(epochId, nodeId, amount))));
    }

    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encodePacked(a, b)) : keccak256(abi.encodePacked(b, a));
    }

    /// @notice The library's array tree of `leaves` (at least one leaf hash, any order).
    function build(bytes32[] memory leaves) internal pure returns (bytes32[] memory tree) {
        uint256 n = leaves.length;
        require(n != 0, "StandardTree: no leaves");
        bytes32[] memory sorted = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            sorted[i] = leaves[i];
        }
        for (uint256 i = 1; i < n; ++i) {
            bytes32 x = sorted[i];
            uint256 j = i;
            while (j != 0 && sorted[j - 1] > x) {
                sorted[j] = sorted[j - 1];
                --j;
            }
            sorted[j] = x;
        }
        tree = new bytes32[](2 * n - 1);
        for (uint256 i = 0; i < n; ++i) {
            tree[tree.length - 1 - i] = sorted[i];
        }
        for (uint256 i = tree.length - n; i != 0; --i) {
            tree[i - 1] = hashPair(tree[2 * i - 1], tree[2 * i]);
        }
    }

    /// @notice Position of `leafHash` in `tree` (reverts if absent).
    function indexOf(bytes32[] memory tree, bytes32 leafHash) internal pure returns (uint256) {
        uint256 n = (tree.length + 1) / 2;
        for (uint256 i = tree.length - n; i < tree.length; ++i) {
            if (tree[i] == leafHash) return i;
        }
        revert("StandardTree: leaf not in tree");
    }

    /// @notice The proof of the node at tree position `index` (leaf or internal), bottom up.
    function proofAt(bytes32[] memory tree, uint256 index) internal pure returns (bytes32[] memory path) {
        uint256 depth = 0;
        for (uint256 i = index; i != 0; i = (i - 1) / 2) {
            ++depth;
        }
        path = new bytes32[](depth);
        uint256 k = 0;
        for (uint256 i = index; i != 0; i = (i - 1) / 2) {
            path[k++] = tree[i % 2 == 1 ? i + 1 : i - 1];
        }
    }

    function proof(bytes32[] memory tree, bytes32 leafHash) internal pure returns (bytes32[] memory) {
        return proofAt(tree, indexOf(tree, leafHash));
    }
}

library ReceiptsTree {
    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        bytes32[] memory level = _padded(leaves);
        while (level.length > 1) {
            level = _up(level);
        }
        return level[0];
    }

    function proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory p) {
        bytes32[] memory level = _padded(leaves);
        p = new bytes32[](PoSeLib.depthOf(leaves.length));
        for (uint256 d = 0; d < p.length; ++d) {
            p[d] = level[index ^ 1];
            level = _up(level);
            index >>= 1;
        }
    }

    function _up(bytes32[] memory level) private pure returns (bytes32[] memory next) {
        next = new bytes32[](level.length / 2);
        for (uint256 i = 0; i < next.length; ++i) {
            next[i] = keccak256(abi.encodePacked(bytes1(0x01), level[2 * i], level[2 * i + 1]));
        }
    }

    function _padded(bytes32[] memory leaves) private pure returns (bytes32[] memory level) {
        level = new bytes32[](uint256(1) << PoSeLib.depthOf(leaves.length));
        for (uint256 i = 0; i < leaves.length; ++i) {
            level[i] = leaves[i];
        }
    }
}
