package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.TableSet;
import dev.comet.air.TraceTable;
import dev.comet.data.ClassLabels;
import dev.comet.data.QuantizedDataset;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.hash.Transcript;
import dev.comet.proof.AirShape;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.ProtocolTranscript;
import dev.comet.proof.StarkProof;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Adversarial review of the proven learning curve (commits 5e81a45, 1f0e265): honest shapes at the
 * edges (1 row, h < 8, idle epoch slots, 100 epochs, no padding, loss near the bound) and traces
 * that try to state another curve. Every attack is checked against a control: the same harness
 * without the mutation verifies.
 */
class LearningCurveReviewTest {
    private static final ProverSettings NO_SELF_CHECK = ProverSettings.defaults().withoutSelfCheck();
    private static final ClassLabels CLASSES = ClassLabels.of(List.of("no", "yes"));
    private static final long ONE = 1L << 16;

    private record Run(TrainingStatement statement, DatasetCommitment commitment, QuantizedDataset data,
                       TrainingTrace.Result result, TrainingResult trained) {
        static Run of(QuantizedDataset data, TrainingSpec spec, Standardization z) throws Exception {
            DatasetCommitment c = DatasetCommitment.commit(data);
            TrainingStatement draft = new TrainingStatement(c.root(), data.rows(), data.numFeatures(), data.fractionBits(),
                    data.featureNames(), data.targetName(), spec.model(), spec.classes(), z, spec.learningRateQ(),
                    spec.batchSize(), spec.epochs(), spec.initialWeights(), spec.initialWeights(),
                    LearningCurve.zeros(spec.epochs(), data.rows(), spec.model().isClassifier()));
            TrainingTrace.Result result = TrainingTrace.build(draft, c, data);
            TrainingResult trained = FixedPointTrainer.train(z.apply(data), spec);
            return new Run(draft.withOutcome(result.finalWeights(), result.curve()), c, data, result, trained);
        }

        TrainingAir air() {
            return TrainingAir.forProver(statement, commitment);
        }

        /** Proves {@code traces} for this run's AIR (its statement) and verifies against {@code claimed}. */
        boolean verifies(TrainingStatement claimed, List<TraceTable> traces, ProverSettings settings) {
            StarkProof proof = new StarkProver(ProofOptions.test(), settings).prove(air().tables(),
                    traces == null ? result.traces() : traces, TrainingAir.segments(commitment.segment()));
            return new StarkVerifier(0).verify(TrainingAir.forVerifier(claimed).tables(), proof).valid();
        }

        /** A cheat: the same run whose statement claims {@code claimed}, proving {@code main} as mutated. */
        boolean cheatVerifies(TrainingStatement claimed, TraceTable main) {
            Run cheat = new Run(claimed, commitment, data, result, trained);
            return cheat.verifies(claimed, cheat.air().traces(main, true), NO_SELF_CHECK);
        }

        /** The first constraint the prover's self-check finds broken by {@code main}, or the LogUp refusal. */
        String violation(TrainingStatement claimed, TraceTable main) {
            Run cheat = new Run(claimed, commitment, data, result, trained);
            try {
                new StarkProver(ProofOptions.test(), ProverSettings.defaults()).prove(cheat.air().tables(),
                        cheat.air().traces(main, true), TrainingAir.segments(commitment.segment()));
                return "none";
            } catch (dev.comet.prover.ConstraintViolationException e) {
                return e.constraint();
            } catch (IllegalArgumentException e) {
                return e.getMessage().startsWith("the LogUp totals") ? "LogUp totals" : e.getMessage();
            }
        }

        /** The cheat is rejected, and first caught by {@code expected}. */
        void assertCaughtBy(String expected, TrainingStatement claimed, TraceTable main) {
            assertFalse(cheatVerifies(claimed, main), "the verifier accepts the cheat");
            assertEquals(expected, violation(claimed, main));
        }

        int h() {
            return 1 << air().logHeight();
        }

        /**
         * Mutation check: proves and verifies {@code main} for {@code claimed} with the AIR minus
         * the constraint {@code dropped}, on both sides.
         */
        boolean verifiesWithout(String dropped, TrainingStatement claimed, TraceTable main) {
            TrainingAir prover = TrainingAir.forProver(claimed, commitment);
            List<TraceTable> traces = prover.traces(main, true);
            StarkProof proof = new StarkProver(ProofOptions.test(), NO_SELF_CHECK).prove(
                    TrainingAir.tables(new AuxEditingAir(prover, dropped, AuxEditingAir.NONE), claimed, prover.dataColumns()), traces,
                    TrainingAir.segments(commitment.segment()));
            return new StarkVerifier(0).verify(TrainingAir.tables(
                    new AuxEditingAir(TrainingAir.forVerifier(claimed), dropped, AuxEditingAir.NONE), claimed), proof).valid();
        }
    }

