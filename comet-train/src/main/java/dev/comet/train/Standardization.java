package dev.comet.train;

import dev.comet.data.QuantizedDataset;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Per-column offsets and scales that training applies to the committed raw values, part of the
 * statement: column {@code c} (the features, then the target) reads
 * {@code x' = floor((x - offset_c) * scale_c / 2^16)}, with {@code x} the committed fixed-point
 * value. The proof applies exactly this to the committed values (the dataset-bounds table, see
 * {@link TrainingAir}), so the commitment stays a commitment to the raw data.
 *
 * <p>{@link #of} computes them from the data in integer arithmetic, so that every platform gets
 * the same statement: {@code offset = round(sum x / N)} (halves up) and
 * {@code scale = round(sqrt(2^64 N / sum (x - offset)^2))} (halves up), that is {@code 2^16 / sigma}
 * for the column's standard deviation {@code sigma} in real units. Then {@code x'} is the
 * standardised value in the same fixed point as the data; a column spread over thousands has a
 * small, coarse scale (its standardised spread is within {@code 1/(2 scale)} of one), which
 * only changes how well training is conditioned, never what the statement means. {@link #identity} (offset 0, scale 2^16) leaves
 * every value as it is.
 *
 * <p>Bounds, which the AIR's range argument uses: {@code |offset| < 2^31} and
 * {@code 1 <= scale <= 2^30}, so {@code |(x - offset) scale| < 2^62}; and every standardised
 * value of the data has {@code |x'| < 2^31} (checked by {@link #apply}; for any column
 * {@code |x'| / 2^16 <= sqrt(N)}).
 *
 * @param offsets one per column, features then target
 * @param scales  one per column, features then target
 */
public record Standardization(long[] offsets, long[] scales) {
    public static final int SCALE_BITS = 16;
    public static final long IDENTITY_SCALE = 1L << SCALE_BITS;
    public static final long MAX_SCALE = 1L << 30;
    public static final long OFFSET_BOUND = 1L << 31;
    /** Standardised values are strictly inside this bound, as raw data values are. */
    public static final long VALUE_BOUND = 1L << 31;

    public Standardization {
        offsets = offsets.clone();
        scales = scales.clone();
        if (offsets.length != scales.length || offsets.length < 2) {
            throw new IllegalArgumentException("need an offset and a scale for each feature and the target");
        }
        for (int c = 0; c < offsets.length; c++) {
            if (offsets[c] <= -OFFSET_BOUND || offsets[c] >= OFFSET_BOUND) {
                throw new IllegalArgumentException("offset " + offsets[c] + " of column " + c + " is outside (-2^31, 2^31)");
            }
            if (scales[c] < 1 || scales[c] > MAX_SCALE) {
                throw new IllegalArgumentException("scale " + scales[c] + " of column " + c + " is outside [1, 2^30]");
            }
        }
    }

    /** No standardisation for {@code features} features and a target. */
    public static Standardization identity(int features) {
        long[] scales = new long[features + 1];
        Arrays.fill(scales, IDENTITY_SCALE);
        return new Standardization(new long[features + 1], scales);
    }

    /**
     * The offsets and scales of {@code data}'s columns.
     *
     * @throws IllegalArgumentException naming the first column that is constant or varies too
     *                                  little to standardise (a standard deviation under
     *                                  {@code 2^-14} in real units, where the scale would pass
     *                                  {@code 2^30})
     */
    public static Standardization of(QuantizedDataset data) {
        return of(data, true);
    }

    /**
     * The offsets and scales of {@code data}'s features, with the target left as it is (offset 0,
     * scale {@code 2^16}): a classifier's, whose target is a class index.
     *
     * @throws IllegalArgumentException as {@link #of}
     */
    public static Standardization ofFeatures(QuantizedDataset data) {
        return of(data, false);
    }

    /**
     * The data's standardisation for {@code model}: every column ({@link #of(QuantizedDataset)}),
     * or a classifier's features only ({@link #ofFeatures}).
     *
     * @throws IllegalArgumentException as {@link #of(QuantizedDataset)}
     */
    public static Standardization of(QuantizedDataset data, ModelKind model) {
        return of(data, !model.isClassifier());
    }

    private static Standardization of(QuantizedDataset data, boolean target) {
        DataMoments moments = DataMoments.of(data);
        int d = data.numFeatures();
        long[] offsets = new long[d + 1];
        long[] scales = new long[d + 1];
        scales[d] = IDENTITY_SCALE;
        for (int c = 0; c < (target ? d + 1 : d); c++) {
            String name = c < d ? "feature '" + data.featureNames().get(c) + "'" : "target '" + data.targetName() + "'";
            offsets[c] = mean(moments, c);
            scales[c] = scale(moments, c, offsets[c], name);
        }
        return new Standardization(offsets, scales);
    }

    /** {@code round(sum / N)} of column {@code c}, halves rounded up; exact, since {@code |sum| < 2^31 N}. */
    static long mean(DataMoments moments, int c) {
        long n = moments.rows();
        return Math.floorDiv(2 * moments.valueSum(c) + n, 2 * n);
    }

    /**
     * {@code round(sqrt(2^64 N / sum (x - offset)^2))} of column {@code c}: {@code 2^16} over its
     * standard deviation in real units.
     *
     * @throws IllegalArgumentException naming the column ({@code name}) when it is constant or the
     *                                  scale would pass {@link #MAX_SCALE}
     */
    static long scale(DataMoments moments, int c, long offset, String name) {
        BigInteger squares = moments.squaredDeviations(c, offset);
        if (squares.signum() < 0) { // stated moments that no data has
            throw new IllegalArgumentException(name + " has moments that no data has (a negative sum of squares)");
        }
        if (squares.signum() == 0) {
            throw new IllegalArgumentException(name + " is constant and cannot be standardised (use --no-standardize)");
        }
        // round(sqrt(a)) = floor((floor(sqrt(4a)) + 1) / 2), and floor(sqrt(floor(b))) = floor(sqrt(b)).
        BigInteger scale = BigInteger.valueOf(moments.rows()).shiftLeft(66).divide(squares).sqrt().add(BigInteger.ONE)
                .shiftRight(1);
        if (scale.compareTo(BigInteger.valueOf(MAX_SCALE)) > 0) {
            throw new IllegalArgumentException(name + " varies too little to standardise (standard deviation under 2^-14;"
                    + " use --no-standardize)");
        }
        return scale.longValueExact(); // at least 2: |x - offset| < 2^32
    }

    /**
     * Whether column {@code c} is the one {@code moments} give, or left as it is (offset 0, scale
     * {@code 2^16}): the only two standardisations of a column a statement with moments may state.
     */
    boolean followsFrom(DataMoments moments, int c) {
        if (leaves(c)) {
            return true;
        }
        long mean = mean(moments, c);
        if (offsets[c] != mean) {
            return false;
        }
        try {
            return scales[c] == scale(moments, c, mean, "column " + c);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public int columns() {
        return offsets.length;
    }

    /** Whether the target column is left as it is (offset 0, scale {@code 2^16}), as a classifier's must be. */
    public boolean leavesTarget() {
        return leaves(columns() - 1);
    }

    /** Whether column {@code c} is left as it is: offset 0, scale {@code 2^16}. */
    boolean leaves(int c) {
        return offsets[c] == 0 && scales[c] == IDENTITY_SCALE;
    }

    public boolean isIdentity() {
        return this.equals(identity(offsets.length - 1));
    }

    /** {@code floor((x - offset_c) scale_c / 2^16)}, for any committed value {@code |x| < 2^31}. */
    public long standardise(int column, long x) {
        return Math.floorDiv((x - offsets[column]) * scales[column], IDENTITY_SCALE);
    }

    /** The remainder of {@link #standardise}, in {@code [0, 2^16)}. */
    public long remainder(int column, long x) {
        return Math.floorMod((x - offsets[column]) * scales[column], IDENTITY_SCALE);
    }

    /**
     * {@code data} with every value standardised: what training reads.
     *
     * @throws IllegalArgumentException if a standardised value is not strictly inside
     *                                  {@code 2^31}, naming the column and row
     */
    public QuantizedDataset apply(QuantizedDataset data) {
        int d = data.numFeatures();
        if (d + 1 != columns()) {
            throw new IllegalArgumentException("standardisation of " + (columns() - 1) + " features for a dataset of " + d);
        }
        long[][] features = new long[d][];
        for (int j = 0; j < d; j++) {
            features[j] = column(j, data.features()[j], data.featureNames().get(j));
        }
        long[] targets = column(d, data.targets(), data.targetName());
        return new QuantizedDataset(data.fractionBits(), data.featureNames(), data.targetName(), features, targets);
    }

    private long[] column(int c, long[] values, String name) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = standardise(c, values[i]);
            if (out[i] <= -VALUE_BOUND || out[i] >= VALUE_BOUND) {
                throw new IllegalArgumentException("standardised '" + name + "' of row " + (i + 1) + " is not inside (-2^15, 2^15)");
            }
        }
        return out;
    }

    /**
     * One row of raw feature values standardised as training read them, for predicting.
     *
     * @throws IllegalArgumentException naming the feature whose standardised value is not inside
     *                                  {@code (-2^15, 2^15)}
     */
    public long[] standardiseFeatures(long[] raw, List<String> names) {
        if (raw.length != columns() - 1) {
            throw new IllegalArgumentException("the model has " + (columns() - 1) + " features, the row has " + raw.length);
        }
        long[] out = new long[raw.length];
        for (int j = 0; j < raw.length; j++) {
            out[j] = standardise(j, raw[j]);
            if (out[j] <= -VALUE_BOUND || out[j] >= VALUE_BOUND) {
                throw new IllegalArgumentException("feature '" + names.get(j) + "' is too far from the training data: "
                        + "standardised it is outside (-2^15, 2^15)");
            }
        }
        return out;
    }

    /** Column {@code c}'s offset in real units. */
    public double realOffset(int c) {
        return Math.scalb((double) offsets[c], -SCALE_BITS);
    }

    /** Column {@code c}'s standard deviation in real units: what one standardised unit is worth. */
    public double realSpread(int c) {
        return IDENTITY_SCALE / (double) scales[c];
    }

    /**
     * A linear model over standardised columns (weights bias last, real units) as the same model
     * over raw values: {@code y = sigma_y (sum_j w_j (x_j - mu_j) / sigma_j + b) + mu_y}, up to
     * the standardisation's rounding.
     */
    public double[] toRawWeights(double[] weights) {
        int width = columns();
        if (weights.length == 0 || weights.length % width != 0) {
            throw new IllegalArgumentException("expected " + width + " weights per output, got " + weights.length);
        }
        double[] out = new double[weights.length];
        for (int first = 0; first < weights.length; first += width) { // each output's block, bias last
            int d = width - 1;
            double sy = realSpread(d);
            double bias = sy * weights[first + d] + realOffset(d);
            for (int j = 0; j < d; j++) {
                out[first + j] = sy * weights[first + j] / realSpread(j);
                bias -= out[first + j] * realOffset(j);
            }
            out[first + d] = bias;
        }
        return out;
    }

    /** A standardised target value (fixed point) back in raw fixed point, rounded to nearest. */
    public long unstandardiseTarget(long standardised) {
        int t = columns() - 1;
        BigInteger scaled = BigInteger.valueOf(standardised).shiftLeft(SCALE_BITS);
        BigInteger s = BigInteger.valueOf(scales[t]);
        BigInteger[] qr = scaled.add(s.shiftRight(1)).divideAndRemainder(s);
        BigInteger q = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        return q.longValueExact() + offsets[t];
    }

    /** The values as the statement encodes them: offsets then scales. */
    public List<Long> encoded() {
        return java.util.stream.LongStream.concat(Arrays.stream(offsets), Arrays.stream(scales)).boxed().toList();
    }

    @Override
    public long[] offsets() {
        return offsets.clone();
    }

    @Override
    public long[] scales() {
        return scales.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization s && Arrays.equals(offsets, s.offsets) && Arrays.equals(scales, s.scales);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(offsets) + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
        return "Standardization[offsets=" + Arrays.toString(offsets) + ", scales=" + Arrays.toString(scales) + "]";
    }
}
