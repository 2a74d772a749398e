package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.data.QuantizedDataset;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dataset-bounds table against a dishonest committer writing the one value the limbs can
 * encode but the bound excludes, {@code -2^31} ({@code lo = hi = 0}, no inverse), in any row:
 * first, last data row, padding rows, the last row of the segment; with several data-row counts
 * (so the segment height {@code h}, and the table's {@code max(h, 8)} rows, vary, including
 * {@code h < 8} where the table reads each segment row more than once).
 */
class DatasetBoundsAttackTest {
    private static VerificationResult prove(QuantizedDataset data, long[][] table) {
        DatasetCommitment commitment = DatasetCommitment.ofTable(table, data);
        TrainingStatement draft = TrainingProofTest.spec(commitment, data, 3277, Math.min(4, data.rows()), 2);
        TrainingTrace.Result run = TrainingTrace.build(draft, commitment, data, new TrainingTrace.Tamper() {});
        TrainingStatement statement = draft.withFinalWeights(run.finalWeights());
        StarkProof proof = new StarkProver(ProofOptions.test(), ProverSettings.defaults().withoutSelfCheck())
                .prove(TrainingAir.forProver(statement, commitment).tables(), run.traces(),
                        TrainingAir.segments(commitment.segment()));
        return new StarkVerifier(0).verify(TrainingAir.forVerifier(statement).tables(), proof);
    }

    @ParameterizedTest(name = "{0} data rows, row {1}, value {2}")
    @CsvSource({"37, 0, 0", "37, 36, 2", "37, 37, 1", "37, 50, 0", "37, 63, 2", "16, 15, 1", "5, 4, 0", "5, 7, 2",
        "3, 3, 1"})
    void valueMinusTwoToThe31IsRejectedInAnyRow(int rows, int row, int v) throws Exception {
        QuantizedDataset data = TrainingProofTest.synthetic(rows, 2, 31 + rows);
        long[][] honest = DatasetCommitment.columns(data);
        VerificationResult control = prove(data, honest);
        assertTrue(control.valid(), control.reason());
        long[][] table = Arrays.stream(honest).map(long[]::clone).toArray(long[][]::new);
        table[DatasetCommitment.lowLimbColumn(v)][row] = 0;
        table[DatasetCommitment.highLimbColumn(v)][row] = 0;
        assertFalse(prove(data, table).valid(), "value -2^31 accepted at row " + row + " of " + table[0].length);
    }
}
