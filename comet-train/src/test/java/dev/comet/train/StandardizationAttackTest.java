package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Review of AIR v5 (standardisation in the dataset-bounds table, the data relation): cheating
 * provers that skip their self-check, each rejected.
 */
class StandardizationAttackTest {
    private static final ProverSettings NO_SELF_CHECK = ProverSettings.defaults().withoutSelfCheck();

    /** Proves {@code traces} as a proof of {@code claimed}, without the prover's self-check; the verifier's verdict. */
    static VerificationResult prove(TrainingStatement claimed, DatasetCommitment commitment, List<TraceTable> traces) {
        StarkProof proof = new StarkProver(ProofOptions.test(), NO_SELF_CHECK).prove(
                LinearRegressionAir.forProver(claimed, commitment).tables(), traces,
                LinearRegressionAir.segments(commitment.segment()));
        return new StarkVerifier(0).verify(LinearRegressionAir.forVerifier(claimed).tables(), proof);
    }

    private static List<TraceTable> withTraining(TrainingStatement claimed, DatasetCommitment commitment, TraceTable training) {
        return LinearRegressionAir.forProver(claimed, commitment).traces(training, true);
    }

    /**
     * The prover trains on data it did not commit (one value of column {@code c}, data row
     * {@code row}, moved by {@code delta} raw units), with the bounds table built honestly from
     * the committed data: the training table's lookups for that row ask for a tuple nobody offers.
     * Sizes include {@code h < 8} (the bounds table reads each row twice or more), an exact power
     * of two (no padding) and epochs that are not a power of two (idle epochs).
     */
    @ParameterizedTest(name = "{0} rows, {1} epochs, batch {2}: column {3}, row {4}, +{5}")
    @CsvSource({"40, 2, 6, 0, 17, 65536", "40, 2, 6, 2, 39, 65536", "3, 3, 2, 1, 2, 65536", "3, 3, 2, 2, 0, 1",
        "8, 3, 3, 0, 7, 65536", "2, 5, 1, 2, 1, 65536", "1, 2, 1, 0, 0, 65536"})
    void trainingOnUncommittedValuesIsRejected(int rows, int epochs, int batch, int c, int row, long delta) throws Exception {
        QuantizedDataset data = TrainingProofTest.synthetic(rows, 2, 5 + rows);
        Standardization z = rows > 1 ? Standardization.of(data) : Standardization.identity(2);
        DatasetCommitment commitment = DatasetCommitment.commit(data);
        TrainingStatement draft = StandardizedTrainingTest.statement(commitment, data, z, 3277, batch, epochs);
        TrainingTrace.Result honest = TrainingTrace.build(draft, commitment, data);
        assertTrue(prove(draft.withFinalWeights(honest.finalWeights()), commitment, honest.traces()).valid());

        QuantizedDataset other = copy(data);
        long[] column = c < 2 ? other.features()[c] : other.targets();
        column[row] += delta;
        assertNotEquals(z.standardise(c, (c < 2 ? data.features()[c] : data.targets())[row]), z.standardise(c, column[row]), "the cheat changes x'");
        TrainingTrace.Result cheat = TrainingTrace.build(draft, commitment, other);
        TrainingStatement claimed = draft.withFinalWeights(cheat.finalWeights());
        // The bounds table is the committed data's: TrainingTrace takes its columns from the commitment.
        assertFalse(prove(claimed, commitment, cheat.traces()).valid());
    }

