package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comet.api.Comet;
import dev.comet.api.ModelFile;
import dev.comet.api.ModelFileException;
import dev.comet.api.TrainedModel;
import dev.comet.data.ClassLabels;
import dev.comet.data.QuantizedDataset;
import dev.comet.field.Goldilocks;
import dev.comet.proof.ProofCodec;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.VerificationResult;
import dev.comet.verifier.VerifierPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adversarial review of {@code learning_curve} in model files, and of files from before the curve. */
class LearningCurveReviewFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VerifierPolicy TEST = VerifierPolicy.defaults().withMinimumBits(0);

    @TempDir
    Path dir;

    private record Trained(TrainedModel model, QuantizedDataset data, Path file) {}

    private Trained train(boolean classifier) throws Exception {
        QuantizedDataset data = classifier ? LogisticRegressionTest.binary(12, 2, 0.5, 3)
                : StandardizedTrainingTest.raw(12, 2, 3);
        TrainingSpec spec = TrainingSpec.of(classifier ? "0.5" : "0.05", 4, 3, 2);
        if (classifier) {
            spec = spec.forModel(ModelKind.LOGISTIC, ClassLabels.of(List.of("no", "yes")));
        }
        Standardization z = classifier ? Standardization.ofFeatures(data) : Standardization.of(data);
        TrainedModel trained = Comet.train(data, spec, z, "test");
        Path file = dir.resolve((classifier ? "logistic" : "linear") + ".json");
        Files.write(file, ModelFile.of(trained, "model.proof").toJson());
        return new Trained(trained, data, file);
    }

    /** The file with {@code edit} applied to its JSON tree. */
    private Path edited(Path file, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(root);
        Path out = dir.resolve("edited-" + System.nanoTime() + ".json");
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return out;
    }

    private static ObjectNode curve(ObjectNode root) {
        return (ObjectNode) root.get("learning_curve");
    }

    /** Reading and stating the file fails with a one-line message containing {@code expected}. */
    private static String refused(Path file, String expected) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(file).statement());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        return e.getMessage();
    }

    @Test
    void honestFilesCarryTheCurveAndVerify() throws Exception {
        for (boolean classifier : new boolean[] {false, true}) {
            Trained t = train(classifier);
            JsonNode c = JSON.readTree(t.file().toFile()).get("learning_curve");
            assertNotNull(c);
            assertEquals(3, c.get("loss_sums").size());
            // review finding, fixed: a regression's file has no "correct" (it wrote "correct": null)
            assertEquals(classifier, c.has("correct"));
            ModelFile m = ModelFile.read(t.file());
            assertTrue(m.statement().hasCurve());
            assertEquals(classifier ? TrainingAir.LOGISTIC_CURVE_NAME : TrainingAir.CURVE_NAME,
                    TrainingAir.forVerifier(m.statement()).name());
            assertTrue(Comet.verify(m, t.model().proof(), TEST).valid());
        }
    }

    @Test
    void malformedCurvesAreRefusedWithOneLine() throws Exception {
        Trained lin = train(false);
        Trained log = train(true);
        refused(edited(log.file(), r -> ((ArrayNode) curve(r).get("correct")).set(0, -1)), "[0, 12], got -1");
        refused(edited(log.file(), r -> ((ArrayNode) curve(r).get("correct")).set(1, 13)), "[0, 12], got 13");
        refused(edited(log.file(), r -> ((ArrayNode) curve(r).get("correct")).remove(2)), "one count of correct rows per epoch");
        refused(edited(log.file(), r -> curve(r).remove("correct")), "needs its accuracy");
        refused(edited(lin.file(), r -> ((ArrayNode) curve(r).get("loss_sums")).remove(2)), "2 epochs, the run 3");
        refused(edited(lin.file(), r -> ((ArrayNode) curve(r).get("loss_sums")).add(5)), "4 epochs, the run 3");
        refused(edited(lin.file(), r -> curve(r).putArray("correct").add(1).add(2).add(3)), "has no accuracy");
        refused(edited(lin.file(), r -> curve(r).putArray("loss_sums")), "loss_sums is empty");
        refused(edited(lin.file(), r -> curve(r).remove("loss_sums")), "missing field 'learning_curve.loss_sums'");
        refused(edited(lin.file(), r -> ((ArrayNode) curve(r).get("loss_sums")).setNull(1)), "loss_sums[1]' is null");
        refused(edited(lin.file(), r -> ((ArrayNode) curve(r).get("loss_sums")).set(1, 1.5)), "loss_sums");
        refused(edited(lin.file(), r -> ((ArrayNode) curve(r).get("loss_sums")).set(1, "7")), "loss_sums");
        refused(edited(lin.file(), r -> ((ArrayNode) curve(r).get("loss_sums")).set(1,
                new java.math.BigInteger(Long.toUnsignedString(Goldilocks.P)))), "loss_sums");
        refused(edited(lin.file(), r -> ((ArrayNode) curve(r).get("loss_sums")).set(1, -1)), "field element");
        refused(edited(lin.file(), r -> curve(r).put("epochs", 3)), "epochs");
        refused(edited(lin.file(), r -> r.put("learning_curve", 5)), "learning_curve");
    }

    /**
     * Observation: a loss sum is a field element written as a signed long, so a negative number
     * in the file is read as the field element 2^64 + v (honest sums at or above 2^63 are written
     * that way); such a file states a curve, which the proof then refuses.
     */
    @Test
    void aNegativeLossSumReadsAsALargeFieldElement() throws Exception {
        Trained lin = train(false);
        Path file = edited(lin.file(), r -> ((ArrayNode) curve(r).get("loss_sums")).set(0, -(1L << 40)));
        ModelFile m = ModelFile.read(file);
        assertEquals(-(1L << 40), m.statement().curve().lossSums()[0]);
        VerificationResult v = Comet.verify(m, lin.model().proof(), TEST);
        assertFalse(v.valid());
        assertFalse(v.reason().contains("\n"));
    }

    /** A curve-carrying proof with the curve stripped from its file is checked as v5, and refused. */
    @Test
    void strippingTheCurveFromAFileIsRefused() throws Exception {
        for (boolean classifier : new boolean[] {false, true}) {
            Trained t = train(classifier);
            ModelFile m = ModelFile.read(edited(t.file(), r -> r.remove("learning_curve")));
            assertFalse(m.statement().hasCurve());
            assertEquals(classifier ? TrainingAir.LOGISTIC_NAME : TrainingAir.NAME,
                    TrainingAir.forVerifier(m.statement()).name());
            VerificationResult v = Comet.verify(m, t.model().proof(), TEST);
            assertFalse(v.valid());
            assertFalse(v.reason().contains("\n"), v.reason());
        }
    }

    /**
     * A file from before the curve: a proof of the curve-less statement (AIR v5 / v1, the earlier
     * encoding), whose file has no learning_curve, still verifies; adding a curve to it does not.
     */
    @Test
    void aFileFromBeforeTheCurveStillVerifies() throws Exception {
        for (boolean classifier : new boolean[] {false, true}) {
            Trained t = train(classifier);
            TrainingStatement st = t.model().statement();
            TrainingStatement old = new TrainingStatement(st.datasetRoot(), st.rows(), st.features(), st.fractionBits(),
                    st.featureNames(), st.targetName(), st.model(), st.classes(), st.standardization(),
                    st.learningRateQ(), st.batchSize(), st.epochs(), st.initialWeights(), st.finalWeights(),
                    LearningCurve.NONE);
            DatasetCommitment c = DatasetCommitment.commit(t.data());
            TrainingAir air = TrainingAir.forProver(old, c);
            byte[] proof = ProofCodec.encode(new StarkProver(t.model().options()).prove(air.tables(),
                    TrainingTrace.build(old, c, t.data()).traces(), TrainingAir.segments(c.segment())));
            TrainedModel legacy = new TrainedModel(old, t.model().spec(), proof, t.model().options(), t.model().preset(),
                    Comet.security(old, t.model().options()), t.model().report(), 0, 0);
            Path file = dir.resolve("legacy-" + classifier + ".json");
            Files.write(file, ModelFile.of(legacy, "model.proof").toJson());
            assertNull(JSON.readTree(file.toFile()).get("learning_curve"));
            ModelFile m = ModelFile.read(file);
            assertFalse(m.statement().hasCurve());
            assertEquals(classifier ? TrainingAir.LOGISTIC_NAME : TrainingAir.NAME,
                    TrainingAir.forVerifier(m.statement()).name());
            assertTrue(Comet.verify(m, proof, TEST).valid());
            // the curve of the v6 run added to the legacy file: now a v6 statement, which the v5 proof does not prove
            JsonNode curve = JSON.readTree(t.file().toFile()).get("learning_curve");
            ModelFile withCurve = ModelFile.read(edited(file, r -> r.set("learning_curve", curve)));
            assertTrue(withCurve.statement().hasCurve());
            assertFalse(Comet.verify(withCurve, proof, TEST).valid());
        }
    }
}
