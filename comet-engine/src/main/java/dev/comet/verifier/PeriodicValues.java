package dev.comet.verifier;

import dev.comet.air.PeriodicColumn;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;

/**
 * Evaluates a periodic column at an out-of-domain point without interpolating it.
 *
 * <p>An {@link PeriodicColumn.Indicator} of row {@code k} is the Lagrange polynomial
 * {@code L_k(y) = w^k (y^m - 1) / (m (y - w^k))} of {@code <w_m>}: a power and one inversion,
 * {@code O(log m)} whatever the period.
 *
 * <p>A column {@code v} of period {@code m} is the polynomial {@code p(x^(n/m))} with {@code p}
 * interpolating {@code v} on {@code <w_m>}. By the barycentric formula on that subgroup,
 * {@code p(y) = (y^m - 1)/m * sum_i v_i w^i / (y - w^i)}, a sum over the entries that differ
 * from the column's most common value only: selector columns that mark a few rows (or all but a
 * few) cost as many terms, not an NTT of the whole period.
 */
final class PeriodicValues {
    private PeriodicValues() {}

    /** The column's polynomial at {@code y = z^(n/m)}, with {@code y} outside {@code <w_m>}. */
    static long[] evaluate(ExtensionField ext, PeriodicColumn column, long[] y) {
        return switch (column) {
            case PeriodicColumn.Values v -> evaluate(ext, v, y);
            case PeriodicColumn.Indicator(int logPeriod, int row) -> lagrange(ext, logPeriod, row, y);
        };
    }

    private static long[] lagrange(ExtensionField ext, int logPeriod, int row, long[] y) {
        long wk = Goldilocks.pow(Goldilocks.rootOfUnity(logPeriod), row);
        long[] vanishing = ext.sub(ext.pow(y, 1L << logPeriod), ext.one());
        long[] denominator = ext.mulBase(ext.sub(y, ext.fromBase(wk)), Goldilocks.reduce(1L << logPeriod));
        return ext.mulBase(ext.mul(vanishing, ext.inv(denominator)), wk);
    }

    /** A column given by its values over one period. */
    private static long[] evaluate(ExtensionField ext, PeriodicColumn.Values column, long[] y) {
        // The Lagrange basis sums to one, so p = c + sum_{v_i != c} (v_i - c) L_i for any c: take
        // the most common value, and a column of ones with a few zeros costs a few terms too.
        long[] values = column.entries();
        long c = column.mostCommon();
        int m = values.length;
        long omega = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(m));
        int exceptions = column.exceptions();
        long[][] denominators = new long[exceptions][];
        long[] weights = new long[exceptions];
        long w = 1;
        int k = 0;
        for (int i = 0; i < m; i++) {
            if (values[i] != c) {
                denominators[k] = ext.sub(y, ext.fromBase(w));
                weights[k] = Goldilocks.mul(Goldilocks.sub(values[i], c), w);
                k++;
            }
            w = Goldilocks.mul(w, omega);
        }
        long[][] inverses = ext.batchInvert(denominators);
        long[] sum = ext.zero();
        for (int i = 0; i < exceptions; i++) {
            sum = ext.add(sum, ext.mulBase(inverses[i], weights[i]));
        }
        long[] scale = ext.mulBase(ext.sub(ext.pow(y, m), ext.one()), Goldilocks.inv(m));
        return ext.add(ext.fromBase(c), ext.mul(scale, sum));
    }
}
