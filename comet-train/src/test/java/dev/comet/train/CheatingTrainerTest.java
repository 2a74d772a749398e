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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A prover that trains differently from the public statement and skips its own self-check. Each
 * cheat is made consistently (the rest of the trace follows from it), so only the check aimed at
 * it can catch it; every one must be rejected.
 */
class CheatingTrainerTest {
    private static final ProverSettings NO_SELF_CHECK = ProverSettings.defaults().withoutSelfCheck();
    private static QuantizedDataset data;
    private static DatasetCommitment commitment;
    private static TrainingStatement draft;

    @BeforeAll
    static void setUp() throws Exception {
        data = TrainingProofTest.synthetic(40, 2, 99);
        commitment = DatasetCommitment.commit(data);
        draft = TrainingProofTest.spec(commitment, data, 3277, 6, 2);
    }

    /** Proves the claimed statement from a trace made under {@code tamper}, reporting its final weights. */
    private static VerificationResult proveClaiming(TrainingStatement claimed, TrainingStatement used,
                                                    DatasetCommitment usedData, QuantizedDataset usedRows,
                                                    TrainingTrace.Tamper tamper) {
        TrainingTrace.Result run = TrainingTrace.build(used, usedData, usedRows, tamper);
        TrainingStatement statement = claimed.withFinalWeights(run.finalWeights());
        LinearModelAir proverAir = LinearModelAir.forProver(used.withFinalWeights(run.finalWeights()), usedData);
        LinearModelAir claimAir = LinearModelAir.forVerifier(statement);
        StarkProof proof = new StarkProver(ProofOptions.test(), NO_SELF_CHECK).prove(
                LinearModelAir.tables(new ClaimingAir(claimAir, proverAir), claimAir.statement(),
                        proverAir.dataColumns()), run.traces(),
                LinearModelAir.segments(usedData.segment()));
        return new StarkVerifier(0).verify(claimAir.tables(), proof);
    }

    private static VerificationResult cheat(TrainingTrace.Tamper tamper) {
        return proveClaiming(draft, draft, commitment, data, tamper);
    }

    @Test
    void honestBaselineVerifies() {
        assertTrue(cheat(TrainingTrace.Tamper.NONE).valid());
    }

    @Test
    void wrongRoundingRemainderRejects() {
        // Prediction one above the floor: the remainder becomes negative, outside [0, 2^16).
        assertFalse(cheat(new TrainingTrace.Tamper() {
            @Override
            public long prediction(int row, long pred) {
                return row == 13 ? pred + 1 : pred;
            }
        }).valid());
    }

    @Test
    void quotientWrappedAroundTheFieldRejects() {
        // In-range remainder, quotient (dot - r) / 2^16 taken in the field: the prediction's limb
        // range check catches it (as does the scaled-error equation, which reads the prediction).
        assertFalse(cheat(new TrainingTrace.Tamper() {
            @Override
            public boolean wrapQuotient(int row) {
                return row == 21;
            }
        }).valid());
    }

    @Test
    void skippedUpdateRejects() {
        assertFalse(cheat(new TrainingTrace.Tamper() {
            @Override
            public boolean update(int row) {
                return row != 11;
            }
        }).valid());
    }

    @Test
    void skippedDataRowRejects() {
        // Row 17 is treated as padding in every epoch: it adds nothing to its batch's gradient and
        // the batches after it shift by one row; only "valid never restarts" can see it.
        assertFalse(cheat(new TrainingTrace.Tamper() {
            @Override
            public boolean trains(int i) {
                return i != 17;
            }
        }).valid());
    }

    @Test
    void skippedLastDataRowRejects() {
        assertFalse(cheat(new TrainingTrace.Tamper() {
            @Override
            public boolean trains(int i) {
                return i != 39;
            }
        }).valid());
    }

    @Test
    void differentLearningRateRejects() {
        TrainingStatement used = TrainingProofTest.spec(commitment, data, 3276, 6, 2);
        assertFalse(proveClaiming(draft, used, commitment, data, TrainingTrace.Tamper.NONE).valid());
    }

    @Test
    void oneEpochFewerRejects() {
        // Trains one epoch in a trace shaped for the claimed two; only the epoch count can see it.
        assertFalse(cheat(new TrainingTrace.Tamper() {
            @Override
            public int epochs(int epochs) {
                return epochs - 1;
            }
        }).valid());
    }

    @Test
    void differentBatchSizeRejects() {
        TrainingStatement used = TrainingProofTest.spec(commitment, data, 3277, 5, 2);
        assertFalse(proveClaiming(draft, used, commitment, data, TrainingTrace.Tamper.NONE).valid());
    }

    @Test
    void swappedDataValueRejects() throws Exception {
        QuantizedDataset swapped = TrainingProofTest.synthetic(40, 2, 99);
        swapped.features()[1][17] += 1 << 16;
        DatasetCommitment swappedCommitment = DatasetCommitment.commit(swapped);
        TrainingStatement used = TrainingProofTest.spec(swappedCommitment, swapped, 3277, 6, 2);
        assertFalse(proveClaiming(draft, used, swappedCommitment, swapped, TrainingTrace.Tamper.NONE).valid());
    }
}
