package dev.comet.poly;

import dev.comet.field.Goldilocks;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Interpolation and coset evaluation of many columns at once: the low-degree extension (LDE) of a
 * trace and the evaluation of composition and FRI polynomials.
 *
 * <p>Guarantees: every method returns fresh arrays and leaves its inputs unchanged; results are
 * in natural order and identical whatever the number of threads (columns are independent, and
 * each is transformed exactly as by {@link Ntt}). Columns are processed in parallel on the common
 * fork-join pool; the {@link Ntt} twiddle tables are built once per call and shared. An
 * extension-field column stored coordinate-wise ({@code long[D][n]}) is handled by passing its
 * coordinates as {@code D} base columns, since these maps are {@code F_p}-linear.
 *
 * <p>All columns of one call must have the same power-of-two length (except for
 * {@link #evaluateOnCoset}); zero columns give an empty result.
 */
public final class LowDegreeExtension {
    private LowDegreeExtension() {}

    /**
     * Low-degree extension: {@code columns[c]} holds the values of a polynomial {@code P_c} of
     * degree {@code < n} on the subgroup {@code <w_n>}; the result holds
     * {@code result[c][i] = P_c(cosetShift * w_N^i)} for {@code i < N = n * 2^logBlowup}.
     *
     * @throws IllegalArgumentException if the columns have unequal lengths or a length that is not
     *     a power of two (such as 0), if {@code logBlowup} is negative, if {@code cosetShift} is
     *     zero or not canonical, or if the extended size exceeds {@code 2^}{@link Ntt#MAX_LOG_SIZE}
     */
    public static long[][] extend(long[][] columns, int logBlowup, long cosetShift) {
        checkExtension(columns, logBlowup, cosetShift);
        int[] periods = new int[columns.length];
        Arrays.fill(periods, columns.length == 0 ? 1 : columns[0].length); // no column is taken as periodic
        return extend(columns, periods, logBlowup, cosetShift);
    }

    /**
     * As {@link #extend}, except that a column repeating with a period {@code p < n} (a power of
     * two) comes back as its extension over one period: {@code 2^logBlowup * p} values, of which
     * LDE point {@code i} is value {@code i mod (2^logBlowup p)}. Such a column is
     * {@code P(x) = Q(x^(n/p))} with {@code Q} of degree {@code < p} through one period, so on the
     * coset {@code shift <w_(2^logBlowup n)>} it takes the values of {@code Q} on
     * {@code shift^(n/p) <w_(2^logBlowup p)>}, each {@code n/p} times; it costs a transform of
     * that size instead of the whole domain's, and as much memory.
     */
    public static long[][] extendCompact(long[][] columns, int logBlowup, long cosetShift) {
        checkExtension(columns, logBlowup, cosetShift);
        return extend(columns, Arrays.stream(columns).parallel().mapToInt(LowDegreeExtension::period).toArray(), logBlowup,
                cosetShift);
    }

    /**
     * Column {@code c} extended over its first {@code periods[c]} values (its period, or its whole
     * length): the coefficients of {@code Q_c(shift^(n/p) X)} from one period, then the subgroup
     * transform of {@code 2^logBlowup p} points, whose first stages the zero padding makes trivial.
     * One pair of transforms per distinct period, shared by the columns.
     */
    private static long[][] extend(long[][] columns, int[] periods, int logBlowup, long cosetShift) {
        Map<Integer, Ntt[]> transforms = new HashMap<>(); // per period: one period's and its extension's
        for (int period : periods) {
            int logP = Integer.numberOfTrailingZeros(period);
            transforms.computeIfAbsent(period, k -> new Ntt[] {Ntt.ofLogSize(logP), Ntt.ofLogSize(logP + logBlowup)});
        }
        return IntStream.range(0, columns.length).parallel()
                .mapToObj(c -> {
                    int period = periods[c];
                    Ntt[] ntt = transforms.get(period);
                    long[] out = new long[period << logBlowup];
                    System.arraycopy(columns[c], 0, out, 0, period);
                    ntt[0].inverseTimesPowers(out, Goldilocks.pow(cosetShift, columns[c].length / period));
                    evaluatePadded(ntt[1], out, period);
                    return out;
                })
                .toArray(long[][]::new);
    }

    /** The columns' common log length, after checking that they can be extended as asked. */
    private static int checkExtension(long[][] columns, int logBlowup, long cosetShift) {
        int logN = commonLogLength(columns);
        if (logBlowup < 0 || logN + logBlowup > Ntt.MAX_LOG_SIZE) {
            throw new IllegalArgumentException("cannot extend 2^" + logN + " rows by blowup 2^" + logBlowup);
        }
        checkShift(cosetShift);
        return logN;
    }

    /**
     * The smallest power of two {@code p} with {@code column[i] = column[i mod p]} for every
     * {@code i}. A period {@code 2q} is also a period {@code q} exactly when the second half of
     * one period equals the first, so each halving checks {@code q} values.
     */
    static int period(long[] column) {
        int p = column.length;
        while (p > 1) {
            int q = p >>> 1;
            if (!Arrays.equals(column, 0, q, column, q, p)) {
                break;
            }
            p = q;
        }
        return p;
    }

    /**
     * Interpolation: {@code columns[c]} holds values on the subgroup {@code <w_n>}; the result holds
     * the coefficients (lowest degree first) of the unique polynomial of degree {@code < n} through
     * them.
     *
     * @throws IllegalArgumentException if the columns are of unequal or non-power-of-two length
     */
    public static long[][] interpolate(long[][] columns) {
        int logN = commonLogLength(columns);
        if (columns.length == 0) {
            return new long[0][];
        }
        Ntt ntt = Ntt.ofLogSize(logN);
        return IntStream.range(0, columns.length).parallel()
                .mapToObj(c -> {
                    long[] a = columns[c].clone();
                    ntt.inverse(a);
                    return a;
                })
                .toArray(long[][]::new);
    }

    /**
     * Evaluation on a coset: {@code coefficients[c]} holds the coefficients of {@code P_c}, lowest
     * degree first, at most {@code N = 2^logDomainSize} of them (zero-padded to {@code N}); the
     * result holds {@code result[c][i] = P_c(shift * w_N^i)} for {@code i < N}. Columns may have
     * different lengths here.
     *
     * @throws IllegalArgumentException if a column has more than {@code N} coefficients, if
     *     {@code shift} is zero or not canonical, or {@code logDomainSize} is out of range
     */
    public static long[][] evaluateOnCoset(long[][] coefficients, int logDomainSize, long shift) {
        if (logDomainSize < 0 || logDomainSize > Ntt.MAX_LOG_SIZE) {
            throw new IllegalArgumentException("domain size 2^" + logDomainSize + " out of range");
        }
        checkShift(shift);
        int domainSize = 1 << logDomainSize;
        for (long[] column : coefficients) {
            if (column.length > domainSize) {
                throw new IllegalArgumentException(
                        column.length + " coefficients do not fit a domain of size " + domainSize);
            }
        }
        if (coefficients.length == 0) {
            return new long[0][];
        }
        Ntt large = Ntt.ofLogSize(logDomainSize);
        return IntStream.range(0, coefficients.length).parallel()
                .mapToObj(c -> {
                    long[] column = coefficients[c];
                    // Pad to a power of two so the replication shortcut applies; extra zeros are harmless.
                    int padded = column.length <= 1 ? 1 : Integer.highestOneBit(column.length - 1) << 1;
                    long[] out = new long[domainSize];
                    System.arraycopy(column, 0, out, 0, column.length);
                    Ntt.scaleByPowers(out, column.length, shift);
                    evaluatePadded(large, out, padded);
                    return out;
                })
                .toArray(long[][]::new);
    }

    /**
     * Evaluates, in place, the polynomial whose {@code m} coefficients are in {@code a[0, m)}
     * ({@code m} a power of two dividing {@code N = large.size() = a.length}) on the subgroup of
     * size {@code N}.
     *
     * <p>The zero-padded vector, bit-reversed in {@code log N} bits, has {@code c[rev_m(k)]} at
     * position {@code k * B} ({@code B = N / m}) and zeros elsewhere. The first {@code log B}
     * decimation-in-time stages act within aligned blocks of {@code B} entries, and a block whose
     * only non-zero entry is its first becomes that entry repeated (each butterfly maps
     * {@code (u, 0)} to {@code (u, u)}). So the state after those stages is written directly,
     * and the transform starts at half-width {@code B}: no large bit reversal, {@code log B}
     * fewer stages. Blocks are written from the last down, so each source entry {@code k < k B}
     * is read before anything overwrites it.
     */
    private static void evaluatePadded(Ntt large, long[] a, int m) {
        int blowup = large.size() / m;
        Ntt.bitReverse(a, Integer.numberOfTrailingZeros(m));
        for (int k = m - 1; k >= 0; k--) {
            Arrays.fill(a, k * blowup, (k + 1) * blowup, a[k]);
        }
        large.stagesFrom(a, blowup);
    }

    private static int commonLogLength(long[][] columns) {
        if (columns.length == 0) {
            return 0;
        }
        int n = columns[0].length;
        if (Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("column length " + n + " is not a power of two");
        }
        for (long[] column : columns) {
            if (column.length != n) {
                throw new IllegalArgumentException("columns of different lengths: " + n + " and " + column.length);
            }
        }
        int logN = Integer.numberOfTrailingZeros(n);
        if (logN > Ntt.MAX_LOG_SIZE) {
            throw new IllegalArgumentException("column length 2^" + logN + " too large");
        }
        return logN;
    }

    private static void checkShift(long shift) {
        if (shift == 0 || Long.compareUnsigned(shift, Goldilocks.P) >= 0) {
            throw new IllegalArgumentException("coset shift must be a non-zero canonical element: "
                    + Long.toUnsignedString(shift));
        }
    }
}
