package dev.comet.verifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.merkle.BatchOpening;
import dev.comet.merkle.MerkleTree;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.RoundLayout;
import dev.comet.proof.StarkProof;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Review of RoundCheck/RoundLayout: openings that a cheating prover could try on one round's shared tree. */
class RoundLayoutReviewTest {
    private static final HashFunction HASH = HashFunction.of(ProofOptions.test().hash());

    /** A committed round and an honest opening of it at {@code top}. */
    private record Opened(RoundLayout layout, long[][][] tables, MerkleTree tree, int[] top, long[][] values) {
        StarkProof.Commitment commitment() {
            return new StarkProof.Commitment(tree.root(), tree.open(layout.leaves(top)));
        }

        long[][] check(long[][] v) throws StarkVerifier.Rejection {
            return RoundCheck.rows("round", HASH, layout, commitment(), top, v);
        }
    }

    private static Opened open(int[] widths, int[] logLdes, int logTop, int[] top, long seed) {
        Random random = new Random(seed);
        RoundLayout layout = new RoundLayout(widths, logLdes, logTop);
        long[][][] tables = new long[widths.length][][];
        for (int i = 0; i < widths.length; i++) {
            tables[i] = RoundLayoutTest.columns(widths[i], 1 << logLdes[i], random);
        }
        long[][] all = Arrays.stream(tables).flatMap(Arrays::stream).toArray(long[][]::new);
        MerkleTree tree = MerkleTree.commit(all, HASH, layout.rowsPerLeaf(), 1 << logTop);
        int[] leaves = layout.leaves(top);
        long[][] values = new long[widths.length][];
        for (int i = 0; i < widths.length; i++) {
            values[i] = RoundLayoutTest.rows(tables[i], layout.tableRows(i, leaves));
        }
        return new Opened(layout, tables, tree, top, values);
    }

    private static long[][] copy(long[][] v) {
        return Arrays.stream(v).map(long[]::clone).toArray(long[][]::new);
    }

    /** Two tables of one width: a row moved from one table's section to the other's keeps the total count. */
    @Test
    void aRowMovedBetweenTablesIsRejected() throws Exception {
        Opened o = open(new int[] {3, 3}, new int[] {7, 5}, 7, new int[] {1, 40, 77, 127}, 1);
        o.check(o.values());
        long[][] v = copy(o.values());
        v[1] = Arrays.copyOf(v[1], v[1].length + 3);
        System.arraycopy(v[0], v[0].length - 3, v[1], v[1].length - 3, 3);
        v[0] = Arrays.copyOf(v[0], v[0].length - 3);
        long[][] moved = v;
        assertThrows(StarkVerifier.Rejection.class, () -> o.check(moved));
    }

    /** The rows are at RoundLayout.tableRows, ascending: the same rows in another order do not rebuild the leaves. */
    @Test
    void aSmallTablesRowsReorderedAreRejected() throws Exception {
        Opened o = open(new int[] {5, 2}, new int[] {7, 4}, 7, new int[] {3, 19, 60, 100}, 2);
        long[][] v = copy(o.values());
        int w = 2;
        for (int c = 0; c < w; c++) {
            long t = v[1][c];
            v[1][c] = v[1][w + c];
            v[1][w + c] = t;
        }
        assertThrows(StarkVerifier.Rejection.class, () -> o.check(v));
    }

    /** A table without columns in the round must send nothing (not even zeros). */
    @Test
    void aTableWithoutColumnsSendsNothing() throws Exception {
        Opened o = open(new int[] {4, 0, 2}, new int[] {7, 6, 4}, 7, new int[] {5, 90}, 3);
        assertEquals(0, o.values()[1].length);
        o.check(o.values());
        long[][] v = copy(o.values());
        v[1] = new long[] {0};
        assertThrows(StarkVerifier.Rejection.class, () -> o.check(v));
    }

