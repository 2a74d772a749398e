package dev.comet.train;

import dev.comet.data.QuantizedDataset;
import java.util.ArrayList;
import java.util.List;

/**
 * A logistic- or softmax-regression classifier's training accuracy and mean log-loss
 * (cross-entropy), next to its float64 twin ({@link FloatTrainer}: same algorithm, exact sigmoid
 * or softmax, no rounding) and a well-tuned float logistic regression ({@link LogisticBaseline},
 * {@link SoftmaxBaseline}), all on the columns training read. Accuracies are fractions in
 * {@code [0, 1]}. The fixed-point model predicts exactly as {@code comet predict} does
 * ({@link FixedPointTrainer#predictedClass}); the others from their exact scores likewise.
 *
 * @param weightNames     the feature names followed by {@code "bias"}, per class for softmax
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
        int outputs = spec.outputs();
        double[] baseline = outputs == 1 ? LogisticBaseline.fit(standardised)
                : SoftmaxBaseline.fit(standardised, outputs);
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
            int predicted = FixedPointTrainer.predictedClass(spec.model(),
                    FixedPointTrainer.predictScores(fixedWeights, outputs, row));
            fixedRight += predicted * FixedPointStep.ONE == standardised.targets()[i] ? 1 : 0;
        }
        List<String> names = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            String suffix = outputs == 1 ? "" : " [" + spec.classes().label(o) + "]";
            standardised.featureNames().forEach(name -> names.add(name + suffix));
            names.add("bias" + suffix);
        }
        return new ClassifierReport(names, fixedWeights, twin, baseline, gap, fixedRight / (double) n,
                accuracy(twin, standardised), accuracy(baseline, standardised), logLoss(fixed, standardised),
                logLoss(twin, standardised), logLoss(baseline, standardised));
    }

    /** The scores of row {@code i}: one per output, {@code w.length / (D + 1)} of them. */
    private static double[] scores(double[] w, QuantizedDataset data, int i) {
        int d = data.numFeatures();
        double[] z = new double[w.length / (d + 1)];
        for (int o = 0; o < z.length; o++) {
            double sum = w[o * (d + 1) + d];
            for (int j = 0; j < d; j++) {
                sum += w[o * (d + 1) + j] * data.feature(j, i);
            }
            z[o] = sum;
        }
        return z;
    }

    /** The exact probability of each class, index order: {@code 1 - sigma, sigma} for one score, else the softmax. */
    private static double[] probabilities(double[] z) {
        if (z.length == 1) {
            double q = FloatTrainer.sigmoid(z[0]);
            return new double[] {1 - q, q};
        }
        return FloatTrainer.softmax(z);
    }

    /**
     * The fraction of rows whose predicted class is the target's: {@code [sigma(score) >= 1/2]}
     * for one score, else the first class of the largest score.
     */
    public static double accuracy(double[] w, QuantizedDataset data) {
        int right = 0;
        for (int i = 0; i < data.rows(); i++) {
            double[] z = scores(w, data, i);
            int predicted = 0;
            if (z.length == 1) {
                predicted = z[0] >= 0 ? 1 : 0;
            } else {
                for (int k = 1; k < z.length; k++) {
                    predicted = z[k] > z[predicted] ? k : predicted;
                }
            }
            right += predicted == (int) Math.round(data.target(i)) ? 1 : 0;
        }
        return right / (double) data.rows();
    }

    /** The mean of {@code -log q_y}, {@code q} the exact probabilities of the scores. */
    public static double logLoss(double[] w, QuantizedDataset data) {
        double sum = 0;
        for (int i = 0; i < data.rows(); i++) {
            double q = probabilities(scores(w, data, i))[(int) Math.round(data.target(i))];
            sum -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, q)));
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
