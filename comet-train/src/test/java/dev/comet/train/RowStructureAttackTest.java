package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Constraint;
import dev.comet.air.RowValues;
import dev.comet.air.TraceTable;
import dev.comet.data.QuantizedDataset;
import dev.comet.field.Goldilocks;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attacks on the row structure of {@link TrainingAir}: a cheating prover with its own trace builder
 * ({@link #build}) that follows the AIR's recurrences for any row structure (validity, batch ends,
 * activity) and any weight update, so that a cheat is consistent everywhere except at the
 * constraint aimed at it. Each attack test checks which constraints the cheat breaks (so a test
 * names the constraint that carries the soundness argument) and that the verifier rejects it.
 */
class RowStructureAttackTest {
    private static final ProverSettings NO_SELF_CHECK = ProverSettings.defaults().withoutSelfCheck();
    private static final long TWO16 = 1L << 16;

    // --- a cheating trace builder ----------------------------------------------------------------

    /** The cheater's choices; the defaults are the honest run. */
    interface Hooks {
        default boolean valid(int i, int rows) {
            return i < rows;
        }

        /** Whether data row {@code i} (position {@code pos}) ends a batch. */
        default boolean end(int i, int pos, boolean valid, int rows, int batch) {
            return valid && (pos == batch - 1 || i == rows - 1);
        }

        default boolean act(int r, int h, int epochs) {
            return r < (long) epochs * h;
        }

        /** The quotient subtracted from weight {@code j} at the batch end on trace row {@code r}. */
        default long delta(int r, int j, long honest) {
            return honest;
        }
    }

    record Built(TraceTable trace, long[] finalWeights, TrainingAir air) {}

    /** Writes a trace for {@code statement} (final weights ignored) under {@code hooks}, checking no bound. */
    static Built build(TrainingStatement statement, DatasetCommitment commitment, QuantizedDataset data, Hooks hooks) {
        TrainingAir air = TrainingAir.forProver(statement, commitment);
        int d = statement.features();
        int weights = d + 1;
        int h = 1 << air.logHeight();
        int n = air.traceInfo().length();
        int rows = statement.rows();
        int batch = statement.batchSize();
        long lr = statement.learningRateQ();
        boolean[] valid = new boolean[h];
        boolean[] end = new boolean[h];
        int[] pos = new int[h];
        int[] vpos = new int[h];
        int[] mm = new int[h];
        for (int i = 0; i < h; i++) {
            valid[i] = hooks.valid(i, rows);
            if (i > 0) {
                pos[i] = end[i - 1] ? 0 : pos[i - 1] + (valid[i] ? 1 : 0);
                vpos[i] = end[i - 1] ? 0 : vpos[i - 1] + 1;
            }
            end[i] = hooks.end(i, pos[i], valid[i], rows, batch);
        }
        int first = 0;
        while (first < h && !end[first]) {
            first++;
        }
        int current = first < h ? pos[first] : 0;
        for (int i = h - 1; i >= 0; i--) {
            if (end[i]) {
                current = pos[i];
            }
            mm[i] = current;
        }
        TraceTable t = TraceTable.ofSize(air.mainWidth, n);
        long[] w = statement.initialWeights().clone();
        long[] g = new long[weights];
        long[] x = new long[weights];
        long count = 0;
        int pendingFrom = 0;
        for (int r = 0; r < n; r++) {
            int i = r & (h - 1);
            boolean active = hooks.act(r, h, statement.epochs());
            boolean a = active && valid[i];
            Standardization z = statement.standardization();
            for (int j = 0; j < d; j++) {
                x[j] = i < rows ? z.standardise(j, data.features()[j][i]) : 0;
            }
            long y = i < rows ? z.standardise(d, data.targets()[i]) : 0; // padding rows read 0
            x[d] = TWO16;
            t.set(air.colIdx, r, i);
            for (int j = 0; j < d; j++) {
                t.set(air.colX + j, r, Goldilocks.fromSigned(x[j]));
            }
            t.set(air.colX + d, r, Goldilocks.fromSigned(y));
            count += active ? 1 : 0;
            t.set(air.colAct, r, active ? 1 : 0);
            t.set(air.colCnt, r, count);
            t.set(air.colValid, r, valid[i] ? 1 : 0);
            t.set(air.colA, r, a ? 1 : 0);
            t.set(air.colPos, r, pos[i]);
            t.set(air.colEnd, r, end[i] ? 1 : 0);
            t.set(air.colMm, r, mm[i]);
            if (vpos[i] < air.positions()) {
                t.set(air.colOh0 + vpos[i], r, 1);
            }
            for (int j = 0; j < weights; j++) {
                t.set(air.colW + j, r, Goldilocks.fromSigned(w[j]));
                t.set(air.colG + j, r, Goldilocks.fromSigned(g[j]));
            }
            long s = 0;
            if (a) {
                long dot = 0;
                for (int j = 0; j < weights; j++) {
                    dot += w[j] * x[j];
                }
                long pred = Math.floorDiv(dot, TWO16);
                long scaled = lr * (pred - y);
                s = Math.floorDiv(scaled, TWO16);
                long shiftedPred = pred + (1L << FixedPointStep.PREDICTION_BITS);
                t.set(air.colPl, r, shiftedPred & 0xFFFF);
                t.set(air.colPh, r, Goldilocks.fromSigned(shiftedPred >> 16));
                t.set(air.colPinv, r, inverse(shiftedPred));
                t.set(air.colR1, r, dot - pred * TWO16);
                t.set(air.colR2, r, Math.floorMod(scaled, TWO16));
            }
            long shiftedS = s + (1L << FixedPointStep.SCALED_ERROR_BITS);
            t.set(air.colSl, r, shiftedS & 0xFFFF);
            t.set(air.colSh, r, Goldilocks.fromSigned(shiftedS >> 16));
            t.set(air.colSinv, r, inverse(shiftedS));
            if (end[i]) {
                long divisor = (pos[i] + 1L) * TWO16;
                long[] remainders = new long[weights];
                for (int j = 0; j < weights; j++) {
                    long gradient = g[j] + s * x[j];
                    long delta = hooks.delta(r, j, Math.floorDiv(gradient, divisor));
                    remainders[j] = gradient - delta * divisor;
                    w[j] -= delta;
                    g[j] = 0;
                }
                fill(t, air, valid, vpos, pendingFrom, r, remainders, h);
                pendingFrom = r + 1;
            } else {
                for (int j = 0; j < weights; j++) {
                    g[j] += s * x[j];
                }
            }
        }
        fill(t, air, valid, vpos, pendingFrom, n - 1, new long[weights], h);
        return new Built(t, w, air);
    }

    private static void fill(TraceTable t, TrainingAir air, boolean[] valid, int[] vpos, int from, int to,
                             long[] remainders, int h) {
        int weights = remainders.length;
        int slots = air.slots();
        for (int r = from; r <= to; r++) {
            for (int j = 0; j < weights; j++) {
                t.set(air.colR + j, r, Goldilocks.fromSigned(remainders[j]));
            }
            int i = r & (h - 1);
            for (int u = 0; u < slots; u++) {
                int base = air.colSlot0 + TrainingAir.SLOT_WIDTH * u;
                int j = vpos[i] * slots + u;
                boolean slotRow = valid[i] && vpos[i] < air.positions() && j < weights;
                long shiftedW = slotRow ? Goldilocks.toSigned(t.get(air.colW + j, r)) + FixedPointStep.WEIGHT_BOUND : 1;
                if (slotRow) {
                    t.set(base, r, Math.floorMod(remainders[j], TWO16));
                    t.set(base + 1, r, Goldilocks.fromSigned(Math.floorDiv(remainders[j], TWO16)));
                }
                t.set(base + 2, r, shiftedW & 0xFFFF);
                t.set(base + 3, r, Goldilocks.fromSigned(shiftedW >> 16));
                t.set(base + 4, r, inverse(shiftedW));
            }
        }
    }

    private static long inverse(long v) {
        long reduced = Goldilocks.fromSigned(v);
        return reduced == 0 ? 0 : Goldilocks.inv(reduced);
    }

    /** Names of the main-trace constraints the trace breaks, and "range" if a range-checked value is out of range. */
    static List<String> violations(TrainingAir air, TraceTable trace) {
        long[][] copy = new long[trace.width()][];
        for (int c = 0; c < copy.length; c++) {
            copy[c] = trace.column(c).clone();
        }
        TraceTable t = new TraceTable(copy);
        RowValues values = air.rowValues(t);
        int n = t.length();
        List<String> out = new ArrayList<>();
        for (Constraint c : air.constraints()) {
            if (c.expr().isExtension()) {
                continue;
            }
            long[] v = values.evaluate(c.expr());
            for (int r = 0; r < n; r++) {
                if (c.domain().contains(r, n) && v[r] != 0) {
                    out.add(c.name());
                    break;
                }
            }
        }
        try {
            air.traces(t, false);
        } catch (IllegalArgumentException e) {
            out.add("range");
        }
        return out;
    }

    /**
     * Whether {@code cheat} breaks any constraint: {@link #violations} cut short at the first one,
     * with the range check first (it catches the quotient cheats at once), for the sweep.
     */
    private static boolean breaksAConstraint(Setup s, Built cheat) {
        TrainingAir air = TrainingAir.forProver(s.draft().withFinalWeights(clamp(cheat.finalWeights())),
                s.commitment());
        TraceTable t = cheat.trace();
        try {
            air.traces(t, false);
        } catch (IllegalArgumentException e) {
            return true;
        }
        RowValues values = air.rowValues(t);
        int n = t.length();
        for (Constraint c : air.constraints()) {
            if (c.expr().isExtension()) {
                continue;
            }
            long[] v = values.evaluate(c.expr());
            for (int r = 0; r < n; r++) {
                if (c.domain().contains(r, n) && v[r] != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Proves {@code built} as a proof of {@code statement} with its final weights set to {@code claimed}. */
    static VerificationResult prove(TrainingStatement statement, DatasetCommitment commitment, TraceTable trace,
                                    long[] claimed) {
        TrainingStatement st = statement.withFinalWeights(claimed);
        TrainingAir air = TrainingAir.forProver(st, commitment);
        StarkProof proof = new StarkProver(ProofOptions.test(), NO_SELF_CHECK).prove(air.tables(),
                air.traces(trace, true), TrainingAir.segments(commitment.segment()));
        return new StarkVerifier(0).verify(TrainingAir.forVerifier(st).tables(), proof);
    }

    static TrainingStatement statement(DatasetCommitment c, QuantizedDataset data, long lrQ, int batch, int epochs) {
        return TrainingProofTest.spec(c, data, lrQ, batch, epochs);
    }

    private record Setup(QuantizedDataset data, DatasetCommitment commitment, TrainingStatement draft, TrainingSpec spec) {
        static Setup of(int rows, int features, long seed, String lr, int batch, int epochs) throws Exception {
            QuantizedDataset data = TrainingProofTest.synthetic(rows, features, seed);
            DatasetCommitment c = DatasetCommitment.commit(data);
            TrainingSpec spec = TrainingSpec.of(lr, batch, epochs, features);
            return new Setup(data, c, statement(c, data, spec.learningRateQ(), batch, epochs), spec);
        }

        Built build(Hooks hooks) {
            return RowStructureAttackTest.build(draft, commitment, data, hooks);
        }
    }

    /** The constraints {@code cheat} breaks as a proof of the setup's statement claiming its own (clamped) final weights. */
    private static List<String> violations(Setup s, Built cheat) {
        TrainingStatement claimed = s.draft().withFinalWeights(clamp(cheat.finalWeights()));
        return violations(TrainingAir.forProver(claimed, s.commitment()), cheat.trace());
    }

    private static void assertRejectedBecause(Setup s, Built cheat, List<String> expected) {
        List<String> broken = violations(s, cheat);
        assertEquals(expected, broken, "constraints the cheat breaks");
        long[] claimed = clamp(cheat.finalWeights());
        VerificationResult result = prove(s.draft(), s.commitment(), cheat.trace(), claimed);
        assertFalse(result.valid(), "the verifier accepted a cheat that only '" + expected + "' should catch");
    }

    private static long[] clamp(long[] w) {
        long limit = FixedPointStep.WEIGHT_BOUND - 1;
        return Arrays.stream(w).map(v -> Math.max(-limit, Math.min(limit, v))).toArray();
    }

    // --- the builder itself is honest by default ---------------------------------------------------

    @ParameterizedTest(name = "{0} rows, batch {1}, {2} epochs")
    @CsvSource({"40, 6, 2", "8, 3, 3", "5, 1, 2", "5, 16, 3", "1, 1, 3", "1, 4, 1", "16, 16, 3", "7, 7, 5"})
    void honestEdgeCasesVerifyAndMatchTheTrainer(int rows, int batch, int epochs) throws Exception {
        Setup s = Setup.of(rows, 2, rows * 13L + batch, "0.05", batch, epochs);
        Built built = s.build(new Hooks() {});
        assertEquals(List.of(), violations(s, built));
        long[] trained = FixedPointTrainer.train(s.data(), s.spec()).weights();
        assertArrayEquals(trained, built.finalWeights(), "builder disagrees with the trainer");
        assertArrayEquals(trained, TrainingTrace.build(s.draft(), s.commitment(), s.data()).finalWeights(),
                "trace generator disagrees with the trainer");
        VerificationResult result = prove(s.draft(), s.commitment(), built.trace(), built.finalWeights());
        assertTrue(result.valid(), result.reason());
    }

    @Test
    void honestRunWithoutPaddingAndOneEpochSlotVerifies() throws Exception {
        // N = h = 2^16, one epoch: K = 1, the trace's LDE shift is the segment's own.
        Setup s = Setup.of(1 << 16, 1, 11, "0.01", 1000, 1);
        Built built = s.build(new Hooks() {});
        assertArrayEquals(FixedPointTrainer.train(s.data(), s.spec()).weights(), built.finalWeights());
        VerificationResult result = prove(s.draft(), s.commitment(), built.trace(), built.finalWeights());
        assertTrue(result.valid(), result.reason());
    }

    // --- batch structure ---------------------------------------------------------------------------

    @Test
    void batchEndedEarlyRejects() throws Exception {
        // N = 40, B = 6: the batch rows 6..11 ends at row 10 instead (m = 5), every later batch shifted.
        Setup s = Setup.of(40, 2, 7, "0.05", 6, 2);
        Built cheat = s.build(new Hooks() {
            @Override
            public boolean end(int i, int pos, boolean valid, int rows, int batch) {
                return valid && (i == 10 || pos == batch - 1 || i == rows - 1);
            }
        });
        assertRejectedBecause(s, cheat, List.of("a batch ends only when full"));
    }

    @Test
    void lastBatchRunningIntoTheNextEpochRejects() throws Exception {
        // No end at row N - 1: the last partial batch's gradient carries across padding and the
        // epoch wrap into the next epoch's first batch (g and w are not gated at the wrap).
        Setup s = Setup.of(40, 2, 7, "0.05", 6, 2);
        Built cheat = s.build(new Hooks() {
            @Override
            public boolean end(int i, int pos, boolean valid, int rows, int batch) {
                return valid && pos == batch - 1;
            }
        });
        assertRejectedBecause(s, cheat, List.of("data row N-1 ends a batch"));
    }

    @Test
    void updateOnAPaddingRowRejects() throws Exception {
        // B = 1, so pos = 0 = B - 1 on padding and "ends only when full" is satisfied there: an end
        // on the last padding row would be an update with G = 0 and an unchecked remainder, which
        // moves every weight by 5. Only "padding ends no batch" stands in the way.
        Setup s = Setup.of(5, 2, 3, "0.05", 1, 2);
        int h = 8;
        int target = (1 << 16) - h - 1; // row h - 1 of the second-to-last period (n = 2^16)
        Built cheat = s.build(new Hooks() {
            @Override
            public boolean end(int i, int pos, boolean valid, int rows, int batch) {
                return valid || i == h - 1;
            }

            @Override
            public long delta(int r, int j, long honest) {
                return r == target ? -5 : honest;
            }
        });
        assertRejectedBecause(s, cheat, List.of("padding ends no batch"));
    }

    @Test
    void rowTreatedAsPaddingInTheMiddleRejects() throws Exception {
        Setup s = Setup.of(40, 2, 7, "0.05", 6, 2);
        Built cheat = s.build(new Hooks() {
            @Override
            public boolean valid(int i, int rows) {
                return i < rows && i != 20;
            }
        });
        assertRejectedBecause(s, cheat, List.of("valid never restarts within a period"));
    }

    @Test
    void slotSelectorShiftedRejects() throws Exception {
        // Honest run, then the one-hot of the batch at rows 6..11 moved one row later: weight 0
        // would be range-checked at position 1, or not at all if the cheat went further.
        Setup s = Setup.of(40, 2, 7, "0.05", 6, 2);
        Built honest = s.build(new Hooks() {});
        TraceTable t = honest.trace();
        TrainingAir air = honest.air();
        int p = air.positions();
        for (int k = 0; k < p; k++) {
            t.set(air.colOh0 + k, 6 + k, 0);
        }
        for (int k = 0; k < p && 7 + k < 12; k++) {
            t.set(air.colOh0 + k, 7 + k, 1);
        }
        List<String> broken = violations(s, honest);
        assertTrue(broken.stream().anyMatch(b -> b.startsWith("oh_")), broken.toString());
        assertFalse(prove(s.draft(), s.commitment(), t, honest.finalWeights()).valid());
    }

    // --- updates -----------------------------------------------------------------------------------

    @Test
    void skippedUpdateAtTheEpochWrapWithoutPaddingRejects() throws Exception {
        // N = h = 16: row h - 1 ends a batch and its update crosses the period boundary, where the
        // batch-structure transitions are exempt; the weight update must not be.
        Setup s = Setup.of(16, 2, 5, "0.05", 5, 3);
        for (long off : new long[] {1, -1}) {
            Built cheat = s.build(new Hooks() {
                @Override
                public long delta(int r, int j, long honest) {
                    return r == 15 && j == 1 ? honest + off : honest;
                }
            });
            assertRejectedBecause(s, cheat, List.of("range"));
        }
    }

    @Test
    void updateOffByOneAtTheLastRowWithoutPaddingRejects() throws Exception {
        // N = h = 16, 4096 epochs fill all 2^16 rows (no idle slot): the last row's own update is
        // the final-weight constraint; a quotient off by one needs a remainder outside [0, m 2^16).
        Setup s = Setup.of(16, 2, 5, "0.05", 5, 4096);
        int lastRow = (1 << 16) - 1;
        for (long off : new long[] {1, -1}) {
            Built cheat = s.build(new Hooks() {
                @Override
                public long delta(int r, int j, long honest) {
                    return r == lastRow && j == 0 ? honest + off : honest;
                }
            });
            assertRejectedBecause(s, cheat, List.of("range"));
        }
    }

    @Test
    void updateOffByOneInTheLastBatchWithPaddingRejects() throws Exception {
        // N = 13, h = 16, 4096 epochs (all active): the final weights sit on padding rows after the
        // last batch's update; moving them by one needs a remainder outside [0, m 2^16).
        Setup s = Setup.of(13, 2, 5, "0.05", 4, 4096);
        int lastEnd = (1 << 16) - 16 + 12;
        for (long off : new long[] {1, -1}) {
            Built cheat = s.build(new Hooks() {
                @Override
                public long delta(int r, int j, long honest) {
                    return r == lastEnd && j == 2 ? honest + off : honest;
                }
            });
            assertRejectedBecause(s, cheat, List.of("range"));
        }
    }

    @Test
    void updateInAnIdleEpochRejects() throws Exception {
        // 3 epochs: slot 3 onwards is idle, its gradients are zero; moving a weight there needs a
        // remainder of -m 2^16 or +m 2^16.
        Setup s = Setup.of(13, 2, 5, "0.05", 4, 3);
        int h = 16;
        int idleEnd = 3 * h + 3; // first batch end of the first idle epoch slot
        for (long off : new long[] {1, -1}) {
            Built cheat = s.build(new Hooks() {
                @Override
                public long delta(int r, int j, long honest) {
                    return r == idleEnd && j == 0 ? honest + off : honest;
                }
            });
            assertRejectedBecause(s, cheat, List.of("range"));
        }
    }

    @Test
    void epochsRestartingRejects() throws Exception {
        // act = 1 in slots 0, 1 and 3, 0 in slot 2: three active epochs counted, not contiguous.
        Setup s = Setup.of(13, 2, 5, "0.05", 4, 3);
        Built cheat = s.build(new Hooks() {
            @Override
            public boolean act(int r, int h, int epochs) {
                return r / h != 2;
            }
        });
        List<String> broken = violations(s, cheat);
        assertEquals(List.of("act never restarts"), broken);
        assertFalse(prove(s.draft(), s.commitment(), cheat.trace(), clamp(cheat.finalWeights())).valid());
    }

    // --- a sweep of single deviations --------------------------------------------------------------

    /**
     * Every single deviation from the honest row structure (one row's end or validity flipped in
     * every period) and every off-by-one quotient at a batch end of the first two epoch slots and
     * the first idle one, on a run with padding, a partial last batch and idle epoch slots, and on
     * one without padding: each must break at least one constraint.
     */
    @ParameterizedTest(name = "{0} rows, batch {1}, {2} epochs")
    @CsvSource({"13, 4, 3", "16, 5, 3", "6, 1, 2"})
    void everySingleDeviationBreaksAConstraint(int rows, int batch, int epochs) throws Exception {
        Setup s = Setup.of(rows, 2, rows + 5L, "0.05", batch, epochs);
        int h = 1 << s.build(new Hooks() {}).air().logHeight();
        List<String> missed = new ArrayList<>();
        for (int flip = 0; flip < h; flip++) {
            int f = flip;
            Built endFlipped = s.build(new Hooks() {
                @Override
                public boolean end(int i, int pos, boolean valid, int rows, int batch) {
                    boolean honest = valid && (pos == batch - 1 || i == rows - 1);
                    return i == f ? !honest : honest;
                }
            });
            if (!breaksAConstraint(s, endFlipped)) {
                missed.add("end flipped at data row " + f);
            }
            Built validFlipped = s.build(new Hooks() {
                @Override
                public boolean valid(int i, int rows) {
                    return i == f ? i >= rows : i < rows;
                }
            });
            if (!breaksAConstraint(s, validFlipped)) {
                missed.add("valid flipped at data row " + f);
            }
        }
        int weights = s.data().numFeatures() + 1;
        int n = s.build(new Hooks() {}).trace().length();
        for (int r = 0; r < Math.min(4 * h, n); r++) {
            int i = r % h;
            boolean isEnd = i < rows && ((i % batch) == batch - 1 || i == rows - 1);
            if (!isEnd || (r >= 2 * h && r < (epochs) * h)) {
                continue;
            }
            for (int j = 0; j < weights; j++) {
                for (long off : new long[] {1, -1}) {
                    int row = r;
                    int jj = j;
                    Built cheat = s.build(new Hooks() {
                        @Override
                        public long delta(int rr, int j2, long honest) {
                            return rr == row && j2 == jj ? honest + off : honest;
                        }
                    });
                    if (!breaksAConstraint(s, cheat)) {
                        missed.add("quotient " + off + " at row " + row + " weight " + jj);
                    }
                }
            }
        }
        assertEquals(List.of(), missed);
    }
}
