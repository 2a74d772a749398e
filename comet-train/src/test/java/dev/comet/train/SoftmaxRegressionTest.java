package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.TraceTable;
import dev.comet.data.ClassLabels;
import dev.comet.data.QuantizedDataset;
import dev.comet.data.Quantizer;
import dev.comet.data.SyntheticDataset;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.train.softmax.Softmax;
import dev.comet.train.softmax.SoftmaxOutput;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Softmax regression: the exp table, honest proofs at several shapes, and provers that cheat. */
class SoftmaxRegressionTest {
    private static final ProverSettings NO_SELF_CHECK = ProverSettings.defaults().withoutSelfCheck();

    static ClassLabels labels(int classes) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            out.add(String.valueOf(k));
        }
        return ClassLabels.of(out);
    }

    static QuantizedDataset data(int rows, int features, int classes, long seed) throws Exception {
        return new Quantizer().quantize(SyntheticDataset.classification(rows, features, classes, seed));
    }

    static TrainingSpec spec(String lr, int batch, int epochs, int features, int classes) {
        return TrainingSpec.of(lr, batch, epochs, features).forModel(ModelKind.SOFTMAX, labels(classes));
    }

    /** A run's statement (with its learning curve), commitment and traces, built under {@code tamper}. */
    record Run(TrainingStatement statement, DatasetCommitment commitment, TrainingTrace.Result result) {
        static Run of(QuantizedDataset data, TrainingSpec spec, TrainingTrace.Tamper tamper) {
            MlpTrainingTest.Run run = MlpTrainingTest.Run.of(data, spec, tamper); // the same builder serves every model
            return new Run(run.statement(), run.commitment(), run.result());
        }

        VerificationResult proveAndVerify(ProverSettings settings) {
            TrainingAir air = TrainingAir.forProver(statement, commitment);
            StarkProof proof = new StarkProver(ProofOptions.test(), settings).prove(air.tables(), result.traces(),
                    TrainingAir.segments(commitment.segment()));
            return new StarkVerifier(0).verify(TrainingAir.forVerifier(statement).tables(), proof);
        }

        /** The first active trace row that satisfies {@code test}. */
        int firstActiveRow(IntPredicate test) {
            TrainingAir air = TrainingAir.forProver(statement, commitment);
            TraceTable t = result.trace();
            for (int r = 0; r < t.length(); r++) {
                if (t.get(air.colA, r) == 1 && test.test(r)) {
                    return r;
                }
            }
            throw new AssertionError("no such row");
        }

        SoftmaxOutput columns() {
            return TrainingAir.forProver(statement, commitment).softmax();
        }
    }

    // --- the function ------------------------------------------------------------------------------

    /** The table's content is pinned: a change to it needs a new table name, or old proofs would change meaning. */
    @Test
    void theTablesContentIsPinnedUnderItsName() {
        assertEquals("comet/exp-q16/v1", Softmax.NAME);
        assertEquals("dbab25a995267d70499230981508bd8e35a995b035da0f68417643284757bba4", FunctionTableTest.digest(Softmax.columns()));
    }

    @Test
    void theFixedPointSoftmaxStaysWithinItsDocumentedError() {
        SplittableRandom random = new SplittableRandom(5);
        double worst = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            int k = 2 + random.nextInt(15);
            long[] z = new long[k];
            double spread = trial % 3 == 0 ? 1 : trial % 3 == 1 ? 6 : 40;
            for (int i = 0; i < k; i++) {
                z[i] = Math.round(random.nextGaussian() * spread * 65536);
            }
            long[] p = Softmax.probabilities(z);
            double[] exact = FloatTrainer.softmax(FixedPointStep.toReal(z));
            long sum = 0;
            for (int i = 0; i < k; i++) {
                worst = Math.max(worst, Math.abs(p[i] / 65536.0 - exact[i]));
                assertTrue(p[i] >= 0 && p[i] <= 65536);
                sum += p[i];
            }
            assertTrue(sum <= 65536 && sum > 65536 - k, "floored probabilities sum to 1 less under K units: " + sum);
        }
        assertTrue(worst <= Softmax.MAX_ERROR, "largest error " + worst);
        assertTrue(worst > Softmax.MAX_ERROR / 10, "the test reaches the bound's order: " + worst);
        assertEquals(0, Softmax.exp(Softmax.GAP_BOUND));
        assertEquals(65408, Softmax.exp(0));
        assertEquals(1, Softmax.predictedClass(new long[] {3, 7, 7}), "the first maximum");
    }

    // --- honest runs -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} rows x {1} features, {2} classes, batch {3}, {4} epochs, lr {5}")
    @CsvSource({"37, 3, 3, 8, 2, 0.5", "30, 2, 2, 7, 2, 0.3", "64, 4, 10, 16, 1, 0.2", "13, 1, 4, 4, 3, 1",
        "50, 5, 16, 9, 2, 0.1"})
    void honestRunsMatchTheTrainerAndVerify(int rows, int features, int classes, int batch, int epochs, String lr)
            throws Exception {
        QuantizedDataset data = data(rows, features, classes, rows * 31L + classes);
        TrainingSpec spec = spec(lr, batch, epochs, features, classes).withSeed(rows);
        Run run = Run.of(data, spec, TrainingTrace.Tamper.NONE);
        TrainingResult trainer = FixedPointTrainer.train(Standardization.ofFeatures(data).apply(data), spec);
        assertArrayEquals(trainer.weights(), run.result().finalWeights(), "trace and trainer agree bit for bit");
        assertEquals(trainer.curve(), run.result().curve(), "and on the learning curve");
        VerificationResult result = run.proveAndVerify(ProverSettings.defaults());
        assertTrue(result.valid(), result.reason());
    }

    @Test
    void theFloatTwinAndTheBaselineAgreeWithTheFixedPointModelOnAccuracy() throws Exception {
        QuantizedDataset data = data(600, 6, 4, 9);
        TrainingSpec spec = spec("0.1", 16, 20, 6, 4);
        Standardization z = Standardization.ofFeatures(data);
        long[] weights = FixedPointTrainer.train(z.apply(data), spec).weights();
        ClassifierReport report = ClassifierReport.of(z.apply(data), spec, weights);
        assertTrue(Math.abs(report.fixedAccuracy() - report.floatAccuracy()) <= 0.01, report.toString());
        assertTrue(report.baselineAccuracy() - report.fixedAccuracy() <= 0.03, report.toString());
        assertTrue(report.fixedAccuracy() > 0.7, report.toString());
        assertTrue(report.baselineLogLoss() <= report.floatLogLoss() + 1e-9, "the baseline minimises the loss");
    }

    @Test
    void seededSoftmaxWeightsAreGlorotOverAllClassesWithZeroBiases() {
        long[] w = SeededInit.weights(3, 4, 5);
        assertEquals(25, w.length);
        for (int k = 0; k < 5; k++) {
            assertEquals(0, w[k * 5 + 4], "bias of class " + k);
        }
        long limit = SeededInit.limit(4 + 5);
        assertTrue(java.util.Arrays.stream(w).allMatch(v -> Math.abs(v) <= limit));
        assertArrayEquals(SeededInit.weights(3, 4, 1), java.util.Arrays.copyOf(SeededInit.weights(3, 4, 1), 5));
    }

    // --- cheating provers (self-check off) -----------------------------------------------------------

    private static Run cheat(QuantizedDataset data, TrainingSpec spec, SoftmaxOutput.Tamper softmax) {
        return Run.of(data, spec, new TrainingTrace.Tamper() {
            @Override
            public SoftmaxOutput.Tamper softmax() {
                return softmax;
            }
        });
    }

    @Test
    void aWrongExpValueIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        for (long delta : new long[] {1, -1, 500}) {
            Run cheat = cheat(data, spec, new SoftmaxOutput.Tamper() {
                @Override
                public long exp(int row, int k, long honest) {
                    return row == 3 && k == 1 ? honest + delta : honest;
                }
            });
            assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid(), "exp off by " + delta);
        }
    }

    @Test
    void aWrongNormaliserIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        for (long delta : new long[] {1, -1, 65536}) {
            Run cheat = cheat(data, spec, new SoftmaxOutput.Tamper() {
                @Override
                public long normaliser(int row, long honest) {
                    return row == 5 ? honest + delta : honest;
                }
            });
            assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid(), "normaliser off by " + delta);
        }
    }

    @Test
    void aProbabilityOtherThanTheQuotientIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        for (long delta : new long[] {1, -1}) {
            Run cheat = cheat(data, spec, new SoftmaxOutput.Tamper() {
                @Override
                public long probability(int row, int k, long honest) {
                    return row == 2 && k == 0 ? honest + delta : honest;
                }
            });
            assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid(), "probability off by " + delta);
        }
    }

    @Test
    void selectingAScoreBelowTheMaximumIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        Run cheat = cheat(data, spec, new SoftmaxOutput.Tamper() {
            @Override
            public long[] selector(int row, long[] z, int best, int target) {
                // another class as the maximum: some gaps go negative
                return SoftmaxOutput.Tamper.super.selector(row, z, row == 4 ? (best + 1) % 3 : best, target);
            }
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** Two classes of equal weights score alike on every row: the maximum is tied. */
    @Test
    void selectingTheSecondOfTiedMaximaIsRejectedAndTheFirstVerifies() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        long[] w = new long[9];
        w[0] = w[3] = 20000; // classes 0 and 1 equal, class 2 zero
        w[1] = w[4] = -7000;
        TrainingSpec spec = spec("0.01", 20, 1, 2, 3).withInitialWeights(w);
        Run honest = Run.of(data, spec, TrainingTrace.Tamper.NONE);
        int row = honest.firstActiveRow(r -> honest.result().trace().get(honest.columns().col(0, 0), r) == 1);
        assertTrue(honest.proveAndVerify(NO_SELF_CHECK).valid());
        Run cheat = cheat(data, spec, new SoftmaxOutput.Tamper() {
            @Override
            public long[] selector(int r, long[] z, int best, int target) {
                // the same maximum, a later class: another predicted class
                return SoftmaxOutput.Tamper.super.selector(r, z, r == row ? 1 : best, target);
            }
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** A cheat that edits one row's columns (the first active row that {@code edit} accepts), downstream kept consistent. */
    private interface RowEdit {
        boolean apply(TraceTable t, int row, SoftmaxOutput c);
    }

    private static Run editOnce(QuantizedDataset data, TrainingSpec spec, RowEdit edit) {
        boolean[] done = {false};
        Run run = cheat(data, spec, new SoftmaxOutput.Tamper() {
            @Override
            public void edit(TraceTable t, int row, SoftmaxOutput c) {
                if (!done[0]) {
                    done[0] = edit.apply(t, row, c);
                }
            }
        });
        assertTrue(done[0], "the cheat found a row to edit");
        return run;
    }

    private static long get(TraceTable t, int row, SoftmaxOutput c, int k, int field) {
        return dev.comet.field.Goldilocks.toSigned(t.get(c.col(k, field), row));
    }

    private static void set(TraceTable t, int row, SoftmaxOutput c, int k, int field, long value) {
        t.set(c.col(k, field), row, dev.comet.field.Goldilocks.fromSigned(value));
    }

    // Field offsets of a class block, as SoftmaxOutput lays them out.
    private static final int E = 5;
    private static final int PL = 6;
    private static final int PBIT = 7;
    private static final int RL = 8;
    private static final int RH = 9;
    private static final int QL = 10;
    private static final int QH = 11;
    private static final int YOH = 13;

    @Test
    void trainingTowardsAnotherClassThanTheTargetIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        Run cheat = editOnce(data, spec, (t, row, c) -> {
            int target = get(t, row, c, 0, YOH) == 1 ? 0 : get(t, row, c, 1, YOH) == 1 ? 1 : 2;
            set(t, row, c, target, YOH, 0);
            set(t, row, c, (target + 1) % 3, YOH, 1);
            return true;
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** Target 1 of three written as half class 0 and half class 2: the same index sum, a different loss. */
    @Test
    void aFractionalOneHotTargetIsRejected() throws Exception {
        QuantizedDataset data = data(30, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        long half = dev.comet.field.Goldilocks.inv(2);
        Run cheat = editOnce(data, spec, (t, row, c) -> {
            if (get(t, row, c, 1, YOH) != 1) {
                return false;
            }
            set(t, row, c, 1, YOH, 0);
            t.set(c.col(0, YOH), row, half);
            t.set(c.col(2, YOH), row, half);
            return true;
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** A selector that is not one-hot but sums to 1 can place {@code m} above the maximum. */
    @Test
    void aMaximumAboveTheLargestScoreIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        boolean[] done = {false};
        Run cheat = cheat(data, spec, new SoftmaxOutput.Tamper() {
            @Override
            public long[] selector(int row, long[] z, int best, int target) {
                int other = (best + 1) % z.length;
                // the target neither of the two: the row's count of correct rows stays 0, as it would honestly
                if (done[0] || z[other] == z[best] || target == best || target == other) {
                    return SoftmaxOutput.Tamper.super.selector(row, z, best, target);
                }
                done[0] = true;
                long m = z[best] + 3 * 256 + 17;
                long a = dev.comet.field.Goldilocks.mul(dev.comet.field.Goldilocks.fromSigned(m - z[other]),
                        dev.comet.field.Goldilocks.inv(dev.comet.field.Goldilocks.fromSigned(z[best] - z[other])));
                long[] sel = new long[z.length];
                sel[best] = a;
                sel[other] = dev.comet.field.Goldilocks.sub(1, a);
                return sel;
            }
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    @Test
    void aMaximumOtherThanTheSelectedScoreIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        Run cheat = cheat(data, spec, new SoftmaxOutput.Tamper() {
            @Override
            public long maximum(int row, long honest) {
                return row == 3 ? honest + 5 * 256 : honest;
            }
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** Target 0 written with no class marked: the index sum is still 0. */
    @Test
    void aTargetOfNoClassIsRejected() throws Exception {
        QuantizedDataset data = data(30, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        Run cheat = editOnce(data, spec, (t, row, c) -> {
            if (get(t, row, c, 0, YOH) != 1) {
                return false;
            }
            set(t, row, c, 0, YOH, 0);
            return true;
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** All scores negative: an all-zero selector would put {@code m} at 0, above them all. */
    @Test
    void anEmptySelectorIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        long[] w = {3000, -2000, -(1L << 19), -4000, 1000, -(1L << 19), 500, 700, -(1L << 19)};
        TrainingSpec spec = spec("0.01", 4, 1, 2, 3).withInitialWeights(w);
        boolean[] done = {false};
        Run cheat = cheat(data, spec, new SoftmaxOutput.Tamper() {
            @Override
            public long[] selector(int row, long[] z, int best, int target) {
                if (done[0] || z[best] >= 0) {
                    return SoftmaxOutput.Tamper.super.selector(row, z, best, target);
                }
                done[0] = true;
                return new long[z.length];
            }
        });
        assertTrue(Run.of(data, spec, TrainingTrace.Tamper.NONE).proveAndVerify(NO_SELF_CHECK).valid());
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    @Test
    void claimingSaturationOfAGapInsideTheTableIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        boolean[] done = {false};
        Run cheat = cheat(data, spec, new SoftmaxOutput.Tamper() {
            @Override
            public boolean saturated(int row, int k, boolean honest) {
                if (!done[0] && !honest && row == 3 && k == 1) {
                    done[0] = true;
                    return true;
                }
                return honest;
            }
        });
        assertTrue(done[0]);
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** A low byte of 256 more names the table row before: only the byte's range check catches it. */
    @Test
    void aLowByteOutOfRangeIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        boolean[] done = {false};
        Run cheat = cheat(data, spec, new SoftmaxOutput.Tamper() {
            @Override
            public long lowByte(int row, int k, long gap, long honest) {
                if (!done[0] && row >= 2 && gap >= 256) {
                    done[0] = true;
                    return honest + 256;
                }
                return honest;
            }
        });
        assertTrue(done[0]);
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** A false saturation whose gap limbs solve the equation in the field: only their range check catches it. */
    @Test
    void aSaturationWithWrappedGapLimbsIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        boolean[] claimed = {false};
        Run cheat = cheat(data, spec, new SoftmaxOutput.Tamper() {
            @Override
            public boolean saturated(int row, int k, boolean honest) {
                if (!claimed[0] && row == 3 && k == 1 && !honest) {
                    claimed[0] = true;
                    return true;
                }
                return honest;
            }

            @Override
            public long[] gapLimbs(int row, int k, long g) {
                // gl = 0, gh = g / 2^16 in the field: the gap equation holds
                return new long[] {0, dev.comet.field.Goldilocks.mul(dev.comet.field.Goldilocks.fromSigned(g),
                        dev.comet.field.Goldilocks.inv(65536))};
            }
        });
        assertTrue(claimed[0]);
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** Class 0's bias 20 units above the others: every other gap is past the table, saturated. */
    private static TrainingSpec saturatingSpec() {
        long[] w = new long[9];
        w[2] = 20L << 16;
        return spec("0.01", 4, 1, 2, 3).withInitialWeights(w);
    }

    @Test
    void aSaturatedGapWithAnExpOtherThan0IsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = saturatingSpec();
        assertTrue(Run.of(data, spec, TrainingTrace.Tamper.NONE).proveAndVerify(NO_SELF_CHECK).valid());
        Run cheat = cheat(data, spec, new SoftmaxOutput.Tamper() {
            @Override
            public long exp(int row, int k, long honest) {
                return row == 2 && k == 2 ? 40 : honest;
            }
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    @Test
    void denyingTheSaturationOfAGapPastTheTableIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        Run cheat = cheat(data, saturatingSpec(), new SoftmaxOutput.Tamper() {
            @Override
            public boolean saturated(int row, int k, boolean honest) {
                return row == 2 && k == 1 ? false : honest; // the table's last value instead of 0
            }
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** The probability one unit up, the remainder kept: the limbs are all in range, the division is not. */
    @Test
    void aProbabilityOffByOneWithItsRemainderKeptIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        Run cheat = editOnce(data, spec, (t, row, c) -> {
            long p = get(t, row, c, 0, PL);
            if (p == 0xFFFF || get(t, row, c, 0, PBIT) != 0) {
                return false;
            }
            set(t, row, c, 0, PL, p + 1);
            return true;
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /**
     * A non-boolean {@code pbit} lets {@code p = (2^16 e - r) / S} be a field element for any
     * remainder {@code r < S}; a search finds one whose scaled error {@code lr (p - y)} still lands in
     * the range its limbs allow (about one chance in 2^27 per remainder), and trains on it.
     */
    @Test
    void aNonIntegerProbabilityThroughANonBooleanHighBitIsRejected() throws Exception {
        QuantizedDataset data = data(600, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 16, 1, 2, 3).withSeed(1);
        Run honest = Run.of(data, spec, TrainingTrace.Tamper.NONE);
        TraceTable t = honest.result().trace();
        SoftmaxOutput c = honest.columns();
        TrainingAir air = TrainingAir.forProver(honest.statement(), honest.commitment());
        long lr = honest.statement().learningRateQ();
        long[] found = null; // row, class, remainder, p
        for (int r = 0; r < t.length() && found == null; r++) {
            if (t.get(air.colA, r) != 1) {
                continue;
            }
            long s = get(t, r, c, 0, E) + get(t, r, c, 1, E) + get(t, r, c, 2, E);
            long invS = dev.comet.field.Goldilocks.inv(s);
            for (int k = 0; k < 3 && found == null; k++) {
                long e = get(t, r, c, k, E);
                long y = get(t, r, c, k, YOH) << 16;
                long p = dev.comet.field.Goldilocks.mul(e << 16, invS); // remainder 0
                long v = dev.comet.field.Goldilocks.mul(lr, dev.comet.field.Goldilocks.sub(p, y));
                long dv = dev.comet.field.Goldilocks.mul(lr, invS);
                long honestS = Math.floorDiv(lr * (((e << 16) / s) - y), 65536);
                for (long rem = 0; rem < s; rem++) {
                    long signed = dev.comet.field.Goldilocks.toSigned(v);
                    // in the scaled error's range, and another scaled error than the honest one
                    if (signed > -(1L << 36) && signed < 1L << 36 && Math.floorDiv(signed, 65536) != honestS) {
                        found = new long[] {r, k, rem, p};
                        break;
                    }
                    p = dev.comet.field.Goldilocks.sub(p, invS);
                    v = dev.comet.field.Goldilocks.sub(v, dv);
                }
            }
        }
        assertTrue(found != null, "a lucky remainder exists in this run");
        long[] hit = found;
        Run cheat = editOnce(data, spec, (tt, row, cc) -> {
            if (row != hit[0]) {
                return false;
            }
            int k = (int) hit[1];
            long s = get(tt, row, cc, 0, E) + get(tt, row, cc, 1, E) + get(tt, row, cc, 2, E);
            tt.set(cc.col(k, PL), row, 0);
            tt.set(cc.col(k, PBIT), row, dev.comet.field.Goldilocks.mul(hit[3], dev.comet.field.Goldilocks.inv(65536)));
            set(tt, row, cc, k, RL, hit[2] & 0xFFFF);
            set(tt, row, cc, k, RH, hit[2] >> 16);
            set(tt, row, cc, k, QL, (s - 1 - hit[2]) & 0xFFFF);
            set(tt, row, cc, k, QH, (s - 1 - hit[2]) >> 16);
            return true;
        });
        int sl = air.outputColumn((int) hit[1], air.colSl);
        assertTrue(cheat.result().trace().get(sl, (int) hit[0]) != t.get(sl, (int) hit[0]),
                "the cheat trains on another scaled error");
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** One unit down with the remainder S larger: in range for its limbs, but not below S. */
    @Test
    void aRemainderOfSOrMoreIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        Run cheat = editOnce(data, spec, (t, row, c) -> {
            long p = get(t, row, c, 0, PL) + 65536 * get(t, row, c, 0, PBIT);
            if (p == 0) {
                return false;
            }
            long s = get(t, row, c, 0, E) + get(t, row, c, 1, E) + get(t, row, c, 2, E);
            long rem = get(t, row, c, 0, RL) + 65536 * get(t, row, c, 0, RH) + s;
            set(t, row, c, 0, PL, (p - 1) & 0xFFFF);
            set(t, row, c, 0, PBIT, (p - 1) >> 16);
            set(t, row, c, 0, RL, rem & 0xFFFF);
            set(t, row, c, 0, RH, rem >> 16);
            set(t, row, c, 0, QL, 0);
            set(t, row, c, 0, QH, 0);
            return true;
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** 37 rows in batches of 8: the last batch's 5 rows run through the 27 padding rows, the period's last row ends it. */
    @Test
    void theLastBatchEndingAtTheLastDataRowIsRejected() throws Exception {
        QuantizedDataset data = data(37, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 8, 2, 2, 3).withSeed(1);
        assertTrue(Run.of(data, spec, TrainingTrace.Tamper.NONE).proveAndVerify(NO_SELF_CHECK).valid());
        Run cheat = Run.of(data, spec, new TrainingTrace.Tamper() {
            @Override
            public boolean paddedLastBatch(boolean honest) {
                return false; // the batch structure of the other models
            }
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    @Test
    void aSkippedUpdateIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec spec = spec("0.5", 4, 2, 2, 3).withSeed(1);
        Run cheat = Run.of(data, spec, new TrainingTrace.Tamper() {
            @Override
            public boolean update(int row) {
                return row != 7;
            }
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    @Test
    void weightsNotFromTheStatedSeedAreRefused() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        TrainingSpec seeded = spec("0.5", 4, 2, 2, 3).withSeed(1);
        long[] other = seeded.initialWeights();
        other[4] += 1;
        assertThrows(IllegalArgumentException.class, () -> new TrainingSpec(seeded.fractionBits(), seeded.learningRate(),
                seeded.learningRateQ(), seeded.batchSize(), seeded.epochs(), other, ModelKind.SOFTMAX, seeded.classes(), 1L));
        Run run = Run.of(data, seeded, TrainingTrace.Tamper.NONE);
        TrainingStatement s = run.statement();
        assertThrows(IllegalArgumentException.class, () -> new TrainingStatement(s.datasetRoot(), s.rows(), s.features(),
                s.fractionBits(), s.featureNames(), s.targetName(), s.model(), s.classes(), s.standardization(),
                s.learningRateQ(), s.batchSize(), s.epochs(), other, s.finalWeights(), s.curve(), 1L));
    }

    @Test
    void aStatementWithAnotherClassCountOrWeightShapeIsRefused() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        Run run = Run.of(data, spec("0.5", 4, 2, 2, 3), TrainingTrace.Tamper.NONE);
        TrainingStatement s = run.statement();
        assertThrows(IllegalArgumentException.class, () -> new TrainingStatement(s.datasetRoot(), s.rows(), s.features(),
                s.fractionBits(), s.featureNames(), s.targetName(), s.model(), labels(4), s.standardization(),
                s.learningRateQ(), s.batchSize(), s.epochs(), s.initialWeights(), s.finalWeights(), s.curve()));
        assertThrows(IllegalArgumentException.class, () -> new TrainingStatement(s.datasetRoot(), s.rows(), s.features(),
                s.fractionBits(), s.featureNames(), s.targetName(), s.model(), labels(1 + 16), s.standardization(),
                s.learningRateQ(), s.batchSize(), s.epochs(), s.initialWeights(), s.finalWeights(), s.curve()));
    }

    @Test
    void aChangedFinalWeightOrCurveIsRejected() throws Exception {
        QuantizedDataset data = data(20, 2, 3, 2);
        Run run = Run.of(data, spec("0.5", 4, 2, 2, 3).withSeed(2), TrainingTrace.Tamper.NONE);
        TrainingAir air = TrainingAir.forProver(run.statement(), run.commitment());
        StarkProof proof = new StarkProver(ProofOptions.test(), ProverSettings.defaults()).prove(air.tables(),
                run.result().traces(), TrainingAir.segments(run.commitment().segment()));
        StarkVerifier verifier = new StarkVerifier(0);
        assertTrue(verifier.verify(TrainingAir.forVerifier(run.statement()).tables(), proof).valid());
        long[] w = run.statement().finalWeights();
        w[7] += 1; // a weight of the last class
        assertFalse(verifier.verify(TrainingAir.forVerifier(run.statement().withFinalWeights(w)).tables(), proof).valid());
        LearningCurve curve = run.statement().curve();
        long[] correct = curve.correct();
        correct[1] += 1;
        TrainingStatement claimed = run.statement().withOutcome(run.statement().finalWeights(),
                new LearningCurve(curve.lossSums(), correct));
        assertFalse(verifier.verify(TrainingAir.forVerifier(claimed).tables(), proof).valid());
        TrainingStatement s = run.statement();
        TrainingStatement relabelled = new TrainingStatement(s.datasetRoot(), s.rows(), s.features(), s.fractionBits(),
                s.featureNames(), s.targetName(), s.model(), ClassLabels.of(List.of("a", "b", "c")), s.standardization(),
                s.learningRateQ(), s.batchSize(), s.epochs(), s.initialWeights(), s.finalWeights(), s.curve(), s.initSeed());
        assertFalse(verifier.verify(TrainingAir.forVerifier(relabelled).tables(), proof).valid(), "other classes");
    }
}
