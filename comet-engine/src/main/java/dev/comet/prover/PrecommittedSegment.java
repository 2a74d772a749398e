package dev.comet.prover;

import dev.comet.hash.HashFunction;
import dev.comet.merkle.MerkleTree;
import dev.comet.poly.LowDegreeExtension;
import dev.comet.proof.Precommitment;

/**
 * Columns committed before and independently of any proof, as {@link Precommitment} fixes:
 * the root depends on the column values alone. A prover given this object can prove statements
 * about traces that read the columns periodically; a verifier needs only {@link #root()}.
 */
public final class PrecommittedSegment {
    private final long[][] columns;
    private final long[][] coefficients;
    private final long[][] lde;
    private final MerkleTree tree;

    private PrecommittedSegment(long[][] columns, long[][] coefficients, long[][] lde, MerkleTree tree) {
        this.columns = columns;
        this.coefficients = coefficients;
        this.lde = lde;
        this.tree = tree;
    }

    /**
     * Commits columns of canonical field elements, all of the same power-of-two height.
     */
    public static PrecommittedSegment commit(long[][] columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a precommitted segment needs at least one column");
        }
        int h = columns[0].length;
        for (long[] c : columns) {
            if (c.length != h || h == 0 || Integer.bitCount(h) != 1) {
                throw new IllegalArgumentException("precommitted columns must share one power-of-two height");
            }
        }
        long[][] copy = new long[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            copy[c] = columns[c].clone();
        }
        long[][] coefficients = LowDegreeExtension.interpolate(copy);
        int logLde = Integer.numberOfTrailingZeros(h) + Precommitment.LOG_BLOWUP;
        long[][] lde = LowDegreeExtension.evaluateOnCoset(coefficients, logLde, Precommitment.segmentShift());
        MerkleTree tree = MerkleTree.commit(lde, HashFunction.of(Precommitment.HASH));
        return new PrecommittedSegment(copy, coefficients, lde, tree);
    }

    public byte[] root() {
        return tree.root();
    }

    public int width() {
        return columns.length;
    }

    public int logHeight() {
        return Integer.numberOfTrailingZeros(columns[0].length);
    }

    long[][] columns() {
        return columns;
    }

    long[][] coefficients() {
        return coefficients;
    }

    MerkleTree tree() {
        return tree;
    }

    /**
     * The segment's values on the image of a trace LDE of blowup {@code 2^logBlowup}: every
     * {@code 16 / 2^logBlowup}-th point of its own LDE, {@code h * 2^logBlowup} points.
     */
    long[][] ldeView(int logBlowup) {
        int step = 1 << (Precommitment.LOG_BLOWUP - logBlowup);
        int size = lde[0].length / step;
        long[][] out = new long[lde.length][size];
        for (int c = 0; c < lde.length; c++) {
            for (int i = 0; i < size; i++) {
                out[c][i] = lde[c][i * step];
            }
        }
        return out;
    }

    /** LDE rows at the given (distinct, ascending) segment positions, row-major. */
    long[] rows(int[] positions) {
        return LdeRows.at(lde, positions);
    }
}
