package dev.comet.air;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;

/** The zerofier of each {@link ConstraintDomain}, on a coset (prover) or at one point (verifier). */
public final class Zerofiers {
    private Zerofiers() {}

    /**
     * {@code 1 / Z(x)} for every {@code x = shift * w^i} of the coset of size {@code 2^logSize},
     * for a trace of {@code n} rows. The coset must avoid the trace domain.
     */
    public static long[] inverseOnCoset(ConstraintDomain domain, int n, long shift, int logSize) {
        int size = 1 << logSize;
        long omega = Goldilocks.rootOfUnity(logSize);
        long traceGenerator = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n));
        return switch (domain) {
            case ConstraintDomain.AllRows a -> vanishingInverse(n, shift, logSize);
            case ConstraintDomain.AllButLast a -> {
                long[] out = vanishingInverse(n, shift, logSize);
                long last = Goldilocks.pow(traceGenerator, n - 1);
                long x = shift;
                for (int i = 0; i < size; i++) {
                    out[i] = Goldilocks.mul(out[i], Goldilocks.sub(x, last));
                    x = Goldilocks.mul(x, omega);
                }
                yield out;
            }
            case ConstraintDomain.SingleRow s -> {
                long point = Goldilocks.pow(traceGenerator, s.row());
                long[] out = new long[size];
                long x = shift;
                for (int i = 0; i < size; i++) {
                    out[i] = Goldilocks.sub(x, point);
                    x = Goldilocks.mul(x, omega);
                }
                Goldilocks.batchInvertInPlace(out);
                yield out;
            }
        };
    }

    /** {@code 1 / (x^n - 1)} over the coset; {@code x^n} repeats with period {@code size / n}. */
    private static long[] vanishingInverse(int n, long shift, int logSize) {
        int size = 1 << logSize;
        int period = Math.max(1, size / n);
        long[] distinct = new long[period];
        long xn = Goldilocks.pow(shift, n);
        long step = Goldilocks.pow(Goldilocks.rootOfUnity(logSize), n);
        for (int i = 0; i < period; i++) {
            distinct[i] = Goldilocks.sub(xn, 1);
            xn = Goldilocks.mul(xn, step);
        }
        Goldilocks.batchInvertInPlace(distinct);
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = distinct[i % period];
        }
        return out;
    }

    /** {@code Z(z)} at an extension point. */
    public static long[] at(ConstraintDomain domain, int n, ExtensionField ext, long[] z) {
        long traceGenerator = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n));
        return switch (domain) {
            case ConstraintDomain.AllRows a -> ext.sub(ext.pow(z, n), ext.one());
            case ConstraintDomain.AllButLast a -> {
                long[] last = ext.fromBase(Goldilocks.pow(traceGenerator, n - 1));
                long[] denominator = ext.sub(z, last);
                yield ext.mul(ext.sub(ext.pow(z, n), ext.one()), ext.inv(denominator));
            }
            case ConstraintDomain.SingleRow s -> ext.sub(z, ext.fromBase(Goldilocks.pow(traceGenerator, s.row())));
        };
    }
}
