package dev.comet.poly;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;

/** Evaluation of polynomials given by coefficients (lowest degree first). */
public final class Polynomials {
    private Polynomials() {}

    /** Horner evaluation of a base-field polynomial at a base-field point. */
    public static long evaluate(long[] coefficients, long x) {
        long acc = 0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            acc = Goldilocks.add(Goldilocks.mul(acc, x), coefficients[i]);
        }
        return acc;
    }

    /** Horner evaluation of a base-field polynomial at an extension-field point. */
    public static long[] evaluate(ExtensionField ext, long[] coefficients, long[] x) {
        long[] acc = ext.zero();
        for (int i = coefficients.length - 1; i >= 0; i--) {
            acc = ext.mul(acc, x);
            acc[0] = Goldilocks.add(acc[0], coefficients[i]);
        }
        return acc;
    }

    /**
     * Horner evaluation of an extension-field polynomial stored coordinate-wise
     * ({@code coefficients[d][i]} is coordinate {@code d} of coefficient {@code i}).
     */
    public static long[] evaluate(ExtensionField ext, long[][] coefficients, long[] x) {
        long[] acc = ext.zero();
        int len = coefficients[0].length;
        for (int i = len - 1; i >= 0; i--) {
            acc = ext.mul(acc, x);
            for (int d = 0; d < acc.length; d++) {
                acc[d] = Goldilocks.add(acc[d], coefficients[d][i]);
            }
        }
        return acc;
    }
}
