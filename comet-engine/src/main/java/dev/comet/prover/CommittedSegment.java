package dev.comet.prover;

import dev.comet.hash.HashFunction;
import dev.comet.merkle.MerkleTree;
import dev.comet.poly.LowDegreeExtension;
import dev.comet.proof.StarkProof;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A group of base-field columns committed together: their evaluations on the LDE coset and the
 * Merkle tree over LDE rows; for columns given by coefficients, also those coefficients (trace
 * columns are evaluated out of domain from their values instead, see {@link OodEvaluator}).
 */
final class CommittedSegment {
    private final long[][] coefficients;
    private final long[][] lde;
    private final MerkleTree tree;

    private CommittedSegment(long[][] coefficients, long[][] lde, MerkleTree tree) {
        this.coefficients = coefficients;
        this.lde = lde;
        this.tree = tree;
    }

    /**
     * Extends trace columns (evaluations on the trace domain) and commits them,
     * {@link MerkleTree#rowsPerLeaf} rows to a leaf. A periodic column's extension is kept over one
     * period and repeats ({@link LowDegreeExtension#extendCompact}): every reader of {@link #lde()}
     * indexes columns modulo their length. The committed word is the same either way.
     */
    static CommittedSegment fromTrace(long[][] columns, int logBlowup, long shift, HashFunction hash) {
        long[][] lde = LowDegreeExtension.extendCompact(columns, logBlowup, shift);
        int rows = columns.length == 0 ? 0 : columns[0].length << logBlowup;
        return new CommittedSegment(null, lde, MerkleTree.commit(lde, hash, MerkleTree.rowsPerLeaf(lde.length), rows));
    }

    /** Extends and commits columns given by their coefficients, {@link MerkleTree#rowsPerLeaf} rows to a leaf. */
    static CommittedSegment fromCoefficients(long[][] coefficients, int logLdeSize, long shift, HashFunction hash) {
        long[][] lde = LowDegreeExtension.evaluateOnCoset(coefficients, logLdeSize, shift);
        return new CommittedSegment(coefficients, lde, MerkleTree.commit(lde, hash, MerkleTree.rowsPerLeaf(lde.length)));
    }

    /** Coefficients of a segment made {@link #fromCoefficients}. */
    long[][] coefficients() {
        if (coefficients == null) {
            throw new IllegalStateException("trace segments keep no coefficients");
        }
        return coefficients;
    }

    /** The extended columns; a periodic one is shorter than the domain and repeats. */
    long[][] lde() {
        return lde;
    }

    byte[] root() {
        return tree.root();
    }

    int width() {
        return lde.length;
    }

    /**
     * The opening at the given (distinct, ascending) LDE positions: every row of each leaf that
     * holds one of them, row-major in leaf order, and the leaves' Merkle opening.
     */
    StarkProof.Queries queries(int[] positions) {
        int r = tree.rowsPerLeaf();
        int[] leaves = Arrays.stream(positions).map(p -> p / r).distinct().toArray();
        int[] rows = Arrays.stream(leaves).flatMap(leaf -> IntStream.range(leaf * r, leaf * r + r)).toArray();
        return new StarkProof.Queries(LdeRows.at(lde, rows), tree.open(leaves));
    }
}
