package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.data.QuantizedDataset;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Every bound of docs/TRAINING.md is strict, and the trainer, the trace generator and the AIR
 * agree on it: a run that reaches a bound exactly is an overflow for the trainer and the trace,
 * and a proof of it (written by a prover that skips its checks) is rejected; a run that stays one
 * unit inside is accepted by all three. Each case is made for both signs.
 */
class StrictBoundsTest {
    private static final long ONE = FixedPointStep.ONE;
    /** A tamper that changes nothing but turns off the trace generator's bound checks. */
    private static final TrainingTrace.Tamper UNCHECKED = new TrainingTrace.Tamper() {};

    private record Run(QuantizedDataset data, TrainingSpec spec) {}

    private static void assertRejectedByAllThree(Run run) throws Exception {
        assertThrows(TrainingOverflowException.class, () -> FixedPointTrainer.train(run.data(), run.spec()));
        DatasetCommitment commitment = DatasetCommitment.commit(run.data());
        TrainingStatement draft = statement(commitment, run);
        assertThrows(IllegalStateException.class, () -> TrainingTrace.build(draft, commitment, run.data()));
        assertFalse(prove(draft, commitment, run.data(), UNCHECKED).valid(), "the verifier accepted a value at its bound");
    }

    private static void assertAcceptedByAllThree(Run run) throws Exception {
        long[] trained = FixedPointTrainer.train(run.data(), run.spec()).weights();
        DatasetCommitment commitment = DatasetCommitment.commit(run.data());
        TrainingStatement draft = statement(commitment, run);
        assertArrayEquals(trained, TrainingTrace.build(draft, commitment, run.data()).finalWeights());
        VerificationResult result = prove(draft, commitment, run.data(), TrainingTrace.Tamper.NONE);
        assertTrue(result.valid(), result.reason());
    }

    private static TrainingStatement statement(DatasetCommitment c, Run run) {
        QuantizedDataset d = run.data();
        TrainingSpec s = run.spec();
        // with a learning curve, as comet train proves (AIR v6)
        return Curves.drafted(new TrainingStatement(c.root(), d.rows(), d.numFeatures(), d.fractionBits(),
                d.featureNames(), d.targetName(), s.learningRateQ(), s.batchSize(), s.epochs(), s.initialWeights(),
                s.initialWeights()));
    }

    /** Proves the run as the trace generator writes it under {@code tamper}, without the prover's self-check. */
    private static VerificationResult prove(TrainingStatement draft, DatasetCommitment commitment, QuantizedDataset data,
                                            TrainingTrace.Tamper tamper) {
        TrainingTrace.Result result = TrainingTrace.build(draft, commitment, data, tamper);
        long[] last = clampToStatement(result.finalWeights());
        TrainingStatement statement = draft.withOutcome(last, result.curve());
        StarkProof proof = new StarkProver(ProofOptions.test(), ProverSettings.defaults().withoutSelfCheck())
                .prove(TrainingAir.forProver(statement, commitment).tables(), result.traces(),
                        TrainingAir.segments(commitment.segment()));
        return new StarkVerifier(0).verify(TrainingAir.forVerifier(statement).tables(), proof);
    }

    /** A weight that ended outside the bound cannot even be stated; the cheater claims the nearest one. */
    private static long[] clampToStatement(long[] weights) {
        long limit = FixedPointStep.WEIGHT_BOUND - 1;
        return Arrays.stream(weights).map(w -> Math.max(-limit, Math.min(limit, w))).toArray();
    }

    private static TrainingSpec spec(int batch, long... initialWeights) {
        return TrainingSpec.of("1", batch, 1, initialWeights);
    }

    /** lr = 1, zero weights, feature 0: {@code s = -y}, so {@code y = 16} gives {@code s = -2^20} exactly. */
    private static Run scaledError(long y) {
        long[] ys = new long[8];
        Arrays.fill(ys, y);
        return new Run(Datasets.scaled(ys, new long[8]), spec(8, 0, 0));
    }

