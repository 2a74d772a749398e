package dev.comet.poly;

import dev.comet.field.Goldilocks;

/**
 * Radix-2 number-theoretic transform over the subgroup of order {@code 2^logN}, with precomputed
 * twiddles. Build one per size and reuse it across columns; instances are immutable and safe to
 * share between threads.
 *
 * <p>All vectors are in natural order: {@code forward} maps coefficients {@code c} to
 * {@code [c(w^0), c(w^1), ..., c(w^(n-1))]} where {@code w = Goldilocks.rootOfUnity(logN)}.
 */
public final class Ntt {
    /**
     * The largest supported size: {@code 2^30} elements. Java arrays cannot hold {@code 2^31}, and
     * {@code 1 << 31} would overflow {@code int}, even though the field has roots of order {@code 2^32}.
     */
    public static final int MAX_LOG_SIZE = 30;

    private final int logN;
    private final int n;
    /** {@code w^i} for {@code i < n/2}. */
    private final long[] twiddles;
    /** {@code w^-i} for {@code i < n/2}. */
    private final long[] inverseTwiddles;
    private final long nInverse;

    private Ntt(int logN) {
        if (logN < 0 || logN > MAX_LOG_SIZE) {
            throw new IllegalArgumentException("NTT size 2^" + logN + " out of range");
        }
        this.logN = logN;
        this.n = 1 << logN;
        long w = Goldilocks.rootOfUnity(logN);
        this.twiddles = Goldilocks.powers(w, Math.max(1, n / 2));
        this.inverseTwiddles = Goldilocks.powers(Goldilocks.inv(w), Math.max(1, n / 2));
        this.nInverse = Goldilocks.inv(n);
    }

    public static Ntt ofLogSize(int logN) {
        return new Ntt(logN);
    }

    public int logSize() {
        return logN;
    }

    public int size() {
        return n;
    }

    /** Coefficients to evaluations on the subgroup, in place. */
    public void forward(long[] a) {
        checkLength(a);
        transform(a, twiddles);
    }

    /** Evaluations on the subgroup to coefficients, in place. */
    public void inverse(long[] a) {
        checkLength(a);
        transform(a, inverseTwiddles);
        for (int i = 0; i < n; i++) {
            a[i] = Goldilocks.mul(a[i], nInverse);
        }
    }

    /** Coefficients to evaluations on the coset {@code shift * <w>}, in place. */
    public void forwardCoset(long[] a, long shift) {
        checkLength(a);
        scaleByPowers(a, shift);
        transform(a, twiddles);
    }

    /** Evaluations on the coset {@code shift * <w>} to coefficients, in place. */
    public void inverseCoset(long[] a, long shift) {
        inverse(a);
        scaleByPowers(a, Goldilocks.inv(shift));
    }

    private static void scaleByPowers(long[] a, long shift) {
        long acc = 1;
        for (int i = 0; i < a.length; i++) {
            a[i] = Goldilocks.mul(a[i], acc);
            acc = Goldilocks.mul(acc, shift);
        }
    }

    private void checkLength(long[] a) {
        if (a.length != n) {
            throw new IllegalArgumentException("NTT of size " + n + " given " + a.length + " values");
        }
    }

    /** Decimation-in-time: bit-reverse, then butterflies with strides doubling. */
    private void transform(long[] a, long[] tw) {
        bitReverse(a, logN);
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >>> 1;
            int step = n / len;
            for (int start = 0; start < n; start += len) {
                for (int j = 0; j < half; j++) {
                    long w = tw[j * step];
                    int i0 = start + j;
                    int i1 = i0 + half;
                    long u = a[i0];
                    long v = Goldilocks.mul(a[i1], w);
                    a[i0] = Goldilocks.add(u, v);
                    a[i1] = Goldilocks.sub(u, v);
                }
            }
        }
    }

    static void bitReverse(long[] a, int logN) {
        if (logN == 0) {
            return;
        }
        int shift = 32 - logN;
        for (int i = 0; i < a.length; i++) {
            int j = Integer.reverse(i) >>> shift;
            if (i < j) {
                long t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
        }
    }
}
