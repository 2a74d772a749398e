package dev.comet.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/**
 * Turns exact decimal values into Comet's fixed-point integers: {@code q = round(v * 2^F)},
 * rounding half to even on the exact product (never through {@code double}), and rejects every
 * value with {@code |q| >= 2^maxMagnitudeBits}.
 *
 * <p>The magnitude bound is what later lets the training AIR show that no intermediate value
 * wraps around the field modulus (DESIGN.md §4): with the defaults {@code F = 16} and 31
 * magnitude bits, inputs are below {@code 2^31} and a product of two is below {@code 2^62}. In
 * real units the bound is {@code |v| < 2^(maxMagnitudeBits - F)} (32768 by default), up to the
 * rounding at its very edge: a value that rounds to {@code ±2^maxMagnitudeBits} is rejected.
 *
 * @param fractionBits     {@code F}, fractional bits, {@code 0 <= F < maxMagnitudeBits}
 * @param maxMagnitudeBits every quantised value has {@code |q| < 2^maxMagnitudeBits}; at most 62
 */
public record Quantizer(int fractionBits, int maxMagnitudeBits) {
    public static final int DEFAULT_FRACTION_BITS = 16;
    public static final int DEFAULT_MAX_MAGNITUDE_BITS = 31;
    /** Largest supported {@code maxMagnitudeBits}: keeps {@code |q|} and the sum of two values in a {@code long}. */
    public static final int MAX_MAGNITUDE_BITS = 62;

    private static final long OUT_OF_RANGE = Long.MIN_VALUE; // never a valid result: |q| < 2^62

    public Quantizer {
        checkFractionBits(fractionBits);
        if (maxMagnitudeBits <= fractionBits || maxMagnitudeBits > MAX_MAGNITUDE_BITS) {
            throw new IllegalArgumentException("maxMagnitudeBits must be in (" + fractionBits + ", "
                    + MAX_MAGNITUDE_BITS + "], got " + maxMagnitudeBits);
        }
    }

    /** {@code F = 16}, 31 magnitude bits: values with {@code |v| < 32768}, resolution {@code 2^-16}. */
    public Quantizer() {
        this(DEFAULT_FRACTION_BITS, DEFAULT_MAX_MAGNITUDE_BITS);
    }

    static void checkFractionBits(int fractionBits) {
        if (fractionBits < 0 || fractionBits >= MAX_MAGNITUDE_BITS) {
            throw new IllegalArgumentException("fractionBits must be in [0, " + MAX_MAGNITUDE_BITS + "), got " + fractionBits);
        }
    }

    /**
     * The fixed-point integer of {@code value}.
     *
     * @throws IllegalArgumentException if {@code |round(value * 2^F)| >= 2^maxMagnitudeBits}
     */
    public long quantize(BigDecimal value) {
        long q = scaled(value);
        if (q == OUT_OF_RANGE) {
            throw new IllegalArgumentException("value " + DataException.quote(value.toString())
                    + " is out of range: need " + allowedRange());
        }
        return q;
    }

    /** Whether {@link #quantize(BigDecimal)} accepts {@code value}. */
    public boolean inRange(BigDecimal value) {
        return scaled(value) != OUT_OF_RANGE;
    }

    /**
     * Quantises every value of {@code raw}.
     *
     * @throws DataException naming the source, line and column of the first value (in line
     *                       order) that is out of range
     */
    public QuantizedDataset quantize(RawDataset raw) throws DataException {
        long[][] q = quantizeColumns(raw.source(), raw.lines(), raw.featureNames(), raw.features(), raw.targetName(), raw.targets());
        return new QuantizedDataset(fractionBits, raw.featureNames(), raw.targetName(),
                Arrays.copyOf(q, raw.numFeatures()), q[raw.numFeatures()]);
    }

    /**
     * Quantises every value of {@code raw}: features and, if there is one, the target.
     *
     * @throws DataException as {@link #quantize(RawDataset)}
     */
    public QuantizedFeatures quantize(RawFeatures raw) throws DataException {
        long[][] q = quantizeColumns(raw.source(), raw.lines(), raw.featureNames(), raw.features(), raw.targetName(), raw.targets());
        return new QuantizedFeatures(fractionBits, raw.featureNames(), raw.targetName(),
                Arrays.copyOf(q, raw.numFeatures()), raw.hasTarget() ? q[raw.numFeatures()] : null);
    }

    /** The scaled columns {@code features..., target} ({@code target} only when not null). */
    private long[][] quantizeColumns(String source, long[] lines, List<String> featureNames, BigDecimal[][] features,
                                     String targetName, BigDecimal[] targets) throws DataException {
        int rows = lines.length;
        int columns = features.length + (targets == null ? 0 : 1);
        long[][] out = new long[columns][rows];
        int badRow = Integer.MAX_VALUE;
        int badColumn = -1;
        for (int c = 0; c < columns; c++) {
            BigDecimal[] in = c < features.length ? features[c] : targets;
            long[] q = out[c];
            for (int row = 0; row < rows && row < badRow; row++) {
                q[row] = scaled(in[row]);
                if (q[row] == OUT_OF_RANGE) {
                    badRow = row;
                    badColumn = c;
                }
            }
        }
        if (badColumn >= 0) {
            boolean isFeature = badColumn < features.length;
            String name = isFeature ? featureNames.get(badColumn) : targetName;
            BigDecimal value = isFeature ? features[badColumn][badRow] : targets[badRow];
            throw new DataException(source, lines[badRow], name,
                    "value " + DataException.quote(value.toString()) + " is out of range: need " + allowedRange());
        }
        return out;
    }

    /** The accepted range in words, e.g. {@code |value| < 32768 (|round(value * 2^16)| < 2^31)}. */
    public String allowedRange() {
        return "|value| < " + BigInteger.ONE.shiftLeft(maxMagnitudeBits - fractionBits)
                + " (|round(value * 2^" + fractionBits + ")| < 2^" + maxMagnitudeBits + ")";
    }

    /** {@code q / 2^F} as a {@code double}: exact for {@code |q| < 2^53}. For display and float baselines. */
    public double toDouble(long q) {
        return Math.scalb((double) q, -fractionBits);
    }

    /** {@code q / 2^F} exactly, without trailing zeros (it always has a finite decimal expansion). */
    public BigDecimal toDecimal(long q) {
        // 1 / 2^F = 5^F / 10^F
        BigInteger unscaled = BigInteger.valueOf(q).multiply(BigInteger.valueOf(5).pow(fractionBits));
        return new BigDecimal(unscaled, fractionBits).stripTrailingZeros();
    }

    private long scaled(BigDecimal value) {
        if (value.signum() == 0) {
            return 0;
        }
        // 10^e <= |value| < 10^(e+1). The two shortcuts keep absurd exponents (1e-999999999)
        // from making the exact arithmetic below huge.
        long e = (long) value.precision() - value.scale() - 1;
        if (e >= 19) {
            return OUT_OF_RANGE; // |value| >= 10^19 > 2^62 >= 2^(maxMagnitudeBits - F)
        }
        if (e <= -20) {
            return 0; // |value * 2^F| < 10^-19 * 2^61 < 1/2
        }
        BigInteger q = value.multiply(BigDecimal.valueOf(1L << fractionBits))
                .setScale(0, RoundingMode.HALF_EVEN)
                .unscaledValue();
        return q.abs().bitLength() > maxMagnitudeBits ? OUT_OF_RANGE : q.longValue();
    }
}
