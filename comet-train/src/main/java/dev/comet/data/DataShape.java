package dev.comet.data;

import java.util.List;
import java.util.Objects;

/**
 * The public part of a dataset that a proof's statement names next to the data commitment: how
 * many rows and features, what they are called and the fixed-point scale {@code 2^fractionBits}.
 * It reveals nothing about the values.
 *
 * @param rows         number of rows, at least 1
 * @param features     number of feature columns, at least 1, equal to {@code featureNames.size()}
 * @param fractionBits {@code F} in {@code q = round(v * 2^F)}
 * @param featureNames distinct feature names, in column order
 * @param targetName   target name, not among the features
 */
public record DataShape(int rows, int features, int fractionBits, List<String> featureNames, String targetName) {

    public DataShape {
        featureNames = List.copyOf(featureNames);
        Objects.requireNonNull(targetName, "targetName");
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        }
        if (features != featureNames.size()) {
            throw new IllegalArgumentException(features + " features but " + featureNames.size() + " names");
        }
        Quantizer.checkFractionBits(fractionBits);
        RawDataset.checkNames(featureNames, targetName);
    }
}
