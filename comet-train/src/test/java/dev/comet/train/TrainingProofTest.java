package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.data.Quantizer;
import dev.comet.data.QuantizedDataset;
import dev.comet.data.SyntheticDataset;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainingProofTest {
    static QuantizedDataset synthetic(int rows, int features, long seed) throws Exception {
        return new Quantizer().quantize(SyntheticDataset.generate(rows, features, seed));
    }

    static TrainingStatement spec(DatasetCommitment c, QuantizedDataset data, long lrQ, int batch, int epochs) {
        long[] zeros = new long[data.numFeatures() + 1];
        return new TrainingStatement(c.root(), data.rows(), data.numFeatures(), data.fractionBits(), data.featureNames(),
                data.targetName(), lrQ, batch, epochs, zeros, zeros);
    }

    @ParameterizedTest(name = "{0} rows x {1} features, batch {2}, {3} epochs")
    @CsvSource({"20, 1, 4, 1", "37, 3, 8, 2", "100, 2, 7, 3", "64, 4, 64, 1", "10, 5, 3, 2", "5, 2, 16, 3", "40, 32, 9, 2"})
    void honestRunsVerify(int rows, int features, int batch, int epochs) throws Exception {
        QuantizedDataset data = synthetic(rows, features, rows * 31L + features);
        DatasetCommitment commitment = DatasetCommitment.commit(data);
        TrainingStatement draft = spec(commitment, data, 655, batch, epochs);
        TrainingTrace.Result run = TrainingTrace.build(draft, commitment, data);
        TrainingStatement statement = draft.withFinalWeights(run.finalWeights());
        TrainingAir air = TrainingAir.forProver(statement, commitment);
        StarkProof proof = new StarkProver(ProofOptions.test()).prove(air.tables(), run.traces(),
                TrainingAir.segments(commitment.segment()));
        VerificationResult result = new StarkVerifier(0).verify(TrainingAir.forVerifier(statement).tables(), proof);
        assertTrue(result.valid(), result.reason());

        long[] other = run.finalWeights().clone();
        other[0] += 1;
        assertFalse(new StarkVerifier(0).verify(TrainingAir.forVerifier(statement.withFinalWeights(other)).tables(), proof)
                .valid());
    }
}
