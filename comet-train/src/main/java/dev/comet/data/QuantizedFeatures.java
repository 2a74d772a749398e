package dev.comet.data;

import java.util.List;
import java.util.Objects;

/**
 * {@link RawFeatures} in fixed-point form ({@link Quantizer#quantize(RawFeatures)}): feature
 * values, with the target's when there is a target. Otherwise like {@link QuantizedDataset},
 * with the same guarantees, checked on construction, and the same sharing of arrays; unlike it,
 * {@code equals} is the record default, which compares the arrays by identity.
 *
 * @param fractionBits {@code F}, the number of fractional bits of every value
 * @param featureNames feature names, in the order of {@code features}
 * @param targetName   target name, or {@code null} when there is no target
 * @param features     column-major scaled integers, {@code features[feature][row]}
 * @param targets      scaled target integers, {@code targets[row]}; {@code null} exactly when {@code targetName} is
 */
public record QuantizedFeatures(int fractionBits, List<String> featureNames, String targetName,
                                long[][] features, long[] targets) {

    public QuantizedFeatures {
        featureNames = List.copyOf(featureNames);
        if ((targetName == null) != (targets == null)) {
            throw new IllegalArgumentException("a target needs both a name and values");
        }
        QuantizedDataset.checkColumns(fractionBits, featureNames, targetName, features, targets);
    }

    public boolean hasTarget() {
        return targets != null;
    }

    public int rows() {
        return features[0].length;
    }

    public int numFeatures() {
        return features.length;
    }

    /** Row {@code row}'s features, in the order of {@link #featureNames}: a model's input. */
    public long[] row(int row) {
        Objects.checkIndex(row, rows());
        long[] x = new long[features.length];
        for (int f = 0; f < x.length; f++) {
            x[f] = features[f][row];
        }
        return x;
    }
}
