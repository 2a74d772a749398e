package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.TraceTable;
import dev.comet.data.QuantizedDataset;
import dev.comet.field.Goldilocks;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Training on committed raw values standardised inside the proof (dataset-bounds table, AIR v5). */
class StandardizedTrainingTest {
    private static final ProverSettings NO_SELF_CHECK = ProverSettings.defaults().withoutSelfCheck();

    /** Columns in the thousands next to columns below one, a target in the hundreds. */
    static QuantizedDataset raw(int rows, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[][] f = new long[features][rows];
        long[] y = new long[rows];
        for (int i = 0; i < rows; i++) {
            double target = 300;
            for (int j = 0; j < features; j++) {
                double scale = j % 2 == 0 ? 1000 : 0.01;
                double v = scale * (2 + r.nextGaussian());
                f[j][i] = Math.round(v * 65536);
                target += (j + 1) * 10 * (v / scale - 2);
            }
            y[i] = Math.round((target + r.nextGaussian()) * 65536);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add("x" + j);
        }
        return new QuantizedDataset(16, names, "y", f, y);
    }

    static TrainingStatement statement(DatasetCommitment c, QuantizedDataset data, Standardization z, long lrQ, int batch,
                                       int epochs) {
        long[] zeros = new long[data.numFeatures() + 1];
        return new TrainingStatement(c.root(), data.rows(), data.numFeatures(), data.fractionBits(), data.featureNames(),
                data.targetName(), z, lrQ, batch, epochs, zeros, zeros);
    }

    private static VerificationResult prove(TrainingStatement statement, DatasetCommitment commitment, List<TraceTable> traces,
                                            ProverSettings settings) {
        TrainingAir air = TrainingAir.forProver(statement, commitment);
        StarkProof proof = new StarkProver(ProofOptions.test(), settings).prove(air.tables(), traces,
                TrainingAir.segments(commitment.segment()));
        return new StarkVerifier(0).verify(TrainingAir.forVerifier(statement).tables(), proof);
    }

    @ParameterizedTest(name = "{0} rows x {1} features, batch {2}, {3} epochs")
    @CsvSource({"37, 3, 8, 2", "5, 2, 16, 3", "64, 4, 16, 1", "100, 2, 7, 3"})
    void standardisedRunsMatchTheTrainerAndVerify(int rows, int features, int batch, int epochs) throws Exception {
        QuantizedDataset data = raw(rows, features, rows * 7L + features);
        Standardization z = Standardization.of(data);
        DatasetCommitment commitment = DatasetCommitment.commit(data);
        TrainingStatement draft = statement(commitment, data, z, 3277, batch, epochs);
        TrainingTrace.Result run = TrainingTrace.build(draft, commitment, data);
        long[] trainer = FixedPointTrainer.train(z.apply(data), TrainingSpec.of("0.05", batch, epochs, features)).weights();
        assertArrayEquals(trainer, run.finalWeights(), "trace and trainer on the standardised data");
        TrainingStatement st = draft.withFinalWeights(run.finalWeights());
        VerificationResult result = prove(st, commitment, run.traces(), ProverSettings.defaults());
        assertTrue(result.valid(), result.reason());
        // The same proof under another stated standardisation, or none, is rejected.
        long[] offsets = z.offsets();
        offsets[0] += 1;
        TrainingStatement shifted = statement(commitment, data, new Standardization(offsets, z.scales()), 3277, batch, epochs)
                .withFinalWeights(run.finalWeights());
        TrainingStatement none = statement(commitment, data, Standardization.identity(features), 3277, batch, epochs)
                .withFinalWeights(run.finalWeights());
        TrainingAir air = TrainingAir.forProver(st, commitment);
        StarkProof proof = new StarkProver(ProofOptions.test()).prove(air.tables(), run.traces(),
                TrainingAir.segments(commitment.segment()));
        assertFalse(new StarkVerifier(0).verify(TrainingAir.forVerifier(shifted).tables(), proof).valid());
        assertFalse(new StarkVerifier(0).verify(TrainingAir.forVerifier(none).tables(), proof).valid());
    }

