package dev.comet.verifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.examples.ExampleAirs;
import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.merkle.MerkleTree;
import dev.comet.proof.MalformedProofException;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.RoundLayout;
import dev.comet.proof.StarkProof;
import dev.comet.prover.StarkProver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on leaf packing (several LDE rows to a Merkle leaf): the verifier must extract exactly
 * the row at each query position from the opened leaves, bind every row of an opened leaf, and
 * refuse openings with missing, extra, reordered or differently packed rows.
 */
class LeafPackingAttackTest {
    private static final StarkVerifier VERIFIER = new StarkVerifier(0);
    private static final HashFunction HASH = HashFunction.of(ProofOptions.test().hash());

    private static long[][] randomColumns(int width, int rows, long seed) {
        Random random = new Random(seed);
        long[][] columns = new long[width][rows];
        for (long[] c : columns) {
            for (int i = 0; i < rows; i++) {
                c[i] = Long.remainderUnsigned(random.nextLong(), Goldilocks.P);
            }
        }
        return columns;
    }

    /** What an honest prover sends for {@code positions}: every row of each touched leaf, and the leaves' opening. */
    private static StarkProof.Queries honestOpening(long[][] columns, MerkleTree tree, int[] positions) {
        int r = tree.rowsPerLeaf();
        int width = columns.length;
        int[] leaves = Arrays.stream(positions).map(p -> p / r).distinct().toArray();
        long[] values = new long[leaves.length * r * width];
        int w = 0;
        for (int leaf : leaves) {
            for (int row = leaf * r; row < leaf * r + r; row++) {
                for (long[] column : columns) {
                    values[w++] = column[row];
                }
            }
        }
        return new StarkProof.Queries(values, tree.open(leaves));
    }

    /** A one-table round's rows at {@code positions}, as the verifier checks and extracts them. */
    private static long[] opened(byte[] root, int logRows, int[] positions, StarkProof.Queries opening, int width)
            throws StarkVerifier.Rejection {
        RoundLayout layout = new RoundLayout(new int[] {width}, new int[] {logRows}, logRows);
        return RoundCheck.rows("t", HASH, layout, new StarkProof.Commitment(root, opening.proof()), positions,
                new long[][] {opening.values()})[0];
    }

    private static int[] randomPositions(Random random, int count, int rows) {
        return IntStream.generate(() -> random.nextInt(rows)).limit(count).sorted().distinct().toArray();
    }

    @Test
    void rowsPerLeafFillAtMostSixtyFourBytes() {
        assertEquals(8, MerkleTree.rowsPerLeaf(1));
        assertEquals(4, MerkleTree.rowsPerLeaf(2));
        assertEquals(2, MerkleTree.rowsPerLeaf(3));
        assertEquals(2, MerkleTree.rowsPerLeaf(4));
        for (int w = 5; w <= 40; w++) {
            assertEquals(1, MerkleTree.rowsPerLeaf(w), "width " + w);
        }
    }

    /** For every packed width, each extracted row is the committed row at its position, first and last leaf included. */
    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void extractedRowsAreTheCommittedRows(int width) throws Exception {
        int logRows = 6;
        int rows = 1 << logRows;
        long[][] columns = randomColumns(width, rows, width);
        MerkleTree tree = MerkleTree.commit(columns, HASH, MerkleTree.rowsPerLeaf(width));
        Random random = new Random(width * 7919L);
        List<int[]> cases = new ArrayList<>();
        cases.add(new int[] {0});
        cases.add(new int[] {rows - 1});
        cases.add(new int[] {0, 1, 2, 3, 4, 5, 6, 7}); // one or a few leaves, every row of them
        cases.add(new int[] {rows - 9, rows - 8, rows - 2, rows - 1}); // across the last leaf boundary
        for (int k = 0; k < 20; k++) {
            cases.add(randomPositions(random, 1 + random.nextInt(12), rows));
        }
        for (int[] positions : cases) {
            long[] got = opened(tree.root(), logRows, positions, honestOpening(columns, tree, positions), width);
            for (int q = 0; q < positions.length; q++) {
                for (int c = 0; c < width; c++) {
                    assertEquals(columns[c][positions[q]], got[q * width + c],
                            "width " + width + ", position " + positions[q] + ", column " + c);
                }
            }
        }
    }

