package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The data limbs' range checks live in the dataset-bounds table, once per data row: a dishonest
 * commitment whose limbs leave {@code [0, 2^16)} while still encoding the same values (so that
 * the training table sees nothing wrong) is rejected, whichever limb it is and whatever the row.
 */
class DatasetBoundsTest {
    private static final long TWO16_INVERSE = Goldilocks.inv(1L << 16);
    private static QuantizedDataset data;
    private static long[][] honest;

    @BeforeAll
    static void setUp() throws Exception {
        data = TrainingProofTest.synthetic(37, 2, 17);
        honest = DatasetCommitment.columns(data);
    }

    /** Proves a run on {@code table} (committed as is), without the prover's checks; the verifier's verdict. */
    private static VerificationResult prove(long[][] table) {
        DatasetCommitment commitment = DatasetCommitment.ofTable(table, data);
        TrainingStatement draft = TrainingProofTest.spec(commitment, data, 3277, 8, 3);
        TrainingTrace.Result run = TrainingTrace.build(draft, commitment, data, new TrainingTrace.Tamper() {});
        TrainingStatement statement = draft.withFinalWeights(run.finalWeights());
        StarkProof proof = new StarkProver(ProofOptions.test(), ProverSettings.defaults().withoutSelfCheck())
                .prove(TrainingAir.forProver(statement, commitment).tables(), run.traces(),
                        TrainingAir.segments(commitment.segment()));
        return new StarkVerifier(0).verify(TrainingAir.forVerifier(statement).tables(), proof);
    }

    /**
     * Re-encodes value {@code v} of {@code row} with an out-of-range limb and the same
     * {@code lo + 2^16 hi}: a low limb raised by {@code 2^16} (the high one lowered by one), or a
     * high limb raised by {@code 2^-16} (the low one lowered by one).
     */
    private static long[][] reencoded(int row, int v, boolean highLimb) {
        long[][] table = Arrays.stream(honest).map(long[]::clone).toArray(long[][]::new);
        int lo = DatasetCommitment.lowLimbColumn(v);
        int hi = DatasetCommitment.highLimbColumn(v);
        if (highLimb) {
            table[lo][row] = Goldilocks.sub(table[lo][row], 1);
            table[hi][row] = Goldilocks.add(table[hi][row], TWO16_INVERSE);
        } else {
            table[lo][row] = Goldilocks.add(table[lo][row], 1L << 16);
            table[hi][row] = Goldilocks.sub(table[hi][row], 1);
        }
        assertEquals(Goldilocks.add(honest[lo][row], Goldilocks.mul(honest[hi][row], 1L << 16)),
                Goldilocks.add(table[lo][row], Goldilocks.mul(table[hi][row], 1L << 16)), "the value is unchanged");
        return table;
    }

    @Test
    void honestTableVerifies() {
        VerificationResult result = prove(honest);
        assertTrue(result.valid(), result.reason());
    }

    @ParameterizedTest(name = "row {0}, value {1}, high limb {2}")
    @CsvSource({"0, 0, false", "0, 0, true", "36, 2, false", "36, 2, true", "20, 1, true", "63, 0, false"})
    void limbOutsideItsRangeIsRejected(int row, int v, boolean highLimb) {
        long[][] table = reencoded(row, v, highLimb);
        assertFalse(prove(table).valid());
        // The honest prover refuses it up front, naming the limb.
        DatasetCommitment commitment = DatasetCommitment.ofTable(table, data);
        TrainingStatement draft = TrainingProofTest.spec(commitment, data, 3277, 8, 3);
        TrainingAir air = TrainingAir.forProver(draft, commitment);
        TraceTable trace = TrainingTrace.build(draft, commitment, data, new TrainingTrace.Tamper() {}).trace();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> air.traces(trace, false));
        assertTrue(e.getMessage().startsWith("data limb"), e.getMessage());
    }

    @Test
    void onlyTheBoundsTableReadsTheDatasetSegment() {
        DatasetCommitment commitment = DatasetCommitment.commit(data);
        TrainingStatement draft = TrainingProofTest.spec(commitment, data, 3277, 8, 3);
        var set = TrainingAir.forVerifier(draft).tables();
        assertEquals(List.of(TrainingAir.NAME, DatasetBoundsAir.NAME, set.table(2).name()),
                set.tables().stream().map(t -> t.name()).toList());
        assertEquals(1, set.segmentOwner(1), "the bounds table opens the segment");
        assertFalse(set.table(0).traceInfo().hasPrecommitted(), "the training table reads the data through lookups");
        assertEquals(1 << DatasetCommitment.logHeight(data.rows()), set.table(1).traceInfo().length());
    }
}
