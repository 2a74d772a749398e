package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.TraceTable;
import dev.comet.data.QuantizedDataset;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.train.mlp.HiddenLayerColumns;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The MLP: honest proofs at several shapes, trainer and trace bit for bit, and provers that cheat. */
class MlpTrainingTest {
    static final ProverSettings NO_SELF_CHECK = ProverSettings.defaults().withoutSelfCheck();

    static List<Integer> hidden(String widths) {
        return Arrays.stream(widths.split(" ")).map(Integer::valueOf).toList();
    }

    static TrainingSpec spec(String lr, int batch, int epochs, int features, int classes, List<Integer> hidden, long seed) {
        return TrainingSpec.of(lr, batch, epochs, features)
                .forModel(ModelKind.MLP, SoftmaxRegressionTest.labels(classes), hidden).withSeed(seed);
    }

    /** A run's statement (with its learning curve), commitment and traces, built under {@code tamper}. */
    record Run(TrainingStatement statement, DatasetCommitment commitment, TrainingTrace.Result result) {
        /** With the data's own standardisation: of the features for a classifier, of every column else. */
        static Run of(QuantizedDataset data, TrainingSpec spec, TrainingTrace.Tamper tamper) {
            return of(data, spec, spec.model().isClassifier() ? Standardization.ofFeatures(data) : Standardization.of(data),
                    tamper);
        }

        /** Any model's run ({@code spec}'s kind and hidden layers), standardised by {@code z}. */
        static Run of(QuantizedDataset data, TrainingSpec spec, Standardization z, TrainingTrace.Tamper tamper) {
            boolean classifier = spec.model().isClassifier();
            DatasetCommitment c = DatasetCommitment.commit(data);
            TrainingStatement draft = new TrainingStatement(c.root(), data.rows(), data.numFeatures(), data.fractionBits(),
                    data.featureNames(), data.targetName(), spec.model(), spec.classes(), z, spec.learningRateQ(),
                    spec.batchSize(), spec.epochs(), spec.initialWeights(), spec.initialWeights(),
                    LearningCurve.zeros(spec.epochs(), data.rows(), classifier), spec.initSeed(), DataMoments.NONE,
                    spec.hidden());
            TrainingTrace.Result result = TrainingTrace.build(draft, c, data, tamper);
            return new Run(draft.withOutcome(result.finalWeights(), result.curve()), c, result);
        }

        VerificationResult proveAndVerify(ProverSettings settings) {
            TrainingAir air = TrainingAir.forProver(statement, commitment);
            StarkProof proof = new StarkProver(ProofOptions.test(), settings).prove(air.tables(), result.traces(),
                    TrainingAir.segments(commitment.segment()));
            return new StarkVerifier(0).verify(TrainingAir.forVerifier(statement).tables(), proof);
        }
    }

    @ParameterizedTest(name = "{0} rows x {1} features, {2} classes, hidden {3}, batch {4}, {5} epochs")
    @CsvSource({"37, 3, 3, 4, 8, 2, 0.5", "30, 2, 2, 3, 7, 2, 0.3", "20, 4, 3, 5 3, 6, 2, 0.5", "13, 1, 4, 2, 4, 3, 1",
        "24, 6, 10, 8, 5, 1, 0.2"})
    void honestRunsMatchTheTrainerAndVerify(int rows, int features, int classes, String widths, int batch, int epochs,
                                            String lr) throws Exception {
        QuantizedDataset data = SoftmaxRegressionTest.data(rows, features, classes, rows * 17L + classes);
        TrainingSpec spec = spec(lr, batch, epochs, features, classes, hidden(widths), rows);
        Run run = Run.of(data, spec, TrainingTrace.Tamper.NONE);
        TrainingResult trainer = FixedPointTrainer.train(Standardization.ofFeatures(data).apply(data), spec);
        assertArrayEquals(trainer.weights(), run.result().finalWeights(), "trace and trainer agree bit for bit");
        assertEquals(trainer.curve(), run.result().curve(), "and on the learning curve");
        assertFalse(Arrays.equals(spec.initialWeights(), trainer.weights()), "the run trains");
        VerificationResult result = run.proveAndVerify(ProverSettings.defaults());
        assertTrue(result.valid(), result.reason());
    }

