package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Constraint;
import dev.comet.air.TraceTable;
import dev.comet.data.QuantizedDataset;
import dev.comet.field.Goldilocks;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.StarkProver;
import dev.comet.train.mlp.HiddenLayerColumns;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Review of the MLP slice: edge shapes, direct trace edits a cheating prover could make, encodings, degrees and bounds. */
class MlpReviewTest {
    private static final long TWO16 = 1L << 16;
    private static final long INV_TWO16 = Goldilocks.inv(TWO16);

    // --- honest runs at edge shapes: trainer and trace bit for bit, and the proof verifies -------------

    @ParameterizedTest(name = "{0} rows x {1} features, {2} classes, hidden {3}, batch {4}, {5} epochs")
    @CsvSource({
        "1, 2, 2, 2, 1, 2, 0.5",        // a one-row dataset (period 1)
        "1, 2, 2, 3, 4, 3, 0.5",        // one row, batch above it, an idle epoch slot
        "8, 2, 2, 2, 3, 2, 0.5",        // N = h: no padding, short last batch, so no padded last batch
        "6, 2, 2, 3, 3, 2, 0.5",        // N a multiple of B, with padding
        "5, 2, 3, 3, 1, 2, 0.5",        // batch 1
        "5, 2, 2, 3, 8, 2, 0.5",        // batch larger than the data: one batch that joins the padding
        "16, 3, 2, 4, 16, 2, 0.5",      // one batch, N = h
        "12, 3, 2, 1 1 1 1, 4, 2, 0.5", // four hidden layers of one unit
        "12, 2, 3, 1 4 1, 5, 2, 0.5",   // widths 1 around a wider layer
        "7, 2, 3, 3 2, 2, 3, 0.5",      // an idle epoch slot after two layers
        "9, 1, 2, 1, 3, 1, 1"           // the smallest network, 1-1-2
    })
    void edgeShapesMatchTheTrainerAndVerify(int rows, int features, int classes, String widths, int batch, int epochs,
                                            String lr) throws Exception {
        QuantizedDataset data = SoftmaxRegressionTest.data(rows, features, classes, rows * 31L + classes);
        TrainingSpec spec = MlpTrainingTest.spec(lr, batch, epochs, features, classes, MlpTrainingTest.hidden(widths),
                rows + 5L);
        // a one-row dataset's features are constant: trained unstandardised
        Standardization z = rows == 1 ? Standardization.identity(features) : Standardization.ofFeatures(data);
        MlpTrainingTest.Run run = MlpTrainingTest.Run.of(data, spec, z, TrainingTrace.Tamper.NONE);
        TrainingResult trainer = FixedPointTrainer.train(z.apply(data), spec);
        assertArrayEquals(trainer.weights(), run.result().finalWeights(), "trace and trainer agree bit for bit");
        assertEquals(trainer.curve(), run.result().curve(), "and on the learning curve");
        VerificationResult result = run.proveAndVerify(MlpTrainingTest.NO_SELF_CHECK);
        assertTrue(result.valid(), result.reason());
    }

    @Test
    void fanIn255AtTheFirstLayerMatchesAndVerifies() throws Exception {
        QuantizedDataset data = SoftmaxRegressionTest.data(32, 255, 2, 7);
        TrainingSpec spec = MlpTrainingTest.spec("0.5", 16, 1, 255, 2, List.of(1), 3);
        MlpTrainingTest.Run run = MlpTrainingTest.Run.of(data, spec, TrainingTrace.Tamper.NONE);
        TrainingResult trainer = FixedPointTrainer.train(Standardization.ofFeatures(data).apply(data), spec);
        assertArrayEquals(trainer.weights(), run.result().finalWeights());
        VerificationResult result = run.proveAndVerify(MlpTrainingTest.NO_SELF_CHECK);
        assertTrue(result.valid(), result.reason());
    }

    // --- direct trace edits ----------------------------------------------------------------------------

    private static MlpTrainingTest.Run cheatRun() throws Exception {
        return MlpTrainingTest.Run.of(SoftmaxRegressionTest.data(21, 3, 3, 99),
                MlpTrainingTest.spec("0.5", 4, 3, 3, 3, List.of(4, 3), 11), TrainingTrace.Tamper.NONE);
    }

