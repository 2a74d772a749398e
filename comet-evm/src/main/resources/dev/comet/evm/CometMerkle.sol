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
    /// free memory pointer and hashed there, without an allocation; four values a round, their bytes
    /// reversed together in one word (every opened value is hashed: the verifier's most repeated work).
    function leafDigest(uint64[] memory values, uint256 from, uint256 count) internal view returns (bytes32 digest) {
        require(from + count <= values.length, "leaf range");
        assembly {
            // each 64-bit lane of x byte-reversed: little-endian bytes, in place
            function reverseLanes(x) -> r {
                r := or(shr(8, and(x, 0xff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00)),
                    shl(8, and(x, 0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff)))
                r := or(shr(16, and(r, 0xffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000)),
                    shl(16, and(r, 0x0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff)))
                r := or(shr(32, and(r, 0xffffffff00000000ffffffff00000000ffffffff00000000ffffffff00000000)),
                    shl(32, and(r, 0x00000000ffffffff00000000ffffffff00000000ffffffff00000000ffffffff)))
            }
            let data := mload(0x40)
            mstore8(data, 0)
            let out := add(data, 1)
            let src := add(values, shl(5, add(from, 1)))
            let end := add(src, shl(5, count))
            // values are below 2^64, so four of them fill a word's lanes, the first at the top
            for { } lt(add(src, 0x60), end) { } {
                mstore(out, reverseLanes(or(or(shl(192, mload(src)), shl(128, mload(add(src, 0x20)))),
                    or(shl(64, mload(add(src, 0x40))), mload(add(src, 0x60))))))
                src := add(src, 0x80)
                out := add(out, 0x20)
            }
            for { } lt(src, end) { } {
                mstore(out, reverseLanes(shl(192, mload(src))))
                src := add(src, 0x20)
                out := add(out, 8)
            }
            if iszero(staticcall(gas(), 0x02, data, add(1, shl(3, count)), 0x00, 32)) { revert(0, 0) }
            digest := mload(0x00)
        }
    }

    /// The digests of count leaves of width values each, one after the other from values[start] on.
    function leafDigests(uint64[] memory values, uint256 start, uint256 count, uint256 width)
        internal view returns (bytes32[] memory digests)
    {
        digests = new bytes32[](count);
        for (uint256 i = 0; i < count; i++) {
            digests[i] = leafDigest(values, start + i * width, width);
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
    /// In assembly (a few hundred nodes a tree, a dozen trees a proof): the levels' positions and
    /// digests, and the node being hashed, live past the free memory pointer, which stays.
    function verify(bytes32 root, uint256 depth, uint256[] memory indices, bytes32[] memory leaves,
                    bytes32[] memory siblings) internal view returns (bool) {
        return verify(root, depth, indices, leaves, siblings, 0, siblings.length);
    }

    /// As verify, with exactly the siblings siblings[from .. from + count) (an FRI layer's, in place).
    function verify(bytes32 root, uint256 depth, uint256[] memory indices, bytes32[] memory leaves,
                    bytes32[] memory siblings, uint256 from, uint256 count) internal view returns (bool) {
        if (from + count > siblings.length) {
            return false;
        }
        uint256 sib;
        assembly {
            sib := add(siblings, add(0x20, shl(5, from)))
        }
        return verifyAt(root, depth, indices, leaves, sib, count);
    }

    /// As verify, with the count siblings at memory address sib.
    function verifyAt(bytes32 root, uint256 depth, uint256[] memory indices, bytes32[] memory leaves, uint256 sib,
                      uint256 count) private view returns (bool ok) {
        uint256 m = indices.length;
        if (depth > MAX_DEPTH || m == 0 || leaves.length != m) {
            return false;
        }
        assembly {
            let n := shl(depth, 1)
            let level := mload(0x40)
            let digests := add(level, shl(5, m))
            let buffer := add(digests, shl(5, m))
            ok := 1
            let previous := 0
            for { let k := 0 } lt(k, m) { k := add(k, 1) } {
                let index := mload(add(indices, shl(5, add(k, 1))))
                if or(iszero(lt(index, n)), and(gt(k, 0), iszero(gt(index, previous)))) { ok := 0 }
                previous := index
                mstore(add(level, shl(5, k)), add(n, index))
                mstore(add(digests, shl(5, k)), mload(add(leaves, shl(5, add(k, 1)))))
            }
            let used := 0
            mstore8(buffer, 1)
            for { } and(ok, gt(mload(level), 1)) { } {
                let next := 0
                for { let k := 0 } lt(k, m) { k := add(k, 1) } {
                    let node := mload(add(level, shl(5, k)))
                    let mine := mload(add(digests, shl(5, k)))
                    switch and(iszero(and(node, 1)), and(lt(add(k, 1), m), eq(mload(add(level, shl(5, add(k, 1)))),
                        add(node, 1))))
                    case 1 {
                        mstore(add(buffer, 1), mine)
                        mstore(add(buffer, 33), mload(add(digests, shl(5, add(k, 1)))))
                        k := add(k, 1)
                    }
                    default {
                        if eq(used, count) { ok := 0 }
                        let other := mload(add(sib, shl(5, used)))
                        switch and(node, 1)
                        case 0 {
                            mstore(add(buffer, 1), mine)
                            mstore(add(buffer, 33), other)
                        }
                        default {
                            mstore(add(buffer, 1), other)
                            mstore(add(buffer, 33), mine)
                        }
                        used := add(used, 1)
                    }
                    if iszero(staticcall(gas(), 0x02, buffer, 65, 0x00, 32)) { revert(0, 0) }
                    mstore(add(digests, shl(5, next)), mload(0x00))
                    mstore(add(level, shl(5, next)), shr(1, node))
                    next := add(next, 1)
                }
                m := next
            }
            ok := and(ok, and(eq(used, count), eq(mload(digests), root)))
        }
    }
}
