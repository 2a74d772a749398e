package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.TraceTable;
import dev.comet.data.ClassLabels;
import dev.comet.data.QuantizedDataset;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.train.logistic.Sigmoid;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Logistic regression: the sigmoid table, honest proofs at several shapes, and provers that cheat. */
class LogisticRegressionTest {
    private static final ProverSettings NO_SELF_CHECK = ProverSettings.defaults().withoutSelfCheck();
    private static final ClassLabels CLASSES = ClassLabels.of(List.of("no", "yes"));

    /**
     * Two classes separated by a noisy linear rule, features in units far apart (thousands next to
     * hundredths), so that standardisation matters; {@code sharpness} scales the rule, and with it
     * how far the trained scores go past the sigmoid table's ends.
     */
    static QuantizedDataset binary(int rows, int features, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[][] f = new long[features][rows];
        long[] y = new long[rows];
        for (int i = 0; i < rows; i++) {
            double score = 0.3;
            for (int j = 0; j < features; j++) {
                double scale = j % 2 == 0 ? 1000 : 0.01;
                double v = r.nextGaussian();
                f[j][i] = Math.round(scale * (2 + v) * 65536);
                score += (j % 3 == 0 ? -1 : 1) * v;
            }
            y[i] = score + noise * r.nextGaussian() > 0 ? FixedPointStep.ONE : 0;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add("x" + j);
        }
        return new QuantizedDataset(16, names, "label", f, y);
    }

    static TrainingSpec spec(String lr, int batch, int epochs, int features) {
        return TrainingSpec.of(lr, batch, epochs, features).forModel(ModelKind.LOGISTIC, CLASSES);
    }

    static TrainingStatement statement(DatasetCommitment c, QuantizedDataset data, ClassLabels classes, Standardization z,
                                       TrainingSpec spec, long[] finalWeights) {
        return new TrainingStatement(c.root(), data.rows(), data.numFeatures(), data.fractionBits(), data.featureNames(),
                data.targetName(), ModelKind.LOGISTIC, classes, z, spec.learningRateQ(), spec.batchSize(), spec.epochs(),
                spec.initialWeights(), finalWeights);
    }

    /** A run's statement, commitment and traces, built by the trace generator under {@code tamper}. */
    record Run(TrainingStatement statement, DatasetCommitment commitment, QuantizedDataset data,
               TrainingTrace.Result result) {
        static Run of(QuantizedDataset data, TrainingSpec spec, TrainingTrace.Tamper tamper) {
            Standardization z = Standardization.ofFeatures(data);
            DatasetCommitment c = DatasetCommitment.commit(data);
            TrainingStatement draft = LogisticRegressionTest.statement(c, data, CLASSES, z, spec, spec.initialWeights());
            TrainingTrace.Result result = TrainingTrace.build(draft, c, data, tamper);
            return new Run(draft.withFinalWeights(result.finalWeights()), c, data, result);
        }

        StarkProof prove(ProverSettings settings) {
            TrainingAir air = TrainingAir.forProver(statement, commitment);
            return new StarkProver(ProofOptions.test(), settings).prove(air.tables(), result.traces(),
                    TrainingAir.segments(commitment.segment()));
        }

        VerificationResult proveAndVerify(ProverSettings settings) {
            return verify(statement, prove(settings));
        }
    }

    static VerificationResult verify(TrainingStatement statement, StarkProof proof) {
        return new StarkVerifier(0).verify(TrainingAir.forVerifier(statement).tables(), proof);
    }

    // --- the table -----------------------------------------------------------------------------

    /** The table's content is pinned: a change to it needs a new table name, or old proofs would change meaning. */
    @Test
    void theTablesContentIsPinnedUnderItsName() {
        assertEquals("comet/sigmoid-q16/v1", Sigmoid.NAME);
        assertEquals("e2a26bf839c9bd388967d5dec2dccc3bd7a836db12e0ade8da1a695fae569b01", FunctionTableTest.digest(Sigmoid.columns()));
    }