    /** A round no table has: only Commitment.NONE and no values pass. */
    @Test
    void anEmptyRoundTakesNoCommitment() throws Exception {
        RoundLayout empty = new RoundLayout(new int[] {0, 0}, new int[] {7, 5}, 7);
        int[] top = {1, 2};
        long[][] read = RoundCheck.rows("aux", HASH, empty, StarkProof.Commitment.NONE, top, new long[][] {{}, {}});
        assertEquals(0, read[0].length + read[1].length);
        StarkProof.Commitment some = new StarkProof.Commitment(new byte[32], new BatchOpening(new byte[0]));
        assertThrows(StarkVerifier.Rejection.class, () -> RoundCheck.rows("aux", HASH, empty, some, top,
                new long[][] {{}, {}}));
        assertThrows(StarkVerifier.Rejection.class, () -> RoundCheck.rows("aux", HASH, empty,
                StarkProof.Commitment.NONE, top, new long[][] {{}, {7}}));
    }

    /**
     * Tables shorter than a leaf (r = 8 rows a leaf, LDEs of 4 and 2 rows) and the boundary leaves:
     * an honest opening rebuilds, each table reads its rows, every single value changed is rejected.
     */
    @ParameterizedTest(name = "widths {0} {1} {2}")
    @CsvSource({"0, 0, 1", "0, 1, 0", "1, 0, 0", "0, 1, 1"})
    void tablesShorterThanALeafAndTheBoundaryLeaves(int w0, int w1, int w2) throws Exception {
        int[] widths = {w0, w1, w2};
        int[] logLdes = {6, 2, 1};
        int[] top = {0, 7, 8, 56, 63};
        Opened o = open(widths, logLdes, 6, top, 4);
        assertEquals(MerkleTree.rowsPerLeaf(w0 + w1 + w2), o.layout().rowsPerLeaf());
        long[][] read = o.check(o.values());
        for (int i = 0; i < 3; i++) {
            int mask = (1 << logLdes[i]) - 1;
            int[] positions = Arrays.stream(top).map(p -> p & mask).sorted().distinct().toArray();
            assertArrayEquals(RoundLayoutTest.rows(o.tables()[i], positions), read[i], "table " + i);
        }
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < o.values()[i].length; k++) {
                long[][] v = copy(o.values());
                v[i][k] = Goldilocks.add(v[i][k], 1);
                assertThrows(StarkVerifier.Rejection.class, () -> o.check(v), "table " + i + " value " + k);
            }
        }
    }

    /**
     * What the shared tree does not bind: a small table's copy under a top row no query opens may
     * differ from its other copies, and the opening still verifies. Soundness rests on reading the
     * committed matrix as a word on the top domain (a lifted code), not on copies being equal.
     */
    @Test
    void aDifferingCopyUnderAnUnopenedLeafIsNotSeen() throws Exception {
        Random random = new Random(9);
        RoundLayout layout = new RoundLayout(new int[] {8, 8}, new int[] {6, 4}, 6);
        long[][] big = RoundLayoutTest.columns(8, 64, random);
        long[][] small = RoundLayoutTest.columns(8, 16, random);
        long[][] forged = new long[8][64];
        for (int c = 0; c < 8; c++) {
            for (int p = 0; p < 64; p++) {
                forged[c][p] = small[c][p & 15];
            }
        }
        forged[0][3 + 48] = Goldilocks.add(forged[0][3 + 48], 1); // the copy of row 3 under top row 51
        long[][] all = new long[16][];
        System.arraycopy(big, 0, all, 0, 8);
        System.arraycopy(forged, 0, all, 8, 8);
        MerkleTree tree = MerkleTree.commit(all, HASH, layout.rowsPerLeaf(), 64);
        for (int[] top : new int[][] {{3, 19, 35}, {3, 51}}) {
            int[] leaves = layout.leaves(top);
            long[][] values = {RoundLayoutTest.rows(big, layout.tableRows(0, leaves)),
                RoundLayoutTest.rows(small, layout.tableRows(1, leaves))};
            StarkProof.Commitment commitment = new StarkProof.Commitment(tree.root(), tree.open(leaves));
            if (IntStream.of(top).anyMatch(p -> p == 51)) {
                assertThrows(StarkVerifier.Rejection.class, () -> RoundCheck.rows("r", HASH, layout, commitment, top,
                        values));
            } else {
                RoundCheck.rows("r", HASH, layout, commitment, top, values);
            }
        }
    }
}
