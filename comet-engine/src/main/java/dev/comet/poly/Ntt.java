package dev.comet.poly;

import dev.comet.field.Goldilocks;

/**
 * Radix-2 number-theoretic transform over the subgroup of order {@code 2^logN}, with precomputed
 * twiddles. Build one per size and reuse it across columns; instances are immutable and safe to
 * share between threads.
 *
 * <p>All vectors are in natural order: {@code forward} maps coefficients {@code c} to
 * {@code [c(w^0), c(w^1), ..., c(w^(n-1))]} where {@code w = Goldilocks.rootOfUnity(logN)}, and
 * {@code inverse} undoes it exactly.
 *
 * <p>Implementation: a cache-blocked bit-reversal permutation followed by decimation-in-time
 * butterflies. The twiddles of each stage are stored contiguously, so every butterfly loop reads
 * them sequentially. The first stages run block by block on {@code 2^LOG_BLOCK} elements that
 * stay in the L1/L2 cache; the first two stages are fused into one radix-4 pass. The inverse
 * reuses the forward twiddles through {@code INTT(a)[i] = NTT(a)[(n - i) mod n] / n}, so an
 * instance holds {@code n} twiddles in all. All arithmetic is canonical {@link Goldilocks}
 * arithmetic; no lazy reduction, so no range argument is needed.
 */
public final class Ntt {
    /**
     * The largest supported size: {@code 2^30} elements. Java arrays cannot hold {@code 2^31}, and
     * {@code 1 << 31} would overflow {@code int}, even though the field has roots of order {@code 2^32}.
     */
    public static final int MAX_LOG_SIZE = 30;

    /** Elements per cache block for the first stages: 32 KiB of data plus 32 KiB of twiddles. */
    private static final int LOG_BLOCK = 12;

    private final int logN;
    private final int n;
    /**
     * {@code twiddles[h + j] = w_{2h}^j} for every butterfly half-width {@code h = 1, 2, 4, ..., n/2}
     * and {@code j < h}, where {@code w_{2h}} is the primitive {@code 2h}-th root of unity. Index 0
     * is unused; {@code n} entries in all.
     */
    private final long[] twiddles;
    private final long nInverse;

    private Ntt(int logN) {
        if (logN < 0 || logN > MAX_LOG_SIZE) {
            throw new IllegalArgumentException("NTT size 2^" + logN + " out of range [2^0, 2^" + MAX_LOG_SIZE + "]");
        }
        this.logN = logN;
        this.n = 1 << logN;
        this.nInverse = Goldilocks.inv(n);
        this.twiddles = new long[Math.max(2, n)];
        if (n >= 2) {
            long w = Goldilocks.rootOfUnity(logN);
            long power = 1;
            for (int j = 0; j < n / 2; j++) {
                twiddles[n / 2 + j] = power;
                power = Goldilocks.mul(power, w);
            }
            // w_{2h}^j = w_{4h}^{2j}: each stage is every other entry of the next one.
            for (int h = n / 4; h >= 1; h >>= 1) {
                for (int j = 0; j < h; j++) {
                    twiddles[h + j] = twiddles[2 * h + 2 * j];
                }
            }
        }
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
        transform(a);
    }

    /** Evaluations on the subgroup to coefficients, in place. */
    public void inverse(long[] a) {
        checkLength(a);
        transform(a);
        reverseAndScale(a, n, nInverse, 1);
    }

    /** Coefficients to evaluations on the coset {@code shift * <w>}, in place. */
    public void forwardCoset(long[] a, long shift) {
        checkLength(a);
        scaleByPowers(a, a.length, shift);
        transform(a);
    }

    /** Evaluations on the coset {@code shift * <w>} to coefficients, in place. */
    public void inverseCoset(long[] a, long shift) {
        checkLength(a);
        transform(a);
        reverseAndScale(a, n, nInverse, Goldilocks.inv(shift));
    }