    @Test
    void theFixedPointSigmoidStaysWithinItsDocumentedErrorAndIsMonotone() {
        double worst = 0;
        long previous = -1;
        for (long z = -(3L << 19); z < 3L << 19; z += 7) {
            long q = Sigmoid.apply(z);
            worst = Math.max(worst, Math.abs(q - 65536 * FloatTrainer.sigmoid(z / 65536.0)));
            assertTrue(q >= previous, "monotone at " + z);
            previous = q;
        }
        assertTrue(worst <= Sigmoid.MAX_ERROR_Q, "largest error " + worst);
        assertTrue(worst > Sigmoid.MAX_ERROR_Q - 2, "the bound is close to tight: " + worst);
        assertEquals(65536, Sigmoid.apply(Sigmoid.INPUT_BOUND));
        assertNotEquals(65536, Sigmoid.apply(Sigmoid.INPUT_BOUND - 1));
        assertEquals(0, Sigmoid.apply(-Sigmoid.INPUT_BOUND - 1));
        assertNotEquals(0, Sigmoid.apply(-Sigmoid.INPUT_BOUND));
    }

    // --- honest runs ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} rows x {1} features, batch {2}, {3} epochs, lr {4}")
    @CsvSource({"37, 3, 8, 2, 0.5", "5, 2, 16, 3, 0.3", "64, 4, 16, 1, 0.1", "100, 2, 7, 3, 1", "13, 1, 4, 2, 0.05",
        "200, 6, 32, 4, 0.2"})
    void honestRunsMatchTheTrainerAndVerify(int rows, int features, int batch, int epochs, String lr) throws Exception {
        QuantizedDataset data = binary(rows, features, 0.5, rows * 31L + features);
        TrainingSpec spec = spec(lr, batch, epochs, features);
        Run run = Run.of(data, spec, TrainingTrace.Tamper.NONE);
        long[] trainer = FixedPointTrainer.train(Standardization.ofFeatures(data).apply(data), spec).weights();
        assertArrayEquals(trainer, run.result().finalWeights(), "trace and trainer agree bit for bit");
        VerificationResult result = run.proveAndVerify(ProverSettings.defaults());
        assertTrue(result.valid(), result.reason());
    }

    /** Separable data and a large learning rate: scores pass both ends of the table, where the output saturates. */
    @Test
    void runsWhoseScoresSaturateBothWaysVerify() throws Exception {
        QuantizedDataset data = binary(64, 2, 0, 5);
        TrainingSpec spec = spec("1", 4, 8, 2);
        Recorder samples = new Recorder();
        FixedPointTrainer.train(Standardization.ofFeatures(data).apply(data), spec, new OutputRecorder(samples));
        assertTrue(samples.high > 0 && samples.low > 0, samples.high + " high, " + samples.low + " low");
        Run run = Run.of(data, spec, TrainingTrace.Tamper.NONE);
        assertTrue(run.proveAndVerify(ProverSettings.defaults()).valid());
    }

    private static final class Recorder {
        int high;
        int low;
    }

    private record OutputRecorder(Recorder counts) implements TrainingObserver {
        @Override
        public void onSample(int epoch, int batch, int row, long dot, long prediction, long predictionRemainder,
                             long output, long scaledError, long scaledErrorRemainder) {
            counts.high += Sigmoid.saturated(prediction) && prediction > 0 ? 1 : 0;
            counts.low += Sigmoid.saturated(prediction) && prediction < 0 ? 1 : 0;
        }
    }

    @Test
    void theFloatTwinAndTheFixedPointModelAgreeOnAccuracy() throws Exception {
        QuantizedDataset data = binary(400, 5, 0.3, 11);
        TrainingSpec spec = spec("0.1", 32, 20, 5);
        Standardization z = Standardization.ofFeatures(data);
        long[] weights = FixedPointTrainer.train(z.apply(data), spec).weights();
        ClassifierReport report = ClassifierReport.of(z.apply(data), spec, weights);
        assertTrue(Math.abs(report.fixedAccuracy() - report.floatAccuracy()) <= 0.01, report.toString());
        assertTrue(report.baselineAccuracy() - report.fixedAccuracy() <= 0.03, report.toString());
        assertTrue(report.fixedAccuracy() > 0.8, report.toString());
    }

