package dev.comet.prover;

import dev.comet.poly.LowDegreeExtension;

/**
 * One table's columns of a commitment round on its LDE coset (the round's {@link RoundCommitment}
 * commits them with the other tables'); for columns given by coefficients, also those
 * coefficients (trace columns are evaluated out of domain from their values instead, see
 * {@link OodEvaluator}).
 */
final class LdeColumns {
    private final long[][] coefficients;
    private final long[][] lde;

    private LdeColumns(long[][] coefficients, long[][] lde) {
        this.coefficients = coefficients;
        this.lde = lde;
    }

    /**
     * Extends trace columns (evaluations on the trace domain). A periodic column's extension is
     * kept over one period and repeats ({@link LowDegreeExtension#extendCompact}): every reader of
     * {@link #lde()} indexes columns modulo their length. The committed word is the same either way.
     */
    static LdeColumns fromTrace(long[][] columns, int logBlowup, long shift) {
        return new LdeColumns(null, LowDegreeExtension.extendCompact(columns, logBlowup, shift));
    }

    /** Extends columns given by their coefficients. */
    static LdeColumns fromCoefficients(long[][] coefficients, int logLdeSize, long shift) {
        return new LdeColumns(coefficients, LowDegreeExtension.evaluateOnCoset(coefficients, logLdeSize, shift));
    }

    /** Coefficients of columns made {@link #fromCoefficients}. */
    long[][] coefficients() {
        if (coefficients == null) {
            throw new IllegalStateException("trace columns keep no coefficients");
        }
        return coefficients;
    }

    /** The extended columns; a periodic one is shorter than the domain and repeats. */
    long[][] lde() {
        return lde;
    }
}