    /**
     * One offset or scale of the statement moved by one, for every column (the target included):
     * (a) the honest run's traces claimed as the moved statement (the bounds equation fails); (b)
     * a bounds table honestly standardised under the moved statement with the training table of
     * the honest run and its final weights (the lookups fail wherever a value moved). When no
     * standardised value moves, the moved statement is true of those weights, and (b) is a valid
     * proof of it; the test checks that too.
     */
    @ParameterizedTest(name = "column {0}, {1} {2}")
    @CsvSource({"0, offset, 1", "0, offset, -1", "0, scale, 1", "0, scale, -1", "1, offset, 1", "1, offset, -1",
        "1, scale, 1", "1, scale, -1", "2, offset, 1", "2, offset, -1", "2, scale, 1", "2, scale, -1"})
    void aStatementWithOneOffsetOrScaleMovedByOneIsRejected(int c, String which, int delta) {
        QuantizedDataset data = StandardizedTrainingTest.raw(24, 2, 11);
        Standardization z = Standardization.of(data);
        DatasetCommitment commitment = DatasetCommitment.commit(data);
        TrainingStatement draft = StandardizedTrainingTest.statement(commitment, data, z, 3277, 5, 2);
        TrainingTrace.Result honest = TrainingTrace.build(draft, commitment, data);
        TrainingStatement st = draft.withFinalWeights(honest.finalWeights());
        assertTrue(prove(st, commitment, honest.traces()).valid());

        long[] offsets = z.offsets();
        long[] scales = z.scales();
        if (which.equals("offset")) {
            offsets[c] += delta;
        } else {
            scales[c] += delta;
        }
        Standardization moved = new Standardization(offsets, scales);
        TrainingStatement claimed = StandardizedTrainingTest.statement(commitment, data, moved, 3277, 5, 2)
                .withFinalWeights(honest.finalWeights());
        assertFalse(prove(claimed, commitment, honest.traces()).valid(), "(a) the honest traces under the moved statement");

        boolean anyMoved = false;
        long[] column = c < 2 ? data.features()[c] : data.targets();
        for (long v : column) {
            anyMoved |= z.standardise(c, v) != moved.standardise(c, v);
        }
        anyMoved |= z.standardise(c, 0) != moved.standardise(c, 0); // padding rows
        VerificationResult b = prove(claimed, commitment, withTraining(claimed, commitment, honest.trace()));
        if (anyMoved) {
            assertFalse(b.valid(), "(b) the honest training table against the moved bounds table");
        } else {
            assertTrue(b.valid(), b.reason());
        }
    }

    /**
     * Rows of an idle epoch slot (3 epochs in 4 slots) and the trace's last row, where no
     * constraint uses the values read: (a) a row reading another value for its data row; (b) two
     * rows exchanging what they read, index included (every offer still looked up as often as it
     * is offered), one of them the last row, into which the index's count still runs.
     */
    @ParameterizedTest(name = "row {0}, other row {1}, column {2}")
    @CsvSource({"48, -1, 0", "60, -1, 2", "63, -1, 1", "63, 50, -1", "63, 48, -1", "47, 48, -1"})
    void idleAndLastRowsReadTheirOwnDataRow(int row, int other, int c) {
        QuantizedDataset data = StandardizedTrainingTest.raw(13, 2, 6); // h = 16, 3 epochs: n = 64
        Standardization z = Standardization.of(data);
        DatasetCommitment commitment = DatasetCommitment.commit(data);
        TrainingStatement draft = StandardizedTrainingTest.statement(commitment, data, z, 3277, 4, 3);
        TrainingTrace.Result honest = TrainingTrace.build(draft, commitment, data);
        TrainingStatement st = draft.withFinalWeights(honest.finalWeights());
        LinearRegressionAir air = LinearRegressionAir.forProver(st, commitment);
        TraceTable t = honest.trace();
        if (other < 0) {
            t.set(air.colX + c, row, Goldilocks.add(t.get(air.colX + c, row), 1));
        } else {
            for (int k = -1; k <= 2; k++) {
                int column = k < 0 ? air.colIdx : air.colX + k;
                long a = t.get(column, row);
                t.set(column, row, t.get(column, other));
                t.set(column, other, a);
            }
        }
        assertFalse(prove(st, commitment, air.traces(t, true)).valid());
    }

    static QuantizedDataset copy(QuantizedDataset data) {
        long[][] f = Arrays.stream(data.features()).map(long[]::clone).toArray(long[][]::new);
        return new QuantizedDataset(data.fractionBits(), data.featureNames(), data.targetName(), f, data.targets().clone());
    }
}