    /** Small features in [-1, 1]; a regression target in [-yMax, yMax], or a class index. */
    private static QuantizedDataset small(int rows, int features, boolean classifier, double yMax, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[][] f = new long[features][rows];
        long[] y = new long[rows];
        for (int i = 0; i < rows; i++) {
            double score = 0;
            for (int j = 0; j < features; j++) {
                double v = r.nextDouble(-1, 1);
                f[j][i] = Math.round(v * ONE);
                score += (j % 2 == 0 ? 1 : -1) * v;
            }
            y[i] = classifier ? (score + 0.3 * r.nextGaussian() > 0 ? ONE : 0)
                    : Math.round(r.nextDouble(-yMax, yMax) * ONE);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add("x" + j);
        }
        return new QuantizedDataset(16, names, "y", f, y);
    }

    private static Run run(boolean classifier, int rows, int epochs, int batch, String lr) throws Exception {
        QuantizedDataset data = small(rows, 2, classifier, 3, rows * 31L + epochs);
        TrainingSpec spec = TrainingSpec.of(lr, batch, epochs, 2);
        if (classifier) {
            spec = spec.forModel(ModelKind.LOGISTIC, CLASSES);
        }
        return Run.of(data, spec, Standardization.identity(2));
    }

    private static Run linear13() throws Exception {
        return run(false, 13, 3, 4, "0.1");
    }

    private static Run logistic13() throws Exception {
        return run(true, 13, 3, 4, "0.5");
    }

    private static TrainingStatement withCurve(TrainingStatement st, long[] loss, long[] correct) {
        return new TrainingStatement(st.datasetRoot(), st.rows(), st.features(), st.fractionBits(), st.featureNames(),
                st.targetName(), st.model(), st.classes(), st.standardization(), st.learningRateQ(), st.batchSize(),
                st.epochs(), st.initialWeights(), st.finalWeights(), new LearningCurve(loss, correct));
    }

    private static void add(TraceTable t, int column, int row, long delta) {
        t.set(column, row, Goldilocks.add(t.get(column, row), Goldilocks.fromSigned(delta)));
    }

    /** Writes scaled error {@code s} at {@code row}: its limbs and the inverse of its shifted value. */
    private static void setScaledError(TrainingAir air, TraceTable t, int row, long s) {
        long shifted = s + (1L << FixedPointStep.SCALED_ERROR_BITS);
        t.set(air.colSl, row, shifted & 0xFFFF);
        t.set(air.colSh, row, shifted >>> 16);
        t.set(air.colSinv, row, Goldilocks.inv(shifted));
    }

    // ---------------------------------------------------------------- completeness

    @ParameterizedTest(name = "classifier {0}: N={1}, E={2}, B={3}")
    @CsvSource({
        "false, 1, 1, 1", "true, 1, 1, 1",     // one row: h = 1, seven idle one-row periods
        "false, 1, 3, 1", "true, 1, 3, 1",     // h = 1, E not a power of two
        "false, 3, 1, 2", "true, 3, 1, 2",     // h = 4 < 8: the trace is stretched to 8 rows, one idle slot
        "false, 2, 5, 2", "true, 2, 5, 1",     // h = 2, 3 idle slots
        "false, 5, 100, 2", "true, 5, 100, 3", // 100 epochs, 28 idle slots, padding rows
        "false, 16, 3, 4", "true, 16, 3, 5",   // no padding, idle slot
        "false, 17, 2, 17", "true, 8, 1, 3",   // one batch per epoch; a single epoch without padding
    })
    void honestEdgeShapesVerifyWithTheTrainersCurve(boolean classifier, int rows, int epochs, int batch) throws Exception {
        Run run = run(classifier, rows, epochs, batch, classifier ? "0.5" : "0.1");
        assertEquals(run.trained().curve(), run.result().curve());
        assertEquals(epochs, run.statement().curve().epochs());
        assertTrue(run.verifies(run.statement(), null, ProverSettings.defaults()));
    }

