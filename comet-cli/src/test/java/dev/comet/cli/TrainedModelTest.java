package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comet.api.Comet;
import dev.comet.api.ModelFile;
import dev.comet.data.QuantizedDataset;
import dev.comet.data.Quantizer;
import dev.comet.proof.ProofCodec;
import dev.comet.train.FixedPointTrainer;
import dev.comet.train.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One honest {@code train} (test preset), then {@code verify} of it and of tampered copies, {@code inspect} and {@code predict}. */
class TrainedModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Quantizer Q = new Quantizer();

    @TempDir
    static Path shared;
    static Path csv;
    static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        csv = Cli.write(shared.resolve("data.csv"), Cli.smallCsv(40));
        model = shared.resolve("model.json");
        Cli.Result r = Cli.run("train", csv.toString(), "--target", "y", "--features", "x1,x2", "--epochs", "2",
                "--batch", "8", "--lr", "0.05", "--preset", "test", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("wrote " + model), r.out());
        assertTrue(Files.exists(shared.resolve("model.proof")));
    }

    @Test
    void honestModelVerifiesWhenTheMinimumIsLowered() {
        Cli.Result r = Cli.run("verify", model.toString(), "--min-security", "0");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith("VALID: " + model), r.out());
    }

    @Test
    void testPresetIsRejectedAtTheDefaultMinimum() {
        Cli.Result r = Cli.run("verify", model.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith("INVALID:") && r.out().contains("below the required 100"), r.out());
    }

    static Stream<Arguments> tamperedModels() {
        return Stream.of(
                tamper("weight changed consistently (a different claim)", m -> {
                    ArrayNode q = (ArrayNode) m.at("/model/weights_q");
                    long w = q.get(0).asLong() + 1;
                    q.set(0, w);
                    ((ArrayNode) m.at("/model/weights")).set(0, Q.toDecimal(w).toPlainString());
                }),
                tamper("bias changed consistently", m -> {
                    ArrayNode q = (ArrayNode) m.at("/model/weights_q");
                    long w = q.get(2).asLong() - 1;
                    q.set(2, w);
                    ((ObjectNode) m.get("model")).put("bias", Q.toDecimal(w).toPlainString());
                }),
                tamper("only the decimal weight changed (inconsistent)", m -> {
                    long w = m.at("/model/weights_q/0").asLong() + 1;
                    ((ArrayNode) m.at("/model/weights")).set(0, Q.toDecimal(w).toPlainString());
                }),
                tamper("learning rate changed consistently", m -> {
                    ObjectNode t = (ObjectNode) m.get("training");
                    t.put("learning_rate", "0.06");
                    t.put("learning_rate_q", TrainingSpec.quantizeLearningRate("0.06"));
                }),
                tamper("epochs", m -> ((ObjectNode) m.get("training")).put("epochs", 3)),
                tamper("batch size", m -> ((ObjectNode) m.get("training")).put("batch_size", 7)),
                tamper("initial weight", m -> ((ArrayNode) m.at("/training/initial_weights_q")).set(1, 1)),
                tamper("dataset commitment", m -> {
                    String c = m.at("/data/commitment").asText();
                    ((ObjectNode) m.get("data")).put("commitment", (c.charAt(0) == '0' ? "1" : "0") + c.substring(1));
                }),
                tamper("rows", m -> ((ObjectNode) m.get("data")).put("rows", 39)),
                tamper("target name", m -> ((ObjectNode) m.get("model")).put("target", "z")),
                tamper("feature name", m -> ((ArrayNode) m.at("/model/features")).set(1, "x3")),
                tamper("proof sha256", m -> {
                    String s = m.at("/proof/sha256").asText();
                    ((ObjectNode) m.get("proof")).put("sha256", (s.charAt(0) == 'a' ? "b" : "a") + s.substring(1));
                }));
    }

    private static Arguments tamper(String name, Consumer<ObjectNode> edit) {
        return Arguments.of(name, edit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedModels")
    void tamperedModelFileIsInvalid(String name, Consumer<ObjectNode> edit) throws IOException {
        Path copy = copyModel();
        ObjectNode m = (ObjectNode) JSON.readTree(copy.toFile());
        edit.accept(m);
        JSON.writeValue(copy.toFile(), m);
        assertInvalid(Cli.run("verify", copy.toString(), "--min-security", "0"));
    }

    @Test
    void flippedProofByteIsInvalid() throws IOException {
        Path copy = copyModel();
        Path proof = dir.resolve("model.proof");
        byte[] bytes = Files.readAllBytes(proof);
        bytes[bytes.length / 2] ^= 1;
        Files.write(proof, bytes);
        assertInvalid(Cli.run("verify", copy.toString(), "--min-security", "0"));
        // Same flip with the digest updated, so the STARK verifier itself has to reject it.
        setDigestAndSize(copy, bytes);
        assertInvalid(Cli.run("verify", copy.toString(), "--min-security", "0"));
    }

    @Test
    void truncatedProofIsInvalid() throws IOException {
        Path copy = copyModel();
        Path proof = dir.resolve("model.proof");
        byte[] bytes = Arrays.copyOf(Files.readAllBytes(proof), 1000);
        Files.write(proof, bytes);
        assertInvalid(Cli.run("verify", copy.toString(), "--min-security", "0"));
        setDigestAndSize(copy, bytes);
        Cli.Result r = Cli.run("verify", copy.toString(), "--min-security", "0");
        assertInvalid(r);
        assertTrue(r.out().contains("truncated"), r.out());
    }

    @Test
    void missingProofFileIsUnusableInput() throws IOException {
        Path copy = copyModel();
        Files.delete(dir.resolve("model.proof"));
        String err = Cli.run("verify", copy.toString(), "--min-security", "0").oneLineError(2);
        assertTrue(err.contains(copy + ": proof.file 'model.proof' does not exist"), err);
    }

    @Test
    void verifyChecksTheDataFileAgainstTheCommitment() throws IOException {
        Cli.Result same = Cli.run("verify", model.toString(), "--min-security", "0", "--data", csv.toString());
        assertEquals(0, same.exitCode(), same.out() + same.err());

        String[] lines = Files.readString(csv).split("\n");
        lines[5] = lines[5].replaceFirst(",([0-9.]+),", ",7.125,"); // one x1 value differs
        Path changed = Cli.write(dir.resolve("changed.csv"), String.join("\n", lines) + "\n");
        assertFalse(Files.readString(changed).equals(Files.readString(csv)));
        Cli.Result r = Cli.run("verify", model.toString(), "--min-security", "0", "--data", changed.toString());
        assertInvalid(r);
        assertTrue(r.out().contains("has commitment"), r.out());
    }

    @Test
    void verifyChecksARequiredCommitment() throws IOException {
        String claimed = JSON.readTree(model.toFile()).at("/data/commitment").asText();
        assertEquals(0, Cli.run("verify", model.toString(), "--min-security", "0", "--commitment", claimed).exitCode());
        String wrong = (claimed.charAt(0) == 'f' ? "e" : "f") + claimed.substring(1);
        assertInvalid(Cli.run("verify", model.toString(), "--min-security", "0", "--commitment", wrong));
    }

    @Test
    void inspectJsonHasTheCommitmentAndSecurity() throws IOException {
        Cli.Result r = Cli.run("inspect", model.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        JsonNode out = JSON.readTree(r.out());
        JsonNode file = JSON.readTree(model.toFile());
        assertEquals(file.at("/data/commitment").asText(), out.at("/data/commitment").asText());
        assertEquals(16, out.at("/proof/security_bits").asInt());
        assertTrue(out.at("/proof/sha256_matches_model").asBoolean());
        assertEquals(Files.size(shared.resolve("model.proof")), out.at("/proof/bytes").asLong());
        assertTrue(out.at("/proof/tables/0/log_trace_length").asInt() >= 6);
        assertTrue(out.at("/proof/fri_layers").isInt());
        assertEquals(file.at("/model/weights_q"), out.at("/model/weights_q"));
        assertFalse(out.get("report_proven").asBoolean());
    }

    @Test
    void inspectTextNamesTheSections() {
        Cli.Result r = Cli.run("inspect", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String s : new String[] {"statement", "x1", "(bias)", "learning rate", "0.05", "dataset commitment",
            "16 bits", "table 1", "FRI", "NOT proven"}) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
    }

    @Test
    void inspectRejectsAGarbageProofFile() throws IOException {
        Path copy = copyModel();
        Files.writeString(dir.resolve("model.proof"), "not a proof");
        String err = Cli.run("inspect", copy.toString()).oneLineError(2);
        assertTrue(err.contains("model.proof") && err.contains("not a Comet proof"), err);
    }

    @Test
    void predictMatchesTheFixedPointModelRowByRow() throws Exception {
        Cli.Result r = Cli.run("predict", model.toString(), csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("row,prediction,target", lines.get(0));
        QuantizedDataset data = Comet.load(csv, "y", List.of("x1", "x2"));
        var statement = ModelFile.read(model).statement();
        long[] weights = statement.finalWeights();
        var z = statement.standardization();
        assertFalse(z.isIdentity(), "train standardises by default");
        assertEquals(data.rows() + 1, lines.size());
        for (int i = 0; i < data.rows(); i++) {
            long[] row = {z.standardise(0, data.features()[0][i]), z.standardise(1, data.features()[1][i])};
            long expected = z.unstandardiseTarget(FixedPointTrainer.predictFixed(weights, row));
            assertEquals((i + 1) + "," + Q.toDecimal(expected).toPlainString() + ","
                    + Q.toDecimal(data.targets()[i]).toPlainString(), lines.get(i + 1));
        }
    }

    @Test
    void predictNeedsOnlyTheFeatureColumnsInAnyOrder() throws IOException {
        StringBuilder reordered = new StringBuilder("x2,comment,x1\n");
        for (String line : Files.readAllLines(csv).subList(1, 11)) {
            String[] f = line.split(",");
            reordered.append(f[2]).append(",\"text, with a comma\",").append(f[1]).append('\n');
        }
        Path file = Cli.write(dir.resolve("features.csv"), reordered.toString());
        Path out = dir.resolve("predictions.csv");
        Cli.Result r = Cli.run("predict", model.toString(), file.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        List<String> written = Files.readAllLines(out);
        assertEquals("row,prediction", written.get(0));
        List<String> withTarget = Cli.run("predict", model.toString(), csv.toString()).out().lines().toList();
        for (int i = 1; i <= 10; i++) {
            assertEquals(withTarget.get(i).substring(0, withTarget.get(i).lastIndexOf(',')), written.get(i));
        }
    }

    @Test
    void predictIgnoresTheHeaderCellsOfColumnsItDoesNotRead() throws IOException {
        Path file = Cli.write(dir.resolve("indexed.csv"), ",x1,note,note,x2\n0,1,a,b,2\n");
        Cli.Result r = Cli.run("predict", model.toString(), file.toString());
        assertEquals(0, r.exitCode(), r.err());
        Path plain = Cli.write(dir.resolve("plain.csv"), "x1,x2\n1,2\n");
        assertEquals(Cli.run("predict", model.toString(), plain.toString()).out(), r.out());
    }

    @Test
    void predictNamesAMissingFeatureColumn() throws IOException {
        Path file = Cli.write(dir.resolve("x1-only.csv"), "x1,y\n1,2\n");
        String err = Cli.run("predict", model.toString(), file.toString()).oneLineError(2);
        assertTrue(err.contains(file + ", line 1, column 'x2': no such feature column"), err);
    }

    @Test
    void predictRejectsBadValuesInOneLine() throws IOException {
        String[][] cases = {
            {"x1,x2\n1,2\n3,abc\n", ", line 3, column 'x2': 'abc' is not a number"},
            {"x1,x2\n1,2\n\n3\n", ", line 4, column 'x2': missing field"},
            {"x1,x2\nNaN,2\n", ", line 2, column 'x1': 'NaN' is not a finite number"},
            {"x1,x2\n1,99999\n", ", line 2, column 'x2': value '99999' is out of range"},
            {"x1,x2\n", ": no data rows"},
            {"", ": file is empty"}};
        for (String[] c : cases) {
            Path file = Cli.write(dir.resolve("bad.csv"), c[0]);
            String err = Cli.run("predict", model.toString(), file.toString()).oneLineError(2);
            assertTrue(err.startsWith("comet: " + file + c[1]), err);
        }
    }

    private Path copyModel() throws IOException {
        Files.copy(shared.resolve("model.proof"), dir.resolve("model.proof"));
        return Files.copy(model, dir.resolve("model.json"));
    }

    private static void setDigestAndSize(Path modelFile, byte[] proof) throws IOException {
        ObjectNode m = (ObjectNode) JSON.readTree(modelFile.toFile());
        ((ObjectNode) m.get("proof")).put("sha256", ProofCodec.digestHex(proof)).put("bytes", proof.length);
        JSON.writeValue(modelFile.toFile(), m);
    }

    private static void assertInvalid(Cli.Result r) {
        assertEquals(1, r.exitCode(), () -> "stdout: " + r.out() + "\nstderr: " + r.err());
        assertTrue(r.out().startsWith("INVALID: "), r.out());
        assertFalse(r.out().contains("below the required"), r.out());
    }
}
