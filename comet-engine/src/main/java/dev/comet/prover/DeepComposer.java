package dev.comet.prover;

import dev.comet.field.ExtensionField;
import dev.comet.field.ExtensionVectors;
import dev.comet.field.Goldilocks;
import dev.comet.proof.DeepTerms;
import java.util.stream.IntStream;

/** Evaluates the DEEP composition polynomial over the whole LDE coset, in parallel chunks. */
final class DeepComposer {
    private static final int CHUNK = 1024;

    private DeepComposer() {}

    /** {@code acc += c * column[(start + i) mod |column|]}: a column repeating over the domain. */
    private static void addScaledPeriodic(long[][] acc, long[] c, long[] column, int start, int len) {
        int mask = column.length - 1;
        for (int d = 0; d < acc.length; d++) {
            long cd = c[d];
            long[] o = acc[d];
            for (int i = 0; i < len; i++) {
                o[i] = Goldilocks.add(o[i], Goldilocks.mul(cd, column[(start + i) & mask]));
            }
        }
    }

    /**
     * @param columns    the concatenated LDE columns; a shorter (power-of-two) column repeats (main, aux coordinates, composition coordinates)
     * @param z          the out-of-domain point
     * @param traceGenerator generator {@code g} of the trace domain
     */
    static long[][] evaluate(ExtensionField ext, DeepTerms terms, long[][] columns, int logLdeSize, long shift,
                             long[] z, long traceGenerator) {
        int size = 1 << logLdeSize;
        int degree = ext.degree();
        long omega = Goldilocks.rootOfUnity(logLdeSize);
        long[][] out = new long[degree][size];
        int rows = terms.rows();
        long[][] points = new long[rows][];
        for (int o = 0; o < rows; o++) {
            points[o] = ext.mulBase(z, Goldilocks.pow(traceGenerator, o));
        }
        IntStream.range(0, (size + CHUNK - 1) / CHUNK).parallel().forEach(chunk -> {
            int start = chunk * CHUNK;
            int len = Math.min(CHUNK, size - start);
            long[][] trace = new long[degree][CHUNK];
            long[][] numerators = new long[degree][CHUNK];
            long[][] denominators = new long[degree][CHUNK];
            long[][] result = new long[degree][CHUNK];
            accumulate(trace, terms.traceColumns(), terms.traceCoefficients(), columns, size, start, len);
            long x0 = Goldilocks.mul(shift, Goldilocks.pow(omega, start));
            for (int o = 0; o < rows; o++) {
                for (int d = 0; d < degree; d++) {
                    System.arraycopy(trace[d], 0, numerators[d], 0, len);
                }
                if (o == 0) {
                    accumulate(numerators, terms.compositionColumns(), terms.compositionCoefficients(), columns, size,
                            start, len);
                }
                long[] point = points[o];
                long[] constant = terms.constants()[o];
                long x = x0;
                for (int i = 0; i < len; i++) {
                    denominators[0][i] = Goldilocks.sub(x, point[0]);
                    for (int d = 1; d < degree; d++) {
                        denominators[d][i] = Goldilocks.neg(point[d]);
                    }
                    for (int d = 0; d < degree; d++) {
                        numerators[d][i] = Goldilocks.sub(numerators[d][i], constant[d]);
                    }
                    x = Goldilocks.mul(x, omega);
                }
                ExtensionVectors.batchInvertInPlace(ext, denominators, len);
                ExtensionVectors.mul(numerators, denominators, numerators, len);
                ExtensionVectors.add(result, numerators, result, len);
            }
            for (int d = 0; d < degree; d++) {
                System.arraycopy(result[d], 0, out[d], start, len);
            }
        });
        return out;
    }

    /** {@code acc += sum_k coefficients[k] * columns[cols[k]]} on positions {@code [start, start + len)}. */
    private static void accumulate(long[][] acc, int[] cols, long[][] coefficients, long[][] columns, int size, int start,
                                   int len) {
        for (int k = 0; k < cols.length; k++) {
            long[] column = columns[cols[k]];
            if (column.length == size) {
                ExtensionVectors.addScaledBase(acc, coefficients[k], column, start, len);
            } else {
                addScaledPeriodic(acc, coefficients[k], column, start, len);
            }
        }
    }
}