    /**
     * Evaluations on the subgroup to scaled coefficients, in place in {@code a[0, n)} (the array
     * may be longer; the rest is untouched): on return {@code a[i] = c_i * ratio^i}, where
     * {@code c} are the coefficients of the interpolant. With {@code ratio = shift} this prepares
     * a forward transform onto the coset {@code shift * <w>}.
     */
    void inverseTimesPowers(long[] a, long ratio) {
        if (a.length < n) {
            throw new IllegalArgumentException("NTT of size " + n + " given " + a.length + " values");
        }
        transform(a);
        reverseAndScale(a, n, nInverse, ratio);
    }

    /**
     * The decimation-in-time stages with half-widths {@code firstHalfWidth, ..., n/2}, in place,
     * on an input in bit-reversed order; output in natural order. With {@code firstHalfWidth = 1}
     * after {@link #bitReverse} this is the forward transform. A larger start skips stages whose
     * result is known, as when every aligned block of {@code firstHalfWidth} entries is constant.
     */
    void stagesFrom(long[] a, int firstHalfWidth) {
        checkLength(a);
        if (Integer.bitCount(firstHalfWidth) != 1) {
            throw new IllegalArgumentException("half-width must be a power of two: " + firstHalfWidth);
        }
        butterflies(a, firstHalfWidth);
    }

