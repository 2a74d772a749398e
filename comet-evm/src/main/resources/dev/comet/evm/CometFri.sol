// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import "./CometField.sol";
import "./CometMerkle.sol";
import "./CometTranscript.sol";

/// The verifier's end of FRI, as dev.comet.fri.FriVerifier, for functions on one domain or several
/// (each joining at the layer of its size):
/// replays the commit phase on the transcript (layer roots, folding challenges, remainder), then
/// checks every query through every layer (Merkle openings of the layer's cosets, consistency with
/// the previous fold, the fold itself) down to the remainder polynomial. verifyQueries is public: the
/// library is deployed once and linked, so that a verifier contract stays within the 24 KB limit.
/// An FRI proof whose layers or remainder do not have the layout's sizes: a custom error, for the
/// verifier's code size.
error MalformedFri();

library CometFri {
    /// log2 of each committed layer's domain and folding factor, the remainder's domain and its
    /// coefficient count, and the extension degree: FriLayout's values.
    struct Layout {
        uint256[] logDomains;
        uint256[] logFolds;
        uint256 logFinal;
        uint256 remainderBound;
        uint256 degree;
    }

    /// A FRI proof: per layer its root, its opened cosets' values (leaf-major, then the position in
    /// the coset, then the coordinate) and its batch opening's siblings, flattened with start offsets
    /// (one more than the layers); the remainder's coefficients coordinate by coordinate.
    struct Proof {
        bytes32[] roots;
        uint64[] values;
        uint256[] valueStarts;
        bytes32[] siblings;
        uint256[] siblingStarts;
        uint64[] remainder;
    }

    function readCommitments(CometTranscript.T memory t, Proof memory proof, Layout memory layout)
        internal view returns (uint256[][] memory betas)
    {
        uint256 layers = layout.logDomains.length;
        require(proof.roots.length == layers && proof.valueStarts.length == layers + 1
            && proof.siblingStarts.length == layers + 1 && proof.valueStarts[0] == 0 && proof.siblingStarts[0] == 0,
            MalformedFri());
        require(proof.remainder.length == layout.degree * layout.remainderBound, MalformedFri());
        betas = new uint256[][](layers);
        for (uint256 i = 0; i < layers; i++) {
            CometTranscript.absorbDigest(t, "fri-layer", proof.roots[i]);
            uint64[] memory beta = CometTranscript.drawExtension(t, "fri-beta", uint32(layout.degree));
            betas[i] = new uint256[](layout.degree);
            for (uint256 d = 0; d < layout.degree; d++) {
                betas[i][d] = beta[d];
            }
        }
        for (uint256 d = 0; d < layout.degree; d++) {
            uint64[] memory coordinate = new uint64[](layout.remainderBound);
            for (uint256 i = 0; i < layout.remainderBound; i++) {
                coordinate[i] = proof.remainder[d * layout.remainderBound + i];
            }
            CometTranscript.absorbLongs(t, "fri-remainder", coordinate);
        }
    }

    /// Where the queries stand between layers: positions, their values, the domain's coset shift.
    struct Walk {
        uint256[] positions;
        uint256[][] values;
        uint256 shift;
    }

    /// Whether the proof's queries hold at the distinct, ascending top-layer positions, where the
    /// function's values are values[q] (degree coordinates each).
    function verifyQueries(Proof memory proof, Layout memory layout, uint256 shift, uint256[] memory positions,
                           uint256[] memory joinLogs, uint256[][][] memory joinValues, uint256[][] memory betas)
        public view returns (bool)
    {
        // The functions on 2^joinLogs[j] points join, added to the walk's values, at the layer of that
        // size (or the remainder's); joinValues[j][q] is their sum at the q-th distinct position there.
        Walk memory walk = Walk(positions, new uint256[][](positions.length), shift);
        for (uint256 q = 0; q < positions.length; q++) {
            walk.values[q] = CometField.zero(layout.degree);
        }
        for (uint256 layer = 0; layer < betas.length; layer++) {
            if (!join(walk, layout.logDomains[layer], joinLogs, joinValues)
                || !verifyLayer(proof, layout, layer, walk, betas[layer])) {
                return false;
            }
        }
        if (!join(walk, layout.logFinal, joinLogs, joinValues)) {
            return false;
        }
        uint256 omega = CometField.rootOfUnity(layout.logFinal);
        for (uint256 q = 0; q < walk.positions.length; q++) {
            uint256 x = mulmod(walk.shift, CometField.pow(omega, walk.positions[q]), CometField.P);
            if (!CometField.equal(evaluateRemainder(proof.remainder, layout, x), walk.values[q])) {
                return false;
            }
        }
        return true;
    }

    /// Adds the values joining at a domain of 2^logSize points; false if their count is not the walk's.
    function join(Walk memory walk, uint256 logSize, uint256[] memory joinLogs, uint256[][][] memory joinValues)
        private pure returns (bool)
    {
        for (uint256 j = 0; j < joinLogs.length; j++) {
            if (joinLogs[j] != logSize) {
                continue;
            }
            if (joinValues[j].length != walk.positions.length) {
                return false;
            }
            for (uint256 q = 0; q < walk.positions.length; q++) {
                walk.values[q] = CometField.add(walk.values[q], joinValues[j][q]);
            }
        }
        return true;
    }

    /// One layer: its cosets' Merkle opening, the previous values found in them, and their folds,
    /// which become the walk's next positions and values.
    function verifyLayer(Proof memory proof, Layout memory layout, uint256 layer, Walk memory walk,
                         uint256[] memory beta) private view returns (bool) {
        uint256 k = 1 << layout.logFolds[layer];
        Fold memory fold = Fold(k, layout.degree, CometField.rootOfUnity(layout.logFolds[layer]), 0, 0,
            proof.valueStarts[layer], (1 << layout.logDomains[layer]) / k, k * layout.degree);
        uint256[] memory leaves = uniqueSortedMod(walk.positions, fold.m);
        if (proof.valueStarts[layer + 1] - fold.start != leaves.length * fold.width) {
            return false;
        }
        if (!checkLayer(proof, layer, leaves, fold.width, layout.logDomains[layer] - layout.logFolds[layer])) {
            return false;
        }
        if (!consistent(proof.values, fold, leaves, walk.positions, walk.values)) {
            return false;
        }
        fold.zetaInv = CometField.inv(fold.zeta);
        fold.kInv = CometField.inv(k);
        walk.values = foldAll(proof.values, fold, leaves, layout.logDomains[layer], walk.shift, beta);
        walk.positions = leaves;
        walk.shift = CometField.pow(walk.shift, k);
        return true;
    }

    /// Whether each previous position's value is in its coset's leaf.
    function consistent(uint64[] memory values, Fold memory fold, uint256[] memory leaves, uint256[] memory current,
                        uint256[][] memory currentValues) private pure returns (bool) {
        for (uint256 q = 0; q < current.length; q++) {
            uint256 at = fold.start + indexOf(leaves, current[q] % fold.m) * fold.width + (current[q] / fold.m) * fold.degree;
            for (uint256 d = 0; d < fold.degree; d++) {
                if (values[at + d] != currentValues[q][d]) {
                    return false;
                }
            }
        }
        return true;
    }

    function foldAll(uint64[] memory values, Fold memory fold, uint256[] memory leaves, uint256 logSize, uint256 shift,
                     uint256[] memory beta) private view returns (uint256[][] memory folded) {
        uint256 omega = CometField.rootOfUnity(logSize);
        folded = new uint256[][](leaves.length);
        for (uint256 i = 0; i < leaves.length; i++) {
            uint256 x = mulmod(shift, CometField.pow(omega, leaves[i]), CometField.P);
            folded[i] = foldCoset(values, fold, fold.start + i * fold.width, CometField.mulBase(beta, CometField.inv(x)));
        }
    }

    /// What folding a layer needs: factor k, extension degree, the k-th root zeta, the inverse DFT's 1/zeta and 1/k,
    /// where the layer's values start, its leaf count m and leaf width k * degree.
    struct Fold {
        uint256 k;
        uint256 degree;
        uint256 zeta;
        uint256 zetaInv;
        uint256 kInv;
        uint256 start;
        uint256 m;
        uint256 width;
    }

    /// f'(x^k) = sum_i r^i u_i, r = beta / x, u = iDFT_zeta of the coset's k values from offset.
    function foldCoset(uint64[] memory values, Fold memory fold, uint256 offset, uint256[] memory r)
        private pure returns (uint256[] memory result)
    {
        if (fold.degree == 2) {
            return foldCoset2(values, fold, offset, r[0], r[1]);
        }
        result = CometField.zero(fold.degree);
        for (uint256 idx = fold.k; idx > 0; idx--) {
            uint256 step = CometField.pow(fold.zetaInv, idx - 1);
            uint256[] memory u = new uint256[](fold.degree);
            for (uint256 d = 0; d < fold.degree; d++) {
                u[d] = dftRow(values, fold, offset + d, step);
            }
            result = CometField.add(CometField.mul(result, r), u);
        }
    }

    /// foldCoset over the quadratic extension: the coset's k values of each coordinate interpolated
    /// by one radix-2 NTT with root zeta^-1 (k log k products instead of dftRow's k^2), then the
    /// coefficients' Horner sum at r, scaled by 1/k; in assembly, the NTT in the scratch memory past
    /// the free memory pointer (2k words, not kept).
    function foldCoset2(uint64[] memory values, Fold memory fold, uint256 offset, uint256 r0, uint256 r1)
        private pure returns (uint256[] memory result)
    {
        uint256 k = fold.k;
        require(k >= 2 && k & (k - 1) == 0 && offset + 2 * k <= values.length, "FRI coset");
        uint256 a0;
        uint256 a1;
        assembly {
            function powmod(x, e) -> r {
                r := 1
                for { } e { e := shr(1, e) } {
                    if and(e, 1) { r := mulmod(r, x, 0xffffffff00000001) }
                    x := mulmod(x, x, 0xffffffff00000001)
                }
            }
            // the coordinate at from (every second word) into to, bit-reversed
            function load(to, from, n) {
                let bits := 0
                for { } lt(shl(bits, 1), n) { } { bits := add(bits, 1) }
                for { let t := 0 } lt(t, n) { t := add(t, 1) } {
                    let rev := 0
                    for { let b := 0 } lt(b, bits) { b := add(b, 1) } { rev := or(shl(1, rev), and(shr(b, t), 1)) }
                    mstore(add(to, shl(5, rev)), mload(add(from, shl(6, t))))
                }
            }
            // decimation in time, in place: after the stage of length len, each block of a holds its
            // len-point transform with root root^(n / len)
            function ntt(a, n, root) {
                let p := 0xffffffff00000001
                for { let len := 2 } iszero(gt(len, n)) { len := shl(1, len) } {
                    let wl := powmod(root, div(n, len))
                    let half := shl(5, shr(1, len))
                    for { let i := 0 } lt(i, n) { i := add(i, len) } {
                        let w := 1
                        let x := add(a, shl(5, i))
                        for { let end := add(x, half) } lt(x, end) { x := add(x, 0x20) } {
                            let u := mload(x)
                            let t := mulmod(mload(add(x, half)), w, p)
                            mstore(x, addmod(u, t, p))
                            mstore(add(x, half), addmod(u, sub(p, t), p))
                            w := mulmod(w, wl, p)
                        }
                    }
                }
            }
            // sum_m c_m r^m over the two coordinates' coefficients from the top: (s0 + s1 t)(x0 + x1 t) + c, t^2 = 7
            function horner(c, n, x0, x1) -> s0, s1 {
                let p := 0xffffffff00000001
                for { let m := n } m { } {
                    m := sub(m, 1)
                    let n0 := addmod(addmod(mulmod(s0, x0, p), mulmod(7, mulmod(s1, x1, p), p), p), mload(add(c, shl(5, m))), p)
                    s1 := addmod(addmod(mulmod(s0, x1, p), mulmod(s1, x0, p), p), mload(add(c, shl(5, add(n, m)))), p)
                    s0 := n0
                }
            }
            // Fold's fields by position (one word each, in declaration order): zetaInv is the fourth, kInv the fifth
            let buf := mload(0x40)
            load(buf, add(values, shl(5, add(offset, 1))), k)
            load(add(buf, shl(5, k)), add(values, shl(5, add(offset, 2))), k)
            ntt(buf, k, mload(add(fold, 0x60)))
            ntt(add(buf, shl(5, k)), k, mload(add(fold, 0x60)))
            a0, a1 := horner(buf, k, r0, r1)
            a0 := mulmod(a0, mload(add(fold, 0x80)), 0xffffffff00000001)
            a1 := mulmod(a1, mload(add(fold, 0x80)), 0xffffffff00000001)
        }
        result = new uint256[](2);
        result[0] = a0;
        result[1] = a1;
    }

    /// sum_t (step^t / k) values[offset + t degree].
    function dftRow(uint64[] memory values, Fold memory fold, uint256 offset, uint256 step)
        private pure returns (uint256 acc)
    {
        uint256 k = fold.k;
        uint256 stride = fold.degree;
        require(offset + (k - 1) * stride < values.length, "FRI coset");
        uint256 coefficient = fold.kInv;
        // k^2 products a coset, for each layer and query: in assembly
        assembly {
            let p := 0xffffffff00000001
            let v := add(values, shl(5, add(offset, 1)))
            let gap := shl(5, stride)
            // the sum reduced once: k terms below 2^128 each
            for { let t := 0 } lt(t, k) { t := add(t, 1) } {
                acc := add(acc, mul(coefficient, mload(v)))
                coefficient := mulmod(coefficient, step, p)
                v := add(v, gap)
            }
            acc := mod(acc, p)
        }
    }

    function checkLayer(Proof memory proof, uint256 layer, uint256[] memory leaves, uint256 width, uint256 depth)
        private view returns (bool)
    {
        bytes32[] memory digests = CometMerkle.leafDigests(proof.values, proof.valueStarts[layer], leaves.length, width);
        uint256 s0 = proof.siblingStarts[layer];
        return CometMerkle.verify(proof.roots[layer], depth, leaves, digests, proof.siblings, s0,
            proof.siblingStarts[layer + 1] - s0);
    }

    function evaluateRemainder(uint64[] memory remainder, Layout memory layout, uint256 x)
        private pure returns (uint256[] memory acc)
    {
        // x is in the base field: Horner coordinate by coordinate, no extension product; in assembly,
        // eight coefficients a round (a dataset segment's remainder has hundreds of them and is
        // evaluated at every data query: most of its FRI's gas)
        uint256 bound = layout.remainderBound;
        require(remainder.length == layout.degree * bound, "FRI remainder");
        acc = new uint256[](layout.degree);
        uint256 x2 = mulmod(x, x, CometField.P);
        uint256 x3 = mulmod(x2, x, CometField.P);
        uint256 x4 = mulmod(x3, x, CometField.P);
        uint256 x8 = mulmod(x4, x4, CometField.P);
        for (uint256 d = 0; d < layout.degree; d++) {
            uint256 v;
            assembly {
                // Horner by blocks of eight from the top: v = v x^8 + (c7 x^3 + c6 x^2 + c5 x + c4) x^4
                // + (c3 x^3 + c2 x^2 + c1 x + c0), reduced lazily: each inner sum is below 2^130, so
                // the block's sum stays below 2^195, and the next block's MULMOD (or the last MOD)
                // reduces it
                let p := 0xffffffff00000001
                let first := add(add(remainder, 0x20), mul(mul(d, bound), 0x20))
                let at := add(first, shl(5, bound))
                for { } iszero(lt(sub(at, first), 0x100)) { } {
                    at := sub(at, 0x100)
                    let high := add(add(mul(mload(add(at, 0xe0)), x3), mul(mload(add(at, 0xc0)), x2)),
                        add(mul(mload(add(at, 0xa0)), x), mload(add(at, 0x80))))
                    let low := add(add(mul(mload(add(at, 0x60)), x3), mul(mload(add(at, 0x40)), x2)),
                        add(mul(mload(add(at, 0x20)), x), mload(at)))
                    v := add(mulmod(v, x8, p), add(mul(high, x4), low))
                }
                v := mod(v, p)
                for { } gt(at, first) { } {
                    at := sub(at, 0x20)
                    v := addmod(mulmod(v, x, p), mload(at), p)
                }
            }
            acc[d] = v;
        }
    }

    /// The distinct values of p mod m (m > 0), ascending.
    function uniqueSortedMod(uint256[] memory positions, uint256 m) internal pure returns (uint256[] memory out) {
        require(m != 0, MalformedFri());
        uint256 count = positions.length;
        out = new uint256[](count);
        // insertion from the top end, in assembly: the data queries are a hundred random positions
        assembly {
            let data := add(out, 0x20)
            let n := 0
            for { let i := 0 } lt(i, count) { i := add(i, 1) } {
                let v := mod(mload(add(positions, shl(5, add(i, 1)))), m)
                let j := n
                let duplicate := 0
                for { } gt(j, 0) { } {
                    let u := mload(add(data, shl(5, sub(j, 1))))
                    if lt(u, v) { break }
                    if eq(u, v) {
                        duplicate := 1
                        break
                    }
                    j := sub(j, 1)
                }
                if iszero(duplicate) {
                    mcopy(add(data, shl(5, add(j, 1))), add(data, shl(5, j)), shl(5, sub(n, j)))
                    mstore(add(data, shl(5, j)), v)
                    n := add(n, 1)
                }
            }
            mstore(out, n) // the words past the new length stay allocated, unused
        }
    }

    function indexOf(uint256[] memory sorted, uint256 v) private pure returns (uint256) {
        uint256 lo = 0;
        uint256 hi = sorted.length;
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        require(lo < sorted.length && sorted[lo] == v, "FRI leaf");
        return lo;
    }
}