    /** lr = 1 and targets near 15: |s| close to 2^20, sum of s^2 near 2^46 per epoch; exact and verifies. */
    @Test
    void largeLossSumsAreExactAndVerify() throws Exception {
        QuantizedDataset data = small(64, 1, false, 15, 7);
        TrainingSpec spec = TrainingSpec.of("1", 64, 2, 1);
        Run run = Run.of(data, spec, Standardization.identity(1));
        long expected = 0;
        long max = 0;
        for (long y : data.targets()) {
            expected += y * y; // epoch 0: weights 0, so s = -y
            max = Math.max(max, Math.abs(y));
        }
        assertTrue(max > 0.9 * (1 << 20), "errors close to the bound: " + max);
        assertEquals(expected, run.statement().curve().lossSums()[0]);
        assertTrue(expected > 1L << 44, "large sums: " + expected);
        assertEquals(run.trained().curve(), run.result().curve());
        assertTrue(run.verifies(run.statement(), null, ProverSettings.defaults()));
    }

    // ---------------------------------------------------------------- controls

    @Test
    void controlsVerify() throws Exception {
        for (Run run : List.of(linear13(), logistic13())) {
            TraceTable main = run.result().trace();
            assertTrue(run.cheatVerifies(run.statement(), main), "an untouched trace through the cheat harness verifies");
        }
    }

    // ---------------------------------------------------------------- attacks on act / offers

    /**
     * An idle slot made to train and offer: the trace of an honest 4-epoch run (13 rows, so 4
     * slots, all active) claimed as a 3-epoch run (slot 3 idle) whose curve is the first three
     * tuples and whose final weights are the 4-epoch ones. Every row is consistent; only the
     * count of active rows can see the extra slot (its offer would also leave the LogUp unbalanced).
     */
    @Test
    void anOfferFromAnIdlePeriodIsRejected() throws Exception {
        Run four = run(false, 13, 4, 4, "0.1");
        TrainingStatement st = four.statement();
        LearningCurve c = st.curve();
        TrainingStatement claimed = new TrainingStatement(st.datasetRoot(), st.rows(), st.features(), st.fractionBits(),
                st.featureNames(), st.targetName(), st.model(), st.classes(), st.standardization(), st.learningRateQ(),
                st.batchSize(), 3, st.initialWeights(), st.finalWeights(),
                new LearningCurve(Arrays.copyOf(c.lossSums(), 3), new long[0]));
        assertEquals(TrainingAir.forVerifier(claimed).traceInfo().length(), four.result().trace().length());
        four.assertCaughtBy("epochs", claimed, four.result().trace());
        // without the count, the public total still refuses a fourth offer: a second line of defence
        assertFalse(four.verifiesWithout("epochs", claimed, four.result().trace()));
    }

    /** The last epoch's offer dropped (act cleared on its last row), the curve unchanged. */
    @Test
    void aDroppedOfferIsRejected() throws Exception {
        Run run = linear13();
        TrainingAir air = run.air();
        TraceTable main = run.result().trace();
        int last = 3 * run.h() - 1;
        main.set(air.colAct, last, 0);
        main.set(air.colA, last, 0);
        for (int r = last; r < main.length(); r++) {
            main.set(air.colCnt, r, Goldilocks.add(main.get(air.colCnt, r - 1), main.get(air.colAct, r)));
        }
        run.assertCaughtBy("epochs", run.statement(), main);
        assertFalse(run.verifiesWithout("epochs", run.statement(), main), "the public total misses the offer");
    }