    /** {@code a[i] *= ratio^i} for {@code i < len}. */
    static void scaleByPowers(long[] a, int len, long ratio) {
        if (ratio == 1) {
            return;
        }
        // Two interleaved chains of powers halve the latency of the dependent multiplications.
        long ratio2 = Goldilocks.mul(ratio, ratio);
        long p0 = 1;
        long p1 = ratio;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            a[i] = Goldilocks.mul(a[i], p0);
            a[i + 1] = Goldilocks.mul(a[i + 1], p1);
            p0 = Goldilocks.mul(p0, ratio2);
            p1 = Goldilocks.mul(p1, ratio2);
        }
        if (i < len) {
            a[i] = Goldilocks.mul(a[i], p0);
        }
    }

    /**
     * {@code a[i] <- factor * ratio^i * a[(n - i) mod n]} for {@code i < n}. After a forward transform with factor
     * {@code 1/n} this yields the inverse transform, since {@code NTT(NTT(c))[i] = n c[(n - i) mod n]};
     * the ratio folds in a coset shift at no extra pass.
     */
    private static void reverseAndScale(long[] a, int n, long factor, long ratio) {
        a[0] = Goldilocks.mul(a[0], factor);
        if (ratio == 1) {
            for (int i = 1, j = n - 1; i <= j; i++, j--) {
                long t = a[i];
                a[i] = Goldilocks.mul(a[j], factor);
                a[j] = Goldilocks.mul(t, factor);
            }
            return;
        }
        long ratioInverse = Goldilocks.inv(ratio);
        long up = Goldilocks.mul(factor, ratio); // factor * ratio^i
        long down = Goldilocks.mul(factor, Goldilocks.pow(ratio, n - 1)); // factor * ratio^j
        for (int i = 1, j = n - 1; i < j; i++, j--) {
            long t = a[i];
            a[i] = Goldilocks.mul(a[j], up);
            a[j] = Goldilocks.mul(t, down);
            up = Goldilocks.mul(up, ratio);
            down = Goldilocks.mul(down, ratioInverse);
        }
        if (n >= 2) {
            int mid = n / 2; // i == j: its own partner, ratio^(n/2)
            a[mid] = Goldilocks.mul(a[mid], up);
        }
    }

    private void checkLength(long[] a) {
        if (a.length != n) {
            throw new IllegalArgumentException("NTT of size " + n + " given " + a.length + " values");
        }
    }

    /** On {@code a[0, n)}, natural order in, natural order out: bit reversal, then decimation-in-time stages. */
    private void transform(long[] a) {
        bitReverse(a, logN);
        butterflies(a, 1);
    }

    /** DIT stages with half-widths {@code h0, 2 h0, ..., n/2}; the small ones block by block. */
    private void butterflies(long[] a, int h0) {
        int block = Math.min(n, 1 << LOG_BLOCK);
        if (h0 < block) {
            for (int base = 0; base < n; base += block) {
                int h = h0;
                if (h == 1 && block >= 4) {
                    firstTwoStages(a, base, base + block);
                    h = 4;
                }
                for (; h < block; h <<= 1) {
                    stage(a, h, base, base + block);
                }
            }
        }
        for (int h = Math.max(h0, block); h < n; h <<= 1) {
            stage(a, h, 0, n);
        }
    }

    /** Stages with half-widths 1 and 2 as one radix-4 pass; the only non-trivial twiddle is {@code w_4}. */
    private void firstTwoStages(long[] a, int from, int to) {
        long w4 = twiddles[3];
        for (int i = from; i < to; i += 4) {
            long x0 = a[i], x1 = a[i + 1], x2 = a[i + 2], x3 = a[i + 3];
            long y0 = Goldilocks.add(x0, x1);
            long y1 = Goldilocks.sub(x0, x1);
            long y2 = Goldilocks.add(x2, x3);
            long y3 = Goldilocks.mul(Goldilocks.sub(x2, x3), w4);
            a[i] = Goldilocks.add(y0, y2);
            a[i + 1] = Goldilocks.add(y1, y3);
            a[i + 2] = Goldilocks.sub(y0, y2);
            a[i + 3] = Goldilocks.sub(y1, y3);
        }
    }

    /** One DIT stage of half-width {@code h} on {@code a[from, to)}. */
    private void stage(long[] a, int h, int from, int to) {
        long[] tw = twiddles;
        for (int start = from; start < to; start += 2 * h) {
            for (int j = 0; j < h; j++) {
                int i0 = start + j;
                int i1 = i0 + h;
                long u = a[i0];
                long v = Goldilocks.mul(a[i1], tw[h + j]);
                a[i0] = Goldilocks.add(u, v);
                a[i1] = Goldilocks.sub(u, v);
            }
        }
    }

    /** {@code rev3[i]} is {@code i} with its three bits reversed. */
    private static final int[] REV3 = {0, 4, 2, 6, 1, 5, 3, 7};

    /**
     * In-place bit-reversal permutation of {@code a[0, 2^logN)}.
     *
     * <p>Cache-friendly: an index is split as {@code (hi, mid, lo)} with 3-bit {@code hi} and
     * {@code lo}, and {@code rev(hi, mid, lo) = (rev(lo), rev(mid), rev(hi))}. For fixed
     * {@code mid}, the 64 indices form 8 runs of 8 consecutive longs (one cache line each), and
     * they map onto the 64 indices of {@code rev(mid)}, again 8 cache lines. Swapping block by
     * block uses every loaded cache line fully, instead of one long per line.
     */
    static void bitReverse(long[] a, int logN) {
        if (logN < 8) {
            int shift = 32 - logN;
            for (int i = 0; i < 1 << logN; i++) {
                int j = Integer.reverse(i) >>> shift;
                if (i < j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                }
            }
            return;
        }
        int midBits = logN - 6;
        int hiShift = logN - 3;
        for (int mid = 0; mid < (1 << midBits); mid++) {
            int midRev = Integer.reverse(mid) >>> (32 - midBits);
            if (midRev < mid) {
                continue; // swapped when the loop was at midRev
            }
            int baseX = mid << 3;
            int baseY = midRev << 3;
            for (int hi = 0; hi < 8; hi++) {
                for (int lo = 0; lo < 8; lo++) {
                    int x = (hi << hiShift) | baseX | lo;
                    int y = (REV3[lo] << hiShift) | baseY | REV3[hi];
                    // Within a self-paired block every pair appears twice; swap it once.
                    if (mid != midRev || x < y) {
                        long t = a[x];
                        a[x] = a[y];
                        a[y] = t;
                    }
                }
            }
        }
    }
}
