// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

/// An operation asked of the transcript outside its range (a count past the words given, a draw past
/// its array, a domain that is not a power of two, more than 64 grinding bits): a custom error, for
/// the verifier's code size.
error TranscriptMisuse();

/// Comet's Fiat-Shamir transcript (comet-transcript-v1 over SHA-256), exactly as
/// dev.comet.hash.Transcript: every operation is a record (tag byte, length-prefixed label,
/// length-prefixed payload, all integers little-endian) appended after the 32-byte state; a draw
/// folds state || records into a new state and expands it into blocks
/// SHA256(state || 0x07 || u32 counter), read as 64-bit little-endian chunks (a base-field element
/// by rejection of chunks >= p, an index as the low bits of a chunk).
library CometTranscript {
    uint256 internal constant P = 0xffffffff00000001;
    uint32 internal constant SHA256_CODE = 2;

    uint8 private constant TAG_INIT = 0x00;
    uint8 private constant TAG_BYTES = 0x01;
    uint8 private constant TAG_LONGS = 0x02;
    uint8 private constant TAG_DIGEST = 0x03;
    uint8 private constant TAG_DRAW = 0x04;
    uint8 private constant TAG_POW = 0x05;
    uint8 private constant TAG_POW_NONCE = 0x06;
    uint8 private constant TAG_SQUEEZE = 0x07;

    uint8 private constant DRAW_BASE = 1;
    uint8 private constant DRAW_EXTENSION = 2;
    uint8 private constant DRAW_INDICES = 3;

    /// buf[0..32) is the state, buf[32..len) the records not yet folded in.
    struct T {
        bytes buf;
        uint256 len;
    }

    function start(string memory protocolLabel) internal view returns (T memory t) {
        t.buf = new bytes(256);
        t.len = 32;
        putByte(t, TAG_INIT);
        putLabel(t, "comet-transcript-v1");
        putU32(t, SHA256_CODE);
        putLabel(t, protocolLabel);
        fold(t);
    }

    function absorb(T memory t, string memory label, bytes memory data) internal pure {
        putByte(t, TAG_BYTES);
        putLabel(t, label);
        putU32(t, uint32(data.length));
        putBytes(t, data);
    }

    /// 64-bit words as 8-byte little-endian values (field elements must be canonical), written in
    /// one pass (an FRI remainder: hundreds of them).
    function absorbLongs(T memory t, string memory label, uint64[] memory values) internal pure {
        putByte(t, TAG_LONGS);
        putLabel(t, label);
        uint256 n = values.length;
        putU32(t, uint32(n));
        ensure(t, 8 * n + 32); // the last value's 32-byte store reaches past its end
        bytes memory b = t.buf;
        uint256 at = t.len;
        assembly {
            let out := add(add(b, 0x20), at)
            let src := add(values, 0x20)
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                let v := mload(add(src, shl(5, i)))
                v := or(shr(8, and(v, 0xff00ff00ff00ff00)), shl(8, and(v, 0x00ff00ff00ff00ff)))
                v := or(shr(16, and(v, 0xffff0000ffff0000)), shl(16, and(v, 0x0000ffff0000ffff)))
                v := or(shr(32, v), shl(32, and(v, 0xffffffff)))
                mstore(add(out, shl(3, i)), shl(192, v))
            }
        }
        t.len = at + 8 * n;
    }

    /// count records absorbLongs(label, [words[from + 2i], words[from + 2i + 1]]), one after the
    /// other (an out-of-domain frame: hundreds of them), written in one pass; the words must be
    /// canonical field elements.
    function absorbPairs(T memory t, string memory label, uint256[] memory words, uint256 from, uint256 count)
        internal pure
    {
        require(from + 2 * count <= words.length, TranscriptMisuse());
        bytes memory l = bytes(label);
        uint256 labelLength = l.length;
        uint256 record = 1 + 4 + labelLength + 4 + 16;
        ensure(t, count * record + 32); // the last record's 32-byte stores reach past its end
        bytes memory b = t.buf;
        uint256 at = t.len;
        uint256 labelLe = u32Word(labelLength);
        uint256 two = u32Word(2);
        assembly {
            function le64(v) -> r {
                r := or(shr(8, and(v, 0xff00ff00ff00ff00)), shl(8, and(v, 0x00ff00ff00ff00ff)))
                r := or(shr(16, and(r, 0xffff0000ffff0000)), shl(16, and(r, 0x0000ffff0000ffff)))
                r := or(shr(32, r), shl(32, and(r, 0xffffffff)))
            }
            // the record's head (tag, label length, label, pair count) is the same for every record
            let head := add(b, 0x20)
            let out := add(head, at)
            let src := add(words, shl(5, add(from, 1)))
            for { let i := 0 } lt(i, count) { i := add(i, 1) } {
                mstore8(out, 0x02)
                mstore(add(out, 1), labelLe)
                mcopy(add(out, 5), add(l, 0x20), labelLength)
                let q := add(out, add(5, labelLength))
                mstore(q, two)
                mstore(add(q, 4), shl(192, le64(mload(src))))
                mstore(add(q, 12), shl(192, le64(mload(add(src, 0x20)))))
                src := add(src, 0x40)
                out := add(out, record)
            }
        }
        t.len = at + count * record;
    }

    function absorbDigest(T memory t, string memory label, bytes32 digest) internal pure {
        putByte(t, TAG_DIGEST);
        putLabel(t, label);
        ensure(t, 32);
        bytes memory b = t.buf;
        uint256 at = t.len;
        assembly {
            mstore(add(add(b, 32), at), digest)
        }
        t.len = at + 32;
    }

    function drawBase(T memory t, string memory label) internal view returns (uint64) {
        uint256[] memory v = new uint256[](1);
        squeeze(beginDraw(t, label, DRAW_BASE, 1, 0), 1, ANY_CHUNK, true, v, 0);
        return uint64(v[0]);
    }

    /// degree base-field draws, lowest coefficient first.
    function drawExtension(T memory t, string memory label, uint32 degree) internal view returns (uint64[] memory r) {
        uint256[] memory words = drawExtensions(t, label, degree, 1);
        assembly {
            r := words // the same layout in memory: a length, then one 32-byte slot per element
        }
    }

    /// count extension draws of degree coordinates each, one after the other (count draws, each its
    /// own record, exactly as count drawExtension calls): the alphas and DEEP coefficients, hundreds
    /// a proof, written into one array.
    function drawExtensions(T memory t, string memory label, uint32 degree, uint256 count)
        internal view returns (uint256[] memory out)
    {
        out = new uint256[](degree * count);
        for (uint256 i = 0; i < count; i++) {
            squeeze(beginDraw(t, label, DRAW_EXTENSION, degree, 0), degree, ANY_CHUNK, true, out, degree * i);
        }
    }

    /// count indices in [0, domainSize), domainSize a power of two; in draw order, duplicates possible.
    function drawIndices(T memory t, string memory label, uint32 count, uint32 domainSize)
        internal view returns (uint256[] memory r)
    {
        require(domainSize != 0 && domainSize & (domainSize - 1) == 0, TranscriptMisuse());
        r = new uint256[](count);
        squeeze(beginDraw(t, label, DRAW_INDICES, count, domainSize), count, domainSize - 1, false, r, 0);
    }

    /// Whether nonce meets the target of bits leading zero bits; if it does, the transcript moves on
    /// as the prover's did, otherwise it is left unchanged.
    function acceptProofOfWork(T memory t, uint64 nonce, uint32 bits) internal view returns (bool) {
        require(bits <= 64, TranscriptMisuse());
        // as the Java verifier, which reads the nonce as a signed 64-bit value: negative ones are invalid
        if (nonce >= 2 ** 63 || (bits == 0 && nonce != 0)) {
            return false;
        }
        uint256 mark = t.len;
        putByte(t, TAG_POW);
        putU32(t, bits);
        bytes32 powState = hashPrefix(t.buf, t.len);
        bytes32 h = sha256(abi.encodePacked(powState, le64(nonce)));
        if (bits != 0 && uint256(h) >> (256 - bits) != 0) {
            t.len = mark;
            return false;
        }
        setState(t, powState);
        putByte(t, TAG_POW_NONCE);
        putU64(t, nonce);
        return true;
    }

    // --- internals ---------------------------------------------------------------------------------

    /// A mask that keeps a whole 64-bit chunk.
    uint256 private constant ANY_CHUNK = 0xffffffffffffffff;

    /// The draw's record (tag, label, kind, a, b) appended and folded in, in one pass: the state the
    /// draw squeezes (a draw is the verifier's most frequent operation, one per constraint and per
    /// opened column).
    function beginDraw(T memory t, string memory label, uint8 kind, uint32 a, uint32 b)
        private view returns (bytes32 s)
    {
        uint256 n = bytes(label).length;
        ensure(t, 14 + n + 32); // tag, label length, label, kind, a, b; the 32-byte stores reach past the end
        bytes memory buf = t.buf;
        uint256 len = t.len;
        uint256 labelLength = u32Word(n);
        uint256 ab = u32Word(a) | (u32Word(b) >> 32);
        assembly {
            let base := add(buf, 0x20)
            let out := add(base, len)
            mstore8(out, TAG_DRAW)
            mstore(add(out, 1), labelLength)
            mcopy(add(out, 5), add(label, 0x20), n)
            let q := add(out, add(5, n))
            mstore8(q, kind)
            mstore(add(q, 1), ab)
            if iszero(staticcall(gas(), 0x02, base, add(len, add(14, n)), 0x00, 0x20)) { revert(0, 0) }
            s := mload(0x00)
            mstore(base, s)
        }
        t.len = 32;
    }

    /// n chunks of state s's squeeze into out from index from: the 8-byte little-endian chunks of the
    /// blocks SHA256(s || 0x07 || u32 counter), counter 0, 1, ..., each and-ed with mask, and when
    /// reject, the chunks >= p skipped (a base-field element by rejection). The blocks are hashed in
    /// the scratch space.
    function squeeze(bytes32 s, uint256 n, uint256 mask, bool reject, uint256[] memory out, uint256 from)
        private view
    {
        require(from + n <= out.length, TranscriptMisuse());
        assembly {
            let p := 0xffffffff00000001
            let o := add(out, shl(5, add(from, 1)))
            let got := 0
            for { let counter := 0 } lt(got, n) { counter := add(counter, 1) } {
                let c := or(shr(8, and(counter, 0xff00ff00)), shl(8, and(counter, 0x00ff00ff)))
                c := or(shr(16, c), shl(16, and(c, 0xffff)))
                mstore(0x00, s)
                mstore(0x20, or(shl(248, TAG_SQUEEZE), shl(216, c)))
                if iszero(staticcall(gas(), 0x02, 0x00, 37, 0x00, 0x20)) { revert(0, 0) }
                let blk := mload(0x00)
                for { let pos := 0 } and(lt(pos, 4), lt(got, n)) { pos := add(pos, 1) } {
                    // bytes 8 pos .. 8 pos + 8 of the block, little-endian
                    let w := and(shr(sub(192, shl(6, pos)), blk), 0xffffffffffffffff)
                    w := or(shr(8, and(w, 0xff00ff00ff00ff00)), shl(8, and(w, 0x00ff00ff00ff00ff)))
                    w := or(shr(16, and(w, 0xffff0000ffff0000)), shl(16, and(w, 0x0000ffff0000ffff)))
                    w := or(shr(32, w), shl(32, and(w, 0xffffffff)))
                    if or(iszero(reject), lt(w, p)) {
                        mstore(o, and(w, mask))
                        o := add(o, 0x20)
                        got := add(got, 1)
                    }
                }
            }
        }
    }

    /// v's low four bytes little-endian, at the top of a word: a record's u32 as one store writes it.
    function u32Word(uint256 v) private pure returns (uint256 r) {
        assembly {
            r := or(shr(8, and(v, 0xff00ff00)), shl(8, and(v, 0x00ff00ff)))
            r := shl(224, or(shr(16, r), shl(16, and(r, 0xffff))))
        }
    }

    function fold(T memory t) private view {
        setState(t, hashPrefix(t.buf, t.len));
    }

    /// SHA-256 of the first len bytes of b, through the precompile, without copying them.
    function hashPrefix(bytes memory b, uint256 len) private view returns (bytes32 h) {
        assembly {
            if iszero(staticcall(gas(), 0x02, add(b, 32), len, 0x00, 32)) { revert(0, 0) }
            h := mload(0x00)
        }
    }

    function state(T memory t) private pure returns (bytes32 s) {
        bytes memory b = t.buf;
        assembly {
            s := mload(add(b, 32))
        }
    }

    function setState(T memory t, bytes32 s) private pure {
        bytes memory b = t.buf;
        assembly {
            mstore(add(b, 32), s)
        }
        t.len = 32;
    }

    function ensure(T memory t, uint256 extra) private pure {
        uint256 needed = t.len + extra;
        if (needed > t.buf.length) {
            uint256 capacity = t.buf.length * 2;
            if (capacity < needed) {
                capacity = needed;
            }
            bytes memory grown = new bytes(capacity);
            bytes memory old = t.buf;
            uint256 n = t.len;
            assembly {
                mcopy(add(grown, 32), add(old, 32), n)
            }
            t.buf = grown;
        }
    }

    function putByte(T memory t, uint8 v) private pure {
        ensure(t, 1);
        t.buf[t.len] = bytes1(v);
        t.len += 1;
    }

    function putU32(T memory t, uint32 v) private pure {
        ensure(t, 4);
        bytes memory b = t.buf;
        uint256 at = t.len;
        assembly {
            let r := or(shr(8, and(v, 0xff00ff00)), shl(8, and(v, 0x00ff00ff)))
            r := or(shr(16, r), shl(16, and(r, 0xffff)))
            let p := add(add(b, 32), at)
            mstore(p, or(shl(224, r), and(mload(p), 0x00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff)))
        }
        t.len = at + 4;
    }

    function putU64(T memory t, uint64 v) private pure {
        ensure(t, 8);
        bytes memory b = t.buf;
        uint256 at = t.len;
        assembly {
            let r := or(shr(8, and(v, 0xff00ff00ff00ff00)), shl(8, and(v, 0x00ff00ff00ff00ff)))
            r := or(shr(16, and(r, 0xffff0000ffff0000)), shl(16, and(r, 0x0000ffff0000ffff)))
            r := or(shr(32, r), shl(32, and(r, 0xffffffff)))
            let p := add(add(b, 32), at)
            mstore(p, or(shl(192, r), and(mload(p), 0x0000000000000000ffffffffffffffffffffffffffffffffffffffffffffffff)))
        }
        t.len = at + 8;
    }

    function putLabel(T memory t, string memory label) private pure {
        bytes memory b = bytes(label);
        putU32(t, uint32(b.length));
        putBytes(t, b);
    }

    function putBytes(T memory t, bytes memory data) private pure {
        uint256 n = data.length;
        ensure(t, n);
        bytes memory b = t.buf;
        uint256 at = t.len;
        assembly {
            mcopy(add(add(b, 32), at), add(data, 32), n)
        }
        t.len = at + n;
    }

    function le64(uint64 v) private pure returns (bytes8 out) {
        uint64 r = 0;
        for (uint256 i = 0; i < 8; i++) {
            r = (r << 8) | ((v >> (8 * i)) & 0xff);
        }
        out = bytes8(r);
    }
}
