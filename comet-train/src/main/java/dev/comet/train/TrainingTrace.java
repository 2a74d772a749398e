package dev.comet.train;

import dev.comet.air.TraceTable;
import dev.comet.data.QuantizedDataset;
import dev.comet.field.Goldilocks;
import dev.comet.train.logistic.Sigmoid;
import dev.comet.train.logistic.SigmoidOutput;
import dev.comet.train.mlp.HiddenLayerColumns;
import dev.comet.train.softmax.SoftmaxOutput;
import java.util.List;

/**
 * Writes the execution trace of a training run (linear, logistic or softmax regression, or an MLP) for
 * {@link TrainingAir}: the second,
 * independent implementation of docs/TRAINING.md (the first is {@link FixedPointTrainer}); a test
 * checks that both reach the same weights bit for bit.
 *
 * <p>The row structure (which data rows are valid, where batches end) is computed by running the
 * AIR's own recurrences over one period, so that a tampered structure flows through the rest of
 * the trace consistently.
 */
public final class TrainingTrace {
    private static final long TWO16 = 1L << 16;

    /**
     * Every table's trace, in the order of {@link TrainingAir#tables()} (training, dataset
     * bounds, range), and the final weights.
     */
    public record Result(List<TraceTable> traces, long[] finalWeights, LearningCurve curve) {
        /** The training table's trace. */
        public TraceTable trace() {
            return traces.get(0);
        }
    }

    /**
     * Deviations a cheating prover might make, for soundness tests only: the rest of the trace is
     * computed consistently from the deviation, so that only the checks aimed at it can catch it.
     * Any tamper other than {@link #NONE} also turns off the bound checks, so that a test can
     * write a value exactly at a bound.
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

        /** The logistic output written for trace row {@code row}; honest: {@code sigma_q(pred)}. */
        default long output(int row, long output) {
            return output;
        }

        /**
         * The saturation a logistic row claims: +1 high, -1 low, 0 none; honest: the score's.
         * The output written is then the one the claim implies (1, 0, or the table's value at
         * the clamped index), so that only the checks of the claim itself can catch it.
         */
        default int saturation(int row, int honest) {
            return honest;
        }

        /**
         * The low byte {@code pb} an unsaturated logistic row writes for the score {@code z}; the
         * output is then the table's value at the index that byte implies (clamped into the
         * table). Honest: {@code (z + 2^19) mod 2^8}.
         */
        default long lowByte(int row, long z, long honest) {
            return honest;
        }

        /** Whether the batch ending at trace row {@code row} updates the weights; honest: yes. */
        default boolean update(int row) {
            return true;
        }

        /** Whether that batch updates weight {@code j}; honest: yes. */
        default boolean updates(int row, int j) {
            return true;
        }

        /**
         * Whether row {@code row} writes the wrong ReLU sign for hidden unit {@code unit} of layer
         * {@code layer}, with the value's top limb moved by {@code 2^15} so that the limbs still
         * add up to {@code z}; the activation and error then follow the false sign.
         */
        default boolean flipsSign(int row, int layer, int unit) {
            return false;
        }

        /** The activation a hidden unit writes; honest: {@code relu(z)}. */
        default long activation(int row, int layer, int unit, long z, long honest) {
            return honest;
        }

        /** The error a hidden unit writes from its quotient {@code q}; honest: {@code [z > 0] q} on training rows. */
        default long delta(int row, int layer, int unit, long q, long honest) {
            return honest;
        }

        /** How many epoch slots train; honest: the statement's {@code epochs}. */
        default int epochs(int epochs) {
            return epochs;
        }

        /** Whether data row {@code i < N} takes part in training; honest: every one does. */
        default boolean trains(int i) {
            return true;
        }

        /** Whether the padding rows join the last batch; honest: as the AIR lays it out. */
        default boolean paddedLastBatch(boolean honest) {
            return honest;
        }

