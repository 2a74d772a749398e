package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.TraceTable;
import dev.comet.data.ClassLabels;
import dev.comet.data.QuantizedDataset;
import dev.comet.field.Goldilocks;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.train.logistic.Sigmoid;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Adversarial review of comet/logistic-regression/v1: direct trace mutations and edge-case honest runs. */
class LogisticReviewTest {
    private static final ProverSettings NO_SELF_CHECK = ProverSettings.defaults().withoutSelfCheck();
    /** The range table the sigmoid table carries, as the training proof builds it. */
    private static final dev.comet.air.RangeTable RANGE = new dev.comet.air.RangeTable(16, 12, 0);
    static final ClassLabels CLASSES = ClassLabels.of(List.of("no", "yes"));

    /** Small-valued binary data, usable without standardisation too. */
    static QuantizedDataset small(int rows, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[][] f = new long[features][rows];
        long[] y = new long[rows];
        for (int i = 0; i < rows; i++) {
            double score = 0.1;
            for (int j = 0; j < features; j++) {
                double v = r.nextGaussian();
                f[j][i] = Math.round((0.5 + v) * 65536);
                score += (j % 2 == 0 ? 1 : -1) * v;
            }
            y[i] = score + 0.5 * r.nextGaussian() > 0 ? FixedPointStep.ONE : 0;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add("f" + j);
        }
        return new QuantizedDataset(16, names, "label", f, y);
    }

    record Run(TrainingStatement statement, DatasetCommitment commitment, TrainingTrace.Result result) {
        static Run of(QuantizedDataset data, TrainingSpec spec, Standardization z, ClassLabels classes,
                      TrainingTrace.Tamper tamper) {
            DatasetCommitment c = DatasetCommitment.commit(data);
            TrainingStatement draft = new TrainingStatement(c.root(), data.rows(), data.numFeatures(),
                    data.fractionBits(), data.featureNames(), data.targetName(), ModelKind.LOGISTIC, classes, z,
                    spec.learningRateQ(), spec.batchSize(), spec.epochs(), spec.initialWeights(), spec.initialWeights());
            TrainingTrace.Result result = TrainingTrace.build(draft, c, data, tamper);
            return new Run(draft.withFinalWeights(result.finalWeights()), c, result);
        }

        TrainingAir air() {
            return TrainingAir.forProver(statement, commitment);
        }

        VerificationResult proveAndVerify(ProverSettings settings) {
            return proveWith(result.traces(), settings);
        }

        VerificationResult proveWith(List<TraceTable> traces, ProverSettings settings) {
            TrainingAir air = air();
            try {
                StarkProof proof = new StarkProver(ProofOptions.test(), settings).prove(air.tables(), traces,
                        TrainingAir.segments(commitment.segment()));
                VerificationResult v = new StarkVerifier(0).verify(TrainingAir.forVerifier(statement).tables(), proof);
                return v;
            } catch (RuntimeException e) {
                return new VerificationResult(false, "prover failed: " + e, null);
            }
        }

        /** Copies the main trace, mutates it, recomputes the other tables' multiplicities, proves with self-check off. */
        VerificationResult mutated(BiConsumer<TrainingAir, TraceTable> mutation) {
            TrainingAir air = air();
            TraceTable honest = result.trace();
            long[][] cols = new long[honest.width()][];
            for (int c = 0; c < cols.length; c++) {
                cols[c] = honest.column(c).clone();
            }
            TraceTable main = new TraceTable(cols);
            mutation.accept(air, main);
            List<TraceTable> traces = new ArrayList<>(air.traces(main, true));
            traces.set(2, withFunctionMultiplicities(traces.get(2), balancedMultiplicities(air, main)));
            VerificationResult v = proveWith(traces, NO_SELF_CHECK);
            return v;
        }
    }

    /** {@code table}'s trace (the sigmoid table carrying the range table) with the sigmoid rows' multiplicities replaced. */
    static TraceTable withFunctionMultiplicities(TraceTable table, long[] multiplicities) {
        long[][] cols = new long[table.width()][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = table.column(c).clone();
        }
        cols[0] = multiplicities.clone();
        return new TraceTable(cols);
    }

