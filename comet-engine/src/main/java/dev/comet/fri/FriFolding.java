package dev.comet.fri;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;

/**
 * The FRI folding step, shared by prover and verifier so that both compute the same thing.
 *
 * <p>Write {@code f(x) = sum_{i<k} x^i f_i(x^k)}. The folded polynomial is
 * {@code f'(y) = sum_i beta^i f_i(y)}. Given the {@code k} evaluations {@code v_t = f(x zeta^t)}
 * on a coset ({@code zeta} a primitive k-th root of unity), {@code u = iDFT_zeta(v)} satisfies
 * {@code u_i = x^i f_i(x^k)}, so {@code f'(x^k) = sum_i (beta / x)^i u_i}.
 */
final class FriFolding {
    private final ExtensionField ext;
    private final int k;
    /** {@code zeta^(-i*t) / k} for the inverse DFT, row-major {@code [i][t]}. */
    private final long[][] inverseDft;

    FriFolding(ExtensionField ext, int foldingFactor) {
        this.ext = ext;
        this.k = foldingFactor;
        int logK = Integer.numberOfTrailingZeros(foldingFactor);
        long zetaInv = Goldilocks.inv(Goldilocks.rootOfUnity(logK));
        long kInv = Goldilocks.inv(foldingFactor);
        inverseDft = new long[k][k];
        for (int i = 0; i < k; i++) {
            long step = Goldilocks.pow(zetaInv, i);
            long acc = kInv;
            for (int t = 0; t < k; t++) {
                inverseDft[i][t] = acc;
                acc = Goldilocks.mul(acc, step);
            }
        }
    }

    /**
     * Folds one coset.
     *
     * @param values {@code values[t*D + d]}: coordinate d of {@code f(x zeta^t)}, read from {@code offset}
     * @param xInverse {@code 1/x} for the coset's first point {@code x}
     */
    long[] fold(long[] values, int offset, long xInverse, long[] beta) {
        int degree = ext.degree();
        long[] r = ext.mulBase(beta, xInverse);
        long[] result = ext.zero();
        long[] u = new long[degree];
        // Horner from the highest index: result = sum_i r^i u_i.
        for (int i = k - 1; i >= 0; i--) {
            long[] row = inverseDft[i];
            for (int d = 0; d < degree; d++) {
                long acc = 0;
                for (int t = 0; t < k; t++) {
                    acc = Goldilocks.add(acc, Goldilocks.mul(row[t], values[offset + t * degree + d]));
                }
                u[d] = acc;
            }
            result = ext.add(ext.mul(result, r), u);
        }
        return result;
    }
}