    /** An honest standardised run of 13 rows (h = 16: rows 13..15 are padding), whose trace a test then changes. */
    private record PaddedRun(TrainingStatement statement, DatasetCommitment commitment, TrainingAir air,
                             TraceTable trace) {
        static PaddedRun of(long seed) {
            QuantizedDataset data = raw(13, 2, seed);
            DatasetCommitment commitment = DatasetCommitment.commit(data);
            TrainingStatement draft = StandardizedTrainingTest.statement(commitment, data, Standardization.of(data), 3277, 4, 2);
            TrainingTrace.Result honest = TrainingTrace.build(draft, commitment, data);
            TrainingStatement st = draft.withFinalWeights(honest.finalWeights());
            return new PaddedRun(st, commitment, TrainingAir.forProver(st, commitment), honest.trace());
        }

        VerificationResult proveCheating() {
            return prove(statement, commitment, air.traces(trace, true), NO_SELF_CHECK);
        }
    }

    /**
     * The cheat of a prover that standardises with another offset than the statement's: it trains
     * on its own offset and claims the stated one. The bounds table's equation for that column
     * fails on every row.
     */
    @Test
    void trainingWithAnotherOffsetThanTheStatedOneIsRejected() {
        QuantizedDataset data = raw(40, 2, 3);
        Standardization stated = Standardization.of(data);
        long[] offsets = stated.offsets();
        offsets[0] += 1 << 16; // one real unit off, a thousandth of the column's spread
        Standardization used = new Standardization(offsets, stated.scales());
        DatasetCommitment commitment = DatasetCommitment.commit(data);
        TrainingStatement usedStatement = statement(commitment, data, used, 3277, 8, 2);
        TrainingTrace.Result run = TrainingTrace.build(usedStatement, commitment, data);
        TrainingStatement claimed = statement(commitment, data, stated, 3277, 8, 2).withFinalWeights(run.finalWeights());
        TrainingAir claimAir = TrainingAir.forVerifier(claimed);
        TrainingAir proverAir = TrainingAir.forProver(usedStatement.withFinalWeights(run.finalWeights()),
                commitment);
        StarkProof proof = new StarkProver(ProofOptions.test(), NO_SELF_CHECK).prove(
                TrainingAir.tables(new ClaimingAir(claimAir, proverAir), claimed, proverAir.dataColumns()),
                run.traces(), TrainingAir.segments(commitment.segment()));
        assertFalse(new StarkVerifier(0).verify(claimAir.tables(), proof).valid());
    }

    /**
     * A training row that reads another value than the bounds table offers for its data row: a
     * padding row, where no constraint of the training table uses the value, so only the data
     * lookup can catch it.
     */
    @Test
    void aTrainingRowReadingAnotherValueIsRejected() {
        PaddedRun run = PaddedRun.of(4);
        int paddingRow = 14;
        run.trace().set(run.air().colX + 1, paddingRow, Goldilocks.add(run.trace().get(run.air().colX + 1, paddingRow), 1));
        assertFalse(run.proveCheating().valid());
    }

    /**
     * Two training rows that swap the data rows they read, each with that row's values: every
     * offer is still looked up as often as it is offered, so only the index's counting catches
     * it (padding rows, whose values no other constraint uses).
     */
    @Test
    void trainingRowsReadingDataRowsOutOfOrderAreRejected() {
        PaddedRun run = PaddedRun.of(5);
        TraceTable t = run.trace();
        for (int c = -1; c <= 2; c++) {
            int column = c < 0 ? run.air().colIdx : run.air().colX + c;
            long a = t.get(column, 13);
            t.set(column, 13, t.get(column, 14));
            t.set(column, 14, a);
        }
        assertFalse(run.proveCheating().valid());
    }
}