    /**
     * The best a cheat can do with the table's multiplicities: each row's numerator (any field
     * element) added to the table row its (k, out) pair names, if the pair is a table row; pairs
     * that are no table row are left to cancel among themselves.
     */
    static long[] balancedMultiplicities(TrainingAir air, TraceTable t) {
        long[][] table = Sigmoid.columns();
        long[] m = new long[table[0].length];
        long inv256 = Goldilocks.inv(256);
        for (int r = 0; r < t.length(); r++) {
            long one = Goldilocks.sub(Goldilocks.sub(1, t.get(air.sigmoid().colSatHi, r)), t.get(air.sigmoid().colSatLo, r));
            long num = Goldilocks.mul(t.get(air.colA, r), one);
            if (num == 0) {
                continue;
            }
            long u = Goldilocks.add(t.get(air.colPl, r), Goldilocks.mul(t.get(air.colPh, r), 65536));
            long key = Goldilocks.mul(Goldilocks.sub(Goldilocks.add(u, Goldilocks.fromSigned((1L << 19) - (1L << 31))),
                    t.get(air.sigmoid().colPb, r)), inv256);
            if (key >= 0 && key < m.length && table[1][(int) key] == t.get(air.sigmoid().colOut, r)) {
                m[(int) key] = Goldilocks.add(m[(int) key], num);
            }
        }
        return m;
    }

    static TrainingSpec spec(String lr, int batch, int epochs, long[] initial) {
        return TrainingSpec.of(lr, batch, epochs, initial).forModel(ModelKind.LOGISTIC, CLASSES);
    }

    static int firstRow(Run run, int satHi, int satLo) {
        TrainingAir air = run.air();
        TraceTable t = run.result().trace();
        for (int r = 0; r < t.length(); r++) {
            if (t.get(air.colA, r) == 1 && t.get(air.sigmoid().colSatHi, r) == satHi && t.get(air.sigmoid().colSatLo, r) == satLo) {
                return r;
            }
        }
        throw new AssertionError("no such row");
    }

    static int firstIdleRow(Run run) {
        TrainingAir air = run.air();
        TraceTable t = run.result().trace();
        for (int r = 0; r < t.length(); r++) {
            if (t.get(air.colA, r) == 0) {
                return r;
            }
        }
        throw new AssertionError("no idle row");
    }

    // --- harness controls ------------------------------------------------------------------------

    @Test
    void controlTheUnchangedTraceVerifiesThroughTheMutationHarness() {
        Run run = honest();
        assertTrue(run.mutated((air, t) -> {}).valid());
    }

    /** An idle row's out is not read by anything (its scaled error is pinned to 0): harmless, accepted. */
    @Test
    void controlAnIdleRowsOutputIsFreeAndHarmless() {
        Run run = honest();
        int idle = firstIdleRow(run);
        VerificationResult v = run.mutated((air, t) -> t.set(air.sigmoid().colOut, idle, 12345));
        assertTrue(v.valid(), v.reason());
    }

    // --- (1) flags and numerators ----------------------------------------------------------------

    static final QuantizedDataset DATA = small(37, 3, 37 * 7L + 3);
    static final TrainingSpec SPEC = spec("0.5", 8, 2, new long[4]);

    /** A run whose trace is consistent with {@code out} written at the given rows (checks off). */
    static Run withOutputs(java.util.Map<Integer, Long> outputs) {
        return Run.of(DATA, SPEC, Standardization.ofFeatures(DATA), CLASSES, new TrainingTrace.Tamper() {
            @Override
            public long output(int row, long output) {
                return outputs.getOrDefault(row, output);
            }
        });
    }

    static Run honest() {
        return Run.of(DATA, SPEC, Standardization.ofFeatures(DATA), CLASSES, TrainingTrace.Tamper.NONE);
    }

