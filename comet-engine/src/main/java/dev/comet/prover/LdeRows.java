package dev.comet.prover;

/** Reads whole rows out of column-major LDE arrays, as query openings need them. */
final class LdeRows {
    private LdeRows() {}

    /**
     * The rows at {@code positions}, row-major: {@code positions.length * columns.length} values.
     * A column shorter than the domain repeats (a periodic column's compact extension).
     */
    static long[] at(long[][] columns, int[] positions) {
        long[] out = new long[positions.length * columns.length];
        int w = 0;
        for (int p : positions) {
            for (long[] column : columns) {
                out[w++] = column[p & (column.length - 1)];
            }
        }
        return out;
    }
}
