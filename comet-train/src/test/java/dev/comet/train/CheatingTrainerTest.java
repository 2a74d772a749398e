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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A prover that trains differently from the public statement and skips its own self-check. Each
 * cheat is made consistently (the rest of the trace follows from it, and the claimed learning
 * curve is the cheating trace's), so only the check aimed at it can catch it; every one must be
 * rejected, with the AIR without a learning curve (v5) and with one (v6, what {@code comet train}
 * proves).
 */
class CheatingTrainerTest {
    private static final ProverSettings NO_SELF_CHECK = ProverSettings.defaults().withoutSelfCheck();
    private static QuantizedDataset data;
    private static DatasetCommitment commitment;
    private static TrainingStatement plain;

    @BeforeAll
    static void setUp() throws Exception {
        data = TrainingProofTest.synthetic(40, 2, 99);
        commitment = DatasetCommitment.commit(data);
        plain = TrainingProofTest.spec(commitment, data, 3277, 6, 2);
    }

    private static TrainingStatement draft(boolean curve) {
        return curve ? Curves.drafted(plain) : plain;
    }

    private static TrainingStatement spec(boolean curve, DatasetCommitment c, QuantizedDataset d, long lrQ, int batch,
                                          int epochs) {
        TrainingStatement s = TrainingProofTest.spec(c, d, lrQ, batch, epochs);
        return curve ? Curves.drafted(s) : s;
    }

    /** Proves the claimed statement from a trace made under {@code tamper}, reporting its final weights. */
    private static VerificationResult proveClaiming(TrainingStatement claimed, TrainingStatement used,
                                                    DatasetCommitment usedData, QuantizedDataset usedRows,
                                                    TrainingTrace.Tamper tamper) {
        TrainingTrace.Result run = TrainingTrace.build(used, usedData, usedRows, tamper);
        TrainingStatement statement = Curves.outcome(claimed, run);
        TrainingAir proverAir = TrainingAir.forProver(Curves.outcome(used, run), usedData);
        TrainingAir claimAir = TrainingAir.forVerifier(statement);
        StarkProof proof = new StarkProver(ProofOptions.test(), NO_SELF_CHECK).prove(
                TrainingAir.tables(new ClaimingAir(claimAir, proverAir), claimAir.statement(),
                        proverAir.dataColumns()), run.traces(),
                TrainingAir.segments(usedData.segment()));
        return new StarkVerifier(0).verify(claimAir.tables(), proof);
    }

    private static VerificationResult cheat(boolean curve, TrainingTrace.Tamper tamper) {
        return proveClaiming(draft(curve), draft(curve), commitment, data, tamper);
    }

    @ParameterizedTest(name = "with a curve: {0}")
    @ValueSource(booleans = {false, true})
    void honestBaselineVerifies(boolean curve) {
        assertTrue(cheat(curve, TrainingTrace.Tamper.NONE).valid());
    }

    @ParameterizedTest(name = "with a curve: {0}")
    @ValueSource(booleans = {false, true})
    void wrongRoundingRemainderRejects(boolean curve) {
        // Prediction one above the floor: the remainder becomes negative, outside [0, 2^16).
        assertFalse(cheat(curve, new TrainingTrace.Tamper() {
            @Override
            public long prediction(int row, long pred) {
                return row == 13 ? pred + 1 : pred;
            }
        }).valid());
    }

    @ParameterizedTest(name = "with a curve: {0}")
    @ValueSource(booleans = {false, true})
    void quotientWrappedAroundTheFieldRejects(boolean curve) {
        // In-range remainder, quotient (dot - r) / 2^16 taken in the field: the prediction's limb
        // range check catches it (as does the scaled-error equation, which reads the prediction).
        assertFalse(cheat(curve, new TrainingTrace.Tamper() {
            @Override
            public boolean wrapQuotient(int row) {
                return row == 21;
            }
        }).valid());
    }

    @ParameterizedTest(name = "with a curve: {0}")
    @ValueSource(booleans = {false, true})
    void skippedUpdateRejects(boolean curve) {
        assertFalse(cheat(curve, new TrainingTrace.Tamper() {
            @Override
            public boolean update(int row) {
                return row != 11;
            }
        }).valid());
    }

    @ParameterizedTest(name = "with a curve: {0}")
    @ValueSource(booleans = {false, true})
    void skippedDataRowRejects(boolean curve) {
        // Row 17 is treated as padding in every epoch: it adds nothing to its batch's gradient and
        // the batches after it shift by one row; only "valid never restarts" can see it.
        assertFalse(cheat(curve, new TrainingTrace.Tamper() {
            @Override
            public boolean trains(int i) {
                return i != 17;
            }
        }).valid());
    }

    @ParameterizedTest(name = "with a curve: {0}")
    @ValueSource(booleans = {false, true})
    void skippedLastDataRowRejects(boolean curve) {
        assertFalse(cheat(curve, new TrainingTrace.Tamper() {
            @Override
            public boolean trains(int i) {
                return i != 39;
            }
        }).valid());
    }

    @ParameterizedTest(name = "with a curve: {0}")
    @ValueSource(booleans = {false, true})
    void differentLearningRateRejects(boolean curve) {
        TrainingStatement used = spec(curve, commitment, data, 3276, 6, 2);
        assertFalse(proveClaiming(draft(curve), used, commitment, data, TrainingTrace.Tamper.NONE).valid());
    }

    @ParameterizedTest(name = "with a curve: {0}")
    @ValueSource(booleans = {false, true})
    void oneEpochFewerRejects(boolean curve) {
        // Trains one epoch in a trace shaped for the claimed two; only the epoch count can see it.
        assertFalse(cheat(curve, new TrainingTrace.Tamper() {
            @Override
            public int epochs(int epochs) {
                return epochs - 1;
            }
        }).valid());
    }

    @ParameterizedTest(name = "with a curve: {0}")
    @ValueSource(booleans = {false, true})
    void differentBatchSizeRejects(boolean curve) {
        TrainingStatement used = spec(curve, commitment, data, 3277, 5, 2);
        assertFalse(proveClaiming(draft(curve), used, commitment, data, TrainingTrace.Tamper.NONE).valid());
    }

    @ParameterizedTest(name = "with a curve: {0}")
    @ValueSource(booleans = {false, true})
    void swappedDataValueRejects(boolean curve) throws Exception {
        QuantizedDataset swapped = TrainingProofTest.synthetic(40, 2, 99);
        swapped.features()[1][17] += 1 << 16;
        DatasetCommitment swappedCommitment = DatasetCommitment.commit(swapped);
        TrainingStatement used = spec(curve, swappedCommitment, swapped, 3277, 6, 2);
        assertFalse(proveClaiming(draft(curve), used, swappedCommitment, swapped, TrainingTrace.Tamper.NONE).valid());
    }
}
