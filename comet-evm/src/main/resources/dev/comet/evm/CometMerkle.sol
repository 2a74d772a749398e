// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

/// Comet's SHA-256 Merkle trees, as dev.comet.merkle.MerkleTree builds and opens them: a leaf is
/// SHA256(0x00 || its field elements as 8-byte little-endian), a node SHA256(0x01 || left || right),
/// and a batch opening lists the minimal siblings level by level from the leaves up, left to right.
library CometMerkle {
    uint256 internal constant MAX_DEPTH = 30;

    /// The digest of a leaf holding row (canonical field elements).
    function leafDigest(uint64[] memory row) internal pure returns (bytes32) {
        bytes memory data = new bytes(1 + 8 * row.length);
        for (uint256 i = 0; i < row.length; i++) {
            uint64 v = row[i];
            for (uint256 b = 0; b < 8; b++) {
                data[1 + 8 * i + b] = bytes1(uint8(v >> (8 * b)));
            }
        }
        return sha256(data);
    }

    /// Whether the leaves with digests leaves[k] at strictly ascending positions indices[k] are in
    /// the tree of this depth and root, with exactly the siblings given; false on any inconsistency.
    function verify(bytes32 root, uint256 depth, uint256[] memory indices, bytes32[] memory leaves,
                    bytes32[] memory siblings) internal pure returns (bool) {
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
                digests[next] = sha256(abi.encodePacked(uint8(1), left, right));
                level[next] = node >> 1;
                next++;
            }
            m = next;
        }
        return used == siblings.length && digests[0] == root;
    }
}