    /** Both flags on an unsaturated row: numerator -1. */
    @Test
    void bothFlagsOnAnActiveRowAreRejected() {
        Run run = honest();
        int row = firstRow(run, 0, 0);
        assertFalse(run.mutated((air, t) -> {
            t.set(air.sigmoid().colSatHi, row, 1);
            t.set(air.sigmoid().colSatLo, row, 1);
            t.set(air.sigmoid().colGap, row, Goldilocks.fromSigned(-17));
        }).valid());
    }

    /**
     * The balancing attack: rows r1, r2 of the first batch (same score 0, same key k) both write
     * the false output T[k] + 1 (the rest of the trace consistent with it); r1 looks it up with
     * numerator +1, r2 sets both flags (numerator -1), so the LogUp sums cancel.
     */
    @Test
    void aNegativeNumeratorCannotCancelAFalseLookup() {
        Run h = honest();
        TrainingAir air0 = h.air();
        int r1 = firstRow(h, 0, 0);
        int r2 = r1 + 1;
        assertEquals(h.result().trace().get(air0.colPh, r1), h.result().trace().get(air0.colPh, r2));
        assertEquals(h.result().trace().get(air0.colPl, r1), h.result().trace().get(air0.colPl, r2));
        long falseOut = Goldilocks.toSigned(h.result().trace().get(air0.sigmoid().colOut, r1)) + 1;
        Run run = withOutputs(java.util.Map.of(r1, falseOut, r2, falseOut));
        assertFalse(run.mutated((air, t) -> {
            t.set(air.sigmoid().colSatHi, r2, 1);
            t.set(air.sigmoid().colSatLo, r2, 1);
            t.set(air.sigmoid().colGap, r2, Goldilocks.fromSigned(-17));
        }).valid());
    }

    /** Non-boolean flags summing to 1 (numerator 0: no lookup), a false out. */
    @ParameterizedTest(name = "satHi = {0}")
    @ValueSource(longs = {2, 3, -5})
    void nonBooleanFlagsThatSkipTheLookupAreRejected(long hi) {
        Run h = honest();
        int row = firstRow(h, 0, 0);
        long falseOut = Goldilocks.toSigned(h.result().trace().get(h.air().sigmoid().colOut, row)) + 7;
        Run run = withOutputs(java.util.Map.of(row, falseOut));
        assertFalse(run.mutated((air, t) -> {
            long c = Goldilocks.fromSigned(hi);
            long ph = t.get(air.colPh, row);
            t.set(air.sigmoid().colSatHi, row, c);
            t.set(air.sigmoid().colSatLo, row, Goldilocks.fromSigned(1 - hi));
            long gap = Goldilocks.add(Goldilocks.mul(c, Goldilocks.fromSigned(ph - (1 << 15) - 8)),
                    Goldilocks.mul(Goldilocks.fromSigned(1 - hi), Goldilocks.fromSigned((1 << 15) - 9 - ph)));
            t.set(air.sigmoid().colGap, row, gap);
        }).valid());
    }

    /** satHi = satLo = 1/2 (numerator 0), gap satisfying its equation, out 0. */
    @Test
    void halfFlagsAreRejected() {
        Run run = withOutputs(java.util.Map.of(firstRow(honest(), 0, 0), 0L));
        int row = firstRow(honest(), 0, 0);
        long half = Goldilocks.inv(2);
        assertFalse(run.mutated((air, t) -> {
            t.set(air.sigmoid().colSatHi, row, half);
            t.set(air.sigmoid().colSatLo, row, half);
            t.set(air.sigmoid().colGap, row, Goldilocks.mul(Goldilocks.fromSigned(-17), half));
        }).valid());
    }

    /** Both flags on an idle row (numerator 0 there anyway). */
    @Test
    void bothFlagsOnAnIdleRowAreRejected() {
        Run run = honest();
        int idle = firstIdleRow(run);
        assertFalse(run.mutated((air, t) -> {
            t.set(air.sigmoid().colSatHi, idle, 1);
            t.set(air.sigmoid().colSatLo, idle, 1);
            t.set(air.sigmoid().colGap, idle, Goldilocks.fromSigned(-17));
        }).valid());
    }

