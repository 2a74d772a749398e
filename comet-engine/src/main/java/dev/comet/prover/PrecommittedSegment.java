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
    /** The word under {@link #tree}: {@link #lde} itself, except in soundness tests that forge one. */
    private final long[][] committedWord;

    private PrecommittedSegment(long[][] columns, long[][] coefficients, long[][] lde, MerkleTree tree,
                                long[][] committedWord) {
        this.columns = columns;
        this.coefficients = coefficients;
        this.lde = lde;
        this.tree = tree;
        this.committedWord = committedWord;
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
        return new PrecommittedSegment(copy, coefficients, lde, tree, lde);
    }

    /**
     * A dishonest commitment, for soundness tests: the Merkle root of {@code word} (any values on
     * the segment's LDE domain), with a prover that computes everything else from {@code honest}
     * and opens {@code word} where it must. This is the best a cheating committer can do with a
     * word that mixes two datasets.
     */
    static PrecommittedSegment forged(PrecommittedSegment honest, long[][] word) {
        if (word.length != honest.lde.length || word[0].length != honest.lde[0].length) {
            throw new IllegalArgumentException("a forged word must have the segment's LDE shape");
        }
        MerkleTree tree = MerkleTree.commit(word, HashFunction.of(Precommitment.HASH));
        return new PrecommittedSegment(honest.columns, honest.coefficients, honest.lde, tree, word);
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

    int height() {
        return columns[0].length;
    }

    /** The segment's evaluations on its whole LDE domain. */
    long[][] lde() {
        return lde;
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
     * The segment's columns evaluated on the coset {@code shift * <w_(2^logSize)>}, at least the
     * segment's height: what a table reading it as {@code P(x^K)} sees on its own LDE coset
     * {@code s <w>}, with {@code shift = s^K}. A sub-coset of the segment's own LDE is read from
     * it; any other coset costs one NTT per column.
     */
    long[][] onCoset(long shift, int logSize) {
        int logLde = logHeight() + Precommitment.LOG_BLOWUP;
        if (shift == Precommitment.segmentShift() && logSize <= logLde) {
            int step = 1 << (logLde - logSize);
            long[][] out = new long[lde.length][1 << logSize];
            for (int c = 0; c < lde.length; c++) {
                for (int i = 0; i < out[c].length; i++) {
                    out[c][i] = lde[c][i * step];
                }
            }
            return out;
        }
        return LowDegreeExtension.evaluateOnCoset(coefficients, logSize, shift);
    }

    /** Committed rows at the given (distinct, ascending) positions of the LDE domain, row-major. */
    long[] rows(int[] positions) {
        return LdeRows.at(committedWord, positions);
    }
}
