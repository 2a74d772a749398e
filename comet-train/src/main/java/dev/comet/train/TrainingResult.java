package dev.comet.train;

import java.util.Arrays;

/**
 * The outcome of a fixed-point training run.
 *
 * @param weights         final scaled weights {@code w[0..D]}, bias last (copied in and out)
 * @param batchesPerEpoch {@code ceil(N / B)}
 * @param sampleSteps     {@code N * E}, the number of sample steps (trace rows) of the run
 * @param curve           the run's learning curve, as the proof exposes it
 */
public record TrainingResult(long[] weights, int batchesPerEpoch, long sampleSteps, LearningCurve curve) {
    public TrainingResult {
        weights = weights.clone();
    }

    @Override
    public long[] weights() {
        return weights.clone();
    }

    /** The final weights in real units, {@code w / 2^16}, bias last. */
    public double[] realWeights() {
        return FixedPointStep.toReal(weights);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingResult other
                && Arrays.equals(weights, other.weights)
                && batchesPerEpoch == other.batchesPerEpoch
                && sampleSteps == other.sampleSteps
                && curve.equals(other.curve);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(weights) + batchesPerEpoch) + Long.hashCode(sampleSteps)) + curve.hashCode();
    }

    @Override
    public String toString() {
        return "TrainingResult[weights=" + Arrays.toString(weights) + ", batchesPerEpoch=" + batchesPerEpoch
                + ", sampleSteps=" + sampleSteps + "]";
    }
}
