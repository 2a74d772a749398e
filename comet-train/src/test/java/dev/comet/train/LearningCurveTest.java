package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.TraceTable;
import dev.comet.data.ClassLabels;
import dev.comet.data.QuantizedDataset;
import dev.comet.field.Goldilocks;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The proven learning curve: honest curves verify and match the trainer; other curves, and traces that cheat, do not. */
class LearningCurveTest {
    private static final ProverSettings NO_SELF_CHECK = ProverSettings.defaults().withoutSelfCheck();
    private static final ClassLabels CLASSES = ClassLabels.of(List.of("no", "yes"));

    /** A run whose statement states the curve, with the trainer's weights and curve. */
    private record Run(TrainingStatement statement, DatasetCommitment commitment, QuantizedDataset data,
                       TrainingTrace.Result result, TrainingResult trained) {
        static Run of(QuantizedDataset data, TrainingSpec spec, Standardization z) throws Exception {
            DatasetCommitment c = DatasetCommitment.commit(data);
            TrainingStatement draft = new TrainingStatement(c.root(), data.rows(), data.numFeatures(), data.fractionBits(),
                    data.featureNames(), data.targetName(), spec.model(), spec.classes(), z, spec.learningRateQ(),
                    spec.batchSize(), spec.epochs(), spec.initialWeights(), spec.initialWeights(),
                    LearningCurve.zeros(spec.epochs(), data.rows(), spec.model().isClassifier()));
            TrainingTrace.Result result = TrainingTrace.build(draft, c, data);
            TrainingResult trained = FixedPointTrainer.train(z.apply(data), spec);
            return new Run(draft.withOutcome(result.finalWeights(), result.curve()), c, data, result, trained);
        }

        TrainingAir air() {
            return TrainingAir.forProver(statement, commitment);
        }

        /** Proves {@code traces} (the honest ones when null) and verifies the proof against {@code claimed}. */
        boolean verifies(TrainingStatement claimed, List<TraceTable> traces, ProverSettings settings) {
            StarkProof proof = new StarkProver(ProofOptions.test(), settings).prove(air().tables(),
                    traces == null ? result.traces() : traces, TrainingAir.segments(commitment.segment()));
            return new StarkVerifier(0).verify(TrainingAir.forVerifier(claimed).tables(), proof).valid();
        }
    }

    private static Run logistic(int rows, int epochs) throws Exception {
        QuantizedDataset data = LogisticRegressionTest.binary(rows, 3, 0.8, rows);
        TrainingSpec spec = TrainingSpec.of("0.3", 4, epochs, 3).forModel(ModelKind.LOGISTIC, CLASSES);
        return Run.of(data, spec, Standardization.ofFeatures(data));
    }

    private static Run linear(int rows, int epochs) throws Exception {
        QuantizedDataset data = StandardizedTrainingTest.raw(rows, 2, rows);
        TrainingSpec spec = TrainingSpec.of("0.05", 8, epochs, 2);
        return Run.of(data, spec, Standardization.of(data));
    }

    private static TrainingStatement withCurve(TrainingStatement st, long[] loss, long[] correct) {
        return new TrainingStatement(st.datasetRoot(), st.rows(), st.features(), st.fractionBits(), st.featureNames(),
                st.targetName(), st.model(), st.classes(), st.standardization(), st.learningRateQ(), st.batchSize(),
                st.epochs(), st.initialWeights(), st.finalWeights(), new LearningCurve(loss, correct));
    }

    @ParameterizedTest(name = "logistic {0}: {1} rows, {2} epochs")
    @CsvSource({"true, 13, 3", "true, 40, 2", "false, 13, 3", "false, 37, 5", "true, 5, 1"})
    void theTracesCurveIsTheTrainersAndVerifies(boolean classifier, int rows, int epochs) throws Exception {
        Run run = classifier ? logistic(rows, epochs) : linear(rows, epochs);
        assertEquals(run.trained().curve(), run.result().curve());
        assertEquals(epochs, run.statement().curve().epochs());
        assertEquals(classifier, run.statement().curve().hasAccuracy());
        assertTrue(run.verifies(run.statement(), null, ProverSettings.defaults()));
    }

    @Test
    void theCurveMeansWhatItSays() throws Exception {
        Run run = logistic(40, 3);
        LearningCurve curve = run.statement().curve();
        Standardization z = run.statement().standardization();
        QuantizedDataset data = z.apply(run.data());
        // Recount the last epoch by hand from the trainer's observer: predicted class vs target, and s^2.
        long[] hits = new long[3];
        long[] loss = new long[3];
        FixedPointTrainer.train(data, TrainingSpec.of("0.3", 4, 3, 3).forModel(ModelKind.LOGISTIC, CLASSES),
                new TrainingObserver() {
                    @Override
                    public void onSample(int epoch, int batch, int row, long dot, long prediction, long remainder,
                                         long output, long s, long sRemainder) {
                        hits[epoch] += (output >= 32768 ? 65536 : 0) == data.targets()[row] ? 1 : 0;
                        loss[epoch] += s * s;
                    }
                });
        assertEquals(List.of(hits[0], hits[1], hits[2]), List.of(curve.correct()[0], curve.correct()[1], curve.correct()[2]));
        assertEquals(List.of(loss[0], loss[1], loss[2]), List.of(curve.lossSums()[0], curve.lossSums()[1], curve.lossSums()[2]));
    }

