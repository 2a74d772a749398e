package dev.comet.air;

/**
 * The rows on which a constraint must vanish. Each kind has its own zerofier, the polynomial that
 * vanishes exactly on those rows of the trace domain {@code <g>} of size {@code n}.
 */
public sealed interface ConstraintDomain {

    /** Rows {@code 0..n-2}: a transition from each row to the next. Zerofier {@code (x^n - 1) / (x - g^(n-1))}. */
    record AllButLast() implements ConstraintDomain {}

    /** Every row, the frame wrapping from row {@code n-1} to row 0. Zerofier {@code x^n - 1}. */
    record AllRows() implements ConstraintDomain {}

    /** One row. Zerofier {@code x - g^row}. */
    record SingleRow(int row) implements ConstraintDomain {
        public SingleRow {
            if (row < 0) {
                throw new IllegalArgumentException("row must be non-negative: " + row);
            }
        }
    }

    ConstraintDomain TRANSITION = new AllButLast();
    ConstraintDomain EVERY_ROW = new AllRows();
    ConstraintDomain FIRST_ROW = new SingleRow(0);

    /** Whether {@code row} of a trace of {@code n} rows belongs to this domain. */
    default boolean contains(int row, int n) {
        return switch (this) {
            case AllButLast a -> row < n - 1;
            case AllRows a -> true;
            case SingleRow s -> s.row() == row;
        };
    }

    /** Degree of the zerofier for a trace of {@code n} rows. */
    default int zerofierDegree(int n) {
        return switch (this) {
            case AllButLast a -> n - 1;
            case AllRows a -> n;
            case SingleRow s -> 1;
        };
    }

    static ConstraintDomain lastRow(int traceLength) {
        return new SingleRow(traceLength - 1);
    }
}
