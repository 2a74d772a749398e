package dev.comet.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.field.CubicExtension;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.field.QuadraticExtension;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TranscriptTest {
    private static final HashFunction H = new Sha256Hash();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The first challenge after running {@code script} on a fresh transcript. */
    private static long challengeAfter(Consumer<Transcript> script) {
        Transcript t = new Transcript(H, "test");
        script.accept(t);
        return t.drawBase("c");
    }

    @ParameterizedTest
    @EnumSource(HashId.class)
    void sameCallsGiveSameOutputs(HashId id) {
        Transcript a = new Transcript(HashFunction.of(id), "proto");
        Transcript b = new Transcript(HashFunction.of(id), "proto");
        for (Transcript t : new Transcript[] {a, b}) {
            t.absorbDigest("root", new byte[32]);
            t.absorbLongs("ood", new long[] {1, 2, 3});
        }
        assertEquals(a.drawBase("alpha"), b.drawBase("alpha"));
        assertArrayEquals(a.drawExtension("z", CubicExtension.INSTANCE), b.drawExtension("z", CubicExtension.INSTANCE));
        assertEquals(a.grind(4), b.grind(4));
        assertArrayEquals(a.drawIndices("q", 30, 1 << 12), b.drawIndices("q", 30, 1 << 12));
    }

    @Test
    void protocolLabelAndHashAreBound() {
        long base = new Transcript(H, "proto").drawBase("c");
        assertNotEquals(base, new Transcript(H, "proto2").drawBase("c"));
        assertNotEquals(base, new Transcript(new Blake3Hash(), "proto").drawBase("c"));
    }

    @Test
    void labelsDataAndOrderChangeChallenges() {
        Set<Long> seen = new HashSet<>();
        seen.add(challengeAfter(t -> {}));
        seen.add(challengeAfter(t -> t.absorb("x", bytes("data"))));
        seen.add(challengeAfter(t -> t.absorb("y", bytes("data"))));
        seen.add(challengeAfter(t -> t.absorb("x", bytes("datb"))));
        seen.add(challengeAfter(t -> t.absorb("x", new byte[0])));
        seen.add(challengeAfter(t -> {
            t.absorb("a", bytes("1"));
            t.absorb("b", bytes("2"));
        }));
        seen.add(challengeAfter(t -> {
            t.absorb("b", bytes("2"));
            t.absorb("a", bytes("1"));
        }));
        assertEquals(7, seen.size());
        Transcript t = new Transcript(H, "test");
        Transcript u = new Transcript(H, "test");
        assertNotEquals(t.drawBase("c"), u.drawBase("d"), "the draw label is bound");
    }

    @Test
    void framingSeparatesLabelFromDataAndTypes() {
        assertNotEquals(challengeAfter(t -> t.absorb("ab", bytes("c"))), challengeAfter(t -> t.absorb("a", bytes("bc"))));
        assertNotEquals(challengeAfter(t -> t.absorb("x", bytes("ab"))),
                challengeAfter(t -> {
                    t.absorb("x", bytes("a"));
                    t.absorb("x", bytes("b"));
                }));
        byte[] le = new byte[8];
        LittleEndian.putLong(le, 0, 42);
        assertNotEquals(challengeAfter(t -> t.absorb("v", le)), challengeAfter(t -> t.absorbLongs("v", new long[] {42})));
        byte[] d = new byte[32];
        assertNotEquals(challengeAfter(t -> t.absorb("v", d)), challengeAfter(t -> t.absorbDigest("v", d)));
        assertThrows(IllegalArgumentException.class, () -> new Transcript(H, "t").absorbDigest("v", new byte[31]));
    }

    @Test
    void drawsNeverRepeatAndDependOnEarlierDraws() {
        Transcript t = new Transcript(H, "test");
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(t.drawBase("same label")), "draw " + i + " repeated");
        }
        int[] first = t.drawIndices("q", 8, 1 << 30);
        int[] second = t.drawIndices("q", 8, 1 << 30);
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void drawBaseRejectsChunksAtOrAboveTheModulus() {
        // A stand-in hash whose squeeze blocks start with 2^64-1, then p, then p-1.
        byte[] block = new byte[32];
        LittleEndian.putLong(block, 0, -1L);
        LittleEndian.putLong(block, 8, Goldilocks.P);
        LittleEndian.putLong(block, 16, Goldilocks.P - 1);
        LittleEndian.putLong(block, 24, 5);
        HashFunction fixed = new FixedOutputHash(block);
        Transcript t = new Transcript(fixed, "test");
        assertEquals(Goldilocks.P - 1, t.drawBase("c"));
        long[] e = t.drawExtension("e", QuadraticExtension.INSTANCE);
        assertArrayEquals(new long[] {Goldilocks.P - 1, 5}, e);
    }

    @Test
    void drawnElementsAreCanonical() {
        Transcript t = new Transcript(H, "test");
        for (int i = 0; i < 200; i++) {
            assertTrue(Long.compareUnsigned(t.drawBase("c"), Goldilocks.P) < 0);
            for (long c : t.drawExtension("e", CubicExtension.INSTANCE)) {
                assertTrue(Long.compareUnsigned(c, Goldilocks.P) < 0);
            }
        }
        assertEquals(2, t.drawExtension("e", ExtensionField.ofDegree(2)).length);
    }

    @Test
    void indicesAreInRangeAndCoverTheDomain() {
        Transcript t = new Transcript(H, "test");
        int[] idx = t.drawIndices("q", 4096, 16);
        assertEquals(4096, idx.length);
        boolean[] hit = new boolean[16];
        for (int i : idx) {
            assertTrue(i >= 0 && i < 16, "index " + i);
            hit[i] = true;
        }
        for (boolean b : hit) {
            assertTrue(b);
        }
        for (int i : t.drawIndices("q", 100, 1 << 30)) {
            assertTrue(i >= 0 && i < (1 << 30));
        }
        assertArrayEquals(new int[5], t.drawIndices("q", 5, 1));
        assertEquals(0, t.drawIndices("q", 0, 8).length);
        assertThrows(IllegalArgumentException.class, () -> t.drawIndices("q", 1, 12));
        assertThrows(IllegalArgumentException.class, () -> t.drawIndices("q", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> t.drawIndices("q", -1, 8));
    }

    @ParameterizedTest
    @EnumSource(HashId.class)
    void grindAndAcceptAgreeAndSmallerNoncesAreRejected(HashId id) {
        HashFunction h = HashFunction.of(id);
        int bits = 8;
        // Pick a setting where the smallest valid nonce is positive, so there are wrong nonces to try.
        for (int attempt = 0; ; attempt++) {
            Transcript prover = new Transcript(h, "pow");
            Transcript verifier = new Transcript(h, "pow");
            prover.absorb("msg", new byte[] {(byte) attempt});
            verifier.absorb("msg", new byte[] {(byte) attempt});
            long nonce = prover.grind(bits);
            if (nonce == 0) {
                continue;
            }
            assertFalse(verifier.acceptProofOfWork(-1, bits));
            for (long wrong = 0; wrong < nonce; wrong++) {
                assertFalse(verifier.acceptProofOfWork(wrong, bits), "nonce " + wrong + " below the smallest");
            }
            // Rejections left the verifier untouched, so it now accepts and stays in sync.
            assertTrue(verifier.acceptProofOfWork(nonce, bits));
            assertEquals(prover.drawBase("after"), verifier.drawBase("after"));
            return;
        }
    }

    /** Without grinding every nonce would pass; only 0 is accepted, so a proof has one encoding. */
    @Test
    void withoutGrindingOnlyNonceZeroIsAccepted() {
        assertEquals(0, new Transcript(H, "pow").grind(0));
        assertTrue(new Transcript(H, "pow").acceptProofOfWork(0, 0));
        for (long nonce : new long[] {1, 2, 1L << 24, Long.MAX_VALUE}) {
            assertFalse(new Transcript(H, "pow").acceptProofOfWork(nonce, 0), "nonce " + nonce);
        }
    }

    @Test
    void proofOfWorkIsBoundIntoLaterChallenges() {
        Transcript prover = new Transcript(H, "pow");
        long smallest = prover.grind(2);
        Transcript a = new Transcript(H, "pow");
        assertTrue(a.acceptProofOfWork(smallest, 2));
        // Another valid nonce: a different transcript afterwards.
        long other = smallest + 1;
        Transcript b = new Transcript(H, "pow");
        while (!b.acceptProofOfWork(other, 2)) {
            other++;
        }
        long afterA = a.drawBase("c");
        assertEquals(afterA, prover.drawBase("c"));
        assertNotEquals(afterA, b.drawBase("c"), "the nonce is bound");
        assertNotEquals(afterA, new Transcript(H, "pow").drawBase("c"), "the proof of work is bound");
        assertThrows(IllegalArgumentException.class, () -> new Transcript(H, "pow").grind(65));
        assertThrows(IllegalArgumentException.class, () -> new Transcript(H, "pow").acceptProofOfWork(0, -1));
    }

    @Test
    void grindFindsEnoughLeadingZeros() {
        // Recompute the puzzle independently: the nonce must give >= bits leading zeros.
        Transcript t = new Transcript(new RecordingHash(H), "pow");
        RecordingHash rec = (RecordingHash) t.hashFunction();
        long nonce = t.grind(12);
        byte[] last = rec.lastOutput;
        assertTrue(Long.numberOfLeadingZeros(LittleEndian.getLongBigEndian(last, 0)) >= 12);
        assertEquals(nonce, LittleEndian.getLong(rec.lastInput, rec.lastInput.length - 8));
    }

    /** A fake hash returning a fixed digest; only for exercising rejection sampling. */
    private record FixedOutputHash(byte[] digest) implements HashFunction {
        @Override public HashId id() { return HashId.SHA256; }
        @Override public byte[] hash(byte[] data) { return digest.clone(); }
        @Override public void hashLeaf(long[] e, int f, int c, byte[] o, int oo) { throw new UnsupportedOperationException(); }
        @Override public void hashNode(byte[] i, int io, byte[] o, int oo) { throw new UnsupportedOperationException(); }
    }

    /** Delegates to a real hash and remembers the last ranged call. */
    private static final class RecordingHash implements HashFunction {
        private final HashFunction inner;
        byte[] lastInput;
        byte[] lastOutput;

        RecordingHash(HashFunction inner) {
            this.inner = inner;
        }

        @Override public HashId id() { return inner.id(); }
        @Override public byte[] hash(byte[] data) { return inner.hash(data); }
        @Override public void hashLeaf(long[] e, int f, int c, byte[] o, int oo) { inner.hashLeaf(e, f, c, o, oo); }
        @Override public void hashNode(byte[] i, int io, byte[] o, int oo) { inner.hashNode(i, io, o, oo); }

        @Override
        public void hash(byte[] data, int offset, int length, byte[] out, int outOffset) {
            inner.hash(data, offset, length, out, outOffset);
            lastInput = Arrays.copyOfRange(data, offset, offset + length);
            lastOutput = Arrays.copyOfRange(out, outOffset, outOffset + 32);
        }
    }
}
