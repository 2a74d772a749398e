package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.TableSet;
import dev.comet.air.TraceTable;
import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;
import dev.comet.merkle.MerkleTree;
import dev.comet.poly.LowDegreeExtension;
import dev.comet.proof.ProofCodec;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Adversarial review of the compact extension of periodic columns (commit 32dbb9f), on the new engine only. */
class CompactLdeReviewTest {
    private static long element(SplittableRandom r) {
        return Long.remainderUnsigned(r.nextLong(), Goldilocks.P);
    }

    private static long[] periodic(SplittableRandom r, int n, int period, boolean breakOne) {
        long[] one = new long[period];
        for (int i = 0; i < period; i++) {
            one[i] = element(r);
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = one[i % period];
        }
        if (breakOne && n > 1) {
            int at = r.nextInt(n);
            out[at] = Goldilocks.add(out[at], 1);
        }
        return out;
    }

    private static long[] expand(long[] compact, int size) {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = compact[i & (compact.length - 1)];
        }
        return out;
    }

    /** extendCompact expanded is extend, for every period, blowup 1..16, trace lengths 1..256 and random shifts. */
    @Test
    void compactExtensionsExpandToTheFullOnes() {
        SplittableRandom r = new SplittableRandom(17);
        int checked = 0;
        for (int logN = 0; logN <= 8; logN++) {
            int n = 1 << logN;
            for (int logBlowup = 0; logBlowup <= 4; logBlowup++) {
                for (long shift : new long[] {Goldilocks.GENERATOR, 1, element(r) | 1}) {
                    long[][] columns = new long[2 * (logN + 1) + 2][];
                    int[] expected = new int[columns.length];
                    for (int lp = 0; lp <= logN; lp++) {
                        columns[2 * lp] = periodic(r, n, 1 << lp, false);
                        expected[2 * lp] = 1 << lp;
                        columns[2 * lp + 1] = periodic(r, n, 1 << lp, true); // periodic except one value
                        expected[2 * lp + 1] = n;
                    }
                    columns[columns.length - 2] = new long[n]; // zero column
                    expected[columns.length - 2] = 1;
                    columns[columns.length - 1] = periodic(r, n, 1, false);
                    columns[columns.length - 1][0] = Goldilocks.add(columns[columns.length - 1][0], 1); // first value differs
                    expected[columns.length - 1] = n == 1 ? 1 : n;
                    long[][] full = LowDegreeExtension.extend(columns, logBlowup, shift);
                    long[][] compact = LowDegreeExtension.extendCompact(columns, logBlowup, shift);
                    for (int c = 0; c < columns.length; c++) {
                        assertEquals(expected[c] << logBlowup, compact[c].length, "n " + n + " column " + c);
                        assertArrayEquals(full[c], expand(compact[c], full[c].length),
                                "n " + n + " blowup " + (1 << logBlowup) + " column " + c);
                        checked++;
                    }
                    // inputs unchanged
                    long[][] again = LowDegreeExtension.extend(columns, logBlowup, shift);
                    for (int c = 0; c < columns.length; c++) {
                        assertArrayEquals(full[c], again[c]);
                    }
                }
            }
        }
        assertTrue(checked > 500);
    }

    /** Roots and openings of compact columns equal those of the columns written out, also with rowsPerLeaf above a column's length. */
    @Test
    void merkleTreesOfCompactColumnsAreThoseOfTheFullOnes() {
        HashFunction h = HashFunction.of(HashId.SHA256);
        SplittableRandom r = new SplittableRandom(5);
        for (int logRows = 0; logRows <= 9; logRows++) {
            int rows = 1 << logRows;
            for (int rowsPerLeaf = 1; rowsPerLeaf <= Math.min(rows, 32); rowsPerLeaf <<= 1) {
                for (boolean allShort : new boolean[] {false, true}) {
                    int[] lengths = allShort ? new int[] {1, Math.max(1, rows / 2), 2 > rows ? 1 : 2}
                            : new int[] {rows, 1, Math.max(1, rows / 4), Math.min(rows, 2)};
                    if (allShort && rows == 1) {
                        continue;
                    }
                    long[][] compact = new long[lengths.length][];
                    long[][] full = new long[lengths.length][];
                    for (int c = 0; c < lengths.length; c++) {
                        compact[c] = periodic(r, lengths[c], lengths[c], false);
                        full[c] = expand(compact[c], rows);
                    }
                    MerkleTree a = MerkleTree.commit(full, h, rowsPerLeaf);
                    MerkleTree b = MerkleTree.commit(compact, h, rowsPerLeaf, rows);
                    assertArrayEquals(a.root(), b.root(), "rows " + rows + " per leaf " + rowsPerLeaf);
                    int leaves = rows / rowsPerLeaf;
                    int[] idx = {0, leaves / 2, leaves - 1};
                    idx = Arrays.stream(idx).distinct().toArray();
                    assertEquals(a.open(idx), b.open(idx));
                    for (int leaf : idx) {
                        assertArrayEquals(a.leaf(leaf), b.leaf(leaf));
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.commit(new long[][] {new long[6], new long[2]}, h, 1));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.commit(new long[][] {new long[4]}, h, 1, 6));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.commit(new long[][] {new long[4]}, h, 8, 4));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.commit(new long[][] {new long[3], new long[8]}, h, 1));
    }

    /** LdeRows and the OOD evaluator read compact columns as the full ones. */
    @Test
    void queryRowsAndOodValuesOfCompactColumnsAreThoseOfTheFullOnes() {
        SplittableRandom r = new SplittableRandom(9);
        dev.comet.field.ExtensionField ext = dev.comet.field.ExtensionField.ofDegree(3);
        for (int logN = 0; logN <= 6; logN++) {
            int n = 1 << logN;
            for (int logBlowup = 1; logBlowup <= 4; logBlowup++) {
                long[][] columns = {periodic(r, n, 1, false), periodic(r, n, Math.max(1, n / 2), false), periodic(r, n, n, false),
                    periodic(r, n, Math.min(2, n), false)};
                long[][] full = LowDegreeExtension.extend(columns, logBlowup, Goldilocks.GENERATOR);
                long[][] compact = LowDegreeExtension.extendCompact(columns, logBlowup, Goldilocks.GENERATOR);
                int size = n << logBlowup;
                int[] positions = r.ints(20, 0, size).toArray();
                assertArrayEquals(LdeRows.at(full, positions), LdeRows.at(compact, positions));
                long[] z = {element(r), element(r), element(r)};
                OodEvaluator.TraceWeights w = OodEvaluator.TraceWeights.at(ext, n, z);
                long[][][] a = w.evaluate(full, 1 << logBlowup, 2);
                long[][][] b = w.evaluate(compact, 1 << logBlowup, 2);
                for (int o = 0; o < 2; o++) {
                    for (int c = 0; c < columns.length; c++) {
                        assertArrayEquals(a[o][c], b[o][c], "n " + n + " row " + o + " column " + c);
                    }
                }
            }
        }
    }
}
