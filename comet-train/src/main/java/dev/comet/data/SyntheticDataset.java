package dev.comet.data;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Deterministic regression data for benchmarks and tests: {@code y = sum_j w_j x_j + b + noise}.
 *
 * <p>The same {@code (rows, features, seed)} gives the same values on every platform and JDK:
 * all randomness is raw 64-bit output of {@link SplittableRandom#nextLong()} (whose algorithm,
 * SplitMix64, is specified), reduced to integers here, and all arithmetic is exact decimal
 * arithmetic. Every value has exactly {@value #DECIMALS} decimals, so writing with
 * {@link #writeCsv} and reading back gives identical values.
 *
 * <p>Shape of the data: each feature is a sum of four uniform draws from [-0.866, 0.866], so
 * roughly standard (mean 0, standard deviation about 1) and always within [-3.4640, 3.4640];
 * weights {@code w_j} and bias {@code b} are uniform in [-1, 1] with 3 decimals; the noise is
 * uniform in [-0.1, 0.1]. Hence {@code |y| <= 3.464 * features + 1.1}, which stays inside the
 * default quantiser's range ({@code |v| < 32768}) for up to {@value #MAX_FEATURES} features.
 */
public final class SyntheticDataset {
    /** Decimals of every generated value. */
    public static final int DECIMALS = 4;
    public static final int MAX_FEATURES = 1000;
    public static final String TARGET = "y";

    private static final long FEATURE_HALF_WIDTH = 8660;  // 0.8660 ~ sqrt(3)/2, in units of 10^-4
    private static final long WEIGHT_HALF_WIDTH = 1000;   // 1.000, in units of 10^-3
    private static final long NOISE_HALF_WIDTH = 1000;    // 0.1000, in units of 10^-4

    /** The exact relation behind a generated dataset, before noise. */
    public record LinearRelation(List<BigDecimal> weights, BigDecimal bias) {
        public LinearRelation {
            weights = List.copyOf(weights);
            Objects.requireNonNull(bias, "bias");
        }
    }

    private SyntheticDataset() {
    }

    /**
     * {@code rows} rows of features {@code x1 .. x<features>} and target {@value #TARGET}.
     * The line numbers are those of the file {@link #writeCsv} writes (row {@code i} on line
     * {@code i + 2}).
     */
    public static RawDataset generate(int rows, int features, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        checkFeatures(features);
        SplittableRandom random = new SplittableRandom(seed);
        LinearRelation relation = drawRelation(random, features);
        BigDecimal[][] x = new BigDecimal[features][rows];
        BigDecimal[] y = new BigDecimal[rows];
        long[] lines = new long[rows];
        for (int r = 0; r < rows; r++) {
            BigDecimal sum = relation.bias();
            for (int j = 0; j < features; j++) {
                long units = 0;
                for (int k = 0; k < 4; k++) {
                    units += uniform(random, -FEATURE_HALF_WIDTH, FEATURE_HALF_WIDTH);
                }
                x[j][r] = BigDecimal.valueOf(units, DECIMALS);
                sum = sum.add(relation.weights().get(j).multiply(x[j][r]));
            }
            BigDecimal noise = BigDecimal.valueOf(uniform(random, -NOISE_HALF_WIDTH, NOISE_HALF_WIDTH), DECIMALS);
            y[r] = sum.setScale(DECIMALS, RoundingMode.HALF_EVEN).add(noise);
            lines[r] = r + 2L;
        }
        String source = "synthetic(rows=" + rows + ", features=" + features + ", seed=" + seed + ")";
        return new RawDataset(source, featureNames(features), TARGET, x, y, lines);
    }

    /**
     * Classification data of {@code classes} classes for benchmarks and tests: features as
     * {@link #generate}'s, one linear relation per class drawn after them in the same way, and each
     * row's class the index of the largest relation value plus its own noise (the first on ties),
     * as an integer target {@value #TARGET} in {@code [0, classes)}.
     */
    public static RawDataset classification(int rows, int features, int classes, long seed) {
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
        RawDataset base = generate(rows, features, seed);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<LinearRelation> relations = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            relations.add(drawRelation(random, features));
        }
        BigDecimal[] y = new BigDecimal[rows];
        for (int r = 0; r < rows; r++) {
            BigDecimal best = null;
            int label = 0;
            for (int k = 0; k < classes; k++) {
                BigDecimal value = relations.get(k).bias()
                        .add(BigDecimal.valueOf(uniform(random, -NOISE_HALF_WIDTH, NOISE_HALF_WIDTH), DECIMALS));
                for (int j = 0; j < features; j++) {
                    value = value.add(relations.get(k).weights().get(j).multiply(base.features()[j][r]));
                }
                if (best == null || value.compareTo(best) > 0) {
                    best = value;
                    label = k;
                }
            }
            y[r] = BigDecimal.valueOf(label);
        }
        String source = "synthetic(rows=" + rows + ", features=" + features + ", classes=" + classes + ", seed=" + seed + ")";
        return new RawDataset(source, base.featureNames(), TARGET, base.features(), y, base.lines());
    }

    /** The weights and bias that {@link #generate} uses for these arguments (any row count). */
    public static LinearRelation relation(int features, long seed) {
        checkFeatures(features);
        return drawRelation(new SplittableRandom(seed), features);
    }

    /** Writes generated (or any) data as CSV; see {@link CsvDataset#write}. */
    public static void writeCsv(RawDataset data, Path file) throws IOException {
        CsvDataset.write(data, file);
    }

    private static LinearRelation drawRelation(SplittableRandom random, int features) {
        List<BigDecimal> weights = new ArrayList<>(features);
        for (int j = 0; j < features; j++) {
            weights.add(BigDecimal.valueOf(uniform(random, -WEIGHT_HALF_WIDTH, WEIGHT_HALF_WIDTH), 3));
        }
        BigDecimal bias = BigDecimal.valueOf(uniform(random, -WEIGHT_HALF_WIDTH, WEIGHT_HALF_WIDTH), 3);
        return new LinearRelation(weights, bias);
    }

    private static List<String> featureNames(int features) {
        List<String> names = new ArrayList<>(features);
        for (int j = 1; j <= features; j++) {
            names.add("x" + j);
        }
        return names;
    }

    private static void checkFeatures(int features) {
        if (features < 1 || features > MAX_FEATURES) {
            throw new IllegalArgumentException("features must be in [1, " + MAX_FEATURES + "], got " + features);
        }
    }

    /**
     * Uniform integer in {@code [lo, hi]} by rejection from {@code nextLong()} only, so the result
     * does not depend on how a JDK implements bounded draws.
     */
    static long uniform(SplittableRandom random, long lo, long hi) {
        long n = hi - lo + 1;
        long bits;
        long value;
        do {
            bits = random.nextLong() >>> 1;
            value = bits % n;
        } while (bits - value + (n - 1) < 0); // reject the incomplete last block of size n
        return lo + value;
    }
}
