package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comet.air.TraceTable;
import dev.comet.api.Comet;
import dev.comet.api.ModelFile;
import dev.comet.api.ModelFileException;
import dev.comet.api.TrainedModel;
import dev.comet.data.ClassLabels;
import dev.comet.data.QuantizedDataset;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import dev.comet.verifier.VerifierPolicy;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Adversarial review of the data moments (commit 4733cc4). */
class MomentsReviewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VerifierPolicy TEST = VerifierPolicy.defaults().withMinimumBits(0);
    private static final ProverSettings NO_SELF_CHECK = ProverSettings.defaults().withoutSelfCheck();

    @TempDir
    Path dir;

    private static TrainingStatement statement(DatasetCommitment c, QuantizedDataset data, Standardization z,
                                               DataMoments moments) {
        long[] zeros = new long[data.numFeatures() + 1];
        return new TrainingStatement(c.root(), data.rows(), data.numFeatures(), data.fractionBits(), data.featureNames(),
                data.targetName(), ModelKind.LINEAR, ClassLabels.NONE, z, 3277, 1, 2, zeros, zeros,
                LearningCurve.zeros(2, data.rows(), false), null, moments);
    }

    private static boolean verifies(TrainingStatement st, DatasetCommitment c, List<TraceTable> traces) {
        TrainingAir air = TrainingAir.forProver(st, c);
        StarkProof proof = new StarkProver(ProofOptions.test(), NO_SELF_CHECK).prove(air.tables(), traces,
                TrainingAir.segments(c.segment()));
        return new StarkVerifier(TEST).verify(TrainingAir.forVerifier(st).tables(), proof).valid();
    }

    private static QuantizedDataset data(int rows, long seed) {
        return StandardizedTrainingTest.raw(rows, 2, seed);
    }

    /** Values within +-3 and a target near x0: trainable without standardisation. */
    private static QuantizedDataset small(int rows, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        long[][] f = new long[2][rows];
        long[] y = new long[rows];
        for (int i = 0; i < rows; i++) {
            f[0][i] = r.nextLong(-3L << 16, 3L << 16);
            f[1][i] = r.nextLong(-3L << 16, 3L << 16);
            y[i] = f[0][i] / 2 + r.nextLong(-1000, 1000);
        }
        return new QuantizedDataset(16, List.of("x0", "x1"), "y", f, y);
    }

    private static Standardization standardisationFor(QuantizedDataset data) {
        return data.rows() == 1 ? Standardization.identity(data.numFeatures()) : Standardization.of(data);
    }

    /** Completeness through the public API and the model file, at every small shape. */
    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {1, 2, 3, 7, 8, 9, 16, 17})
    void honestRunsVerifyAtEveryShape(int rows) throws Exception {
        QuantizedDataset data = rows == 1 ? small(1, 1) : data(rows, rows);
        TrainedModel t = Comet.train(data, TrainingSpec.of("0.05", 1, 2, 2), standardisationFor(data),
                ProofOptions.test(), dev.comet.prover.ProverListener.NONE);
        assertTrue(t.statement().hasMoments());
        assertEquals(DataMoments.of(data), t.statement().moments());
        assertEquals(DatasetBoundsAir.MOMENTS_NAME, TrainingAir.forVerifier(t.statement()).tables().table(1).name());
        Path file = dir.resolve("m" + rows + ".json");
        Files.write(file, ModelFile.of(t, "m.proof").toJson());
        ModelFile m = ModelFile.read(file);
        assertTrue(m.statement().hasMoments());
        assertTrue(Comet.verify(m, t.proof(), TEST).valid());
    }

    /** --no-standardize with a constant column; and a classifier whose target is left as it is. */
    @Test
    void constantColumnsAndClassifiersVerify() throws Exception {
        QuantizedDataset raw = small(9, 4);
        long[][] f = raw.features();
        java.util.Arrays.fill(f[1], 3L << 16);
        QuantizedDataset constant = new QuantizedDataset(16, raw.featureNames(), raw.targetName(), f, raw.targets());
        assertThrows(IllegalArgumentException.class, () -> Standardization.of(constant));
        TrainedModel t = Comet.train(constant, TrainingSpec.of("0.05", 1, 2, 2), Standardization.identity(2),
                ProofOptions.test(), dev.comet.prover.ProverListener.NONE);
        assertTrue(t.statement().hasMoments());
        assertTrue(Comet.verify(t.statement(), t.proof(), TEST).valid());
        for (int rows : new int[] {2, 3, 9}) {
            QuantizedDataset data = LogisticRegressionTest.binary(rows, 2, 0.5, rows);
            TrainingSpec spec = TrainingSpec.of("0.5", 1, 2, 2).forModel(ModelKind.LOGISTIC,
                    ClassLabels.of(List.of("no", "yes")));
            TrainedModel c = Comet.train(data, spec, Standardization.ofFeatures(data), ProofOptions.test(),
                    dev.comet.prover.ProverListener.NONE);
            assertTrue(c.statement().hasMoments());
            assertTrue(Comet.verify(c.statement(), c.proof(), TEST).valid(), "logistic N = " + rows);
        }
    }

    /** Committed values at the bound, +-(2^31 - 1): u = 1 and u = 2^32 - 1 (limbs 0xFFFF, 0xFFFF). */
    @Test
    void valuesAtTheBoundGiveExactMomentsAndVerify() throws Exception {
        long max = (1L << 31) - 1;
        long[][] f = {{max, -max, max, -max, 0}, {-max, -max, -max, max, 1}};
        long[] y = {0, 0, 0, 0, 0};
        QuantizedDataset data = new QuantizedDataset(16, List.of("a", "b"), "y", f, y);
        DataMoments m = DataMoments.of(data);
        for (int c = 0; c < 2; c++) {
            BigInteger squares = BigInteger.ZERO;
            for (long v : f[c]) {
                squares = squares.add(BigInteger.valueOf(v).pow(2));
            }
            assertEquals(squares, m.squaredDeviations(c, 0), "column " + c);
        }
        assertEquals((1L << 33) + (1L << 31), m.sums()[0]); // two u = 2^32 - 1, two u = 1, one u = 2^31
        DatasetCommitment c = DatasetCommitment.commit(data);
        TrainingStatement draft = statement(c, data, Standardization.identity(2), m);
        TrainingTrace.Result run = TrainingTrace.build(draft, c, data);
        TrainingStatement st = Curves.outcome(draft, run);
        assertTrue(verifies(st, c, run.traces()));
    }

    /**
     * With the identity standardisation every moment the constructor admits makes a statement, so
     * the proof alone must reject each moment moved by a small or a large amount, at every shape
     * (h < 8 with the 8-row bounds table repeating rows; N = h without padding; N = 1).
     */
    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9})
    void everyMovedMomentIsRejected(int rows) throws Exception {
        QuantizedDataset data = small(rows, 100 + rows);
        DatasetCommitment c = DatasetCommitment.commit(data);
        Standardization z = Standardization.identity(2);
        DataMoments m = DataMoments.of(data);
        int h = 1 << DatasetCommitment.logHeight(rows);
        TrainingStatement honest = statement(c, data, z, m);
        TrainingTrace.Result honestRun = TrainingTrace.build(honest, c, data);
        assertTrue(verifies(Curves.outcome(honest, honestRun), c, honestRun.traces()), "the honest run");
        int tried = 0;
        for (int col = 0; col <= 2; col++) {
            for (int k = 0; k < 4; k++) {
                // the padding rows' terms, 2^31 for sum u and 2^30 for hi^2: a prover that counted them as data
                long pad = (h - rows) * (k == 0 ? 1L << 31 : k == 3 ? 1L << 30 : 0);
                for (long delta : new long[] {1, -1, 1L << 16, 1L << 32, -(1L << 31), pad, -pad}) {
                    if (delta == 0) {
                        continue;
                    }
                    long[][] parts = {m.sums(), m.lowSquares(), m.lowHigh(), m.highSquares()};
                    parts[k][col] += delta;
                    TrainingStatement claimed;
                    try {
                        claimed = statement(c, data, z, new DataMoments(rows, parts[0], parts[1], parts[2], parts[3]));
                    } catch (IllegalArgumentException refused) {
                        continue;
                    }
                    tried++;
                    TrainingTrace.Result run = TrainingTrace.build(claimed, c, data, new TrainingTrace.Tamper() {});
                    assertFalse(verifies(Curves.outcome(claimed, run), c, run.traces()),
                            "N " + rows + " column " + col + " moment " + k + " moved by " + delta);
                }
            }
        }
        assertTrue(tried >= 12, "tried " + tried);
    }

    /** Any standardisation other than the data's (or none) is refused as a statement, per column. */
    @ParameterizedTest(name = "N = {0}")
    @ValueSource(ints = {2, 3, 7, 8, 9, 16, 17})
    void onlyTheDatasStandardisationOrNoneIsAStatement(int rows) {
        QuantizedDataset data = data(rows, 7 * rows);
        DatasetCommitment c = DatasetCommitment.commit(data);
        DataMoments m = DataMoments.of(data);
        Standardization z = Standardization.of(data);
        statement(c, data, z, m);
        statement(c, data, Standardization.identity(2), m);
        for (int col = 0; col <= 2; col++) {
            for (long d : new long[] {1, -1, 1000}) {
                long[] o = z.offsets();
                o[col] += d;
                assertThrows(IllegalArgumentException.class, () -> statement(c, data, new Standardization(o, z.scales()), m));
                long[] s = z.scales();
                s[col] = Math.max(1, s[col] + d);
                if (s[col] != z.scales()[col]) {
                    assertThrows(IllegalArgumentException.class,
                            () -> statement(c, data, new Standardization(z.offsets(), s), m));
                }
            }
            // centred only (offset the mean, scale the identity's): refused
            long[] o = Standardization.identity(2).offsets();
            o[col] = z.offsets()[col];
            if (o[col] != 0) {
                assertThrows(IllegalArgumentException.class,
                        () -> statement(c, data, new Standardization(o, Standardization.identity(2).scales()), m));
            }
        }
        // per column mixing of the data's and the identity is a statement (by design)
        long[] o = z.offsets();
        long[] s = z.scales();
        o[0] = 0;
        s[0] = 1L << 16;
        statement(c, data, new Standardization(o, s), m);
    }

    /**
     * A statement without moments (the earlier v2 bounds table) still verifies with an offset
     * that is not the data's mean: such a statement only claims the offsets were used. Review
     * finding, answered: `comet verify` says of such a file that its standardisation is only
     * stated (VerifyReportTest, MomentsCliTest).
     */
    @Test
    void aStatementWithoutMomentsStillProvesAnyStandardisation() throws Exception {
        QuantizedDataset data = data(13, 3);
        DatasetCommitment c = DatasetCommitment.commit(data);
        Standardization honest = Standardization.of(data);
        long[] offsets = honest.offsets();
        offsets[0] += 500L << 16; // far from the mean
        Standardization fake = new Standardization(offsets, honest.scales());
        assertThrows(IllegalArgumentException.class, () -> statement(c, data, fake, DataMoments.of(data)));
        TrainingStatement draft = statement(c, data, fake, DataMoments.NONE);
        TrainingTrace.Result run = TrainingTrace.build(draft, c, data);
        TrainingStatement st = Curves.outcome(draft, run);
        assertEquals(DatasetBoundsAir.NAME, TrainingAir.forVerifier(st).tables().table(1).name());
        assertTrue(verifies(st, c, run.traces()), "a v2 proof of a standardisation that is not the data's verifies");
    }

    /**
     * The statement encoding with every combination of the optional sections: all distinct (the
     * transcript absorbs it with its length, so one being a prefix of another is harmless).
     */
    @Test
    void optionalSectionsEncodeUnambiguously() {
        QuantizedDataset data = data(9, 5);
        DatasetCommitment c = DatasetCommitment.commit(data);
        DataMoments m = DataMoments.of(data);
        List<byte[]> encodings = new ArrayList<>();
        for (boolean curve : new boolean[] {false, true}) {
            for (boolean seed : new boolean[] {false, true}) {
                for (boolean moments : new boolean[] {false, true}) {
                    long[] init = seed ? SeededInit.weights(7L, 2) : new long[3];
                    encodings.add(new TrainingStatement(c.root(), 9, 2, 16, data.featureNames(), data.targetName(),
                            ModelKind.LINEAR, ClassLabels.NONE, Standardization.of(data), 3277, 1, 2, init, new long[3],
                            curve ? LearningCurve.zeros(2, 9, false) : LearningCurve.NONE, seed ? 7L : null,
                            moments ? m : DataMoments.NONE).encode());
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (byte[] e : encodings) {
            assertTrue(seen.add(java.util.HexFormat.of().formatHex(e)));
        }
    }

    private record Trained(TrainedModel model, QuantizedDataset data, Path file) {}

    private Trained train(int rows) throws Exception {
        QuantizedDataset data = data(rows, 11);
        TrainedModel t = Comet.train(data, TrainingSpec.of("0.05", 1, 2, 2), Standardization.of(data),
                ProofOptions.test(), dev.comet.prover.ProverListener.NONE);
        Path file = dir.resolve("t" + rows + "-" + System.nanoTime() + ".json");
        Files.write(file, ModelFile.of(t, "m.proof").toJson());
        return new Trained(t, data, file);
    }

    private Path edited(Path file, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(root);
        Path out = dir.resolve("edited-" + System.nanoTime() + ".json");
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return out;
    }

    private static ObjectNode moments(ObjectNode root) {
        return (ObjectNode) root.get("data").get("moments");
    }

    private static String refused(Path file, String expected) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file).statement());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e.getMessage();
    }

    @Test
    void malformedMomentsAreRefusedWithOneLine() throws Exception {
        Trained t = train(6);
        JsonNode data = JSON.readTree(t.file().toFile()).get("data");
        assertTrue(data.has("moments"), data.toString());
        long bound = 6L << 32;
        List<String> messages = new ArrayList<>();
        messages.add(refused(edited(t.file(), r -> moments(r).remove("low_high")), "data.moments.low_high"));
        messages.add(refused(edited(t.file(), r -> ((ArrayNode) moments(r).get("sums")).setNull(1)), "sums"));
        messages.add(refused(edited(t.file(), r -> ((ArrayNode) moments(r).get("sums")).set(1, 1.5)), "sums"));
        messages.add(refused(edited(t.file(), r -> ((ArrayNode) moments(r).get("sums")).set(1, "7")), "sums"));
        messages.add(refused(edited(t.file(), r -> ((ArrayNode) moments(r).get("sums")).set(1,
                BigInteger.ONE.shiftLeft(64))), "sums"));
        messages.add(refused(edited(t.file(), r -> ((ArrayNode) moments(r).get("sums")).set(1, -1)), "[0, N 2^32)"));
        messages.add(refused(edited(t.file(), r -> ((ArrayNode) moments(r).get("high_squares")).set(1, bound)),
                "[0, N 2^32)"));
        messages.add(refused(edited(t.file(), r -> ((ArrayNode) moments(r).get("low_squares")).remove(2)),
                "low_squares needs 3 entries"));
        messages.add(refused(edited(t.file(), r -> {
            for (String k : List.of("sums", "low_squares", "low_high", "high_squares")) {
                ((ArrayNode) moments(r).get(k)).add(1);
            }
        }), "sums needs 3 entries"));
        messages.add(refused(edited(t.file(), r -> ((ObjectNode) r.get("data")).put("moments", 5)), "moments"));
        messages.add(refused(edited(t.file(), r -> moments(r).put("extra", 1)), "extra"));
        // moments that no data has (sum u^2 below (sum u)^2 / N): refused as a statement
        messages.add(refused(edited(t.file(), r -> ((ArrayNode) moments(r).get("high_squares")).set(0, 0)), "feature"));
        assertEquals(12, messages.size());
    }

    /** Review finding, fixed: a file whose moments are four empty lists is refused, not read as one without moments. */
    @Test
    void emptyMomentListsAreRefused() throws Exception {
        Trained t = train(6);
        Path file = edited(t.file(), r -> {
            for (String k : List.of("sums", "low_squares", "low_high", "high_squares")) {
                moments(r).putArray(k);
            }
        });
        refused(file, "data.moments.sums needs 3 entries");
    }

    /** A file from before the moments verifies; adding moments to it or stripping them from a new one does not. */
    @Test
    void filesFromBeforeTheMomentsStillVerify() throws Exception {
        Trained t = train(7);
        TrainingStatement st = t.model().statement();
        TrainingStatement old = new TrainingStatement(st.datasetRoot(), st.rows(), st.features(), st.fractionBits(),
                st.featureNames(), st.targetName(), st.model(), st.classes(), st.standardization(), st.learningRateQ(),
                st.batchSize(), st.epochs(), st.initialWeights(), st.finalWeights(), st.curve(), st.initSeed());
        assertFalse(old.hasMoments());
        DatasetCommitment c = DatasetCommitment.commit(t.data());
        TrainingAir air = TrainingAir.forProver(old, c);
        byte[] proof = ProofCodec.encode(new StarkProver(t.model().options()).prove(air.tables(),
                TrainingTrace.build(old, c, t.data()).traces(), TrainingAir.segments(c.segment())));
        TrainedModel legacy = new TrainedModel(old, t.model().spec(), proof, t.model().options(), t.model().preset(),
                Comet.security(old, t.model().options()), t.model().report(), 0, 0);
        Path file = dir.resolve("legacy.json");
        Files.write(file, ModelFile.of(legacy, "model.proof").toJson());
        assertNull(JSON.readTree(file.toFile()).get("data").get("moments"));
        ModelFile m = ModelFile.read(file);
        assertTrue(Comet.verify(m, proof, TEST).valid());
        JsonNode moments = JSON.readTree(t.file().toFile()).get("data").get("moments");
        ModelFile added = ModelFile.read(edited(file, r -> ((ObjectNode) r.get("data")).set("moments", moments)));
        assertTrue(added.statement().hasMoments());
        VerificationResult v = Comet.verify(added, proof, TEST);
        assertFalse(v.valid());
        assertFalse(v.reason().contains("\n"));
        ModelFile stripped = ModelFile.read(edited(t.file(), r -> ((ObjectNode) r.get("data")).remove("moments")));
        assertFalse(stripped.statement().hasMoments());
        assertFalse(Comet.verify(stripped, t.model().proof(), TEST).valid());
        assertNotEquals(TrainingAir.forVerifier(old).tables().table(1).name(),
                TrainingAir.forVerifier(st).tables().table(1).name());
    }
}
