package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comet.api.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --model softmax} on the bundled iris data, then verify, predict and inspect; and its bad inputs. */
class SoftmaxCliTest {
    static final Path IRIS = Path.of("..", "data", "iris.csv");

    @TempDir
    Path dir;

    private Cli.Result train(Path data, String target, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", data.toString(), "--target", target, "--model", "softmax",
                "--epochs", "10", "--batch", "16", "--lr", "0.2", "--preset", "test", "--out",
                dir.resolve("model.json").toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void irisTrainsVerifiesPredictsAndInspects() throws Exception {
        Cli.Result trained = train(IRIS, "species", "--seed", "7");
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("classes (index order): setosa, versicolor, virginica"), trained.out());
        assertTrue(trained.out().contains("class virginica"), trained.out());
        Path file = dir.resolve("model.json");
        ModelFile model = ModelFile.read(file);
        assertEquals("softmax-regression", model.model().kind());
        assertEquals(3, model.model().biases().size());
        assertEquals(12, model.model().weights().size());
        assertEquals(15, model.model().weightsQ().size());
        assertTrue(model.report().accuracyFixedPoint() > 0.85, model.report().toString());
        assertTrue(Math.abs(model.report().accuracyFixedPoint() - model.report().accuracyFloat64Twin()) <= 0.01,
                model.report().toString());

        Cli.Result verified = Cli.run("verify", file.toString(), "--data", IRIS.toString(), "--min-security", "0");
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().startsWith("VALID") && verified.out().contains("softmax-regression"), verified.out());

        Cli.Result predicted = Cli.run("predict", file.toString(), IRIS.toString(), "--proba");
        assertEquals(0, predicted.exitCode(), predicted.err());
        String[] lines = predicted.out().split("\n");
        assertEquals("row,prediction,target,p_setosa,p_versicolor,p_virginica", lines[0]);
        assertEquals(151, lines.length);
        int right = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            right += cells[1].equals(cells[2]) ? 1 : 0;
            double sum = Double.parseDouble(cells[3]) + Double.parseDouble(cells[4]) + Double.parseDouble(cells[5]);
            assertTrue(sum <= 1 && sum > 1 - 3 / 65536.0, "floored probabilities: " + lines[i]);
        }
        assertEquals(model.report().accuracyFixedPoint(), right / 150.0, 1e-12, "predict is the model the report scored");

        Cli.Result inspected = Cli.run("inspect", file.toString());
        assertEquals(0, inspected.exitCode(), inspected.err());
        assertTrue(inspected.out().contains("class versicolor") && inspected.out().contains("sum_k"), inspected.out());
    }

    @Test
    void anEditedBiasOfOneClassIsInvalid() throws Exception {
        assertEquals(0, train(IRIS, "species").exitCode());
        Path file = dir.resolve("model.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        ObjectNode m = (ObjectNode) root.get("model");
        ArrayNode q = (ArrayNode) m.get("weights_q");
        long changed = q.get(9).asLong() + 1; // class 1's bias
        q.set(9, changed);
        ((ArrayNode) m.get("biases")).set(1, new dev.comet.data.Quantizer().toDecimal(changed).toPlainString());
        Files.writeString(file, json.writeValueAsString(root));
        Cli.Result verified = Cli.run("verify", file.toString(), "--min-security", "0");
        assertEquals(1, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().startsWith("INVALID"), verified.out());
    }

    @Test
    void aModelFileWithABiasInsteadOfBiasesIsInvalid() throws Exception {
        assertEquals(0, train(IRIS, "species").exitCode());
        Path file = dir.resolve("model.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        ObjectNode m = (ObjectNode) root.get("model");
        m.remove("biases");
        m.put("bias", "0");
        Files.writeString(file, json.writeValueAsString(root));
        Cli.Result verified = Cli.run("verify", file.toString(), "--min-security", "0");
        assertEquals(1, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().startsWith("INVALID") && verified.out().contains("model.biases"), verified.out());
        assertEquals(1, verified.out().strip().lines().count(), verified.out());
    }

    private Path classes(int count) throws IOException {
        StringBuilder s = new StringBuilder("x,label\n");
        for (int i = 0; i < 40; i++) {
            s.append(i * 0.5).append(",c").append(i % count).append('\n');
        }
        Path file = dir.resolve("classes" + count + ".csv");
        Files.writeString(file, s);
        return file;
    }

    @Test
    void classCountsOutsideTheModelsRangeAreOneLineErrors() throws IOException {
        Cli.Result one = train(classes(1), "label");
        assertEquals(2, one.exitCode());
        assertEquals(1, one.err().strip().lines().count(), one.err());
        assertTrue(one.err().contains("1 classes") || one.err().contains("class"), one.err());

        Cli.Result many = train(classes(17), "label");
        assertEquals(2, many.exitCode());
        assertEquals(1, many.err().strip().lines().count(), many.err());
        assertTrue(many.err().contains("16"), many.err());

        Cli.Result logistic = Cli.run("train", classes(3).toString(), "--target", "label", "--model", "logistic",
                "--epochs", "1", "--batch", "4", "--lr", "0.1", "--out", dir.resolve("m.json").toString());
        assertEquals(2, logistic.exitCode());
        assertTrue(logistic.err().contains("exactly 2 classes"), logistic.err());
        assertFalse(Files.exists(dir.resolve("m.json")));
        assertFalse(Files.exists(dir.resolve("model.json")));
    }

    @Test
    void initialWeightsForEveryClassFromAFile() throws IOException {
        Path init = dir.resolve("init.txt");
        Files.writeString(init, "0.1 0 0 0 0\n0 0.1 0 0 0\n0 0 0.1 0 0\n");
        assertEquals(0, train(IRIS, "species", "--init", init.toString()).exitCode());
        Files.writeString(init, "0.1 0 0 0 0\n");
        Cli.Result wrong = train(IRIS, "species", "--init", init.toString());
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.err().contains("expected 15 initial weights"), wrong.err());
    }
}