    /** An opening verified with another packing than it was built with never passes: depth and leaf size differ. */
    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void anOpeningPackedDifferentlyIsRejected(int width) {
        int logRows = 5;
        long[][] columns = randomColumns(width, 1 << logRows, 100 + width);
        int r = MerkleTree.rowsPerLeaf(width);
        int[] positions = {3, 9, 17, 30};
        for (int other : new int[] {1, 2, 4, 8}) {
            if (other == r) {
                continue;
            }
            // Built (and its root taken) with r' rows to a leaf, verified with the r the width implies.
            MerkleTree tree = MerkleTree.commit(columns, HASH, other);
            StarkProof.Queries opening = honestOpening(columns, tree, positions);
            assertThrows(StarkVerifier.Rejection.class, () -> opened(tree.root(), logRows, positions, opening, width),
                    "built with " + other + ", verified with " + r);
        }
    }

    /** Changing any opened value (query rows or their leaf neighbours), or reordering rows in a leaf, is caught. */
    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void everyValueOfAnOpenedLeafIsBound(int width) {
        int logRows = 6;
        long[][] columns = randomColumns(width, 1 << logRows, 300 + width);
        int r = MerkleTree.rowsPerLeaf(width);
        MerkleTree tree = MerkleTree.commit(columns, HASH, r);
        int[] positions = {1, 2, 13, 40, 63};
        StarkProof.Queries honest = honestOpening(columns, tree, positions);
        for (int i = 0; i < honest.values().length; i++) {
            long[] values = honest.values().clone();
            values[i] = Goldilocks.add(values[i], 1);
            StarkProof.Queries bad = new StarkProof.Queries(values, honest.proof());
            assertThrows(StarkVerifier.Rejection.class, () -> opened(tree.root(), logRows, positions, bad, width),
                    "value " + i);
        }
        if (r > 1) {
            // The row asked for swapped with a neighbour in its leaf (the extraction would then read the neighbour).
            long[] values = honest.values().clone();
            for (int c = 0; c < width; c++) {
                long t = values[c];
                values[c] = values[width + c];
                values[width + c] = t;
            }
            StarkProof.Queries swapped = new StarkProof.Queries(values, honest.proof());
            assertThrows(StarkVerifier.Rejection.class, () -> opened(tree.root(), logRows, positions, swapped, width));
        }
    }

