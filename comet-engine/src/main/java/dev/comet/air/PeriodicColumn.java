package dev.comet.air;

import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * A public column whose values repeat with a power-of-two period dividing the trace length: row
 * {@code r} reads entry {@code r mod period}. As a polynomial it is {@code p(x^(n/period))}.
 *
 * <p>Two kinds, so that the verifier's cost follows what the column says rather than its length:
 * {@link Values} lists one period (round constants and other short tables), {@link Indicator}
 * marks a single row of each period and is evaluated by the verifier in closed form, in
 * {@code O(log period)} operations, however long the period (data-dependent selectors such as
 * "the last data row" must not make verification linear in the data).
 */
public sealed interface PeriodicColumn permits PeriodicColumn.Values, PeriodicColumn.Indicator {
    /** Largest period: the largest trace. */
    int MAX_LOG_PERIOD = TraceInfo.MAX_LOG_LENGTH;

    int logPeriod();

    /**
     * SHA-256 of the columns, in order: for each a kind byte (0 values, 1 indicator), its log
     * period, then its entries (8 bytes each, little-endian) or its row (4 bytes). What the
     * transcript binds, so that a proof is about one content of a table's public columns even
     * where an AIR's columns depend on more than its name.
     */
    static byte[] digest(List<PeriodicColumn> columns) {
        int size = 0;
        for (PeriodicColumn column : columns) {
            size += 5 + (column instanceof Values v ? 8 * v.entries.length : 4);
        }
        ByteBuffer bytes = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (PeriodicColumn column : columns) {
            bytes.put((byte) (column instanceof Indicator ? 1 : 0)).putInt(column.logPeriod());
            switch (column) {
                case Values v -> {
                    for (long e : v.entries) {
                        bytes.putLong(e);
                    }
                }
                case Indicator i -> bytes.putInt(i.row());
            }
        }
        return HashFunction.of(HashId.SHA256).hash(bytes.array());
    }

    default int period() {
        return 1 << logPeriod();
    }

    /** One period, materialised (for the prover; the verifier never calls this on an {@link Indicator}). */
    long[] values();

    /** Values of one period, canonical field elements; the length is a power of two. */
    record Values(long[] entries) implements PeriodicColumn {
        public Values {
            if (entries.length == 0 || Integer.bitCount(entries.length) != 1
                    || entries.length > 1 << MAX_LOG_PERIOD) {
                throw new IllegalArgumentException("periodic column length " + entries.length + " is not a power of two");
            }
            entries = entries.clone();
            for (long e : entries) {
                if (Long.compareUnsigned(e, Goldilocks.P) >= 0) {
                    throw new IllegalArgumentException("periodic column entry " + Long.toUnsignedString(e)
                            + " is not a canonical field element");
                }
            }
        }

        /**
         * The majority entry if there is one (Boyer-Moore vote), else whichever the vote ends on:
         * the constant {@code c} of the barycentric sum {@code c + sum_(v_i != c) (v_i - c) L_i},
         * whose terms are {@link #exceptions()}.
         */
        public long mostCommon() {
            long candidate = 0;
            int votes = 0;
            for (long v : entries) {
                if (votes == 0) {
                    candidate = v;
                    votes = 1;
                } else {
                    votes += v == candidate ? 1 : -1;
                }
            }
            return candidate;
        }

        /** The entries other than {@link #mostCommon()}. */
        public int exceptions() {
            long c = mostCommon();
            int n = 0;
            for (long e : entries) {
                if (e != c) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public int logPeriod() {
            return Integer.numberOfTrailingZeros(entries.length);
        }

        @Override
        public long[] values() {
            return entries.clone();
        }

        /** By content: two columns of the same values are the same column. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Values v && Arrays.equals(entries, v.entries);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(entries);
        }

        @Override
        public String toString() {
            return "Values[" + entries.length + " entries]";
        }
    }

    /** 1 at row {@code row} of every period of {@code 2^logPeriod} rows, 0 elsewhere. */
    record Indicator(int logPeriod, int row) implements PeriodicColumn {
        public Indicator {
            if (logPeriod < 0 || logPeriod > MAX_LOG_PERIOD) {
                throw new IllegalArgumentException("indicator period 2^" + logPeriod + " is out of range");
            }
            if (row < 0 || row >= 1 << logPeriod) {
                throw new IllegalArgumentException("indicator row " + row + " is outside its period 2^" + logPeriod);
            }
        }

        @Override
        public long[] values() {
            long[] out = new long[1 << logPeriod];
            out[row] = 1;
            return out;
        }
    }

    static PeriodicColumn of(long[] values) {
        return new Values(values);
    }

    static PeriodicColumn indicator(int logPeriod, int row) {
        return new Indicator(logPeriod, row);
    }
}
