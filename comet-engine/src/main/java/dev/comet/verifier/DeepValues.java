package dev.comet.verifier;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.proof.DeepTerms;

/** The verifier's side of {@code DeepComposer}: the DEEP quotients at the opened positions only. */
final class DeepValues {
    private DeepValues() {}

    /**
     * @param rows  the opened rows, row-major, {@code width} base elements each, in the column
     *              numbering of {@link DeepTerms}
     * @param point out-of-domain point; frame row {@code o} divides by {@code x - point * generator^o}
     */
    static long[][] at(ExtensionField ext, DeepTerms terms, long[] rows, int width, int[] positions, int logLde,
                       long shift, long[] point, long generator) {
        long omega = Goldilocks.rootOfUnity(logLde);
        int frameRows = terms.rows();
        long[][] shifted = new long[frameRows][]; // point * generator^o
        long power = 1;
        for (int o = 0; o < frameRows; o++) {
            shifted[o] = ext.mulBase(point, power);
            power = Goldilocks.mul(power, generator);
        }
        long[][] denominators = new long[positions.length * frameRows][];
        for (int q = 0; q < positions.length; q++) {
            long[] x = ext.fromBase(Goldilocks.mul(shift, Goldilocks.pow(omega, positions[q])));
            for (int o = 0; o < frameRows; o++) {
                denominators[q * frameRows + o] = ext.sub(x, shifted[o]);
            }
        }
        long[][] inverses = batchInverse(ext, denominators);
        long[][] out = new long[positions.length][];
        for (int q = 0; q < positions.length; q++) {
            long[] trace = combination(ext, terms.traceColumns(), terms.traceCoefficients(), rows, q * width);
            long[] composition = combination(ext, terms.compositionColumns(), terms.compositionCoefficients(), rows,
                    q * width);
            long[] value = ext.zero();
            for (int o = 0; o < frameRows; o++) {
                long[] numerator = ext.sub(o == 0 ? ext.add(trace, composition) : trace, terms.constants()[o]);
                value = ext.add(value, ext.mul(numerator, inverses[q * frameRows + o]));
            }
            out[q] = value;
        }
        return out;
    }

    /**
     * Every value's inverse with one field inversion (Montgomery's trick: prefix products, one
     * inverse, then back): an inversion costs a 64-bit power, and a proof has a few hundred
     * denominators. A zero value makes the one inversion throw, as inverting it alone would.
     */
    static long[][] batchInverse(ExtensionField ext, long[][] values) {
        int n = values.length;
        long[][] prefix = new long[n + 1][];
        prefix[0] = ext.one();
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = ext.mul(prefix[i], values[i]);
        }
        long[][] out = new long[n][];
        long[] inverse = ext.inv(prefix[n]);
        for (int i = n - 1; i >= 0; i--) {
            out[i] = ext.mul(inverse, prefix[i]);
            inverse = ext.mul(inverse, values[i]);
        }
        return out;
    }

    private static long[] combination(ExtensionField ext, int[] columns, long[][] coefficients, long[] rows, int offset) {
        // coefficient by coefficient in place (a base value scales each coordinate): a wide table
        // has thousands of terms a query, and two small arrays a term were most of the verifier's garbage
        long[] sum = ext.zero();
        for (int k = 0; k < columns.length; k++) {
            long v = rows[offset + columns[k]];
            long[] a = coefficients[k];
            for (int c = 0; c < sum.length; c++) {
                sum[c] = Goldilocks.add(sum[c], Goldilocks.mul(a[c], v));
            }
        }
        return sum;
    }
}