    /** One row short, one row too many, one whole leaf too many, one leaf missing: each rejected. */
    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {1, 2, 3, 8})
    void truncatedOrExtendedOpeningsAreRejected(int width) {
        int logRows = 6;
        int rows = 1 << logRows;
        long[][] columns = randomColumns(width, rows, 500 + width);
        int r = MerkleTree.rowsPerLeaf(width);
        MerkleTree tree = MerkleTree.commit(columns, HASH, r);
        int[] positions = {5, 6, 33};
        StarkProof.Queries honest = honestOpening(columns, tree, positions);
        long[] v = honest.values();
        List<long[]> variants = List.of(Arrays.copyOf(v, v.length - width), Arrays.copyOf(v, v.length + width),
                Arrays.copyOf(v, v.length + r * width), Arrays.copyOf(v, v.length - r * width));
        for (long[] values : variants) {
            StarkProof.Queries bad = new StarkProof.Queries(values, honest.proof());
            assertThrows(StarkVerifier.Rejection.class, () -> opened(tree.root(), logRows, positions, bad, width),
                    values.length + " values");
        }
        // An opening of a superset of the leaves, with its own valid Merkle proof, is still the wrong opening.
        int[] more = {5, 6, 33, 60};
        StarkProof.Queries superset = honestOpening(columns, tree, more);
        assertThrows(StarkVerifier.Rejection.class, () -> opened(tree.root(), logRows, positions, superset, width));
        // The same leaves, their rows put in the other leaf's place: the Merkle check binds leaf positions.
        int[] shifted = Arrays.stream(positions).map(p -> (p + r) % rows).toArray();
        StarkProof.Queries neighbour = honestOpening(columns, tree, shifted);
        assertThrows(StarkVerifier.Rejection.class, () -> opened(tree.root(), logRows, positions, neighbour, width));
    }

    // ---- end to end, through the prover and the verifier -------------------------------------------------

    private static StarkProof prove(ExampleAirs.Instance instance, ProofOptions options) {
        return new StarkProver(options).prove(instance.air(), instance.trace());
    }

    /** {@code proof} with table 0's rows of one round replaced: 0 main, 1 auxiliary, 2 composition. */
    private static StarkProof withValues(StarkProof proof, int section, long[] values) {
        List<StarkProof.TableProof> tables = new ArrayList<>(proof.tables());
        StarkProof.TableProof t = tables.get(0);
        tables.set(0, new StarkProof.TableProof(t.traceInfo(), t.numCompositionColumns(), t.logUpSum(), t.ood(),
                section == 0 ? values : t.mainValues(), section == 1 ? values : t.auxValues(),
                section == 2 ? values : t.compositionValues(), t.precommittedQueries(), t.segmentFri()));
        return proof.withTables(tables);
    }

    private static long[] section(StarkProof.TableProof t, int section) {
        return switch (section) {
            case 0 -> t.mainValues();
            case 1 -> t.auxValues();
            default -> t.compositionValues();
        };
    }

    /**
     * Narrow main traces (1 to 5 columns, so 8, 4, 2, 2, 1 rows to a leaf): every single value of
     * the main and composition openings, the rows at no query position included, is bound.
     */
    @ParameterizedTest(name = "wide AIR of {0} columns")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void everyOpenedValueOfANarrowTableIsBound(int columns) {
        ExampleAirs.Instance instance = ExampleAirs.create("wide", 3, columns);
        StarkProof proof = prove(instance, ProofOptions.test());
        assertTrue(VERIFIER.verify(instance.air(), proof).valid());
        for (int section : new int[] {0, 2}) {
            long[] honest = section(proof.table(), section);
            int width = section == 0 ? columns : proof.table().numCompositionColumns() * 2;
            int r = MerkleTree.rowsPerLeaf(width);
            assertEquals(0, honest.length % (r * width), "whole leaves are opened");
            for (int i = 0; i < honest.length; i++) {
                long[] values = honest.clone();
                values[i] = Goldilocks.add(values[i], 1);
                StarkProof bad = withValues(proof, section, values);
                VerificationResult result = VERIFIER.verify(instance.air(), bad);
                assertFalse(result.valid(), "section " + section + ", value " + i);
            }
        }
    }

    /**
     * The auxiliary trace is packed by its width in base-field elements (columns x extension
     * degree); the verifier must count it the same way. Tamper with values across its leaves.
     */
    @Test
    void auxiliaryLeavesAreCountedInBaseElementsAndBound() {
        ExampleAirs.Instance instance = ExampleAirs.create("range", 16, 1);
        StarkProof proof = prove(instance, ProofOptions.test());
        assertTrue(VERIFIER.verify(instance.air(), proof).valid());
        int auxBase = instance.air().traceInfo().auxWidth() * 2;
        int r = MerkleTree.rowsPerLeaf(auxBase);
        long[] honest = proof.table().auxValues();
        assertEquals(0, honest.length % (r * auxBase));
        Random random = new Random(5);
        for (int k = 0; k < 12; k++) {
            long[] values = honest.clone();
            int i = random.nextInt(values.length);
            values[i] = Goldilocks.add(values[i], 1);
            StarkProof bad = withValues(proof, 1, values);
            assertFalse(VERIFIER.verify(instance.air(), bad).valid(), "aux value " + i);
        }
        // Drop the last row of the opening: the count no longer matches whole leaves.
        long[] cut = Arrays.copyOf(honest, honest.length - auxBase);
        StarkProof shorter = withValues(proof, 1, cut);
        VerificationResult result = VERIFIER.verify(instance.air(), shorter);
        assertFalse(result.valid());
        assertTrue(result.reason().contains("values, expected"), result.reason());
    }

    /**
     * The codec bounds a section by one leaf per query: an honest proof fits, and a section one
     * leaf's worth longer than that bound is malformed before any check runs.
     */
    @Test
    void codecRefusesMoreValuesThanOneLeafPerQuery() {
        ExampleAirs.Instance instance = ExampleAirs.create("wide", 3, 1);
        ProofOptions options = ProofOptions.test();
        StarkProof proof = prove(instance, options);
        int r = MerkleTree.rowsPerLeaf(1);
        int bound = options.numQueries() * r;
        assertTrue(proof.table().mainValues().length <= bound);
        long[] tooMany = new long[bound + r];
        StarkProof bad = withValues(proof, 0, tooMany);
        MalformedProofException e = assertThrows(MalformedProofException.class,
                () -> ProofCodec.decode(ProofCodec.encode(bad)));
        assertTrue(e.getMessage().contains("main values"), e.getMessage());
        long[] atBound = new long[bound];
        StarkProof full = withValues(proof, 0, atBound);
        assertFalse(VERIFIER.verify(instance.air(), ProofCodec.encode(full)).valid(), "decodes, but is rejected");
    }

    /** Sanity for the attacks above: the honest proofs these tests tamper with verify after a codec round trip. */
    @ParameterizedTest(name = "wide AIR of {0} columns")
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 9})
    void narrowAndWideHonestProofsRoundTrip(int columns) throws Exception {
        ExampleAirs.Instance instance = ExampleAirs.create("wide", 4, columns);
        byte[] encoded = ProofCodec.encode(prove(instance, ProofOptions.test()));
        assertArrayEquals(encoded, ProofCodec.encode(ProofCodec.decode(encoded)));
        assertTrue(VERIFIER.verify(instance.air(), encoded).valid());
    }
}