    // --- (2) wrap-around of k, pb, gap -----------------------------------------------------------

    /** pb off by multiples of 256, or negative: k moves, out = T[k'] (trace consistent). */
    @ParameterizedTest(name = "pb + {0}")
    @ValueSource(longs = {256, -256, 512, 65280, -1})
    void aLowByteOutsideTheByteIsRejected(long delta) {
        int row = firstRow(honest(), 0, 0);
        Run run = Run.of(DATA, SPEC, Standardization.ofFeatures(DATA), CLASSES, new TrainingTrace.Tamper() {
            @Override
            public long lowByte(int r, long z, long honestByte) {
                return r == row ? honestByte + delta : honestByte;
            }
        });
        assertFalse(run.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** A false saturation claim, whose gap wraps to a huge field element. */
    @ParameterizedTest(name = "claim {0}")
    @ValueSource(ints = {1, -1})
    void aWrappedGapIsRejected(int claim) {
        int row = firstRow(honest(), 0, 0);
        Run run = Run.of(DATA, SPEC, Standardization.ofFeatures(DATA), CLASSES, new TrainingTrace.Tamper() {
            @Override
            public int saturation(int r, int honestClaim) {
                return r == row ? claim : honestClaim;
            }
        });
        assertFalse(run.proveAndVerify(NO_SELF_CHECK).valid());
    }

    /** A prover that proves with its own sigmoid table (T[2048] + 1) and a trace consistent with it. */
    @Test
    void aSubstitutedSigmoidTableIsRejected() {
        long[][] alt = Sigmoid.columns();
        long target = alt[1][2048];
        alt[1][2048] = target + 1;
        Run run = Run.of(DATA, SPEC, Standardization.ofFeatures(DATA), CLASSES, new TrainingTrace.Tamper() {
            @Override
            public long output(int row, long output) {
                return output == target ? target + 1 : output;
            }
        });
        TrainingAir air = run.air();
        List<dev.comet.air.Air> tables = new ArrayList<>(air.tables().tables());
        tables.set(2, new dev.comet.air.FixedTable(Sigmoid.NAME, TrainingAir.SIGMOID_ALPHA, TrainingAir.SIGMOID_ALPHA + 1,
                alt).withRange(RANGE));
        dev.comet.air.TableSet set = new dev.comet.air.TableSet(air.tables().name(), tables);
        StarkProof proof = new StarkProver(ProofOptions.test(), NO_SELF_CHECK).prove(set, run.result().traces(),
                TrainingAir.segments(run.commitment().segment()));
        VerificationResult v = new StarkVerifier(0).verify(TrainingAir.forVerifier(run.statement()).tables(), proof);
        assertFalse(v.valid());
        // control: a verifier holding the prover's table would accept, so the verifier's own table is the defence
        List<dev.comet.air.Air> lax = new ArrayList<>(TrainingAir.forVerifier(run.statement()).tables().tables());
        lax.set(2, tables.get(2));
        VerificationResult control = new StarkVerifier(0).verify(new dev.comet.air.TableSet(set.name(), lax), proof);
        assertTrue(control.valid(), control.reason());
    }

    // --- (3) out bound on every active row: a target that is no class -----------------------------

    @ParameterizedTest(name = "target {0}")
    @ValueSource(longs = {1, -65536, 32768, 131072})
    void aCommittedTargetOtherThan0Or1IsRejected(long y3) {
        QuantizedDataset honest = small(20, 2, 3);
        long[] y = honest.targets().clone();
        y[3] = y3;
        QuantizedDataset data = new QuantizedDataset(16, honest.featureNames(), honest.targetName(), honest.features(), y);
        Run cheat = Run.of(data, spec("0.5", 4, 2, new long[3]), Standardization.ofFeatures(honest), CLASSES,
                new TrainingTrace.Tamper() {});
        assertFalse(cheat.proveAndVerify(NO_SELF_CHECK).valid());
    }

    // --- (5) class labels and the dataset commitment ------------------------------------------------

    /**
     * Review finding, fixed: the dataset digest binds the label -> index mapping. Data committed
     * with labels {benign, malignant} (malignant = index 1) and a statement naming classes
     * {malignant, zzz} (malignant = index 0) over the same table have different published
     * commitments, so a proof of that statement is not about the data the owner published.
     */
    @Test
    void classLabelsAreBoundByTheCommitment() {
        QuantizedDataset data = small(24, 2, 9);
        ClassLabels honest = ClassLabels.of(List.of("benign", "malignant"));
        ClassLabels swapped = ClassLabels.of(List.of("malignant", "zzz"));
        TrainingSpec spec = TrainingSpec.of("0.5", 4, 2, new long[3]).forModel(ModelKind.LOGISTIC, swapped);
        Run lie = Run.of(data, spec, Standardization.ofFeatures(data), swapped, TrainingTrace.Tamper.NONE);
        assertArrayEquals(DatasetCommitment.commit(data).root(), lie.statement().datasetRoot());
        String published = DatasetCommitment.commit(data).hex(honest);
        assertNotEquals(published, java.util.HexFormat.of().formatHex(lie.statement().datasetDigest()));
        assertNotEquals(published, DatasetCommitment.commit(data).hex(), "a class target's digest is not a numeric one's");
        assertEquals(DatasetCommitment.commit(data).hex(swapped),
                java.util.HexFormat.of().formatHex(lie.statement().datasetDigest()));
    }

    // --- (6) completeness -------------------------------------------------------------------------

    /** Every row of the first batch (the whole epoch) scores exactly the initial bias. */
    @ParameterizedTest(name = "score {0}")
    @ValueSource(longs = {524288, 524287, -524288, -524289, 524544, -524544, 0})
    void scoresAtTheTableEdgesProve(long bias) throws Exception {
        QuantizedDataset data = small(16, 2, 4);
        TrainingSpec spec = spec("0.1", 16, 1, new long[] {0, 0, bias});
        Standardization z = Standardization.ofFeatures(data);
        Run run = Run.of(data, spec, z, CLASSES, TrainingTrace.Tamper.NONE);
        long[] trainer = FixedPointTrainer.train(z.apply(data), spec).weights();
        assertArrayEquals(trainer, run.result().finalWeights());
        VerificationResult v = run.proveAndVerify(ProverSettings.defaults());
        assertTrue(v.valid(), v.reason());
    }

    @ParameterizedTest(name = "{0} rows x {1} features, batch {2}, {3} epochs, lr {4}, standardise {5}")
    @CsvSource({
        "1, 1, 1, 1, 1, false",
        "2, 1, 1, 1, 1, false",
        "3, 1, 2, 3, 1, false",
        "3, 2, 5, 1, 0.5, true",
        "9, 2, 4, 5, 0.25, true",
        "50, 1, 1, 2, 1, true",
        "33, 8, 64, 2, 0.5, true",
        "16, 17, 5, 1, 1, true",
        "7, 30, 3, 2, 0.1, true",
        "12, 255, 5, 1, 0.01, true",
        "8, 1, 8, 7, 1, true",
    })
    void honestEdgeShapesProve(int rows, int features, int batch, int epochs, String lr, boolean standardise)
            throws Exception {
        QuantizedDataset data = small(rows, features, rows * 13L + features);
        TrainingSpec spec = spec(lr, batch, epochs, new long[features + 1]);
        Standardization z = standardise ? Standardization.ofFeatures(data) : Standardization.identity(features);
        long[] trainer = FixedPointTrainer.train(z.apply(data), spec).weights();
        Run run = Run.of(data, spec, z, CLASSES, TrainingTrace.Tamper.NONE);
        assertArrayEquals(trainer, run.result().finalWeights());
        VerificationResult v = run.proveAndVerify(ProverSettings.defaults());
        assertTrue(v.valid(), v.reason());
    }
}
