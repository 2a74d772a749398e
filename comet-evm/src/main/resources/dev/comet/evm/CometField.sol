// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

/// Goldilocks arithmetic (p = 2^64 - 2^32 + 1) and its extensions F_p[x] / (x^d - 7), d = 2 or 3,
/// as dev.comet.field: an extension element is a uint256[] of d canonical coordinates, lowest first.
library CometField {
    uint256 internal constant P = 0xffffffff00000001;
    uint256 internal constant W = 7;
    /// A primitive 2^32-th root of unity: 7^((p-1) / 2^32), as Goldilocks.ROOT_OF_UNITY_2_32.
    uint256 internal constant ROOT_2_32 = 1753635133440165772;

    /// x^e by square and multiply, in assembly: the verifier takes a power of a root of unity for
    /// every opened position and every FRI coset.
    function pow(uint256 x, uint256 e) internal pure returns (uint256 r) {
        assembly {
            let p := 0xffffffff00000001
            r := 1
            x := mod(x, p)
            for { } e { e := shr(1, e) } {
                if and(e, 1) { r := mulmod(r, x, p) }
                x := mulmod(x, x, p)
            }
        }
    }

    /// x^(p-2) through the MODEXP precompile; 0 for 0.
    function inv(uint256 x) internal view returns (uint256 y) {
        assembly {
            let f := mload(0x40)
            mstore(f, 32) mstore(add(f, 32), 32) mstore(add(f, 64), 32)
            mstore(add(f, 96), x) mstore(add(f, 128), sub(P, 2)) mstore(add(f, 160), P)
            if iszero(staticcall(gas(), 0x05, f, 192, f, 32)) { revert(0, 0) }
            y := mload(f)
        }
    }

    /// A primitive 2^logN-th root of unity, as Goldilocks.rootOfUnity.
    function rootOfUnity(uint256 logN) internal pure returns (uint256 w) {
        require(logN <= 32, "root of unity");
        w = ROOT_2_32;
        for (uint256 i = logN; i < 32; i++) {
            w = mulmod(w, w, P);
        }
    }

    function zero(uint256 d) internal pure returns (uint256[] memory) {
        return new uint256[](d);
    }

    function add(uint256[] memory a, uint256[] memory b) internal pure returns (uint256[] memory r) {
        r = new uint256[](a.length);
        for (uint256 i = 0; i < a.length; i++) {
            r[i] = addmod(a[i], b[i], P);
        }
    }

    function mulBase(uint256[] memory a, uint256 c) internal pure returns (uint256[] memory r) {
        r = new uint256[](a.length);
        for (uint256 i = 0; i < a.length; i++) {
            r[i] = mulmod(a[i], c, P);
        }
    }

    function mul(uint256[] memory a, uint256[] memory b) internal pure returns (uint256[] memory r) {
        r = new uint256[](a.length);
        if (a.length == 1) {
            r[0] = mulmod(a[0], b[0], P);
        } else if (a.length == 2) {
            r[0] = addmod(mulmod(a[0], b[0], P), mulmod(W, mulmod(a[1], b[1], P), P), P);
            r[1] = addmod(mulmod(a[0], b[1], P), mulmod(a[1], b[0], P), P);
        } else {
            uint256 c3 = addmod(mulmod(a[1], b[2], P), mulmod(a[2], b[1], P), P);
            uint256 c4 = mulmod(a[2], b[2], P);
            r[0] = addmod(mulmod(a[0], b[0], P), mulmod(W, c3, P), P);
            r[1] = addmod(addmod(mulmod(a[0], b[1], P), mulmod(a[1], b[0], P), P), mulmod(W, c4, P), P);
            r[2] = addmod(addmod(mulmod(a[0], b[2], P), mulmod(a[1], b[1], P), P), mulmod(a[2], b[0], P), P);
        }
    }

    function equal(uint256[] memory a, uint256[] memory b) internal pure returns (bool) {
        if (a.length != b.length) {
            return false;
        }
        for (uint256 i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}
