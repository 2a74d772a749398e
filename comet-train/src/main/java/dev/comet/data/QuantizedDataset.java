package dev.comet.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A dataset in Comet's fixed-point form: every value is the signed integer
 * {@code q = round(v * 2^fractionBits)} (see {@link Quantizer}). These integers, not the
 * decimal text they came from, are what training reads and what the dataset commitment binds.
 *
 * <p>Guarantees, checked on construction: at least one row and one feature; all columns have
 * the same number of rows; names are distinct and the target is not a feature. Range bounds are
 * the quantiser's business and are checked when it builds the dataset. The arrays are held as
 * given, not copied, because datasets can be large: nothing in Comet changes them after
 * construction and callers must not either.
 *
 * @param fractionBits {@code F}, the number of fractional bits of every value
 * @param featureNames feature names, in the order of {@code features}
 * @param targetName   target name
 * @param features     column-major scaled integers, {@code features[feature][row]}
 * @param targets      scaled target integers, {@code targets[row]}
 */
public record QuantizedDataset(int fractionBits, List<String> featureNames, String targetName,
                               long[][] features, long[] targets) {

    public QuantizedDataset {
        featureNames = List.copyOf(featureNames);
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(targets, "targets");
        checkColumns(fractionBits, featureNames, targetName, features, targets);
    }

    /**
     * Checks the guarantees of this record, shared with {@link QuantizedFeatures}, where
     * {@code targetName} and {@code targets} are both null when there is no target.
     */
    static void checkColumns(int fractionBits, List<String> featureNames, String targetName, long[][] features, long[] targets) {
        Quantizer.checkFractionBits(fractionBits);
        Objects.requireNonNull(features, "features");
        RawDataset.checkNames(featureNames, targetName);
        if (features.length != featureNames.size()) {
            throw new IllegalArgumentException(features.length + " feature columns but " + featureNames.size() + " names");
        }
        int rows = targets != null ? targets.length : features[0].length;
        if (rows == 0) {
            throw new IllegalArgumentException("a dataset needs at least one row");
        }
        for (int f = 0; f < features.length; f++) {
            if (features[f].length != rows) {
                throw new IllegalArgumentException("feature '" + featureNames.get(f) + "' has " + features[f].length
                        + " rows, " + (targets != null ? "the target has " : "feature '" + featureNames.get(0) + "' has ") + rows);
            }
        }
    }

    public int rows() {
        return targets.length;
    }

    public int numFeatures() {
        return features.length;
    }

    /** Feature {@code f} of row {@code row} as a real number, for display and float baselines. */
    public double feature(int f, int row) {
        return Math.scalb((double) features[f][row], -fractionBits);
    }

    /** Target of row {@code row} as a real number, for display and float baselines. */
    public double target(int row) {
        return Math.scalb((double) targets[row], -fractionBits);
    }

    /** The shape that a proof's public statement names. */
    public DataShape shape() {
        return new DataShape(rows(), numFeatures(), fractionBits, featureNames, targetName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantizedDataset other
                && fractionBits == other.fractionBits
                && featureNames.equals(other.featureNames)
                && targetName.equals(other.targetName)
                && Arrays.deepEquals(features, other.features)
                && Arrays.equals(targets, other.targets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fractionBits, featureNames, targetName, Arrays.deepHashCode(features), Arrays.hashCode(targets));
    }

    @Override
    public String toString() {
        return "QuantizedDataset[rows=" + rows() + ", features=" + featureNames + ", target=" + targetName
                + ", fractionBits=" + fractionBits + "]";
    }
}