    /** Epoch 1 re-labelled as epoch 0 with epoch 0's loss column, so that it offers epoch 0's tuple twice; stated so. */
    @Test
    void aDuplicatedOfferIsRejected() throws Exception {
        Run run = linear13();
        TrainingAir air = run.air();
        TraceTable main = run.result().trace();
        int h = run.h();
        for (int k = 0; k < h; k++) {
            main.set(air.curve().colEp, h + k, 0);
            main.set(air.curve().colLoss, h + k, main.get(air.curve().colLoss, k));
        }
        for (int r = 2 * h; r < main.length(); r++) {
            add(main, air.curve().colEp, r, -1);
        }
        long[] loss = run.statement().curve().lossSums();
        loss[1] = loss[0];
        run.assertCaughtBy("ep counts periods", withCurve(run.statement(), loss, new long[0]), main);
    }

    /** ep is not range-checked: epoch 2 offered under index 2 + 2^32 (ep jumps at the period boundary). */
    @Test
    void anEpochIndexOutOfRangeIsRejected() throws Exception {
        Run run = linear13();
        TrainingAir air = run.air();
        TraceTable main = run.result().trace();
        for (int r = 2 * run.h(); r < main.length(); r++) {
            add(main, air.curve().colEp, r, 1L << 32);
        }
        run.assertCaughtBy("ep counts periods", run.statement(), main);
    }

    /** Every ep shifted by p - 1 (so epoch e is offered as e - 1, epoch 0 as -1): the first row pins ep = 0. */
    @Test
    void epochIndicesShiftedModuloPAreRejected() throws Exception {
        Run run = linear13();
        TrainingAir air = run.air();
        TraceTable main = run.result().trace();
        for (int r = 0; r < main.length(); r++) {
            add(main, air.curve().colEp, r, -1);
        }
        run.assertCaughtBy("ep starts at 0", run.statement(), main);
    }

    // ---------------------------------------------------------------- attacks on loss

    /**
     * Padding rows (a = 0) carry s and -s, so every gradient is unchanged (padding features are 0
     * and the bias's x is the same on both rows) and only the loss moves, by 2 s^2: stated so.
     * Only "no scaled error on idle rows" can catch it.
     */
    @Test
    void aLossFedByPaddingRowsIsRejected() throws Exception {
        Run run = linear13();
        TrainingAir air = run.air();
        TraceTable main = run.result().trace();
        int h = run.h();
        int r = 13; // first padding row of epoch 0
        assertEquals(0, main.get(air.colA, r));
        for (int j = 0; j < air.statement().features(); j++) {
            assertEquals(0, main.get(air.colX + j, r), "padding features are 0");
            assertEquals(0, main.get(air.colX + j, r + 1), "padding features are 0");
        }
        long s = 1000;
        setScaledError(air, main, r, s);
        setScaledError(air, main, r + 1, -s);
        add(main, air.colG + air.statement().features(), r + 1, s * ONE); // bias gradient after row r
        for (int k = r; k < h; k++) {
            add(main, air.curve().colLoss, k, s * s);
        }
        add(main, air.curve().colLoss, r + 1, s * s);
        for (int k = r + 2; k < h; k++) {
            add(main, air.curve().colLoss, k, s * s);
        }
        long[] loss = run.statement().curve().lossSums();
        loss[0] = main.get(air.curve().colLoss, h - 1);
        assertEquals(run.statement().curve().lossSums()[0] + 2 * s * s, loss[0]);
        TrainingStatement claimed = withCurve(run.statement(), loss, new long[0]);
        run.assertCaughtBy("no scaled error on idle rows", claimed, main);
        assertTrue(run.verifiesWithout("no scaled error on idle rows", claimed, main), "mutation: the attack is otherwise whole");
    }