    @Test
    void scaledErrorAtItsBound() throws Exception {
        long bound = FixedPointStep.SCALED_ERROR_BOUND;
        assertRejectedByAllThree(scaledError(bound));
        assertRejectedByAllThree(scaledError(-bound));
        assertAcceptedByAllThree(scaledError(bound - 1));
        assertAcceptedByAllThree(scaledError(-(bound - 1)));
    }

    /**
     * {@code x = 2^30}, weight {@code 2 sign}, bias {@code -sign shift}: {@code pred = sign (2^31 -
     * shift)}; {@code y = pred - sign} keeps the scaled error at {@code sign}.
     */
    private static Run prediction(long sign, long shift) {
        long pred = sign * (FixedPointStep.PREDICTION_BOUND - shift);
        return new Run(Datasets.scaled(new long[] {pred - sign}, new long[] {1L << 30}), spec(1, sign << 17, -sign * shift));
    }

    @Test
    void predictionAtItsBound() throws Exception {
        assertRejectedByAllThree(prediction(-1, 0));
        assertRejectedByAllThree(prediction(1, 0));
        assertAcceptedByAllThree(prediction(-1, 1));
        assertAcceptedByAllThree(prediction(1, 1));
    }

    /**
     * The bias starts at {@code sign (2^24 - 1 - shift)}; row 0 moves it one unit outwards (to the
     * bound when {@code shift = 0}), row 1 one unit back, so the final weight is inside either way
     * and only the per-batch check can see the bound.
     */
    private static Run weight(long sign, long shift) {
        long b0 = sign * (FixedPointStep.WEIGHT_BOUND - 1 - shift);
        long y0 = b0 + sign;          // s = pred - y = -sign: the update adds sign
        long y1 = b0 + sign - sign;   // after it, s = sign: the update takes it back
        return new Run(Datasets.scaled(new long[] {y0, y1}, new long[] {0, 0}), spec(1, 0, b0));
    }

    @Test
    void weightAtItsBound() throws Exception {
        assertRejectedByAllThree(weight(-1, 0));
        assertRejectedByAllThree(weight(1, 0));
        assertAcceptedByAllThree(weight(-1, 1));
        assertAcceptedByAllThree(weight(1, 1));
    }

    /** A feature value {@code v} with zero weights; the data bound is checked before training. */
    private static Run data(long v) {
        return new Run(Datasets.scaled(new long[] {0, 0}, new long[] {v, 0}), spec(2, 0, 0));
    }

    @Test
    void dataValueAtItsBound() throws Exception {
        long bound = FixedPointStep.DATA_BOUND;
        for (long v : new long[] {bound, -bound}) {
            Run run = data(v);
            assertThrows(TrainingOverflowException.class, () -> FixedPointTrainer.train(run.data(), run.spec()));
            assertThrows(IllegalArgumentException.class, () -> DatasetCommitment.commit(run.data()));
            assertFalse(proveOverDishonestTable(run, v), "the verifier accepted a committed value at its bound");
        }
        assertAcceptedByAllThree(data(bound - 1));
        assertAcceptedByAllThree(data(-(bound - 1)));
    }

    /**
     * A committer writes the value at the bound into the table anyway: limbs of {@code v + 2^31}
     * taken mod {@code 2^32} (the only 16-bit limbs it can range-check) and an inverse that
     * cannot exist, here 0; the rest of the table is honest.
     */
    private static boolean proveOverDishonestTable(Run run, long v) {
        QuantizedDataset inside = Datasets.scaled(run.data().targets(), new long[] {0, 0});
        long[][] table = DatasetCommitment.columns(inside);
        long shifted = (v + FixedPointStep.DATA_BOUND) & 0xFFFF_FFFFL;
        table[DatasetCommitment.lowLimbColumn(0)][0] = shifted & 0xFFFF;
        table[DatasetCommitment.highLimbColumn(0)][0] = shifted >>> 16;
        DatasetCommitment commitment = DatasetCommitment.ofTable(table, run.data());
        return prove(statement(commitment, run), commitment, run.data(), UNCHECKED).valid();
    }
}
