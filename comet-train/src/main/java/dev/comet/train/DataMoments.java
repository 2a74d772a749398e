package dev.comet.train;

import dev.comet.data.QuantizedDataset;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Sums over a dataset's committed values from which its standardisation follows exactly, so that
 * a proof can show the offsets and scales are the data's mean and spread
 * (docs/TRAINING.md, "Standardisation"). Per column {@code c} (the features, then the target),
 * with every committed value written as {@code u = v + 2^31 = lo + 2^16 hi} in its committed
 * 16-bit limbs: {@code sums[c] = sum u}, {@code lowSquares[c] = sum lo^2},
 * {@code lowHigh[c] = sum lo hi} and {@code highSquares[c] = sum hi^2}, over the {@code N} rows.
 * Each is below {@code N 2^32 <= 2^60}, so a field element that is exactly the integer. From them,
 * {@code sum v = sums - N 2^31} and {@code sum (v - o)^2 = sum u^2 - 2 (2^31 + o) sum u + N (2^31 + o)^2}
 * with {@code sum u^2 = lowSquares + 2^17 lowHigh + 2^32 highSquares}, in exact integers.
 *
 * @param rows the number of rows {@code N}
 */
public record DataMoments(int rows, long[] sums, long[] lowSquares, long[] lowHigh, long[] highSquares) {
    /** No moments: a statement whose standardisation the proof does not tie to the data. */
    public static final DataMoments NONE = new DataMoments(0, new long[0], new long[0], new long[0], new long[0]);
    private static final long SHIFT = 1L << FixedPointStep.DATA_BITS;

    public DataMoments {
        sums = sums.clone();
        lowSquares = lowSquares.clone();
        lowHigh = lowHigh.clone();
        highSquares = highSquares.clone();
        int columns = sums.length;
        if (lowSquares.length != columns || lowHigh.length != columns || highSquares.length != columns) {
            throw new IllegalArgumentException("data moments need four sums per column");
        }
        if (rows < 0 || (columns > 0 && rows < 1)) {
            throw new IllegalArgumentException("data moments need rows, got " + rows);
        }
        long bound = (long) rows << 32; // each term is below 2^32
        for (long[] sum : List.of(sums, lowSquares, lowHigh, highSquares)) {
            for (long s : sum) {
                if (s < 0 || s >= bound) {
                    throw new IllegalArgumentException("a data moment must be in [0, N 2^32), got " + s);
                }
            }
        }
    }

    /** The moments of {@code data}'s columns: its features, then its target. */
    public static DataMoments of(QuantizedDataset data) {
        int d = data.numFeatures();
        long[] sums = new long[d + 1];
        long[] lowSquares = new long[d + 1];
        long[] lowHigh = new long[d + 1];
        long[] highSquares = new long[d + 1];
        for (int c = 0; c <= d; c++) {
            for (long v : c < d ? data.features()[c] : data.targets()) {
                long u = v + SHIFT; // in (0, 2^32): the quantiser's bound
                long lo = u & 0xFFFF;
                long hi = u >>> 16;
                sums[c] += u;
                lowSquares[c] += lo * lo;
                lowHigh[c] += lo * hi;
                highSquares[c] += hi * hi;
            }
        }
        return new DataMoments(data.rows(), sums, lowSquares, lowHigh, highSquares);
    }

    public boolean isEmpty() {
        return sums.length == 0;
    }

    public int columns() {
        return sums.length;
    }

    /** {@code sum v} of column {@code c}. */
    public long valueSum(int c) {
        return sums[c] - rows * SHIFT;
    }

    /** {@code sum (v - offset)^2} of column {@code c}, exactly. */
    public BigInteger squaredDeviations(int c, long offset) {
        BigInteger u2 = BigInteger.valueOf(lowSquares[c]).add(BigInteger.valueOf(lowHigh[c]).shiftLeft(17))
                .add(BigInteger.valueOf(highSquares[c]).shiftLeft(32));
        BigInteger centre = BigInteger.valueOf(SHIFT + offset);
        return u2.subtract(centre.multiply(BigInteger.valueOf(sums[c])).shiftLeft(1))
                .add(centre.multiply(centre).multiply(BigInteger.valueOf(rows)));
    }

    /** The values as a statement encodes them: per kind of sum, every column. */
    public long[] encoded() {
        return LongStream.concat(LongStream.concat(Arrays.stream(sums), Arrays.stream(lowSquares)),
                LongStream.concat(Arrays.stream(lowHigh), Arrays.stream(highSquares))).toArray();
    }

    @Override
    public long[] sums() {
        return sums.clone();
    }

    @Override
    public long[] lowSquares() {
        return lowSquares.clone();
    }

    @Override
    public long[] lowHigh() {
        return lowHigh.clone();
    }

    @Override
    public long[] highSquares() {
        return highSquares.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataMoments m && rows == m.rows && Arrays.equals(encoded(), m.encoded());
    }

    @Override
    public int hashCode() {
        return 31 * rows + Arrays.hashCode(encoded());
    }

    @Override
    public String toString() {
        return "DataMoments[rows=" + rows + ", columns=" + columns() + "]";
    }
}