    /** A loss sum stated as its value plus p (the same field element, another encoding): refused by the record. */
    @Test
    void aLossSumPlusPIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LearningCurve(new long[] {5 + Goldilocks.P}, new long[0]));
        assertThrows(IllegalArgumentException.class, () -> new LearningCurve(new long[] {-1}, new long[0]));
    }

    /**
     * Observation (finding): no statement check keeps N below 2^23, where the doc says the sum is
     * exact; beyond 2^24 rows an honest sum wraps modulo p, and the curve shows a small
     * loss for a large one. The statement accepts such a run with a curve.
     */
    @Test
    void aCurveIsRefusedForRunsWhoseLossCouldWrap() {
        int rows = 1 << 25;
        long[] w = new long[2];
        // (2^20 - 1)^2 per row times 2^25 rows exceeds p: such a run's true sum need not be its field element
        java.math.BigInteger max = java.math.BigInteger.valueOf((1L << 20) - 1).pow(2).multiply(java.math.BigInteger.valueOf(rows));
        assertTrue(max.compareTo(new java.math.BigInteger(Long.toUnsignedString(Goldilocks.P))) > 0);
        assertTrue(TrainingAir.logTraceLength(rows, 1) <= 28, "and it is provable");
        assertThrows(IllegalArgumentException.class, () -> new TrainingStatement(new byte[32], rows, 1, 16, List.of("x"), "y",
                ModelKind.LINEAR, ClassLabels.NONE, Standardization.identity(1), ONE, 1, 1, w, w,
                new LearningCurve(new long[] {3}, new long[0])), "review finding, fixed: no curve above 2^23 rows");
        assertTrue(LearningCurve.zeros(1, rows, false).isEmpty(), "such a run is drafted without a curve");
        assertFalse(LearningCurve.zeros(1, LearningCurve.MAX_ROWS, false).isEmpty());
    }

    // ---------------------------------------------------------------- attacks on hit / cls

    /** A padding row (a = 0) counted as a hit, the count stated so. */
    @Test
    void aHitOnAPaddingRowIsRejected() throws Exception {
        Run run = logistic13();
        TrainingAir air = run.air();
        TraceTable main = run.result().trace();
        int h = run.h();
        assertEquals(0, main.get(air.colA, 14));
        for (int k = 14; k < h; k++) {
            add(main, air.curve().colHit, k, 1);
        }
        long[] correct = run.statement().curve().correct();
        correct[0]++;
        assertTrue(correct[0] <= 13);
        run.assertCaughtBy("hit counts correct rows", withCurve(run.statement(), run.statement().curve().lossSums(), correct), main);
    }

    /** cls = 2 on an idle row (its gap recomputed to stay in range): "cls is boolean" holds on every row. */
    @Test
    void aNonBooleanClassOnAnIdleRowIsRejected() throws Exception {
        Run run = logistic13();
        TrainingAir air = run.air();
        TraceTable main = run.result().trace();
        int r = 3 * run.h() + 2; // idle slot
        assertEquals(0, main.get(air.colAct, r));
        long out = Goldilocks.toSigned(main.get(air.sigmoid().colOut, r));
        // cg = c (out - 2^15) + (1 - c)(2^15 - 1 - out) with c = 2, out chosen so that cg is small
        long o = 1L << 15;
        main.set(air.sigmoid().colOut, r, o);
        main.set(air.curve().colCls, r, 2);
        main.set(air.curve().colCg, r, Goldilocks.fromSigned(2 * (o - (1L << 15)) - ((1L << 15) - 1 - o)));
        assertEquals(0, out);
        run.assertCaughtBy("cls is boolean", run.statement(), main);
    }

    /**
     * A non-boolean class on an active row, chosen so that the hit term c y + (1 - c)(2^16 - y)
     * over 2^16 is 2 on a row whose target is 1 (c = 2): one row counted twice.
     */
    @Test
    void aDoubleCountedHitIsRejected() throws Exception {
        Run run = logistic13();
        TrainingAir air = run.air();
        TraceTable main = run.result().trace();
        int d = air.statement().features();
        int r = -1;
        for (int k = 1; k < 13; k++) {
            long o = Goldilocks.toSigned(main.get(air.sigmoid().colOut, k));
            if (main.get(air.colX + d, k) == ONE && main.get(air.curve().colCls, k) == 1 && o < (1L << 15) + 20000) {
                r = k;
                break;
            }
        }
        assertTrue(r > 0, "a correctly classified positive row");
        long out = Goldilocks.toSigned(main.get(air.sigmoid().colOut, r));
        main.set(air.curve().colCls, r, 2);
        main.set(air.curve().colCg, r, Goldilocks.fromSigned(2 * (out - (1L << 15)) - ((1L << 15) - 1 - out)));
        for (int k = r; k < run.h(); k++) {
            add(main, air.curve().colHit, k, 1);
        }
        long[] correct = run.statement().curve().correct();
        correct[0]++;
        TrainingStatement claimed = withCurve(run.statement(), run.statement().curve().lossSums(), correct);
        run.assertCaughtBy("cls is boolean", claimed, main);
        assertTrue(run.verifiesWithout("cls is boolean", claimed, main), "mutation: the attack is otherwise whole");
    }

    // ---------------------------------------------------------------- relations, transcript, security

    private static void challenges(Expr e, Set<Integer> out) {
        switch (e) {
            case Expr.Challenge c -> out.add(c.index());
            case Expr.Add(Expr l, Expr r) -> { challenges(l, out); challenges(r, out); }
            case Expr.Sub(Expr l, Expr r) -> { challenges(l, out); challenges(r, out); }
            case Expr.Mul(Expr l, Expr r) -> { challenges(l, out); challenges(r, out); }
            case Expr.Neg(Expr o) -> challenges(o, out);
            default -> { }
        }
    }

    private static Set<Integer> challengesOf(Air air) {
        Set<Integer> out = new TreeSet<>();
        for (Constraint c : air.constraints()) {
            challenges(c.expr(), out);
        }
        return out;
    }

    /** The curve's challenges (3, 4 for a regression; 5, 6 for a classifier) are read by no other table. */
    @Test
    void theCurvesChallengesAreItsOwn() throws Exception {
        for (Run run : List.of(linear13(), logistic13())) {
            TableSet set = TrainingAir.forVerifier(run.statement()).tables();
            boolean logistic = run.statement().model() == ModelKind.LOGISTIC;
            int alpha = logistic ? 5 : 3;
            assertEquals(alpha + 2, set.numChallenges());
            Set<Integer> training = challengesOf(set.table(0));
            assertTrue(training.contains(alpha) && training.contains(alpha + 1), training.toString());
            for (int i = 1; i < set.size(); i++) {
                Set<Integer> other = challengesOf(set.table(i));
                assertFalse(other.contains(alpha) || other.contains(alpha + 1), set.table(i).name() + " " + other);
            }
            // without the curve the same run uses neither
            TrainingStatement none = withCurve(run.statement(), new long[0], new long[0]);
            assertEquals(alpha, TrainingAir.forVerifier(none).tables().numChallenges());
        }
    }

    /** The stated curve is absorbed before any challenge: statements differing only in one loss draw other challenges. */
    @Test
    void theCurveIsBoundBeforeTheChallenges() throws Exception {
        Run run = linear13();
        long[] loss = run.statement().curve().lossSums();
        loss[2]++;
        TrainingStatement other = withCurve(run.statement(), loss, new long[0]);
        ProofOptions o = ProofOptions.test();
        ExtensionField ext = o.extension();
        TableSet a = TrainingAir.forVerifier(run.statement()).tables();
        TableSet b = TrainingAir.forVerifier(other).tables();
        int[] cols = new int[a.size()];
        Transcript ta = ProtocolTranscript.start(o, a, cols);
        Transcript tb = ProtocolTranscript.start(o, b, cols);
        assertNotEquals(Arrays.toString(ta.drawExtension("aux-challenge", ext)),
                Arrays.toString(tb.drawExtension("aux-challenge", ext)));
    }

    /** The security estimate counts the offer on every row, which bounds the E public terms too. */
    @Test
    void theLookupCountCoversTheCurve() throws Exception {
        Run run = run(false, 5, 100, 2, "0.1");
        TrainingStatement none = withCurve(run.statement(), new long[0], new long[0]);
        TrainingAir with = TrainingAir.forVerifier(run.statement());
        TrainingAir without = TrainingAir.forVerifier(none);
        assertEquals(without.lookupTermsPerRow() + 1, with.lookupTermsPerRow());
        int n = with.traceInfo().length();
        double extra = AirShape.of(with.tables()).lookupFractions() - AirShape.of(without.tables()).lookupFractions();
        assertEquals(n, extra, 0);
        assertTrue(run.statement().epochs() <= n);
    }
}
