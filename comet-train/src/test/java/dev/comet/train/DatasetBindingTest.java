package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.data.QuantizedDataset;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.ForgedSegments;
import dev.comet.prover.PrecommittedSegment;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One commitment, one dataset: the attack of issue 6. A dishonest committer publishes the root of
 * a table that is dataset D1's encoding on the positions a blowup-4 proof used to open (every
 * fourth point of the LDE x16) and dataset D2's elsewhere, then trains on D1 and on D2 and proves
 * both runs under that root with every preset (each proof computed from its own dataset's honest
 * encoding, opening the committed table where it must). Every preset reads the table on its whole
 * domain, so no proof verifies.
 */
class DatasetBindingTest {
    private static QuantizedDataset d1;
    private static QuantizedDataset d2;
    private static PrecommittedSegment mixed1;
    private static PrecommittedSegment mixed2;

    @BeforeAll
    static void commitMixedTable() throws Exception {
        d1 = TrainingProofTest.synthetic(24, 2, 1);
        d2 = TrainingProofTest.synthetic(24, 2, 2);
        PrecommittedSegment honest1 = DatasetCommitment.commit(d1).segment();
        PrecommittedSegment honest2 = DatasetCommitment.commit(d2).segment();
        long[][] word = ForgedSegments.lde(honest2);
        long[][] first = ForgedSegments.lde(honest1);
        for (int c = 0; c < word.length; c++) {
            for (int p = 0; p < word[c].length; p += 4) {
                word[c][p] = first[c][p];
            }
        }
        mixed1 = ForgedSegments.forged(honest1, word);
        mixed2 = ForgedSegments.forged(honest2, word);
    }

    /** Trains on {@code data} and proves the run, claiming the mixed root, with {@code options}. */
    private static VerificationResult proveUnderMixedRoot(QuantizedDataset data, PrecommittedSegment forged,
                                                          ProofOptions options) {
        DatasetCommitment honest = DatasetCommitment.commit(data);
        TrainingStatement draft = TrainingProofTest.spec(honest, data, 3277, 5, 2);
        TrainingTrace.Result run = TrainingTrace.build(draft, honest, data);
        TrainingStatement used = draft.withFinalWeights(run.finalWeights());
        TrainingStatement claimed = new TrainingStatement(forged.root(), used.rows(), used.features(),
                used.fractionBits(), used.featureNames(), used.targetName(), used.learningRateQ(), used.batchSize(),
                used.epochs(), used.initialWeights(), used.finalWeights());
        TrainingAir claimAir = TrainingAir.forVerifier(claimed);
        TrainingAir proverAir = TrainingAir.forProver(used, honest);
        StarkProof proof = new StarkProver(options, ProverSettings.defaults().withoutSelfCheck()).prove(
                TrainingAir.tables(new ClaimingAir(claimAir, proverAir), claimAir.statement(),
                        proverAir.dataColumns()),
                run.traces(), TrainingAir.segments(forged));
        return new StarkVerifier(0).verify(claimAir.tables(), proof);
    }

    @ParameterizedTest
    @ValueSource(strings = {"test", "default", "chain", "high", "proven"})
    void neitherDatasetVerifiesUnderAMixedCommitment(String preset) {
        ProofOptions options = ProofOptions.preset(preset);
        assertFalse(proveUnderMixedRoot(d1, mixed1, options).valid(), "a proof about D1 verified under the mixed root");
        assertFalse(proveUnderMixedRoot(d2, mixed2, options).valid(), "a proof about D2 verified under the mixed root");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default"})
    void theSameCheatWithAnHonestTableVerifies(String preset) {
        PrecommittedSegment honest = DatasetCommitment.commit(d1).segment();
        PrecommittedSegment notMixed = ForgedSegments.forged(honest, ForgedSegments.lde(honest));
        VerificationResult result = proveUnderMixedRoot(d1, notMixed, ProofOptions.preset(preset));
        assertTrue(result.valid(), result.reason());
    }
}