    @Test
    void aStatedCurveOtherThanTheRunsIsRejected() throws Exception {
        for (Run run : List.of(logistic(13, 3), linear(13, 3))) {
            TrainingStatement st = run.statement();
            long[] loss = st.curve().lossSums();
            long[] correct = st.curve().correct();
            StarkProof proof = new StarkProver(ProofOptions.test()).prove(run.air().tables(), run.result().traces(),
                    TrainingAir.segments(run.commitment().segment()));
            assertTrue(new StarkVerifier(0).verify(TrainingAir.forVerifier(st).tables(), proof).valid());
            for (int e : new int[] {0, 2}) {
                for (long delta : new long[] {1, -1}) {
                    long[] l = loss.clone();
                    l[e] = Goldilocks.add(l[e], Goldilocks.fromSigned(delta));
                    assertFalse(new StarkVerifier(0).verify(TrainingAir.forVerifier(withCurve(st, l, correct)).tables(),
                            proof).valid(), "loss of epoch " + e + " moved by " + delta);
                    if (correct.length > 0 && correct[e] + delta >= 0 && correct[e] + delta <= st.rows()) {
                        long[] c = correct.clone();
                        c[e] += delta;
                        assertFalse(new StarkVerifier(0).verify(TrainingAir.forVerifier(withCurve(st, loss, c)).tables(),
                                proof).valid(), "correct of epoch " + e + " moved by " + delta);
                    }
                }
            }
            long[] swapped = loss.clone();
            swapped[0] = loss[1];
            swapped[1] = loss[0];
            assertFalse(new StarkVerifier(0).verify(TrainingAir.forVerifier(withCurve(st, swapped, correct)).tables(),
                    proof).valid(), "epochs swapped");
            TrainingStatement none = withCurve(st, new long[0], new long[0]);
            assertFalse(new StarkVerifier(0).verify(TrainingAir.forVerifier(none).tables(), proof).valid(), "no curve");
        }
    }

    /** The last row of epoch 0's period, where the offer is made. */
    private static int lastRowOfFirstEpoch(Run run) {
        return (1 << run.air().logHeight()) - 1;
    }

    /** Changes {@code column} at the last row of epoch 0 by {@code delta}, states the matching curve, and proves without self-check. */
    private static boolean verifiesWithOffer(Run run, int column, long delta, boolean lossColumn) {
        TraceTable main = run.result().trace();
        int r = lastRowOfFirstEpoch(run);
        main.set(column, r, Goldilocks.add(main.get(column, r), Goldilocks.fromSigned(delta)));
        long[] loss = run.statement().curve().lossSums();
        long[] correct = run.statement().curve().correct();
        if (lossColumn) {
            loss[0] = main.get(column, r);
        } else {
            correct[0] = main.get(column, r);
        }
        TrainingStatement claimed = withCurve(run.statement(), loss, correct);
        Run cheat = new Run(claimed, run.commitment(), run.data(), run.result(), run.trained());
        return cheat.verifies(claimed, cheat.air().traces(main, true), NO_SELF_CHECK);
    }

    @Test
    void aLossColumnThatDoesNotSumTheErrorsIsRejected() throws Exception {
        Run run = linear(13, 3);
        assertFalse(verifiesWithOffer(run, run.air().curve().colLoss, -1, true));
    }

    @Test
    void aHitCountThatDoesNotCountIsRejected() throws Exception {
        Run run = logistic(13, 3);
        assertFalse(verifiesWithOffer(run, run.air().curve().colHit, 1, false));
    }

    /** A predicted class flipped on one row, with the hit counts after it recomputed and stated: its gap leaves the range. */
    @Test
    void aFlippedPredictedClassIsRejected() throws Exception {
        Run run = logistic(13, 3);
        TrainingAir air = run.air();
        TraceTable main = run.result().trace();
        int r = 2; // an active data row of epoch 0
        assertEquals(1, main.get(air.colA, r));
        long out = Goldilocks.toSigned(main.get(air.sigmoid().colOut, r));
        long cls = 1 - main.get(air.curve().colCls, r);
        main.set(air.curve().colCls, r, cls);
        main.set(air.curve().colCg, r, Goldilocks.fromSigned(cls == 1 ? out - 32768 : 32767 - out));
        long y = Goldilocks.toSigned(main.get(air.colX + air.statement().features(), r));
        long change = ((cls == 1) == (y == 65536)) ? 1 : -1;
        int h = 1 << air.logHeight();
        for (int k = r; k < h; k++) {
            main.set(air.curve().colHit, k, Goldilocks.add(main.get(air.curve().colHit, k), Goldilocks.fromSigned(change)));
        }
        long[] correct = run.statement().curve().correct();
        correct[0] += change;
        TrainingStatement claimed = withCurve(run.statement(), run.statement().curve().lossSums(), correct);
        Run cheat = new Run(claimed, run.commitment(), run.data(), run.result(), run.trained());
        assertFalse(cheat.verifies(claimed, cheat.air().traces(main, true), NO_SELF_CHECK));
    }

    /** Two epochs' offers exchanged by relabelling their periods, and the exchanged curve stated. */
    @Test
    void epochsOfferedUnderEachOthersIndexAreRejected() throws Exception {
        Run run = linear(13, 3);
        TrainingAir air = run.air();
        TraceTable main = run.result().trace();
        int h = 1 << air.logHeight();
        for (int k = h; k < 3 * h; k++) { // epoch 0 keeps index 0, as the first row pins it
            main.set(air.curve().colEp, k, k < 2 * h ? 2 : 1);
        }
        long[] loss = run.statement().curve().lossSums();
        long second = loss[1];
        loss[1] = loss[2];
        loss[2] = second;
        TrainingStatement claimed = withCurve(run.statement(), loss, new long[0]);
        Run cheat = new Run(claimed, run.commitment(), run.data(), run.result(), run.trained());
        assertFalse(cheat.verifies(claimed, cheat.air().traces(main, true), NO_SELF_CHECK));
    }
}
