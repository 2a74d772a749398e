package dev.comet.train;

import dev.comet.data.QuantizedDataset;

/**
 * How good a trained fixed-point model is next to float baselines on the same data: informational,
 * not covered by the proof. A regression's report gives errors ({@link TrainingReport}), a
 * classifier's accuracies ({@link ClassifierReport}).
 */
public sealed interface ModelReport permits TrainingReport, ClassifierReport {
    /** The feature names followed by {@code "bias"}. */
    java.util.List<String> weightNames();

    /** The fixed-point model's weights in real units (over standardised columns when the run standardises). */
    double[] fixedRealWeights();

    /** The float64 twin's weights, likewise. */
    double[] floatWeights();

    /** {@code max_j |fixed_j - twin_j|} in real units. */
    double maxWeightGap();

    /**
     * {@code max_j |fixed_j - twin_j|}; NaN when the twin diverged to NaN ({@code Math.max}
     * propagates it), so that a report cannot hide a divergence behind a small gap.
     */
    static double maxGap(double[] fixed, double[] twin) {
        double gap = 0;
        for (int j = 0; j < fixed.length; j++) {
            gap = Math.max(gap, Math.abs(fixed[j] - twin[j]));
        }
        return gap;
    }

    /** The report of {@code spec}'s model trained to {@code fixedWeights} on {@code data} standardised by {@code z}. */
    static ModelReport of(QuantizedDataset data, Standardization z, TrainingSpec spec, long[] fixedWeights) {
        return spec.model().isClassifier() ? ClassifierReport.of(z.apply(data), spec, fixedWeights)
                : TrainingReport.of(data, z, spec, fixedWeights);
    }
}
