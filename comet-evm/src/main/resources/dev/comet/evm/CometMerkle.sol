// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

/// Comet's SHA-256 Merkle trees, as dev.comet.merkle.MerkleTree builds and opens them: a leaf is
/// SHA256(0x00 || its field elements as 8-byte little-endian), a node SHA256(0x01 || left || right),
/// and a batch opening lists the minimal siblings level by level from the leaves up, left to right.
library CometMerkle {
    uint256 internal constant MAX_DEPTH = 30;

    /// The digest of a leaf holding row (canonical field elements).
    function leafDigest(uint64[] memory row) internal view returns (bytes32) {
        return leafDigest(row, 0, row.length);
    }

    /// The digest of the leaf holding values[from .. from + count). The bytes are laid out past the
    /// free memory pointer and hashed there, without an allocation.
    function leafDigest(uint64[] memory values, uint256 from, uint256 count) internal view returns (bytes32 digest) {
        require(from + count <= values.length, "leaf range");
        assembly {
            let data := mload(0x40)
            mstore8(data, 0)
            let out := add(data, 1)
            let src := add(values, shl(5, add(from, 1)))
            for { let i := 0 } lt(i, count) { i := add(i, 1) } {
                let v := mload(add(src, shl(5, i)))
                // byte-reverse the 64-bit value: little-endian bytes, written at the word's top
                v := or(shr(8, and(v, 0xff00ff00ff00ff00)), shl(8, and(v, 0x00ff00ff00ff00ff)))
                v := or(shr(16, and(v, 0xffff0000ffff0000)), shl(16, and(v, 0x0000ffff0000ffff)))
                v := or(shr(32, v), shl(32, and(v, 0xffffffff)))
                mstore(add(out, shl(3, i)), shl(192, v))
            }
            if iszero(staticcall(gas(), 0x02, data, add(1, shl(3, count)), 0x00, 32)) { revert(0, 0) }
            digest := mload(0x00)
        }
    }

    /// SHA256(0x01 || left || right), hashed past the free memory pointer without an allocation.
    function hashNode(bytes32 left, bytes32 right) internal view returns (bytes32 h) {
        assembly {
            let data := mload(0x40)
            mstore8(data, 1)
            mstore(add(data, 1), left)
            mstore(add(data, 33), right)
            if iszero(staticcall(gas(), 0x02, data, 65, 0x00, 32)) { revert(0, 0) }
            h := mload(0x00)
        }
    }

    /// Whether the leaves with digests leaves[k] at strictly ascending positions indices[k] are in
    /// the tree of this depth and root, with exactly the siblings given; false on any inconsistency.
    function verify(bytes32 root, uint256 depth, uint256[] memory indices, bytes32[] memory leaves,
                    bytes32[] memory siblings) internal view returns (bool) {
        uint256 m = indices.length;
        if (depth > MAX_DEPTH || m == 0 || leaves.length != m) {
            return false;
        }
        uint256 n = 1 << depth;
        uint256[] memory level = new uint256[](m);
        bytes32[] memory digests = new bytes32[](m);
        for (uint256 k = 0; k < m; k++) {
            if (indices[k] >= n || (k > 0 && indices[k] <= indices[k - 1])) {
                return false;
            }
            level[k] = n + indices[k];
            digests[k] = leaves[k];
        }
        uint256 used = 0;
        while (level[0] > 1) {
            uint256 next = 0;
            for (uint256 k = 0; k < m; k++) {
                uint256 node = level[k];
                bytes32 left;
                bytes32 right;
                if (node & 1 == 0 && k + 1 < m && level[k + 1] == node + 1) {
                    left = digests[k];
                    right = digests[k + 1];
                    k++;
                } else {
                    if (used == siblings.length) {
                        return false;
                    }
                    if (node & 1 == 0) {
                        left = digests[k];
                        right = siblings[used];
                    } else {
                        left = siblings[used];
                        right = digests[k];
                    }
                    used++;
                }
                digests[next] = hashNode(left, right);
                level[next] = node >> 1;
                next++;
            }
            m = next;
        }
        return used == siblings.length && digests[0] == root;
    }
}
