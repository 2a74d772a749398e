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
import org.junit.jupiter.api.Test;
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
                TrainingAir.forProver(claimed, commitment).tables(), traces,
                TrainingAir.segments(commitment.segment()));
        return new StarkVerifier(0).verify(TrainingAir.forVerifier(claimed).tables(), proof);
    }

    private static List<TraceTable> withTraining(TrainingStatement claimed, DatasetCommitment commitment, TraceTable training) {
        return TrainingAir.forProver(claimed, commitment).traces(training, true);
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
        TrainingAir air = TrainingAir.forProver(st, commitment);
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

    /**
     * The bound argument of the standardisation equation at its corners: every committed value
     * {@code v = +-(2^31 - 1)}, offset {@code +-(2^31 - 1)} and scale {@code 1} or {@code 2^30}
     * (the statement's extremes), and every remainder in {@code [0, 2^16)}: the only field solution
     * {@code x' = ((v - offset) scale - rem) / 2^16} with {@code |x'| < 2^31} is the floor with its
     * remainder (none at all where the floor itself is outside the bound).
     */
    @org.junit.jupiter.api.Test
    void theStandardisationEquationHasNoWrappedSolutionAtTheCorners() {
        long inv = Goldilocks.inv(1L << 16);
        long[] values = {(1L << 31) - 1, -(1L << 31) + 1, 0, 1, -1};
        long[] offsets = {(1L << 31) - 1, -(1L << 31) + 1, 0};
        long[] scales = {1, 2, (1L << 30) - 1, 1L << 30};
        for (long v : values) {
            for (long offset : offsets) {
                for (long scale : scales) {
                    Standardization z = new Standardization(new long[] {offset, offset}, new long[] {scale, scale});
                    long floor = z.standardise(0, v);
                    long rem = z.remainder(0, v);
                    long lhs = Goldilocks.mul(Goldilocks.sub(Goldilocks.fromSigned(v), Goldilocks.fromSigned(offset)), scale);
                    for (long r = 0; r < 1L << 16; r++) {
                        long x = Goldilocks.toSigned(Goldilocks.mul(Goldilocks.sub(lhs, r), inv));
                        boolean inBound = Goldilocks.toSigned(Goldilocks.add(Goldilocks.fromSigned(x), 1L << 31)) > 0
                                && Goldilocks.toSigned(Goldilocks.add(Goldilocks.fromSigned(x), 1L << 31)) < 1L << 32;
                        if (inBound) {
                            assertTrue(r == rem && x == floor, "v " + v + ", offset " + offset + ", scale " + scale
                                    + ": x' = " + x + " with remainder " + r);
                        }
                    }
                }
            }
        }
    }

    /**
     * Data, offsets and scales at the statement's extremes ({@code v} and offsets at
     * {@code +-(2^31 - 1)}, scales {@code 2^30} and {@code 1}, {@code |v - offset|} up to nearly
     * {@code 2^32}): the honest run verifies, and a prover that trains on one standardised value
     * moved by {@code delta} (the bounds table writing {@code x' + delta} with the remainder
     * {@code rem - delta 2^16}, which still satisfies the equation in the field) is rejected: only
     * the remainder's range check catches it.
     */
    @ParameterizedTest(name = "corner {0}, column {1}, delta {2}")
    @CsvSource({"0, 0, 1", "0, 1, -1", "1, 0, -1", "1, 1, 1", "2, 0, 1", "2, 1, -1"})
    void aStandardisedValueOffByOneAtTheExtremesIsRejected(int corner, int c, int delta) {
        long max = (1L << 31) - 1;
        long[] x = new long[8];
        long[] y = new long[8];
        long offset;
        long scale;
        for (int i = 0; i < 8; i++) {
            switch (corner) {
                case 0 -> { x[i] = -max + i; y[i] = -max + 2L * i + (i % 3); }
                case 1 -> { x[i] = max - i; y[i] = max - 2L * i - (i % 3); }
                default -> { x[i] = max - ((long) i << 20); y[i] = max - ((long) i << 21) - ((i % 3L) << 19); }
            }
        }
        offset = corner == 1 ? max : -max;
        scale = corner == 2 ? 1 : 1L << 30;
        QuantizedDataset data = Datasets.scaled(y, x); // N = 8: no padding
        Standardization z = new Standardization(new long[] {offset, offset}, new long[] {scale, scale});
        DatasetCommitment commitment = DatasetCommitment.commit(data);
        TrainingStatement draft = StandardizedTrainingTest.statement(commitment, data, z, 3277, 4, 2);
        TrainingTrace.Result honest = TrainingTrace.build(draft, commitment, data);
        VerificationResult control = prove(draft.withFinalWeights(honest.finalWeights()), commitment, honest.traces());
        assertTrue(control.valid(), control.reason());

        // The cheater's standardised data: one value moved, trained on through the identity.
        int row = 3;
        QuantizedDataset moved = copy(z.apply(data));
        (c < 1 ? moved.features()[c] : moved.targets())[row] += delta;
        TrainingStatement identity = StandardizedTrainingTest.statement(commitment, data, Standardization.identity(1), 3277, 4, 2);
        TrainingTrace.Result cheat = TrainingTrace.build(identity, commitment, moved);
        TrainingStatement claimed = draft.withFinalWeights(cheat.finalWeights());
        int logLength = TrainingAir.logTraceLength(8, 2);
        DatasetBoundsAir identityBounds = new DatasetBoundsAir(commitment.root(), 8, 1, 3, Standardization.identity(1), DataMoments.NONE, logLength,
                commitment.columns(), 0, -1);
        DatasetBoundsAir bounds = new DatasetBoundsAir(commitment.root(), 8, 1, 3, z, DataMoments.NONE, logLength, commitment.columns(), 0, -1);
        TraceTable b = bounds.trace();
        long[] standardised = bounds.rowValues(b).evaluate(bounds.standardised(c));
        for (int r = row; r < b.length(); r += 8) {
            bounds.overwriteStandardised(b, c, r, Goldilocks.toSigned(standardised[r]) + delta,
                    Goldilocks.sub(bounds.remainderCell(b, c, r), Goldilocks.fromSigned(delta << 16)));
        }
        long[] m = multiplicities(cheat.traces().get(2));
        subtract(m, counts(identityBounds, cheat.traces().get(1)), 1);
        subtract(m, counts(bounds, b), -1);
        List<TraceTable> traces = List.of(cheat.trace(), b, new dev.comet.air.RangeTable(16, 12, 0).trace(m));
        assertFalse(prove(claimed, commitment, traces).valid());
    }

    private static long[] multiplicities(TraceTable range) {
        long[] m = new long[1 << 16];
        for (int v = 0; v < m.length; v++) {
            m[v] = range.get(1 + v % 16, v / 16);
        }
        return m;
    }

    /** Counts of the in-range values {@code bounds} looks up in its trace {@code t} (others skipped, as a cheater would). */
    private static long[] counts(DatasetBoundsAir bounds, TraceTable t) {
        long[] m = new long[1 << 16];
        dev.comet.air.RowValues rows = bounds.rowValues(t);
        for (dev.comet.air.Expr e : bounds.rangeChecked()) {
            for (long v : rows.evaluate(e)) {
                if (v >= 0 && v < m.length) {
                    m[(int) v]++;
                }
            }
        }
        return m;
    }

    private static void subtract(long[] m, long[] counts, int sign) {
        for (int v = 0; v < m.length; v++) {
            m[v] = sign > 0 ? Goldilocks.sub(m[v], counts[v]) : Goldilocks.add(m[v], counts[v]);
        }
    }

    /**
     * Training on the committed rows in another order (data rows {@code a} and {@code b}
     * exchanged, which changes what SGD computes), with the bounds table offering row {@code a}'s
     * values under index {@code b} and vice versa: every lookup is answered and every offer used
     * as often as it is offered, so only the bounds table's index constraints catch it. Includes
     * {@code h < 8}, where the table offers each row twice.
     */
    @ParameterizedTest(name = "{0} rows, exchange {1} and {2}")
    @CsvSource({"13, 3, 5", "16, 0, 15", "3, 0, 2", "6, 1, 4"})
    void theBoundsTableOfferingRowsUnderEachOthersIndexIsRejected(int rows, int a, int b) {
        QuantizedDataset data = StandardizedTrainingTest.raw(rows, 2, 21 + rows);
        Standardization z = Standardization.of(data);
        DatasetCommitment commitment = DatasetCommitment.commit(data);
        TrainingStatement draft = StandardizedTrainingTest.statement(commitment, data, z, 3277, 2, 2);
        QuantizedDataset permuted = copy(data);
        for (long[] column : permuted.features()) {
            long t = column[a];
            column[a] = column[b];
            column[b] = t;
        }
        long t = permuted.targets()[a];
        permuted.targets()[a] = permuted.targets()[b];
        permuted.targets()[b] = t;
        TrainingTrace.Result honest = TrainingTrace.build(draft, commitment, data);
        TrainingTrace.Result cheat = TrainingTrace.build(draft, commitment, permuted);
        assertNotEquals(Arrays.toString(honest.finalWeights()), Arrays.toString(cheat.finalWeights()), "the order matters");
        TraceTable bounds = cheat.traces().get(1);
        for (int r = 0; r < bounds.length(); r++) {
            long idx = bounds.get(DatasetBoundsAir.COL_INDEX, r);
            bounds.set(DatasetBoundsAir.COL_INDEX, r, idx == a ? b : idx == b ? a : idx);
        }
        assertFalse(prove(draft.withFinalWeights(cheat.finalWeights()), commitment, cheat.traces()).valid());
    }

    static QuantizedDataset copy(QuantizedDataset data) {
        long[][] f = Arrays.stream(data.features()).map(long[]::clone).toArray(long[][]::new);
        return new QuantizedDataset(data.fractionBits(), data.featureNames(), data.targetName(), f, data.targets().clone());
    }

    /**
     * The bounds table marking data row 2 as padding, which zeroes its standardised values, and
     * training on the zeroed row: the lookups and the range counts balance, so only the
     * {@code valid} column's constraints (exactly the first N rows of each period) catch it.
     */
    @Test
    void aDataRowMarkedAsPaddingIsRejected() {
        QuantizedDataset data = StandardizedTrainingTest.raw(13, 2, 31);
        Standardization z = Standardization.of(data);
        DatasetCommitment commitment = DatasetCommitment.commit(data);
        TrainingStatement draft = StandardizedTrainingTest.statement(commitment, data, z, 3277, 4, 2);
        int row = 2;
        QuantizedDataset zeroed = copy(z.apply(data));
        for (long[] column : zeroed.features()) {
            column[row] = 0;
        }
        zeroed.targets()[row] = 0;
        TrainingStatement identity = StandardizedTrainingTest.statement(commitment, data, Standardization.identity(2), 3277,
                4, 2);
        TrainingTrace.Result cheat = TrainingTrace.build(identity, commitment, zeroed);
        int logLength = TrainingAir.logTraceLength(13, 2);
        DatasetBoundsAir identityBounds = new DatasetBoundsAir(commitment.root(), 13, 2, 4, Standardization.identity(2), DataMoments.NONE,
                logLength, commitment.columns(), 0, -1);
        DatasetBoundsAir bounds = new DatasetBoundsAir(commitment.root(), 13, 2, 4, z, DataMoments.NONE, logLength, commitment.columns(), 0, -1);
        TraceTable b = bounds.trace();
        for (int r = row; r < b.length(); r += 16) {
            b.set(DatasetBoundsAir.COL_VALID, r, 0);
            for (int c = 0; c <= 2; c++) {
                bounds.overwriteStandardised(b, c, r, 0, 0);
            }
        }
        long[] m = multiplicities(cheat.traces().get(2));
        subtract(m, counts(identityBounds, cheat.traces().get(1)), 1);
        subtract(m, counts(bounds, b), -1);
        List<TraceTable> traces = List.of(cheat.trace(), b, new dev.comet.air.RangeTable(16, 12, 0).trace(m));
        assertFalse(prove(draft.withFinalWeights(cheat.finalWeights()), commitment, traces).valid());
    }
}
