package dev.comet.data;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Feature values exactly as written, with the target's when the source has a target column:
 * what applying a trained model to new rows needs ({@link CsvDataset#readFeatures}). Otherwise
 * like {@link RawDataset}, with the same guarantees, checked on construction, and the same
 * sharing of arrays; unlike it, {@code equals} is the record default, which compares the arrays
 * by identity.
 *
 * @param source       where the rows came from, used in messages
 * @param featureNames feature column names, in the order of {@code features}
 * @param targetName   target column name, or {@code null} when there is no target
 * @param features     column-major values, {@code features[feature][row]}
 * @param targets      target values, {@code targets[row]}; {@code null} exactly when {@code targetName} is
 * @param lines        1-based source line of each row (the header is line 1)
 */
public record RawFeatures(String source, List<String> featureNames, String targetName,
                          BigDecimal[][] features, BigDecimal[] targets, long[] lines) {

    public RawFeatures {
        Objects.requireNonNull(source, "source");
        featureNames = List.copyOf(featureNames);
        if ((targetName == null) != (targets == null)) {
            throw new IllegalArgumentException("a target needs both a name and values");
        }
        RawDataset.checkColumns(featureNames, targetName, features, targets, lines);
    }

    public boolean hasTarget() {
        return targets != null;
    }

    public int rows() {
        return lines.length;
    }

    public int numFeatures() {
        return features.length;
    }
}
