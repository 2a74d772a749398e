package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.TraceTable;
import dev.comet.data.QuantizedDataset;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The data's moments in the statement: the standardisation is then proven to be the data's mean and spread. */
class DataMomentsTest {
    private static final ProverSettings NO_SELF_CHECK = ProverSettings.defaults().withoutSelfCheck();

    private static TrainingStatement statement(DatasetCommitment c, QuantizedDataset data, Standardization z,
                                               DataMoments moments) {
        long[] zeros = new long[data.numFeatures() + 1];
        return new TrainingStatement(c.root(), data.rows(), data.numFeatures(), data.fractionBits(), data.featureNames(),
                data.targetName(), ModelKind.LINEAR, dev.comet.data.ClassLabels.NONE, z, 3277, 4, 2, zeros, zeros,
                LearningCurve.zeros(2, data.rows(), false), null, moments);
    }

    private static boolean verifies(TrainingStatement claimed, TrainingStatement used, DatasetCommitment c,
                                    List<TraceTable> traces) {
        TrainingAir air = TrainingAir.forProver(used, c);
        StarkProof proof = new StarkProver(ProofOptions.test(), NO_SELF_CHECK).prove(air.tables(), traces,
                TrainingAir.segments(c.segment()));
        return new StarkVerifier(0).verify(TrainingAir.forVerifier(claimed).tables(), proof).valid();
    }

