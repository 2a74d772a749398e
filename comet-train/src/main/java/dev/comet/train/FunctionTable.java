package dev.comet.train;

import dev.comet.air.FixedTable;

/**
 * A fixed table of a function's values, {@code (i, T[i])} for {@code i < 2^logRows}, under a
 * protocol-constant name: what an activation (sigmoid, exp) is looked up in.
 */
public final class FunctionTable {
    private final String name;
    private final int logRows;
    private final long[] values;

    public FunctionTable(String name, long[] values) {
        if (Integer.bitCount(values.length) != 1) {
            throw new IllegalArgumentException("a table of 2^k values, got " + values.length);
        }
        this.name = name;
        this.logRows = Integer.numberOfTrailingZeros(values.length);
        this.values = values.clone();
    }

    /** {@code T[i]}. */
    public long value(int i) {
        return values[i];
    }

    public int logRows() {
        return logRows;
    }

    /** The fixed table's columns: the index {@code i} and {@code T[i]}. */
    public long[][] columns() {
        long[][] out = new long[2][];
        out[0] = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[0][i] = i;
        }
        out[1] = values.clone();
        return out;
    }

    /** The table as a proof's fixed table in the relation {@code alphaIndex}, {@code betaIndex}. */
    public FixedTable table(int alphaIndex, int betaIndex) {
        return new FixedTable(name, alphaIndex, betaIndex, columns());
    }

    /**
     * Adds to {@code counts} one for each row {@code r} whose lookup is on ({@code numerators[r] = 1})
     * at table row {@code keys[r]}. With {@code skipInvalid} a lookup of no table row is left out,
     * as a cheat would, instead of failing.
     */
    public static void count(long[] counts, long[] numerators, long[] keys, boolean skipInvalid, String what) {
        for (int r = 0; r < numerators.length; r++) {
            if (numerators[r] == 0) {
                continue;
            }
            if (numerators[r] != 1 || keys[r] < 0 || keys[r] >= counts.length) {
                if (skipInvalid) {
                    continue;
                }
                throw new IllegalArgumentException(what + " at row " + r + " is not a table row");
            }
            counts[(int) keys[r]]++;
        }
    }
}
