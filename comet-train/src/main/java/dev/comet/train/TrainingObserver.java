package dev.comet.train;

/**
 * Sees every intermediate value of a fixed-point training run, in order, as the trainer computes
 * it: what a trace generator writes into its rows, and what tests check by hand.
 *
 * <p>Indices are 0-based: {@code epoch} in {@code [0, E)}, {@code batch} in
 * {@code [0, ceil(N / B))}, {@code row} the data row in {@code [0, N)}. Each division
 * {@code a = q * d + r} is reported with its quotient and its remainder {@code 0 <= r < d}.
 * For each batch, {@link #onSample} is called once per row in row order, then
 * {@link #onUpdate} once. If a bound is breached, the trainer stops right after the last call
 * whose values were all in range.
 *
 * <p>Arrays passed to {@link #onUpdate} belong to the trainer and are reused: they are valid
 * only during the call and must not be modified; copy what you keep.
 */
public interface TrainingObserver {
    /** Observes nothing. */
    TrainingObserver NONE = new TrainingObserver() {
    };

    /**
     * One sample step: {@code dot = pred * 2^F + predRemainder}, the model's {@code output}
     * ({@code pred} itself for linear regression, {@code sigma_q(pred)} for logistic, the class's
     * probability for softmax) and {@code lr_q * (output - y) = scaledError * 2^F + scaledErrorRemainder}.
     * A model of several outputs reports each in output order.
     */
    default void onSample(int epoch, int batch, int row, long dot, long prediction, long predictionRemainder,
                          long output, long scaledError, long scaledErrorRemainder) {
    }

    /**
     * The update closing a batch of rows {@code [firstRow, firstRow + m)}: for every weight
     * {@code j}, {@code gradient[j] = decrement * m * 2^F + remainders[j]} and
     * {@code weightsAfter[j] = weightsBefore[j] - decrement}.
     */
    default void onUpdate(int epoch, int batch, int firstRow, int m, long[] gradient, long[] weightsBefore,
                          long[] weightsAfter, long[] remainders) {
    }
}