    @ParameterizedTest(name = "regression: {0} rows x {1} features, hidden {2}, batch {3}, {4} epochs")
    @CsvSource({"37, 3, 4, 8, 2, 0.1", "20, 2, 3 2, 6, 3, 0.2", "16, 5, 6, 16, 2, 0.05", "9, 1, 1, 2, 2, 0.3"})
    void honestRegressionsMatchTheTrainerAndVerify(int rows, int features, String widths, int batch, int epochs,
                                                   String lr) throws Exception {
        QuantizedDataset data = new dev.comet.data.Quantizer().quantize(
                dev.comet.data.SyntheticDataset.generate(rows, features, rows * 5L + features));
        TrainingSpec spec = TrainingSpec.of(lr, batch, epochs, features)
                .forModel(ModelKind.MLP_REGRESSION, dev.comet.data.ClassLabels.NONE, hidden(widths)).withSeed(rows);
        Run run = Run.of(data, spec, TrainingTrace.Tamper.NONE);
        TrainingResult trainer = FixedPointTrainer.train(Standardization.of(data).apply(data), spec);
        assertArrayEquals(trainer.weights(), run.result().finalWeights(), "trace and trainer agree bit for bit");
        assertEquals(trainer.curve(), run.result().curve(), "and on the learning curve");
        assertFalse(Arrays.equals(spec.initialWeights(), trainer.weights()), "the run trains");
        VerificationResult result = run.proveAndVerify(ProverSettings.defaults());
        assertTrue(result.valid(), result.reason());
        assertEquals(TrainingAir.MLP_REGRESSION_CURVE_NAME, TrainingAir.forVerifier(run.statement()).name());
    }

    @Test
    void aFalseReluSignInARegressionIsRejected() throws Exception {
        QuantizedDataset data = new dev.comet.data.Quantizer().quantize(
                dev.comet.data.SyntheticDataset.generate(19, 3, 4));
        TrainingSpec spec = TrainingSpec.of("0.1", 4, 2, 3)
                .forModel(ModelKind.MLP_REGRESSION, dev.comet.data.ClassLabels.NONE, List.of(4)).withSeed(9);
        Once tamper = new Once() {
            @Override
            public boolean flipsSign(int row, int layer, int unit) {
                return fire(row == 5 && unit == 2);
            }
        };
        Run run = Run.of(data, spec, tamper);
        assertTrue(tamper.applied);
        assertFalse(run.proveAndVerify(NO_SELF_CHECK).valid());
    }

    // --- provers that cheat (self-check off, so that the verifier is what catches them) ---------------

    private static final int ROWS = 21;

    private static QuantizedDataset cheatData() throws Exception {
        return SoftmaxRegressionTest.data(ROWS, 3, 3, 99);
    }

    private static TrainingSpec cheatSpec() {
        return spec("0.5", 4, 2, 3, 3, List.of(4, 3), 11);
    }

    /** A tamper that applies once, at the first call its condition accepts, and remembers that it did. */
    private abstract static class Once implements TrainingTrace.Tamper {
        boolean applied;

        boolean fire(boolean condition) {
            if (condition && !applied) {
                applied = true;
                return true;
            }
            return false;
        }
    }

    private static void assertRejected(Once tamper) throws Exception {
        Run run = Run.of(cheatData(), cheatSpec(), tamper);
        assertTrue(tamper.applied, "the cheat was made");
        VerificationResult result = run.proveAndVerify(NO_SELF_CHECK);
        assertFalse(result.valid(), "a cheating trace must not verify");
    }

    @Test
    void aFalseReluSignIsRejected() throws Exception {
        assertRejected(new Once() {
            @Override
            public boolean flipsSign(int row, int layer, int unit) {
                return fire(row == 6 && layer == 0 && unit == 1);
            }
        });
    }

    @Test
    void aFalseReluSignInTheSecondLayerIsRejected() throws Exception {
        assertRejected(new Once() {
            @Override
            public boolean flipsSign(int row, int layer, int unit) {
                return fire(row == 9 && layer == 1 && unit == 0);
            }
        });
    }

