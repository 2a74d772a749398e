package dev.comet.data;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A dataset's values exactly as written, before quantisation: one target and one or more
 * feature columns of {@link BigDecimal}s, with the source line of every row so that a later
 * problem (a value out of the quantiser's range) can still be reported against the file.
 *
 * <p>Guarantees, checked on construction: at least one row and one feature; all columns have
 * the same number of rows; no value is {@code null}; names are distinct and the target is not a
 * feature. The arrays are held as given, not copied, because datasets can be large: nothing in
 * Comet changes them after construction and callers must not either.
 *
 * @param source       where the rows came from (a file path, or a description such as
 *                     {@code synthetic(rows=8, features=2, seed=1)}), used in messages
 * @param featureNames feature column names, in the order of {@code features}
 * @param targetName   target column name
 * @param features     column-major values, {@code features[feature][row]}
 * @param targets      target values, {@code targets[row]}
 * @param lines        1-based source line of each row (the header is line 1)
 */
public record RawDataset(String source, List<String> featureNames, String targetName,
                         BigDecimal[][] features, BigDecimal[] targets, long[] lines) {

    public RawDataset {
        Objects.requireNonNull(source, "source");
        featureNames = List.copyOf(featureNames);
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(targets, "targets");
        checkColumns(featureNames, targetName, features, targets, lines);
    }

    public int rows() {
        return targets.length;
    }

    public int numFeatures() {
        return features.length;
    }

    /** Checks the naming rules shared by all dataset records; {@code targetName} may be null (no target). */
    static void checkNames(List<String> featureNames, String targetName) {
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one feature");
        }
        if (new HashSet<>(featureNames).size() != featureNames.size()) {
            throw new IllegalArgumentException("feature names must be distinct: " + featureNames);
        }
        if (targetName != null && featureNames.contains(targetName)) {
            throw new IllegalArgumentException("target '" + targetName + "' is also a feature");
        }
    }

    /**
     * Checks the guarantees of this record, shared with {@link RawFeatures}, where {@code targetName}
     * and {@code targets} are both null when there is no target.
     */
    static void checkColumns(List<String> featureNames, String targetName, BigDecimal[][] features,
                             BigDecimal[] targets, long[] lines) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(lines, "lines");
        checkNames(featureNames, targetName);
        if (features.length != featureNames.size()) {
            throw new IllegalArgumentException(features.length + " feature columns but " + featureNames.size() + " names");
        }
        int rows = targets != null ? targets.length : lines.length;
        if (rows == 0) {
            throw new IllegalArgumentException("a dataset needs at least one row");
        }
        if (lines.length != rows) {
            throw new IllegalArgumentException(lines.length + " line numbers for " + rows + " rows");
        }
        for (int f = 0; f < features.length; f++) {
            if (features[f].length != rows) {
                throw new IllegalArgumentException("feature '" + featureNames.get(f) + "' has " + features[f].length
                        + " rows, " + (targets != null ? "the target has " : "the line numbers are for ") + rows);
            }
            requireNoNulls(features[f], featureNames.get(f));
        }
        if (targets != null) {
            requireNoNulls(targets, targetName);
        }
    }

    private static void requireNoNulls(BigDecimal[] column, String name) {
        for (int i = 0; i < column.length; i++) {
            if (column[i] == null) {
                throw new IllegalArgumentException("column '" + name + "' has no value in row " + i);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawDataset other
                && source.equals(other.source)
                && featureNames.equals(other.featureNames)
                && targetName.equals(other.targetName)
                && Arrays.deepEquals(features, other.features)
                && Arrays.equals(targets, other.targets)
                && Arrays.equals(lines, other.lines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, featureNames, targetName,
                Arrays.deepHashCode(features), Arrays.hashCode(targets), Arrays.hashCode(lines));
    }

    @Override
    public String toString() {
        return "RawDataset[source=" + source + ", rows=" + rows() + ", features=" + featureNames
                + ", target=" + targetName + "]";
    }
}