    /** Proves the honest run's statement from its main trace after {@code edit}, the other tables rebuilt from it. */
    private static VerificationResult proveEdited(MlpTrainingTest.Run run, BiConsumer<TrainingAir, TraceTable> edit) {
        TrainingAir air = TrainingAir.forProver(run.statement(), run.commitment());
        TraceTable main = run.result().trace();
        edit.accept(air, main);
        List<TraceTable> traces = air.traces(main, true);
        StarkProof proof = new StarkProver(ProofOptions.test(), MlpTrainingTest.NO_SELF_CHECK).prove(air.tables(),
                traces, TrainingAir.segments(run.commitment().segment()));
        return new StarkVerifier(0).verify(TrainingAir.forVerifier(run.statement()).tables(), proof);
    }

    /** Writes hidden value {@code z} (a field element) as limbs {@code zl, zh} with sign {@code sign}, its inverse and act. */
    private static void writeValue(TraceTable t, HiddenLayerColumns layer, int u, int r, long z, long sign) {
        long shifted = Goldilocks.add(Goldilocks.sub(z, 1), 1L << 31); // z - 1 + 2^31
        long rest = Goldilocks.sub(shifted, Goldilocks.mul(sign, 1L << 31));
        long zl = Long.remainderUnsigned(rest, TWO16);
        long zh = Goldilocks.mul(Goldilocks.sub(rest, zl), INV_TWO16);
        t.set(layer.column(u, HiddenLayerColumns.ZL), r, zl);
        t.set(layer.column(u, HiddenLayerColumns.ZH), r, zh);
        t.set(layer.column(u, HiddenLayerColumns.SIGN), r, sign);
        t.set(layer.column(u, HiddenLayerColumns.ZINV), r, Goldilocks.inv(Goldilocks.sub(shifted, (1L << 32) - 1)));
        t.set(layer.column(u, HiddenLayerColumns.ACT), r, Goldilocks.mul(sign, z));
    }

    /** Writes backpropagated quotient {@code q} (a field element) as limbs {@code ql, qh} and its inverse. */
    private static void writeQuotient(TraceTable t, HiddenLayerColumns layer, int u, int r, long q) {
        long shifted = Goldilocks.add(q, 1L << 20);
        long ql = Long.remainderUnsigned(shifted, TWO16);
        long qh = Goldilocks.mul(Goldilocks.sub(shifted, ql), INV_TWO16);
        t.set(layer.column(u, HiddenLayerColumns.QL), r, ql);
        t.set(layer.column(u, HiddenLayerColumns.QH), r, qh);
        t.set(layer.column(u, HiddenLayerColumns.QINV), r, Goldilocks.inv(shifted));
    }

    private static long value(TraceTable t, HiddenLayerColumns layer, int u, int r) {
        long shifted = t.get(layer.column(u, HiddenLayerColumns.ZL), r) + (t.get(layer.column(u, HiddenLayerColumns.ZH), r) << 16)
                + (t.get(layer.column(u, HiddenLayerColumns.SIGN), r) << 31);
        return shifted + 1 - (1L << 31);
    }

    /**
     * Rows that do not train (padding of an active epoch, and a whole idle epoch slot) leave a
     * hidden unit's value, sign, activation and quotient free: a prover may write any bounded
     * witness there. This is harmless (their delta and scaled errors are forced to 0, so no
     * gradient sees them) and the proof is of the same statement: documented, not a hole.
     */
    @Test
    void idleRowsHiddenColumnsAreFreeButChangeNothing() throws Exception {
        MlpTrainingTest.Run run = cheatRun();
        VerificationResult result = proveEdited(run, (air, t) -> {
            int edited = 0;
            for (int r = 0; r < t.length(); r++) {
                if (t.get(air.colA, r) != 0) {
                    continue;
                }
                for (HiddenLayerColumns layer : air.hidden()) {
                    for (int u = 0; u < layer.units(); u++) {
                        writeValue(t, layer, u, r, Goldilocks.fromSigned(1_000_000L + r), 1); // act = 10^6 + r
                        t.set(layer.column(u, HiddenLayerColumns.R1), r, 12_345);
                        writeQuotient(t, layer, u, r, Goldilocks.fromSigned(-(777L + u)));
                        t.set(layer.column(u, HiddenLayerColumns.R2), r, 54_321);
                    }
                }
                edited++;
            }
            assertTrue(edited > 32, "padding rows and an idle epoch slot: " + edited);
        });
        assertTrue(result.valid(), "idle rows' hidden columns are unconstrained witnesses: " + result.reason());
    }

