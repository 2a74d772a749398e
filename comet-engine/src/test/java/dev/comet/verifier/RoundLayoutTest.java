package dev.comet.verifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.merkle.MerkleTree;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.RoundLayout;
import dev.comet.proof.StarkProof;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One commitment round over tables of different heights: the rebuilt leaves are the committed
 * ones (a smaller table's rows repeating), each table reads its own rows, and a small table whose
 * copies under two opened top rows differ cannot be opened at both.
 */
class RoundLayoutTest {
    private static final HashFunction HASH = HashFunction.of(ProofOptions.test().hash());

    static long[][] columns(int width, int rows, Random random) {
        long[][] c = new long[width][rows];
        for (long[] column : c) {
            for (int i = 0; i < rows; i++) {
                column[i] = Long.remainderUnsigned(random.nextLong(), Goldilocks.P);
            }
        }
        return c;
    }

    /** What the prover sends: table i's rows at {@link RoundLayout#tableRows}, row-major. */
    static long[] rows(long[][] table, int[] rows) {
        long[] out = new long[rows.length * table.length];
        for (int k = 0; k < rows.length; k++) {
            for (int c = 0; c < table.length; c++) {
                out[k * table.length + c] = table[c][rows[k] & (table[c].length - 1)];
            }
        }
        return out;
    }

    @ParameterizedTest(name = "widths {0}, {1}, {2}")
    @CsvSource({"1, 0, 1", "2, 1, 0", "5, 3, 2", "0, 2, 1", "9, 4, 3"})
    void eachTableReadsItsOwnRowsUnderTheRoundsOneTree(int w0, int w1, int w2) throws Exception {
        Random random = new Random(31L * w0 + 7L * w1 + w2);
        int[] widths = {w0, w1, w2};
        int[] logLdes = {7, 4, 2};
        RoundLayout layout = new RoundLayout(widths, logLdes, 7);
        long[][][] tables = new long[3][][];
        for (int i = 0; i < 3; i++) {
            tables[i] = columns(widths[i], 1 << logLdes[i], random);
        }
        long[][] all = Arrays.stream(tables).flatMap(Arrays::stream).toArray(long[][]::new);
        MerkleTree tree = MerkleTree.commit(all, HASH, layout.rowsPerLeaf(), 1 << 7);
        assertEquals(layout.depth(), tree.depth());
        for (int trial = 0; trial < 10; trial++) {
            int[] top = IntStream.generate(() -> random.nextInt(1 << 7)).limit(1 + random.nextInt(20)).toArray();
            int[] leaves = layout.leaves(top);
            long[][] values = new long[3][];
            for (int i = 0; i < 3; i++) {
                values[i] = rows(tables[i], layout.tableRows(i, leaves));
            }
            long[][] rebuilt = layout.leafValues(leaves, values);
            for (int k = 0; k < leaves.length; k++) {
                assertArrayEquals(tree.leaf(leaves[k]), MerkleTree.leafDigest(HASH, rebuilt[k]), "leaf " + leaves[k]);
            }
            long[][] read = RoundCheck.rows("round", HASH, layout, new StarkProof.Commitment(tree.root(),
                    tree.open(leaves)), top, values);
            for (int i = 0; i < 3; i++) {
                int mask = (1 << logLdes[i]) - 1;
                int[] positions = Arrays.stream(top).map(p -> p & mask).sorted().distinct().toArray();
                assertArrayEquals(rows(tables[i], positions), read[i], "table " + i);
            }
        }
    }

    /**
     * A prover commits a small table's row 3 twice with different values (under top rows 3 and
     * 3 + 16). Opened at both, the proof can send only one row 3 of that table, so one of the two
     * leaves does not rebuild: rejected whichever copy it sends.
     */
    @ParameterizedTest(name = "sends the copy under top row {0}, copies differ: {1}")
    @CsvSource({"3, true", "19, true", "3, false", "19, false"})
    void copiesOfASmallTablesRowThatDifferCannotBothBeOpened(int sent, boolean differ) throws Exception {
        Random random = new Random(5);
        RoundLayout layout = new RoundLayout(new int[] {6, 6}, new int[] {6, 4}, 6);
        long[][] big = columns(6, 64, random);
        long[][] small = columns(6, 16, random);
        long[][] forged = new long[6][64]; // the small table spelled out at the top size, copies differing at 19
        for (int c = 0; c < 6; c++) {
            for (int p = 0; p < 64; p++) {
                forged[c][p] = small[c][p & 15];
            }
        }
        if (differ) {
            forged[2][19] = Goldilocks.add(forged[2][19], 1);
        }
        long[][] all = new long[12][];
        System.arraycopy(big, 0, all, 0, 6);
        System.arraycopy(forged, 0, all, 6, 6);
        MerkleTree tree = MerkleTree.commit(all, HASH, layout.rowsPerLeaf(), 64);
        int[] top = {3, 19, 40};
        int[] leaves = layout.leaves(top);
        long[][] values = {rows(big, layout.tableRows(0, leaves)), new long[0]};
        int[] smallRows = layout.tableRows(1, leaves); // 3 and 8
        values[1] = new long[smallRows.length * 6];
        for (int k = 0; k < smallRows.length; k++) {
            int from = smallRows[k] == 3 ? sent : smallRows[k] + 32;
            for (int c = 0; c < 6; c++) {
                values[1][k * 6 + c] = forged[c][from];
            }
        }
        StarkProof.Commitment commitment = new StarkProof.Commitment(tree.root(), tree.open(leaves));
        if (differ) {
            assertThrows(StarkVerifier.Rejection.class, () -> RoundCheck.rows("round", HASH, layout, commitment, top, values));
        } else {
            RoundCheck.rows("round", HASH, layout, commitment, top, values); // the same machinery, copies equal
        }
    }
}
