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
        long[][] out = new long[positions.length][];
        for (int q = 0; q < positions.length; q++) {
            long x = Goldilocks.mul(shift, Goldilocks.pow(omega, positions[q]));
            long[] trace = combination(ext, terms.traceColumns(), terms.traceCoefficients(), rows, q * width);
            long[] composition = combination(ext, terms.compositionColumns(), terms.compositionCoefficients(), rows,
                    q * width);
            long[] value = ext.zero();
            for (int o = 0; o < terms.rows(); o++) {
                long[] numerator = ext.sub(o == 0 ? ext.add(trace, composition) : trace, terms.constants()[o]);
                long[] at = ext.mulBase(point, Goldilocks.pow(generator, o));
                value = ext.add(value, ext.mul(numerator, ext.inv(ext.sub(ext.fromBase(x), at))));
            }
            out[q] = value;
        }
        return out;
    }

    private static long[] combination(ExtensionField ext, int[] columns, long[][] coefficients, long[] rows, int offset) {
        long[] sum = ext.zero();
        for (int k = 0; k < columns.length; k++) {
            sum = ext.add(sum, ext.mulBase(coefficients[k], rows[offset + columns[k]]));
        }
        return sum;
    }
}