    // --- cheating provers (self-check off) ---------------------------------------------------------

    /** The first active row whose score is inside the table, in trace order. */
    private static int firstUnsaturatedRow(Run run) {
        TrainingAir air = TrainingAir.forProver(run.statement(), run.commitment());
        TraceTable t = run.result().trace();
        for (int r = 0; r < t.length(); r++) {
            if (t.get(air.colA, r) == 1 && t.get(air.sigmoid().colSatHi, r) == 0 && t.get(air.sigmoid().colSatLo, r) == 0) {
                return r;
            }
        }
        throw new AssertionError("no unsaturated row");
    }

    @Test
    void aWrongSigmoidValueIsRejected() {
        QuantizedDataset data = binary(20, 2, 0.5, 3);
        TrainingSpec spec = spec("0.5", 4, 2, 2);
        int row = firstUnsaturatedRow(Run.of(data, spec, TrainingTrace.Tamper.NONE));
        for (long delta : new long[] {1, -1, 300}) {
            Run cheat = Run.of(data, spec, new TrainingTrace.Tamper() {
                @Override
                public long output(int r, long output) {
                    return r == row ? output + delta : output;
                }
            });
            assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid(), "output off by " + delta);
        }
    }

    @Test
    void claimingSaturationOfAScoreInsideTheTableIsRejected() {
        QuantizedDataset data = binary(20, 2, 0.5, 3);
        TrainingSpec spec = spec("0.5", 4, 2, 2);
        int row = firstUnsaturatedRow(Run.of(data, spec, TrainingTrace.Tamper.NONE));
        for (int claim : new int[] {1, -1}) {
            Run cheat = Run.of(data, spec, new TrainingTrace.Tamper() {
                @Override
                public int saturation(int r, int honest) {
                    return r == row ? claim : honest;
                }
            });
            assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid(), "claimed saturation " + claim);
        }
    }

    @Test
    void denyingTheSaturationOfAScoreOutsideTheTableIsRejected() {
        QuantizedDataset data = binary(64, 2, 0, 5);
        TrainingSpec spec = spec("1", 4, 8, 2);
        Run honest = Run.of(data, spec, TrainingTrace.Tamper.NONE);
        TrainingAir air = TrainingAir.forProver(honest.statement(), honest.commitment());
        TraceTable t = honest.result().trace();
        int row = -1;
        for (int r = 0; r < t.length() && row < 0; r++) {
            row = t.get(air.colA, r) == 1 && t.get(air.sigmoid().colSatHi, r) == 1 ? r : -1;
        }
        assertTrue(row >= 0, "a saturated row");
        int target = row;
        Run cheat = Run.of(data, spec, new TrainingTrace.Tamper() {
            @Override
            public int saturation(int r, int honestClaim) {
                return r == target ? 0 : honestClaim; // the table's last value instead of 1
            }
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** The first active row whose score saturates high, or low. */
    private static int firstSaturatedRow(Run run, boolean high) {
        TrainingAir air = TrainingAir.forProver(run.statement(), run.commitment());
        TraceTable t = run.result().trace();
        for (int r = 0; r < t.length(); r++) {
            if (t.get(air.colA, r) == 1 && t.get(high ? air.sigmoid().colSatHi : air.sigmoid().colSatLo, r) == 1) {
                return r;
            }
        }
        throw new AssertionError("no saturated row");
    }

    @ParameterizedTest(name = "saturated high: {0}")
    @CsvSource({"true", "false"})
    void aSaturatedRowWithAnOutputOtherThanItsLimitIsRejected(boolean high) {
        QuantizedDataset data = binary(64, 2, 0, 5);
        TrainingSpec spec = spec("1", 4, 8, 2);
        int row = firstSaturatedRow(Run.of(data, spec, TrainingTrace.Tamper.NONE), high);
        long nearest = high ? Sigmoid.apply(Sigmoid.INPUT_BOUND - 1) : Sigmoid.apply(-Sigmoid.INPUT_BOUND);
        Run cheat = Run.of(data, spec, new TrainingTrace.Tamper() {
            @Override
            public long output(int r, long output) {
                return r == row ? nearest : output;
            }
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** An unsaturated claim for a score past the table, with the low byte chosen to land on the table's last row. */
    @Test
    void aLowByteOutsideItsRangeIsRejected() {
        QuantizedDataset data = binary(64, 2, 0, 5);
        TrainingSpec spec = spec("1", 4, 8, 2);
        int row = firstSaturatedRow(Run.of(data, spec, TrainingTrace.Tamper.NONE), true);
        long last = (1L << Sigmoid.LOG_ROWS) - 1;
        Run cheat = Run.of(data, spec, new TrainingTrace.Tamper() {
            @Override
            public int saturation(int r, int honest) {
                return r == row ? 0 : honest;
            }

            @Override
            public long lowByte(int r, long z, long honest) {
                return r == row ? z + Sigmoid.INPUT_BOUND - (last << Sigmoid.STEP_BITS) : honest;
            }
        });
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    @Test
    void aCommittedTargetThatIsNoClassIndexIsRejected() {
        QuantizedDataset honest = binary(20, 2, 0.5, 3);
        long[] y = honest.targets().clone();
        y[3] = 2 * FixedPointStep.ONE;
        QuantizedDataset data = new QuantizedDataset(16, honest.featureNames(), honest.targetName(), honest.features(), y);
        TrainingSpec spec = spec("0.5", 4, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> FixedPointTrainer.train(data, spec), "the trainer refuses it");
        Run cheat = Run.of(data, spec, new TrainingTrace.Tamper() {}); // any tamper turns the trace's checks off
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    @Test
    void theProofIsOfTheStatedClassesAndModel() {
        QuantizedDataset data = binary(20, 2, 0.5, 3);
        TrainingSpec spec = spec("0.5", 4, 2, 2);
        Run run = Run.of(data, spec, TrainingTrace.Tamper.NONE);
        StarkProof proof = run.prove(ProverSettings.defaults());
        assertTrue(verify(run.statement(), proof).valid());
        TrainingStatement st = run.statement();
        for (ClassLabels other : List.of(ClassLabels.of(List.of("no", "yes!")), ClassLabels.of(List.of("0", "1")),
                ClassLabels.of(List.of("a", "no")))) {
            TrainingStatement moved = new TrainingStatement(st.datasetRoot(), st.rows(), st.features(), st.fractionBits(),
                    st.featureNames(), st.targetName(), ModelKind.LOGISTIC, other, st.standardization(),
                    st.learningRateQ(), st.batchSize(), st.epochs(), st.initialWeights(), st.finalWeights());
            assertFalse(verify(moved, proof).valid(), "classes " + other.labels());
        }
        TrainingStatement linear = new TrainingStatement(st.datasetRoot(), st.rows(), st.features(), st.fractionBits(),
                st.featureNames(), st.targetName(), st.standardization(), st.learningRateQ(), st.batchSize(), st.epochs(),
                st.initialWeights(), st.finalWeights());
        assertFalse(verify(linear, proof).valid(), "the same run as a linear regression");
        assertThrows(IllegalArgumentException.class, () -> new ClassLabels(List.of("yes", "no")),
                "classes are in the documented order, so a mapping is one list");
    }

    @Test
    void aLogisticStatementRefusesAStandardisedTarget() {
        QuantizedDataset data = binary(20, 2, 0.5, 3);
        TrainingSpec spec = spec("0.5", 4, 2, 2);
        DatasetCommitment c = DatasetCommitment.commit(data);
        assertThrows(IllegalArgumentException.class,
                () -> statement(c, data, CLASSES, Standardization.of(data), spec, spec.initialWeights()));
    }
}