    /** The delta of an idle row is pinned to 0 even though its sign and quotient are free. */
    @Test
    void aDeltaOnAnIdleRowIsRejected() throws Exception {
        MlpTrainingTest.Run run = cheatRun();
        VerificationResult result = proveEdited(run, (air, t) -> {
            int r = 25; // padding of epoch 0 (21 rows, h = 32)
            assertEquals(0, t.get(air.colA, r));
            HiddenLayerColumns layer = air.hidden().get(0);
            writeValue(t, layer, 0, r, 5, 1);
            writeQuotient(t, layer, 0, r, 3);
            t.set(layer.column(0, HiddenLayerColumns.DELTA), r, 3);
        });
        assertFalse(result.valid(), "a nonzero delta on a row that does not train");
    }

    /** First active row and unit of {@code layer} whose sign is 0 and whose remainder {@code column} is below 2^16 - 1. */
    private static int[] inactiveUnit(TrainingAir air, TraceTable t, HiddenLayerColumns layer, int column) {
        for (int r = 0; r < t.length(); r++) {
            for (int u = 0; u < layer.units(); u++) {
                if (t.get(air.colA, r) == 1 && t.get(layer.column(u, HiddenLayerColumns.SIGN), r) == 0
                        && t.get(layer.column(u, column), r) < TWO16 - 1) {
                    return new int[] {r, u};
                }
            }
        }
        throw new AssertionError("no inactive unit");
    }

    /**
     * A wrapped floor division of a hidden value: remainder r1 + 1 (still 16 bits) and
     * z' = (dot - r1 - 1) / 2^16 in the field, on a unit whose sign is 0 so that its activation
     * (0) and everything downstream stay honest. Only the value's limb range checks can catch it.
     */
    @Test
    void aWrappedHiddenValueIsRejected() throws Exception {
        MlpTrainingTest.Run run = cheatRun();
        VerificationResult result = proveEdited(run, (air, t) -> {
            HiddenLayerColumns layer = air.hidden().get(0);
            int[] at = inactiveUnit(air, t, layer, HiddenLayerColumns.R1);
            int r = at[0];
            int u = at[1];
            long z = Goldilocks.fromSigned(value(t, layer, u, r));
            long r1 = t.get(layer.column(u, HiddenLayerColumns.R1), r);
            t.set(layer.column(u, HiddenLayerColumns.R1), r, r1 + 1);
            writeValue(t, layer, u, r, Goldilocks.sub(z, INV_TWO16), 0);
        });
        assertFalse(result.valid(), "a wrapped hidden value");
    }

    /**
     * A wrapped backpropagated quotient on an inactive unit: its delta is 0 either way, so only
     * the quotient's limb range checks pin q there.
     */
    @Test
    void aWrappedQuotientOfAnInactiveUnitIsRejected() throws Exception {
        MlpTrainingTest.Run run = cheatRun();
        VerificationResult result = proveEdited(run, (air, t) -> {
            HiddenLayerColumns layer = air.hidden().get(0);
            int[] at = inactiveUnit(air, t, layer, HiddenLayerColumns.R2);
            int r = at[0];
            int u = at[1];
            long shiftedQ = t.get(layer.column(u, HiddenLayerColumns.QL), r)
                    + (t.get(layer.column(u, HiddenLayerColumns.QH), r) << 16);
            long q = Goldilocks.fromSigned(shiftedQ - (1L << 20));
            long r2 = t.get(layer.column(u, HiddenLayerColumns.R2), r);
            t.set(layer.column(u, HiddenLayerColumns.R2), r, r2 + 1);
            writeQuotient(t, layer, u, r, Goldilocks.sub(q, INV_TWO16));
        });
        assertFalse(result.valid(), "a wrapped quotient");
    }

    /** A sign of 1 at z <= 0 (so also relu'(0) = 1) has no limbs in range: the sign is [z > 0]. */
    @Test
    void signOneAtANonPositiveValueIsRejected() throws Exception {
        MlpTrainingTest.Run run = cheatRun();
        VerificationResult result = proveEdited(run, (air, t) -> {
            HiddenLayerColumns layer = air.hidden().get(0);
            int[] at = inactiveUnit(air, t, layer, HiddenLayerColumns.R1);
            int r = at[0];
            int u = at[1];
            long z = Goldilocks.fromSigned(value(t, layer, u, r));
            writeValue(t, layer, u, r, z, 1); // the same z with the sign flipped: limbs outside their ranges
            t.set(layer.column(u, HiddenLayerColumns.ACT), r, 0); // act stays 0 so downstream stays honest
        });
        assertFalse(result.valid());
    }

