package dev.comet.train;

import dev.comet.air.TraceTable;
import dev.comet.data.QuantizedDataset;
import dev.comet.field.Goldilocks;

/**
 * Writes the execution trace of a training run for {@link LinearRegressionAir}: the second,
 * independent implementation of docs/TRAINING.md (the first is {@link FixedPointTrainer}); a test
 * checks that both reach the same weights bit for bit.
 */
public final class TrainingTrace {
    private static final long TWO16 = 1L << 16;

    /** The trace and the final weights it ends with. */
    public record Result(TraceTable trace, long[] finalWeights) {}

    /**
     * Deviations a cheating prover might make, for soundness tests only: the rest of the trace is
     * computed consistently from the deviation, so that only the checks aimed at it can catch it.
     */
    interface Tamper {
        Tamper NONE = new Tamper() {};

        /** The prediction written for trace row {@code row}; honest: {@code pred}. */
        default long prediction(int row, long pred) {
            return pred;
        }

        /**
         * Whether row {@code row} writes a wrapped quotient: a remainder still in {@code [0, 2^16)}
         * but off by one, and the prediction {@code (dot - r) / 2^16} computed in the field, which
         * is no longer a small integer. Later rows continue from the honest prediction.
         */
        default boolean wrapQuotient(int row) {
            return false;
        }

        /** Whether the batch ending at trace row {@code row} updates the weights; honest: yes. */
        default boolean update(int row) {
            return true;
        }
    }

    private TrainingTrace() {}

    /**
     * Runs training row by row. The statement's final weights are ignored (they are what this
     * computes); its layout and spec are used.
     *
     * @throws IllegalStateException when a value leaves the bounds of docs/TRAINING.md; callers
     *         run the native trainer first, which reports such overflows to the user
     */
    public static Result build(TrainingStatement statement, DatasetCommitment commitment, QuantizedDataset data) {
        return build(statement, commitment, data, Tamper.NONE);
    }

