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
        Network net = spec.network();
        int outputs = spec.outputs();
        double[] baseline = outputs == 1 ? LogisticBaseline.fit(standardised)
                : SoftmaxBaseline.fit(standardised, outputs);
        double[] fixed = FixedPointStep.toReal(fixedWeights);
        int n = standardised.rows();
        int fixedRight = 0;
        long[] row = new long[standardised.numFeatures()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < row.length; j++) {
                row[j] = standardised.features()[j][i];
            }
            int predicted = FixedPointTrainer.predictedClass(spec.model(),
                    FixedPointTrainer.predictScores(fixedWeights, net, row));
            fixedRight += predicted * FixedPointStep.ONE == standardised.targets()[i] ? 1 : 0;
        }
        Network linear = Network.linear(net.features(), outputs); // the baseline's: one score for two classes, else K
        return new ClassifierReport(net.weightNames(standardised.featureNames(), spec.classes().labels()), fixedWeights,
                twin, baseline, ModelReport.maxGap(fixed, twin), fixedRight / (double) n, accuracy(net, twin, standardised), accuracy(linear, baseline, standardised),
                logLoss(net, fixed, standardised), logLoss(net, twin, standardised),
                logLoss(linear, baseline, standardised));
    }

    /** The exact scores of row {@code i} for a network with these real weights. */
    private static double[] scores(Network net, double[] w, QuantizedDataset data, int i) {
        double[] x = new double[net.features()];
        for (int j = 0; j < x.length; j++) {
            x[j] = data.feature(j, i);
        }
        return net.scores(w, x);
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
    public static double accuracy(Network net, double[] w, QuantizedDataset data) {
        int right = 0;
        for (int i = 0; i < data.rows(); i++) {
            double[] z = scores(net, w, data, i);
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
    public static double logLoss(Network net, double[] w, QuantizedDataset data) {
        double sum = 0;
        for (int i = 0; i < data.rows(); i++) {
            double q = probabilities(scores(net, w, data, i))[(int) Math.round(data.target(i))];
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