    @Test
    void theMomentsGiveTheStandardisationExactly() {
        QuantizedDataset data = StandardizedTrainingTest.raw(37, 3, 2);
        DataMoments m = DataMoments.of(data);
        for (int c = 0; c <= 3; c++) {
            long[] column = c < 3 ? data.features()[c] : data.targets();
            long sum = 0;
            BigInteger squares = BigInteger.ZERO;
            long offset = Standardization.of(data).offsets()[c];
            for (long v : column) {
                sum += v;
                squares = squares.add(BigInteger.valueOf(v - offset).pow(2));
            }
            assertEquals(sum, m.valueSum(c));
            assertEquals(squares, m.squaredDeviations(c, offset));
        }
    }

    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {5, 13, 16, 37})
    void anHonestRunWithMomentsVerifiesAndTheirStandardisationIsTheOnlyOne(int rows) throws Exception {
        QuantizedDataset data = StandardizedTrainingTest.raw(rows, 2, rows);
        DatasetCommitment c = DatasetCommitment.commit(data);
        Standardization z = Standardization.of(data);
        DataMoments m = DataMoments.of(data);
        TrainingStatement draft = statement(c, data, z, m);
        TrainingTrace.Result run = TrainingTrace.build(draft, c, data);
        TrainingStatement st = Curves.outcome(draft, run);
        assertTrue(verifies(st, st, c, run.traces()));
        // Any other offset or scale is refused as a statement (the identity is allowed: no standardisation).
        long[] offsets = z.offsets();
        offsets[1] += 1;
        assertThrows(IllegalArgumentException.class,
                () -> statement(c, data, new Standardization(offsets, z.scales()), m));
        long[] scales = z.scales();
        scales[0] -= 1;
        assertThrows(IllegalArgumentException.class,
                () -> statement(c, data, new Standardization(z.offsets(), scales), m));
        statement(c, data, Standardization.identity(2), m);
    }

    /** Moments moved by one where the standardisation they give stays the same: the proof binds them anyway. */
    @Test
    void otherMomentsWithTheSameStandardisationAreRejected() throws Exception {
        QuantizedDataset data = StandardizedTrainingTest.raw(13, 2, 3);
        DatasetCommitment c = DatasetCommitment.commit(data);
        Standardization z = Standardization.of(data);
        DataMoments m = DataMoments.of(data);
        TrainingStatement draft = statement(c, data, z, m);
        TrainingTrace.Result run = TrainingTrace.build(draft, c, data);
        TrainingStatement st = Curves.outcome(draft, run);
        int tried = 0;
        for (int k = 0; k < 4; k++) {
            for (long delta : new long[] {1, -1}) {
                long[][] parts = {m.sums(), m.lowSquares(), m.lowHigh(), m.highSquares()};
                parts[k][0] += delta; // column 0 spreads over thousands: its rounded scale does not move
                DataMoments moved;
                TrainingStatement claimed;
                try {
                    moved = new DataMoments(m.rows(), parts[0], parts[1], parts[2], parts[3]);
                    claimed = statement(c, data, z, moved).withOutcome(st.finalWeights(), st.curve());
                } catch (IllegalArgumentException refused) {
                    continue;
                }
                tried++;
                assertFalse(verifies(claimed, st, c, run.traces()), "moment " + k + " moved by " + delta);
            }
        }
        assertTrue(tried >= 4, "most small moves keep the rounded standardisation: " + tried);
    }

    /**
     * A prover standardising with an offset one above the data's mean, stating moments that give
     * it (the sum moved by N), and training consistently with it: only the moments' sums catch it.
     */
    @Test
    void aStandardisationThatIsNotTheDatasIsRejected() throws Exception {
        QuantizedDataset data = StandardizedTrainingTest.raw(13, 2, 3);
        DatasetCommitment c = DatasetCommitment.commit(data);
        DataMoments m = DataMoments.of(data);
        long[] sums = m.sums();
        sums[0] += 13L * 65536; // the mean one unit higher
        DataMoments claimedMoments = new DataMoments(13, sums, m.lowSquares(), m.lowHigh(), m.highSquares());
        Standardization honest = Standardization.of(data);
        long[] offsets = honest.offsets();
        offsets[0] = Standardization.mean(claimedMoments, 0);
        long[] scales = honest.scales();
        scales[0] = Standardization.scale(claimedMoments, 0, offsets[0], "x0");
        Standardization claimedZ = new Standardization(offsets, scales);
        TrainingStatement draft = statement(c, data, claimedZ, claimedMoments);
        TrainingTrace.Result run = TrainingTrace.build(draft, c, data, new TrainingTrace.Tamper() {});
        TrainingStatement st = Curves.outcome(draft, run);
        assertFalse(verifies(st, st, c, run.traces()));
    }

    /**
     * The bound that lets the table with moments drop the standardised values' inverse
     * ({@link DatasetBoundsAir}): the data's own standardisation gives
     * {@code |x'| <= 1.5 * 2^16 sqrt(N) + 1}, below {@code 2^31} up to {@code 2^28} rows. Tried on
     * the data that comes closest, one outlier at an end of the committed range and every other
     * value at the other end, and on a two-value column split evenly.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 16, 1000, 65_536})
    void theDataOwnStandardisationStaysInsideTheBoundThatReplacesTheInverse(int n) {
        long top = (1L << 31) - 1;
        long[][] columns = new long[4][n];
        for (int i = 0; i < n; i++) {
            columns[0][i] = i == 0 ? top : -top; // one high outlier
            columns[1][i] = i == n - 1 ? -top : top; // one low outlier
            columns[2][i] = i % 2 == 0 ? top : -top;
            columns[3][i] = i == 0 ? 1 << 20 : 0; // a small outlier, where the rounding counts more
        }
        QuantizedDataset data = new QuantizedDataset(16, List.of("a", "b", "c"), "y", new long[][] {columns[0], columns[1],
                columns[2]}, columns[3]);
        Standardization z = Standardization.of(data);
        double bound = 1.5 * 65536 * Math.sqrt(n) + 1;
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < n; i++) {
                long x = Math.abs(z.standardise(c, columns[c][i]));
                assertTrue(x <= bound, "column " + c + " row " + i + ": |x'| = " + x + " above " + bound);
            }
        }
        assertTrue(1.5 * 65536 * Math.sqrt(1 << 28) + 1 < (1L << 31));
    }

    /**
     * The moments' running sum raised at the last row by {@code gamma^2}, to match a stated moment
     * 2 of column 0 ({@code sum lo hi}) one above the true one: the sum then skips part of the last
     * transition, which its constraint catches (without it, the proof verifies).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRunningSumThatSkipsATermIsRejected(boolean withoutTheTransition) throws Exception {
        QuantizedDataset data = StandardizedTrainingTest.raw(16, 2, 4);
        DatasetCommitment c = DatasetCommitment.commit(data);
        Standardization z = Standardization.of(data);
        DataMoments m = DataMoments.of(data);
        TrainingStatement draft = statement(c, data, z, m);
        TrainingTrace.Result run = TrainingTrace.build(draft, c, data);
        TrainingStatement st = Curves.outcome(draft, run);
        long[] lowHigh = m.lowHigh();
        lowHigh[0] += 1;
        DataMoments moved = new DataMoments(16, m.sums(), m.lowSquares(), lowHigh, m.highSquares());
        TrainingStatement claimed = statement(c, data, z, moved).withOutcome(st.finalWeights(), st.curve());
        String dropped = withoutTheTransition ? "the moments' running sum adds each row's terms" : null;
        AuxEditingAir.Edit raise = (aux, challenges, ext) -> {
            long[] gamma = challenges.get(DatasetBoundsAir.MOMENT_GAMMA);
            long[] last = new long[ext.degree()];
            for (int d = 0; d < last.length; d++) {
                last[d] = aux[DatasetBoundsAir.AUX_MOMENTS][d][15];
            }
            long[] raised = ext.add(last, ext.mul(gamma, gamma));
            for (int d = 0; d < last.length; d++) {
                aux[DatasetBoundsAir.AUX_MOMENTS][d][15] = raised[d];
            }
        };
        TrainingAir air = TrainingAir.forProver(claimed, c);
        StarkProof proof = new StarkProver(ProofOptions.test(), NO_SELF_CHECK).prove(AuxEditingAir.replacing(air.tables(),
                1, new AuxEditingAir(air.tables().table(1), dropped, raise)), run.traces(),
                TrainingAir.segments(c.segment()));
        TrainingAir verifier = TrainingAir.forVerifier(claimed);
        boolean valid = new StarkVerifier(0).verify(AuxEditingAir.replacing(verifier.tables(), 1,
                new AuxEditingAir(verifier.tables().table(1), dropped, AuxEditingAir.NONE)), proof).valid();
        assertEquals(withoutTheTransition, valid);
    }

    /**
     * A committed table whose padding rows hold a value, with moments stated over all its rows so
     * that the statement's standardisation is not the data rows' mean: the padding constraint
     * catches it (the commitment pads with 0).
     */
    @Test
    void momentsOverValuesHiddenInThePaddingAreRejected() throws Exception {
        QuantizedDataset data = StandardizedTrainingTest.raw(13, 2, 3);
        long[][] table = DatasetCommitment.commit(data).columns();
        long hidden = 5000L << 16;
        long u = hidden + (1L << 31);
        for (int r = 13; r < 16; r++) {
            table[DatasetCommitment.lowLimbColumn(0)][r] = u & 0xFFFF;
            table[DatasetCommitment.highLimbColumn(0)][r] = u >>> 16;
        }
        DatasetCommitment forged = DatasetCommitment.ofTable(table, data);
        // Moments of the 13 data rows plus the 3 hidden values, as if they were data.
        DataMoments m = DataMoments.of(data);
        long uPad = 1L << 31;
        long[] sums = m.sums();
        long[] lowSquares = m.lowSquares();
        long[] lowHigh = m.lowHigh();
        long[] highSquares = m.highSquares();
        long lo = u & 0xFFFF;
        long hi = u >>> 16;
        sums[0] += 3 * (u - uPad);
        lowSquares[0] += 3 * lo * lo;
        lowHigh[0] += 3 * lo * hi;
        highSquares[0] += 3 * (hi * hi - (uPad >>> 16) * (uPad >>> 16));
        DataMoments claimed = new DataMoments(13, sums, lowSquares, lowHigh, highSquares);
        long[] offsets = Standardization.of(data).offsets();
        long[] scales = Standardization.of(data).scales();
        offsets[0] = Standardization.mean(claimed, 0);
        scales[0] = Standardization.scale(claimed, 0, offsets[0], "x0");
        TrainingStatement draft = statement(forged, data, new Standardization(offsets, scales), claimed);
        TrainingTrace.Result run = TrainingTrace.build(draft, forged, data, new TrainingTrace.Tamper() {});
        TrainingStatement st = Curves.outcome(draft, run);
        assertFalse(verifies(st, st, forged, run.traces()));
    }

    @Test
    void aStatementWithMomentsOfAnotherShapeIsRefused() {
        QuantizedDataset data = StandardizedTrainingTest.raw(13, 2, 3);
        DatasetCommitment c = DatasetCommitment.commit(data);
        DataMoments other = DataMoments.of(StandardizedTrainingTest.raw(12, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> statement(c, data, Standardization.of(data), other));
        assertArrayEquals(DataMoments.of(data).encoded(), DataMoments.of(data).encoded());
    }
}
