package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.data.QuantizedDataset;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import org.junit.jupiter.api.Test;

/** Review of v5 standardisation: completeness and soundness probes. */
class StandardizationReviewTest {
    /**
     * A column far from zero relative to its spread (mean 1000, sd 0.01): every data row
     * standardises inside the bound, but the committed padding value 0 standardises to about
     * -10^5 (real units), outside 2^15: padding rows hold 0 instead, so the honest run proves.
     */
    @Test
    void honestRunWithPaddingAndAColumnFarFromZeroProves() throws Exception {
        long[] x = new long[5];
        long[] y = new long[5];
        for (int i = 0; i < 5; i++) {
            x[i] = Math.round((1000 + 0.01 * (i - 2)) * 65536);
            y[i] = Math.round((3.0 * (i - 2) + 1) * 65536);
        }
        QuantizedDataset data = Datasets.scaled(y, x); // N = 5, h = 8: rows 5..7 are padding
        Standardization z = Standardization.of(data);
        QuantizedDataset standardised = z.apply(data); // the data rows are fine
        DatasetCommitment commitment = DatasetCommitment.commit(data);
        TrainingStatement draft = StandardizedTrainingTest.statement(commitment, data, z, 3277, 2, 2);
        TrainingTrace.Result run = TrainingTrace.build(draft, commitment, data);
        long[] trainer = FixedPointTrainer.train(standardised, TrainingSpec.of("0.05", 2, 2, 1)).weights();
        assertArrayEquals(trainer, run.finalWeights());
        TrainingStatement st = draft.withFinalWeights(run.finalWeights());
        TrainingAir air = TrainingAir.forProver(st, commitment);
        StarkProof proof = new StarkProver(ProofOptions.test()).prove(air.tables(), run.traces(),
                TrainingAir.segments(commitment.segment()));
        VerificationResult result = new StarkVerifier(0).verify(TrainingAir.forVerifier(st).tables(), proof);
        assertTrue(result.valid(), result.reason());
    }
}