    static Result build(TrainingStatement statement, DatasetCommitment commitment, QuantizedDataset data, Tamper tamper) {
        LinearRegressionAir air = LinearRegressionAir.forProver(statement, commitment);
        int d = statement.features();
        int weights = d + 1;
        int logH = air.logHeight();
        int h = 1 << logH;
        int n = air.traceInfo().length();
        int rows = statement.rows();
        int b = statement.batchSize();
        int slots = air.slots();
        long lr = statement.learningRateQ();
        long[] valid = air.periodic.get(LinearRegressionAir.P_VALID);
        long[] lastOfBatch = air.periodic.get(LinearRegressionAir.P_LAST);
        TraceTable t = TraceTable.ofSize(air.mainWidth, n);

        boolean honest = tamper == Tamper.NONE;
        long[] w = statement.initialWeights().clone();
        long[] g = new long[weights];
        long[] x = new long[weights];
        long count = 0;
        int pendingFrom = 0;
        for (int r = 0; r < n; r++) {
            int epoch = r >>> logH;
            int i = r & (h - 1);
            boolean active = epoch < statement.epochs();
            boolean isValid = valid[i] == 1;
            boolean a = active && isValid;
            for (int j = 0; j < d; j++) {
                x[j] = isValid ? data.features()[j][i] : 0;
            }
            x[d] = TWO16;
            count += active ? 1 : 0;
            t.set(air.colAct, r, active ? 1 : 0);
            t.set(air.colCnt, r, count);
            t.set(air.colA, r, a ? 1 : 0);
            for (int j = 0; j < weights; j++) {
                t.set(air.colW + j, r, Goldilocks.fromSigned(w[j]));
                t.set(air.colG + j, r, Goldilocks.fromSigned(g[j]));
            }
            long s = 0;
            if (a) {
                // |w x| < 2^24 * 2^31 per term and at most 256 terms: below 2^63, no long overflow.
                long dot = 0;
                for (int j = 0; j < weights; j++) {
                    dot += w[j] * x[j];
                }
                long pred = tamper.prediction(r, Math.floorDiv(dot, TWO16));
                if (honest && (pred <= -(1L << FixedPointStep.PREDICTION_BITS) || pred >= 1L << FixedPointStep.PREDICTION_BITS)) {
                    throw overflow("prediction", epoch, i, pred);
                }
                long y = data.targets()[i];
                long scaled = lr * (pred - y); // |.| < 2^16 * 2^32
                s = Math.floorDiv(scaled, TWO16);
                if (honest && (s <= -(1L << FixedPointStep.SCALED_ERROR_BITS) || s >= 1L << FixedPointStep.SCALED_ERROR_BITS)) {
                    throw overflow("scaled error", epoch, i, s);
                }
                long shiftedPred = pred + (1L << FixedPointStep.PREDICTION_BITS);
                t.set(air.colPl, r, shiftedPred & 0xFFFF);
                t.set(air.colPh, r, shiftedPred >>> 16);
                t.set(air.colR1, r, Goldilocks.fromSigned(dot - pred * TWO16));
                if (tamper.wrapQuotient(r)) {
                    long remainder = (Math.floorMod(dot, TWO16) + 1) % TWO16;
                    long inv = Goldilocks.inv(TWO16);
                    long wrapped = Goldilocks.mul(Goldilocks.sub(Goldilocks.fromSigned(dot), remainder), inv);
                    // limbs with pl = 0: pred + 2^31 = 2^16 ph in the field
                    t.set(air.colPl, r, 0);
                    t.set(air.colPh, r, Goldilocks.mul(Goldilocks.add(wrapped, 1L << FixedPointStep.PREDICTION_BITS), inv));
                    t.set(air.colR1, r, remainder);
                }
                t.set(air.colR2, r, Math.floorMod(scaled, TWO16));
            }
            long shiftedS = s + (1L << FixedPointStep.SCALED_ERROR_BITS);
            t.set(air.colSl, r, shiftedS & 0xFFFF);
            t.set(air.colSh, r, shiftedS >>> 16);

            boolean batchEnd = lastOfBatch[i] == 1;
            if (batchEnd) {
                long m = (long) (i % b + 1);
                long divisor = m * TWO16;
                long[] remainders = new long[weights];
                boolean update = tamper.update(r);
                for (int j = 0; j < weights; j++) {
                    long gradient = g[j] + s * x[j]; // |.| < 2^11 * 2^51
                    long delta = update ? Math.floorDiv(gradient, divisor) : 0;
                    remainders[j] = gradient - delta * divisor;
                    w[j] -= delta;
                    if (honest && (w[j] < -(1L << FixedPointStep.WEIGHT_BITS) || w[j] >= 1L << FixedPointStep.WEIGHT_BITS)) {
                        throw overflow("weight " + j, epoch, i, w[j]);
                    }
                    g[j] = 0;
                }
                fillBatch(t, air, pendingFrom, r, remainders, h, b, slots);
                pendingFrom = r + 1;
            } else {
                for (int j = 0; j < weights; j++) {
                    g[j] += s * x[j];
                }
            }
        }
        fillBatch(t, air, pendingFrom, n - 1, new long[weights], h, b, slots);
        air.range().fillTable(t, air.rowValues(t), tamper != Tamper.NONE);
        return new Result(t, w);
    }

    private static IllegalStateException overflow(String what, int epoch, int row, long value) {
        return new IllegalStateException("trace overflow at epoch " + (epoch + 1) + ", row " + (row + 1) + ": " + what
                + " = " + value + " (scaled)");
    }

    /**
     * Rows {@code from..to} (the batch ending at {@code to} and the padding rows before it) carry
     * the batch's remainders; its slot rows carry the limbs of one remainder and one weight each.
     */
    private static void fillBatch(TraceTable t, LinearRegressionAir air, int from, int to, long[] remainders, int h,
                                  int b, int slots) {
        long[] valid = air.periodic.get(LinearRegressionAir.P_VALID);
        int weights = remainders.length;
        for (int r = from; r <= to; r++) {
            for (int j = 0; j < weights; j++) {
                t.set(air.colR + j, r, Goldilocks.fromSigned(remainders[j]));
            }
            int i = r & (h - 1);
            if (valid[i] != 1) {
                continue;
            }
            int pos = i % b;
            for (int u = 0; u < slots; u++) {
                int j = pos * slots + u;
                if (j >= weights) {
                    continue;
                }
                int base = air.colSlot0 + 4 * u;
                t.set(base, r, remainders[j] & 0xFFFF);
                t.set(base + 1, r, Goldilocks.reduce(remainders[j] >>> 16));
                long shiftedW = Goldilocks.toSigned(t.get(air.colW + j, r)) + (1L << FixedPointStep.WEIGHT_BITS);
                t.set(base + 2, r, shiftedW & 0xFFFF);
                t.set(base + 3, r, shiftedW >>> 16);
            }
        }
    }
}
