package dev.comet.air;

/**
 * The main execution trace: {@code columns[c][row]} canonical Goldilocks elements, every column of
 * the same power-of-two length.
 */
public record TraceTable(long[][] columns) {
    public TraceTable {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a trace needs at least one column");
        }
        int n = columns[0].length;
        if (n == 0 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("trace length must be a power of two, got " + n);
        }
        for (long[] c : columns) {
            if (c.length != n) {
                throw new IllegalArgumentException("ragged trace: columns of length " + n + " and " + c.length);
            }
        }
    }

    public static TraceTable ofSize(int width, int length) {
        return new TraceTable(new long[width][length]);
    }

    public int width() {
        return columns.length;
    }

    public int length() {
        return columns[0].length;
    }

    public long get(int column, int row) {
        return columns[column][row];
    }

    public void set(int column, int row, long value) {
        columns[column][row] = value;
    }

    public long[] column(int c) {
        return columns[c];
    }
}
