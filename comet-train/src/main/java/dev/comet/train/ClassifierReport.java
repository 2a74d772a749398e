package dev.comet.train;

import dev.comet.data.QuantizedDataset;
import dev.comet.train.logistic.Sigmoid;
import java.util.ArrayList;
import java.util.List;

/**
 * A logistic-regression classifier's training accuracy and mean log-loss, next to its float64
 * twin ({@link FloatTrainer}: same algorithm, exact sigmoid, no rounding) and a well-tuned float
 * logistic regression ({@link LogisticBaseline}), all on the columns training read. Accuracies
 * are fractions in {@code [0, 1]}. The fixed-point model predicts exactly as {@code comet predict}
 * does: class 1 when {@code sigma_q(pred) >= 2^15}; the others when {@code sigma(score) >= 1/2}.
 *
 * @param weightNames     the feature names followed by {@code "bias"}
 * @param fixedWeights    the fixed-point model's scaled weights
 * @param floatWeights    the twin's weights, real units
 * @param baselineWeights the baseline's weights, real units
 */
public record ClassifierReport(List<String> weightNames, long[] fixedWeights, double[] floatWeights,
                               double[] baselineWeights, double maxWeightGap, double fixedAccuracy,
                               double floatAccuracy, double baselineAccuracy, double fixedLogLoss,
                               double floatLogLoss, double baselineLogLoss) implements ModelReport {
    /** Probabilities are kept inside {@code [EPSILON, 1 - EPSILON]} for the log-loss, as scikit-learn does. */
    private static final double EPSILON = 1e-15;

    public ClassifierReport {
        weightNames = List.copyOf(weightNames);
        fixedWeights = fixedWeights.clone();
        floatWeights = floatWeights.clone();
        baselineWeights = baselineWeights.clone();
    }

    /** Trains the twin and the baseline on {@code standardised}, the values training read, and scores all three. */
    static ClassifierReport of(QuantizedDataset standardised, TrainingSpec spec, long[] fixedWeights) {
        double[] twin = FloatTrainer.train(standardised, spec);
        double[] baseline = LogisticBaseline.fit(standardised);
        double[] fixed = FixedPointStep.toReal(fixedWeights);
        double gap = 0;
        for (int j = 0; j < fixed.length; j++) {
            gap = Math.max(gap, Math.abs(fixed[j] - twin[j]));
        }
        int n = standardised.rows();
        int fixedRight = 0;
        long[] row = new long[standardised.numFeatures()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < row.length; j++) {
                row[j] = standardised.features()[j][i];
            }
            int predicted = Sigmoid.predictedClass(Sigmoid.apply(FixedPointTrainer.predictFixed(fixedWeights, row)));
            fixedRight += predicted * FixedPointStep.ONE == standardised.targets()[i] ? 1 : 0;
        }
        List<String> names = new ArrayList<>(standardised.featureNames());
        names.add("bias");
        return new ClassifierReport(names, fixedWeights, twin, baseline, gap, fixedRight / (double) n,
                accuracy(twin, standardised), accuracy(baseline, standardised), logLoss(fixed, standardised),
                logLoss(twin, standardised), logLoss(baseline, standardised));
    }

    private static double score(double[] w, QuantizedDataset data, int i) {
        int d = data.numFeatures();
        double z = w[d];
        for (int j = 0; j < d; j++) {
            z += w[j] * data.feature(j, i);
        }
        return z;
    }

    /** The fraction of rows whose class {@code [sigma(score) >= 1/2]} is the target's. */
    public static double accuracy(double[] w, QuantizedDataset data) {
        int right = 0;
        for (int i = 0; i < data.rows(); i++) {
            int predicted = score(w, data, i) >= 0 ? 1 : 0;
            right += predicted == (int) Math.round(data.target(i)) ? 1 : 0;
        }
        return right / (double) data.rows();
    }

    /** The mean of {@code -y log q - (1 - y) log(1 - q)} with {@code q = sigma(score)}. */
    public static double logLoss(double[] w, QuantizedDataset data) {
        double sum = 0;
        for (int i = 0; i < data.rows(); i++) {
            double q = Math.min(1 - EPSILON, Math.max(EPSILON, FloatTrainer.sigmoid(score(w, data, i))));
            sum -= data.target(i) > 0.5 ? Math.log(q) : Math.log(1 - q);
        }
        return sum / data.rows();
    }

    @Override
    public double[] fixedRealWeights() {
        return FixedPointStep.toReal(fixedWeights);
    }

    @Override
    public long[] fixedWeights() {
        return fixedWeights.clone();
    }

    @Override
    public double[] floatWeights() {
        return floatWeights.clone();
    }

    @Override
    public double[] baselineWeights() {
        return baselineWeights.clone();
    }
}