    // --- encodings -------------------------------------------------------------------------------------

    /**
     * Networks 2-3-2 and 2-1-3-2 both have 17 weights: the statement's hidden widths must tell
     * them apart, so that a proof for one is not a proof for the other with the same weight vectors.
     */
    @Test
    void twoShapesOfOneWeightCountDoNotShareAProof() throws Exception {
        assertEquals(new Network(2, List.of(3), 2).weights(), new Network(2, List.of(1, 3), 2).weights());
        QuantizedDataset data = SoftmaxRegressionTest.data(12, 2, 2, 5);
        MlpTrainingTest.Run run = MlpTrainingTest.Run.of(data, MlpTrainingTest.spec("0.5", 4, 1, 2, 2, List.of(3), 9),
                TrainingTrace.Tamper.NONE);
        TrainingStatement st = run.statement();
        TrainingStatement other = new TrainingStatement(st.datasetRoot(), st.rows(), st.features(), st.fractionBits(),
                st.featureNames(), st.targetName(), st.model(), st.classes(), st.standardization(), st.learningRateQ(),
                st.batchSize(), st.epochs(), st.initialWeights(), st.finalWeights(), st.curve(), null, st.moments(),
                List.of(1, 3));
        assertFalse(Arrays.equals(st.encode(), other.encode()));
        TrainingAir air = TrainingAir.forProver(st, run.commitment());
        StarkProof proof = new StarkProver(ProofOptions.test(), MlpTrainingTest.NO_SELF_CHECK).prove(air.tables(),
                run.result().traces(), TrainingAir.segments(run.commitment().segment()));
        assertTrue(new StarkVerifier(0).verify(TrainingAir.forVerifier(st).tables(), proof).valid());
        assertFalse(new StarkVerifier(0).verify(TrainingAir.forVerifier(other).tables(), proof).valid());
    }

    // --- degrees and bounds ----------------------------------------------------------------------------

    /** The arithmetic stays at degree 3; only the LogUp triples reach 4, which every preset's blowup (at least 4) holds. */
    @Test
    void mlpConstraintsHaveDegreeAtMostThreeBesideTheLogUpTriples() throws Exception {
        MlpTrainingTest.Run run = cheatRun();
        List<Constraint> constraints = TrainingAir.forVerifier(run.statement()).constraints();
        int arithmetic = constraints.stream().filter(c -> !c.name().startsWith("LogUp")).mapToInt(Constraint::degree).max()
                .orElseThrow();
        int logUp = constraints.stream().filter(c -> c.name().startsWith("LogUp")).mapToInt(Constraint::degree).max()
                .orElseThrow();
        assertTrue(arithmetic <= 3, "max arithmetic constraint degree " + arithmetic);
        assertEquals(4, logUp, "LogUp triples of degree-1 tuples");
    }

    /** The integer bounds of HiddenLayerColumns' two divisions and the update, against p / 2, at the extremes. */
    @Test
    void boundsStayBelowHalfThePrime() {
        BigInteger half = BigInteger.valueOf(Goldilocks.P).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE))
                .shiftRight(1);
        BigInteger w = BigInteger.ONE.shiftLeft(24).subtract(BigInteger.ONE);
        BigInteger x = BigInteger.ONE.shiftLeft(31).subtract(BigInteger.ONE);
        BigInteger e = BigInteger.ONE.shiftLeft(20).subtract(BigInteger.ONE);
        BigInteger dot = w.multiply(x).multiply(BigInteger.valueOf(255)).add(w.shiftLeft(16));
        BigInteger zSide = x.shiftLeft(16).add(BigInteger.valueOf(TWO16 - 1));
        assertTrue(dot.add(zSide).compareTo(half.shiftLeft(1)) < 0, "dot - 2^16 z - r1 never wraps");
        BigInteger back = w.multiply(e).multiply(BigInteger.valueOf(255));
        assertTrue(back.compareTo(half) < 0);
        BigInteger g = e.multiply(x).multiply(BigInteger.valueOf(2048));
        BigInteger lhs = w.shiftLeft(1).multiply(BigInteger.valueOf(2048)).shiftLeft(16);
        assertTrue(g.add(lhs).add(BigInteger.valueOf(2048L << 16)).compareTo(half.shiftLeft(1)) < 0, "update never wraps");
    }
}
