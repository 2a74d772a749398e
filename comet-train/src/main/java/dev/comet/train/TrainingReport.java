package dev.comet.train;

import dev.comet.data.QuantizedDataset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How good a fixed-point model is, next to two baselines on the same data: its float64 twin
 * ({@link FloatTrainer}, same algorithm without rounding) and ordinary least squares
 * ({@link LeastSquares}, the best linear fit). All weights are bias-last; all errors are in the
 * target's real units squared. An MLP's weights are its network's ({@link Network}), which the
 * least-squares fit, a linear model, does not share.
 *
 * @param weightNames         the feature names followed by {@code "bias"}, or the network's weights' names
 * @param fixedWeights        the fixed-point model's scaled weights (over standardised columns when
 *                            the run standardises)
 * @param floatWeights        the float64 twin's weights (likewise)
 * @param leastSquaresWeights the least-squares weights over the raw columns
 * @param maxWeightGap        {@code max_j |fixedWeights[j] / 2^16 - floatWeights[j]|}
 * @param fixedMse            mean squared error of the fixed-point model (with its weights taken
 *                            as real numbers, see {@link #mse})
 * @param floatMse            mean squared error of the float64 twin
 * @param leastSquaresMse     mean squared error of the least-squares fit
 */
public record TrainingReport(List<String> weightNames, long[] fixedWeights, double[] floatWeights,
                             double[] leastSquaresWeights, double maxWeightGap, double fixedMse, double floatMse,
                             double leastSquaresMse) implements ModelReport {

    public TrainingReport {
        weightNames = List.copyOf(weightNames);
        fixedWeights = fixedWeights.clone();
        floatWeights = floatWeights.clone();
        leastSquaresWeights = leastSquaresWeights.clone();
        int p = weightNames.size();
        if (fixedWeights.length != p || floatWeights.length != p || leastSquaresWeights.length > p) {
            throw new IllegalArgumentException("expected " + p + " weights per model, got " + fixedWeights.length + ", "
                    + floatWeights.length + " and " + leastSquaresWeights.length);
        }
    }

    /**
     * Trains the two baselines for {@code spec} on {@code data} and compares them with the
     * fixed-point weights {@code fixedWeights} (normally from {@link FixedPointTrainer}).
     */
    public static TrainingReport of(QuantizedDataset data, TrainingSpec spec, long[] fixedWeights) {
        return of(data, Standardization.identity(data.numFeatures()), spec, fixedWeights);
    }

    /**
     * As {@link #of(QuantizedDataset, TrainingSpec, long[])} for weights trained on {@code data}
     * standardised by {@code standardization}: the twin trains on the same standardised values,
     * the weights stay over standardised columns, and every error is in the raw target's units
     * (each model mapped back by {@link Standardization#toRawWeights}; least squares on the raw
     * data is the same fit in either space).
     */
    public static TrainingReport of(QuantizedDataset data, Standardization standardization, TrainingSpec spec,
                                    long[] fixedWeights) {
        double[] fixed = FixedPointStep.toReal(fixedWeights);
        double[] twin = FloatTrainer.train(standardization.apply(data), spec);
        double[] ls = LeastSquares.fit(data);
        if (fixed.length != twin.length) {
            throw new IllegalArgumentException("the data has " + data.numFeatures() + " features, the fixed-point model "
                    + (fixed.length - 1));
        }
        Network net = spec.network();
        // A linear model maps back to raw units as weights; a network's scores are mapped back one by one.
        boolean linear = net.layers() == 1;
        double fixedMse = linear ? mse(standardization.toRawWeights(fixed), data) : mse(net, fixed, standardization, data);
        double floatMse = linear ? mse(standardization.toRawWeights(twin), data) : mse(net, twin, standardization, data);
        return new TrainingReport(net.weightNames(data.featureNames(), List.of()), fixedWeights, twin, ls,
                ModelReport.maxGap(fixed, twin), fixedMse, floatMse, mse(ls, data));
    }

    /**
     * The mean of {@code (sum_j w_j x_ij + b - y_i)^2} over all rows, in real units: weights
     * {@code w} (bias last) against the values {@code q / 2^16} of {@code data}. This scores the
     * model as a real-valued linear function; a fixed-point prediction
     * ({@link FixedPointTrainer#predictFixed}) differs from it by less than {@code 2^-16}.
     */
    public static double mse(double[] weights, QuantizedDataset data) {
        int d = data.numFeatures();
        if (weights.length != d + 1) {
            throw new IllegalArgumentException("expected " + (d + 1) + " weights (bias last), got " + weights.length);
        }
        double sum = 0;
        for (int i = 0; i < data.rows(); i++) {
            double err = weights[d] - data.target(i);
            for (int j = 0; j < d; j++) {
                err += weights[j] * data.feature(j, i);
            }
            sum += err * err;
        }
        return sum / data.rows();
    }

    /**
     * The mean squared error in the raw target's units of a network with these real weights over
     * the columns {@code z} standardises: each row's score mapped back by the target's spread and
     * offset.
     */
    static double mse(Network net, double[] weights, Standardization z, QuantizedDataset data) {
        QuantizedDataset standardised = z.apply(data);
        int d = data.numFeatures();
        double[] x = new double[d];
        double sum = 0;
        for (int i = 0; i < data.rows(); i++) {
            for (int j = 0; j < d; j++) {
                x[j] = standardised.feature(j, i);
            }
            double err = net.scores(weights, x)[0] * z.realSpread(d) + z.realOffset(d) - data.target(i);
            sum += err * err;
        }
        return sum / data.rows();
    }

    /** The fixed-point weights in real units. */
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
    public double[] leastSquaresWeights() {
        return leastSquaresWeights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingReport other
                && weightNames.equals(other.weightNames)
                && Arrays.equals(fixedWeights, other.fixedWeights)
                && Arrays.equals(floatWeights, other.floatWeights)
                && Arrays.equals(leastSquaresWeights, other.leastSquaresWeights)
                && Double.compare(maxWeightGap, other.maxWeightGap) == 0
                && Double.compare(fixedMse, other.fixedMse) == 0
                && Double.compare(floatMse, other.floatMse) == 0
                && Double.compare(leastSquaresMse, other.leastSquaresMse) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(weightNames, Arrays.hashCode(fixedWeights), Arrays.hashCode(floatWeights),
                Arrays.hashCode(leastSquaresWeights), maxWeightGap, fixedMse, floatMse, leastSquaresMse);
    }

    @Override
    public String toString() {
        return "TrainingReport[weights=" + weightNames + ", fixed=" + Arrays.toString(fixedRealWeights())
                + ", float64=" + Arrays.toString(floatWeights) + ", leastSquares=" + Arrays.toString(leastSquaresWeights)
                + ", maxWeightGap=" + maxWeightGap + ", mse fixed/float64/leastSquares=" + fixedMse + "/" + floatMse + "/"
                + leastSquaresMse + "]";
    }
}