        /** A softmax row's deviations; honest: none. */
        default SoftmaxOutput.Tamper softmax() {
            return SoftmaxOutput.Tamper.NONE;
        }
    }

    /** One period's row structure: the columns that repeat every {@code h} rows. */
    private record Period(boolean[] valid, int[] pos, boolean[] end, int[] mm, int[] virtualPos, boolean padded) {
        static Period of(int h, int rows, int batch, boolean paddedLastBatch, Tamper tamper) {
            boolean[] valid = new boolean[h];
            int[] pos = new int[h];
            boolean[] end = new boolean[h];
            int[] mm = new int[h];
            int[] virtualPos = new int[h];
            for (int i = 0; i < h; i++) {
                valid[i] = i < rows && tamper.trains(i);
                if (i > 0) {
                    // pos' = (pos + valid') (1 - end); the one-hot slot selector runs on every row.
                    pos[i] = end[i - 1] ? 0 : pos[i - 1] + (valid[i] ? 1 : 0);
                    virtualPos[i] = end[i - 1] ? 0 : virtualPos[i - 1] + 1;
                }
                end[i] = paddedLastBatch ? valid[i] && pos[i] == batch - 1 || i == h - 1
                        : valid[i] && (pos[i] == batch - 1 || i == rows - 1);
            }
            // mm is the position of the batch's end; rows after the period's last end belong to
            // the next period's first batch.
            int first = 0;
            while (!end[first]) {
                first++;
            }
            int current = pos[first];
            for (int i = h - 1; i >= 0; i--) {
                if (end[i]) {
                    current = pos[i];
                }
                mm[i] = current;
            }
            return new Period(valid, pos, end, mm, virtualPos, paddedLastBatch);
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
        TrainingAir air = TrainingAir.forProver(statement, commitment);
        int d = statement.features();
        int width = d + 1;
        int outputs = air.outputs();
        Network net = air.network();
        int weights = net.weights();
        int top = net.layers() - 1;
        int logH = air.logHeight();
        int h = 1 << logH;
        int n = air.traceInfo().length();
        long lr = statement.learningRateQ();
        Period period = Period.of(h, statement.rows(), statement.batchSize(),
                tamper.paddedLastBatch(air.paddedLastBatch()), tamper);
        TraceTable t = TraceTable.ofSize(air.mainWidth, n);

        boolean checked = tamper == Tamper.NONE;
        long[][] standardised = standardised(statement.standardization(), data, h);
        long[] w = statement.initialWeights().clone();
        long[] g = new long[weights];
        long[] x = new long[width];
        long[][] layerIn = new long[net.layers()][];
        long[][] errors = new long[net.layers()][];
        layerIn[0] = x;
        for (int l = 1; l <= top; l++) {
            layerIn[l] = new long[net.width(l)];
            layerIn[l][net.inputs(l)] = TWO16;
        }
        long[] terms = new long[weights];
        long count = 0;
        int pendingFrom = 0;
        CurveWriter curve = statement.hasCurve() ? new CurveWriter(air, statement.epochs(), h) : null;
        for (int r = 0; r < n; r++) {
            int epoch = r >>> logH;
            int i = r & (h - 1);
            boolean active = epoch < tamper.epochs(statement.epochs());
            boolean isValid = period.valid[i];
            boolean a = active && isValid;
            for (int j = 0; j < d; j++) {
                x[j] = standardised[j][i];
            }
            x[d] = TWO16;
            t.set(air.colIdx, r, i);
            for (int c = 0; c <= d; c++) {
                t.set(air.colX + c, r, Goldilocks.fromSigned(standardised[c][i]));
            }
            count += active ? 1 : 0;
            t.set(air.colAct, r, active ? 1 : 0);
            t.set(air.colCnt, r, count);
            t.set(air.colValid, r, isValid ? 1 : 0);
            t.set(air.colA, r, a ? 1 : 0);
            t.set(air.colPos, r, period.pos[i]);
            t.set(air.colEnd, r, period.end[i] ? 1 : 0);
            t.set(air.colMm, r, period.mm[i]);
            if (period.virtualPos[i] < air.positions()) {
                t.set(air.colOh0 + period.virtualPos[i], r, 1);
            }
            for (int j = 0; j < weights; j++) {
                t.set(air.colW + j, r, Goldilocks.fromSigned(w[j]));
                t.set(air.colG + j, r, Goldilocks.fromSigned(g[j]));
            }
            boolean[][] signs = new boolean[top][];
            for (int l = 0; l < top; l++) {
                signs[l] = writeHiddenForward(t, air, l, r, epoch, i, a, w, layerIn[l], layerIn[l + 1], tamper, checked);
            }
            long[] s = a ? writeSample(statement, t, air, r, epoch, i, w, layerIn[top], lr, standardised[d][i], tamper,
                    checked) : idle(air, t, r, outputs);
            errors[top] = s;
            for (int l = top - 1; l >= 0; l--) {
                errors[l] = writeHiddenBackward(t, air, l, r, epoch, i, a, w, errors[l + 1], signs[l], tamper, checked);
            }
            for (int l = 0; l <= top; l++) {
                for (int u = 0; u < net.units(l); u++) {
                    int base = net.weight(l, u, 0);
                    for (int k = 0; k < net.width(l); k++) {
                        terms[base + k] = errors[l][u] * layerIn[l][k]; // |.| < 2^20 * 2^31
                    }
                }
            }
            if (curve != null) {
                curve.write(t, r, i, epoch, active, a, s, standardised[d][i]);
            }
            for (int o = 0; o < outputs; o++) {
                long shiftedS = s[o] + (1L << FixedPointStep.SCALED_ERROR_BITS);
                t.set(air.outputColumn(o, air.colSl), r, shiftedS & 0xFFFF);
                t.set(air.outputColumn(o, air.colSh), r, shiftedS >>> 16);
                t.set(air.outputColumn(o, air.colSinv), r, Goldilocks.fromSigned(shiftedS)); // inverted with its column
            }

            if (period.end[i]) {
                long m = period.pos[i] + 1L;
                long divisor = m * TWO16;
                long[] remainders = new long[weights];
                boolean update = tamper.update(r);
                for (int j = 0; j < weights; j++) {
                    long gradient = g[j] + terms[j]; // |.| < 2^11 * 2^51
                    long delta = update && tamper.updates(r, j) ? Math.floorDiv(gradient, divisor) : 0;
                    remainders[j] = gradient - delta * divisor;
                    w[j] -= delta;
                    if (checked && !FixedPointStep.within(w[j], FixedPointStep.WEIGHT_BOUND)) {
                        throw overflow("weight " + j, epoch, i, w[j]);
                    }
                    g[j] = 0;
                }
                fillBatch(t, air, period, pendingFrom, r, remainders, h);
                pendingFrom = r + 1;
            } else {
                for (int j = 0; j < weights; j++) {
                    g[j] += terms[j];
                }
            }
        }
        fillBatch(t, air, period, pendingFrom, n - 1, new long[weights], h);
        // The inverse witnesses hold the values to invert until here: one batch per column.
        for (int o = 0; o < outputs; o++) {
            Goldilocks.batchInvertOrZeroInPlace(t.column(air.outputColumn(o, air.colPinv)));
            Goldilocks.batchInvertOrZeroInPlace(t.column(air.outputColumn(o, air.colSinv)));
        }
        for (int u = 0; u < air.slots(); u++) {
            Goldilocks.batchInvertOrZeroInPlace(t.column(air.colSlot0 + TrainingAir.SLOT_WIDTH * u + 4));
        }
        for (HiddenLayerColumns layer : air.hidden()) {
            for (int u = 0; u < layer.units(); u++) {
                Goldilocks.batchInvertOrZeroInPlace(t.column(layer.column(u, HiddenLayerColumns.ZINV)));
                Goldilocks.batchInvertOrZeroInPlace(t.column(layer.column(u, HiddenLayerColumns.QINV)));
            }
        }
        return new Result(air.traces(t, !checked), w, curve == null ? LearningCurve.NONE : curve.curve());
    }

    /**
     * Every column of every data row {@code i < h} as training reads it: the standardised raw
     * value, and 0 on padding rows, as the dataset-bounds table offers them.
     */
    private static long[][] standardised(Standardization standardization, QuantizedDataset data, int h) {
        int d = data.numFeatures();
        long[][] out = new long[d + 1][h];
        for (int c = 0; c <= d; c++) {
            long[] raw = c < d ? data.features()[c] : data.targets();
            for (int i = 0; i < h; i++) {
                out[c][i] = i < raw.length ? standardization.standardise(c, raw[i]) : 0;
            }
        }
        return out;
    }

    /** The scaled errors of an idle row, all 0; a softmax's columns still need its idle values. */
    private static long[] idle(TrainingAir air, TraceTable t, int r, int outputs) {
        if (air.softmax() != null) {
            air.softmax().writeIdle(t, r, -(1L << FixedPointStep.PREDICTION_BITS)); // the idle rows' zero limbs
        }
        return new long[outputs];
    }

    /** Writes row {@code r}'s predictions, outputs and scaled errors and returns the scaled errors. */
    private static long[] writeSample(TrainingStatement statement, TraceTable t, TrainingAir air, int r, int epoch,
                                      int i, long[] w, long[] x, long lr, long y, Tamper tamper, boolean checked) {
        int outputs = air.outputs();
        Network net = air.network();
        int top = net.layers() - 1;
        long[] preds = new long[outputs];
        for (int o = 0; o < outputs; o++) {
            // At most 255 terms below 2^24 * 2^31 and the bias below 2^40: below 2^63, no long overflow.
            long dot = 0;
            int base = net.weight(top, o, 0);
            for (int j = 0; j < x.length; j++) {
                dot += w[base + j] * x[j];
            }
            preds[o] = tamper.prediction(r, Math.floorDiv(dot, TWO16));
            if (checked && !FixedPointStep.within(preds[o], FixedPointStep.PREDICTION_BOUND)) {
                throw overflow("prediction", epoch, i, preds[o]);
            }
            writePrediction(t, air, o, r, dot, preds[o], tamper);
        }
        long[] out = switch (statement.model()) {
            case LINEAR, MLP_REGRESSION -> preds;
            case LOGISTIC -> new long[] {writeSigmoid(t, air, r, preds[0], tamper)};
            case SOFTMAX, MLP -> air.softmax().write(t, r, preds, (int) Math.floorDiv(y, TWO16), tamper.softmax());
        };
        long[] targets = air.softmax() != null ? air.softmax().targets(t, r) : new long[] {y};
        long[] s = new long[outputs];
        for (int o = 0; o < outputs; o++) {
            long target = targets[o];
            // In the field, as the AIR checks it: |lr (out - y)| < 2^16 2^32 for honest values, so this
            // is the integer; a cheat's non-integer output still gets the scaled error its row implies.
            long scaled = Goldilocks.toSigned(Goldilocks.mul(Goldilocks.reduce(lr),
                    Goldilocks.sub(Goldilocks.fromSigned(out[o]), Goldilocks.fromSigned(target))));
            s[o] = Math.floorDiv(scaled, TWO16);
            if (checked && !FixedPointStep.within(s[o], FixedPointStep.SCALED_ERROR_BOUND)) {
                throw overflow("scaled error", epoch, i, s[o]);
            }
            t.set(air.outputColumn(o, air.colR2), r, Math.floorMod(scaled, TWO16));
        }
        return s;
    }

    /**
     * Writes hidden layer {@code l}'s forward columns at row {@code r} from its inputs {@code in}
     * (bias last) and fills {@code out} with its activations; returns the units' signs. Idle rows
     * write {@code z = 0}, whose limbs and inverse still satisfy the every-row checks.
     */
    private static boolean[] writeHiddenForward(TraceTable t, TrainingAir air, int l, int r, int epoch, int i,
                                                boolean a, long[] w, long[] in, long[] out, Tamper tamper,
                                                boolean checked) {
        HiddenLayerColumns layer = air.hidden().get(l);
        Network net = air.network();
        boolean[] signs = new boolean[layer.units()];
        for (int u = 0; u < layer.units(); u++) {
            long dot = 0;
            int base = net.weight(l, u, 0);
            for (int k = 0; k < in.length; k++) {
                dot += w[base + k] * in[k]; // as a prediction's: below 2^63
            }
            long z = a ? Math.floorDiv(dot, TWO16) : 0;
            if (checked && !FixedPointStep.within(z, FixedPointStep.PREDICTION_BOUND)) {
                throw overflow("hidden value " + (l + 1) + "." + (u + 1), epoch, i, z);
            }
            long shifted = z - 1 + (1L << HiddenLayerColumns.VALUE_BITS);
            boolean sign = shifted >>> HiddenLayerColumns.VALUE_BITS == 1;
            long zh = (shifted >>> 16) & 0x7FFF;
            if (tamper.flipsSign(r, l, u)) {
                zh = sign ? zh + (1L << 15) : Goldilocks.sub(zh, 1L << 15);
                sign = !sign;
            }
            signs[u] = sign;
            long act = tamper.activation(r, l, u, z, sign ? z : 0);
            out[u] = act;
            t.set(layer.column(u, HiddenLayerColumns.ZL), r, shifted & 0xFFFF);
            t.set(layer.column(u, HiddenLayerColumns.ZH), r, zh);
            t.set(layer.column(u, HiddenLayerColumns.SIGN), r, sign ? 1 : 0);
            t.set(layer.column(u, HiddenLayerColumns.R1), r, a ? Math.floorMod(dot, TWO16) : 0);
            t.set(layer.column(u, HiddenLayerColumns.ZINV), r, Goldilocks.fromSigned(shifted - ((1L << 32) - 1))); // inverted with its column
            t.set(layer.column(u, HiddenLayerColumns.ACT), r, Goldilocks.fromSigned(act));
        }
        return signs;
    }

    /**
     * Writes hidden layer {@code l}'s backward columns at row {@code r} from the errors
     * {@code above} of the layer above and returns the layer's errors {@code delta}, all 0 on idle
     * rows (whose quotient is written as 0).
     */
    private static long[] writeHiddenBackward(TraceTable t, TrainingAir air, int l, int r, int epoch, int i,
                                              boolean a, long[] w, long[] above, boolean[] signs, Tamper tamper,
                                              boolean checked) {
        HiddenLayerColumns layer = air.hidden().get(l);
        Network net = air.network();
        long[] deltas = new long[layer.units()];
        int base = net.offset(l + 1);
        int width = net.width(l + 1);
        for (int u = 0; u < layer.units(); u++) {
            long back = 0;
            for (int o = 0; o < above.length; o++) {
                back += w[base + o * width + u] * above[o]; // at most 255 terms below 2^44
            }
            long q = a ? Math.floorDiv(back, TWO16) : 0;
            if (checked && !FixedPointStep.within(q, FixedPointStep.SCALED_ERROR_BOUND)) {
                throw overflow("backpropagated error " + (l + 1) + "." + (u + 1), epoch, i, q);
            }
            long shifted = q + (1L << HiddenLayerColumns.ERROR_BITS);
            deltas[u] = tamper.delta(r, l, u, q, a && signs[u] ? q : 0);
            t.set(layer.column(u, HiddenLayerColumns.QL), r, shifted & 0xFFFF);
            t.set(layer.column(u, HiddenLayerColumns.QH), r, shifted >>> 16);
            t.set(layer.column(u, HiddenLayerColumns.R2), r, a ? Math.floorMod(back, TWO16) : 0);
            t.set(layer.column(u, HiddenLayerColumns.QINV), r, Goldilocks.fromSigned(shifted)); // inverted with its column
            t.set(layer.column(u, HiddenLayerColumns.DELTA), r, Goldilocks.fromSigned(deltas[u]));
        }
        return deltas;
    }

    /** Writes output {@code o}'s prediction limbs, inverse witness and remainder at row {@code r}. */
    private static void writePrediction(TraceTable t, TrainingAir air, int o, int r, long dot, long pred, Tamper tamper) {
        int colPl = air.outputColumn(o, air.colPl);
        int colPh = air.outputColumn(o, air.colPh);
        int colPinv = air.outputColumn(o, air.colPinv);
        int colR1 = air.outputColumn(o, air.colR1);
        long shiftedPred = pred + (1L << FixedPointStep.PREDICTION_BITS);
        t.set(colPl, r, shiftedPred & 0xFFFF);
        t.set(colPh, r, shiftedPred >>> 16);
        t.set(colPinv, r, Goldilocks.fromSigned(shiftedPred)); // inverted with its column
        t.set(colR1, r, Goldilocks.fromSigned(dot - pred * TWO16));
        if (tamper.wrapQuotient(r)) {
            long remainder = (Math.floorMod(dot, TWO16) + 1) % TWO16;
            long inv = Goldilocks.inv(TWO16);
            long wrapped = Goldilocks.mul(Goldilocks.sub(Goldilocks.fromSigned(dot), remainder), inv);
            // limbs with pl = 0: pred + 2^31 = 2^16 ph in the field
            long ph = Goldilocks.mul(Goldilocks.add(wrapped, 1L << FixedPointStep.PREDICTION_BITS), inv);
            t.set(colPl, r, 0);
            t.set(colPh, r, ph);
            t.set(colPinv, r, Goldilocks.mul(ph, TWO16));
            t.set(colR1, r, remainder);
        }
    }

    /** The learning curve's columns ({@link CurveColumns}), row by row, and the curve they end at. */
    private static final class CurveWriter {
        private final CurveColumns columns;
        private final int outColumn;
        private final SoftmaxOutput softmax;
        private final int h;
        private final long[] lossSums;
        private final long[] correct;
        private long lossSum;
        private long hits;

        CurveWriter(TrainingAir air, int epochs, int h) {
            this.columns = air.curve();
            this.outColumn = air.sigmoid() == null ? -1 : air.sigmoid().colOut;
            this.softmax = air.softmax();
            this.h = h;
            this.lossSums = new long[epochs];
            this.correct = new long[outColumn >= 0 || softmax != null ? epochs : 0];
        }

        /** Row {@code r}, data row {@code i} of epoch slot {@code epoch}, after its outputs and scaled errors {@code s}. */
        void write(TraceTable t, int r, int i, int epoch, boolean active, boolean trains, long[] s, long target) {
            if (i == 0) {
                lossSum = 0;
                hits = 0;
            }
            for (long so : s) {
                lossSum = Goldilocks.add(lossSum, Goldilocks.reduce(so * so)); // s^2 < 2^40
            }
            t.set(columns.colEp, r, epoch);
            t.set(columns.colLoss, r, lossSum);
            if (softmax != null) {
                long correct = trains ? softmax.correct(t, r) : 0;
                hits = Goldilocks.add(hits, correct);
                t.set(columns.colCor, r, correct);
                t.set(columns.colHit, r, hits);
            }
            if (outColumn >= 0) {
                long out = Goldilocks.toSigned(t.get(outColumn, r));
                int predicted = Sigmoid.predictedClass(out);
                t.set(columns.colCls, r, predicted);
                t.set(columns.colCg, r, Goldilocks.fromSigned(predicted == 1 ? out - TWO16 / 2 : TWO16 / 2 - 1 - out));
                hits += trains && predicted * TWO16 == target ? 1 : 0;
                t.set(columns.colHit, r, hits);
            }
            if (i == h - 1 && active) {
                lossSums[epoch] = lossSum;
                if (correct.length > 0) {
                    correct[epoch] = hits;
                }
            }
        }

        LearningCurve curve() {
            return new LearningCurve(lossSums, correct);
        }
    }

    /** Writes row {@code r}'s sigmoid columns for the score {@code z} and returns the output. */
    private static long writeSigmoid(TraceTable t, TrainingAir air, int r, long z, Tamper tamper) {
        long ph = (z + (1L << FixedPointStep.PREDICTION_BITS)) >>> 16;
        int saturation = tamper.saturation(r, z >= Sigmoid.INPUT_BOUND ? 1 : z < -Sigmoid.INPUT_BOUND ? -1 : 0);
        long out;
        if (saturation > 0) {
            out = FixedPointStep.ONE;
            t.set(air.sigmoid().colSatHi, r, 1);
            t.set(air.sigmoid().colGap, r, Goldilocks.fromSigned(SigmoidOutput.highGap(ph)));
        } else if (saturation < 0) {
            out = 0;
            t.set(air.sigmoid().colSatLo, r, 1);
            t.set(air.sigmoid().colGap, r, Goldilocks.fromSigned(SigmoidOutput.lowGap(ph)));
        } else {
            long pb = tamper.lowByte(r, z, (z + Sigmoid.INPUT_BOUND) & ((1L << Sigmoid.STEP_BITS) - 1));
            long key = Math.floorDiv(z + Sigmoid.INPUT_BOUND - pb, 1L << Sigmoid.STEP_BITS);
            long clamped = Math.max(0, Math.min((1L << Sigmoid.LOG_ROWS) - 1, key));
            out = Sigmoid.apply((clamped << Sigmoid.STEP_BITS) - Sigmoid.INPUT_BOUND);
            t.set(air.sigmoid().colPb, r, Goldilocks.fromSigned(pb));
        }
        out = tamper.output(r, out);
        t.set(air.sigmoid().colOut, r, Goldilocks.fromSigned(out));
        return out;
    }

    private static IllegalStateException overflow(String what, int epoch, int row, long value) {
        return new IllegalStateException("trace overflow at epoch " + (epoch + 1) + ", row " + (row + 1) + ": " + what
                + " = " + value + " (scaled)");
    }

    /**
     * Rows {@code from..to} (the batch ending at {@code to} and the padding rows before it) carry
     * the batch's remainders; its slot rows carry the limbs of one remainder and one weight each,
     * every other row limbs of 1 so that the weight-inverse constraint holds.
     */
    private static void fillBatch(TraceTable t, TrainingAir air, Period period, int from, int to,
                                  long[] remainders, int h) {
        int weights = remainders.length;
        int slots = air.slots();
        for (int r = from; r <= to; r++) {
            for (int j = 0; j < weights; j++) {
                t.set(air.colR + j, r, Goldilocks.fromSigned(remainders[j]));
            }
            int i = r & (h - 1);
            for (int u = 0; u < slots; u++) {
                int base = air.colSlot0 + TrainingAir.SLOT_WIDTH * u;
                // A last batch that the padding joins has its slot rows there too (pos = virtualPos on data rows).
                int position = period.padded() ? period.virtualPos[i] : period.pos[i];
                int j = position * slots + u;
                boolean slotRow = (period.valid[i] || period.padded()) && position < air.positions() && j < weights;
                long shiftedW = slotRow ? Goldilocks.toSigned(t.get(air.colW + j, r)) + FixedPointStep.WEIGHT_BOUND : 1;
                if (slotRow) {
                    t.set(base, r, remainders[j] & 0xFFFF);
                    t.set(base + 1, r, Goldilocks.reduce(remainders[j] >>> 16));
                }
                t.set(base + 2, r, shiftedW & 0xFFFF);
                t.set(base + 3, r, shiftedW >>> 16);
                t.set(base + 4, r, Goldilocks.fromSigned(shiftedW)); // inverted with its column
            }
        }
    }
}