    @Test
    void aNegativeValuePassedThroughTheReluIsRejected() throws Exception {
        assertRejected(new Once() {
            @Override
            public long activation(int row, int layer, int unit, long z, long honest) {
                return fire(z < 0) ? z : honest;
            }
        });
    }

    @Test
    void anActivationOffByOneIsRejected() throws Exception {
        assertRejected(new Once() {
            @Override
            public long activation(int row, int layer, int unit, long z, long honest) {
                return fire(z > 0 && layer == 1) ? honest + 1 : honest;
            }
        });
    }

    @Test
    void anErrorThroughAnInactiveUnitIsRejected() throws Exception {
        assertRejected(new Once() {
            @Override
            public long delta(int row, int layer, int unit, long q, long honest) {
                return fire(honest == 0 && q != 0) ? q : honest;
            }
        });
    }

    @Test
    void anUnroundedErrorIsRejected() throws Exception {
        assertRejected(new Once() {
            @Override
            public long delta(int row, int layer, int unit, long q, long honest) {
                return fire(honest != 0 && layer == 0) ? honest + 1 : honest;
            }
        });
    }

    @Test
    void aSkippedUpdateOfOneHiddenLayerIsRejected() throws Exception {
        Network net = cheatSpec().network();
        int first = net.offset(1);
        int last = net.offset(2);
        assertRejected(new Once() {
            private int skipped = -1;

            @Override
            public boolean updates(int row, int j) { // the whole layer, at the first batch end after row 8
                boolean inLayer = j >= first && j < last;
                if (fire(inLayer && row > 8)) {
                    skipped = row;
                }
                return !(inLayer && row == skipped);
            }
        });
    }

    @Test
    void initialWeightsNotFromTheStatedSeedAreRejected() throws Exception {
        QuantizedDataset data = cheatData();
        TrainingSpec stated = cheatSpec();
        TrainingSpec used = spec("0.5", 4, 2, 3, 3, List.of(4, 3), 12);
        Run run = Run.of(data, used, TrainingTrace.Tamper.NONE);
        TrainingStatement claim = new TrainingStatement(run.statement().datasetRoot(), data.rows(), data.numFeatures(),
                data.fractionBits(), data.featureNames(), data.targetName(), ModelKind.MLP, stated.classes(),
                run.statement().standardization(), stated.learningRateQ(), stated.batchSize(), stated.epochs(),
                stated.initialWeights(), run.statement().finalWeights(), run.statement().curve(), stated.initSeed(),
                DataMoments.NONE, stated.hidden());
        TrainingAir air = TrainingAir.forProver(run.statement(), run.commitment());
        StarkProof proof = new StarkProver(ProofOptions.test(), NO_SELF_CHECK).prove(air.tables(), run.result().traces(),
                TrainingAir.segments(run.commitment().segment()));
        assertTrue(new StarkVerifier(0).verify(TrainingAir.forVerifier(run.statement()).tables(), proof).valid(),
                "the proof is good for the run it is of");
        assertFalse(new StarkVerifier(0).verify(TrainingAir.forVerifier(claim).tables(), proof).valid(),
                "but not for seed 11's initial weights");
    }

    @Test
    void theHiddenColumnsHoldWhatTheTrainerComputed() throws Exception {
        Run run = Run.of(cheatData(), cheatSpec(), TrainingTrace.Tamper.NONE);
        TrainingAir air = TrainingAir.forProver(run.statement(), run.commitment());
        TraceTable t = run.result().trace();
        HiddenLayerColumns layer = air.hidden().get(0);
        int positive = 0;
        for (int r = 0; r < ROWS; r++) {
            for (int u = 0; u < layer.units(); u++) {
                long sign = t.get(layer.column(u, HiddenLayerColumns.SIGN), r);
                long act = t.get(layer.column(u, HiddenLayerColumns.ACT), r);
                assertTrue(sign == 1 ? act != 0 && act < 1L << 31 : act == 0, "act = relu(z), sign = [z > 0]");
                positive += (int) sign;
            }
        }
        assertTrue(positive > 0 && positive < ROWS * layer.units(), "both signs occur: " + positive);
    }
}
