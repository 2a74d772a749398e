package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comet.api.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --model mlp} on the bundled iris data, then verify, predict and inspect; and its bad inputs. */
class MlpCliTest {
    @TempDir
    Path dir;

    private Cli.Result train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", SoftmaxCliTest.IRIS.toString(), "--target", "species",
                "--model", "mlp", "--epochs", "8", "--batch", "16", "--lr", "0.2", "--preset", "test", "--out",
                dir.resolve("model.json").toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void irisTrainsVerifiesPredictsAndInspects() throws Exception {
        Cli.Result trained = train("--hidden", "6,4", "--seed", "7");
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("network 4-6-4-3: 2 hidden layers"), trained.out());
        Path file = dir.resolve("model.json");
        ModelFile model = ModelFile.read(file);
        assertEquals("multilayer-perceptron", model.model().kind());
        assertEquals(List.of(6, 4), model.model().hidden());
        assertEquals(6 * 5 + 4 * 7 + 3 * 5, model.model().weightsQ().size());
        assertEquals(6 + 4 + 3, model.model().biases().size());
        assertEquals(6 * 4 + 4 * 6 + 3 * 4, model.model().weights().size());
        assertEquals(7L, model.training().initSeed());
        assertTrue(model.report().accuracyFixedPoint() > 0.6, model.report().toString());
        assertTrue(Math.abs(model.report().accuracyFixedPoint() - model.report().accuracyFloat64Twin()) <= 0.02,
                model.report().toString());

        Cli.Result verified = Cli.run("verify", file.toString(), "--data", SoftmaxCliTest.IRIS.toString(),
                "--min-security", "0");
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().startsWith("VALID") && verified.out().contains("multilayer-perceptron"), verified.out());

        Cli.Result predicted = Cli.run("predict", file.toString(), SoftmaxCliTest.IRIS.toString(), "--proba");
        assertEquals(0, predicted.exitCode(), predicted.err());
        String[] lines = predicted.out().split("\n");
        assertEquals("row,prediction,target,p_setosa,p_versicolor,p_virginica", lines[0]);
        int right = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            right += cells[1].equals(cells[2]) ? 1 : 0;
        }
        assertEquals(model.report().accuracyFixedPoint(), right / 150.0, 1e-12, "predict is the model the report scored");

        Cli.Result inspected = Cli.run("inspect", file.toString());
        assertEquals(0, inspected.exitCode(), inspected.err());
        assertTrue(inspected.out().contains("hidden unit h2.4") && inspected.out().contains("output class virginica")
                && inspected.out().contains("h2.3"), inspected.out());
    }

    @Test
    void editedHiddenWidthsOrWeightsAreInvalid() throws Exception {
        assertEquals(0, train("--hidden", "5", "--seed", "3").exitCode());
        Path file = dir.resolve("model.json");
        ObjectMapper json = new ObjectMapper();
        String original = Files.readString(file);

        ObjectNode root = (ObjectNode) json.readTree(original);
        ObjectNode m = (ObjectNode) root.get("model");
        ArrayNode q = (ArrayNode) m.get("weights_q");
        long changed = q.get(7).asLong() + 1; // hidden unit 2's second weight
        q.set(7, changed);
        ((ArrayNode) m.get("weights")).set(5, new dev.comet.data.Quantizer().toDecimal(changed).toPlainString());
        Files.writeString(file, json.writeValueAsString(root));
        Cli.Result weight = Cli.run("verify", file.toString(), "--min-security", "0");
        assertEquals(1, weight.exitCode(), weight.out() + weight.err());
        assertTrue(weight.out().startsWith("INVALID"), weight.out());

        root = (ObjectNode) json.readTree(original);
        ((ObjectNode) root.get("model")).putArray("hidden").add(6);
        Files.writeString(file, json.writeValueAsString(root));
        Cli.Result widths = Cli.run("verify", file.toString(), "--min-security", "0");
        assertEquals(1, widths.exitCode(), widths.out() + widths.err());
        assertTrue(widths.out().startsWith("INVALID") && widths.out().contains("4-6-3"), widths.out());
        assertEquals(1, widths.out().strip().lines().count(), widths.out());

        root = (ObjectNode) json.readTree(original);
        ((ObjectNode) root.get("model")).remove("hidden");
        Files.writeString(file, json.writeValueAsString(root));
        Cli.Result none = Cli.run("verify", file.toString(), "--min-security", "0");
        assertEquals(1, none.exitCode(), none.out() + none.err());
        assertTrue(none.out().contains("model.hidden"), none.out());
    }

    @Test
    void badHiddenLayersAndMissingSeedsAreOneLineErrors() {
        String[][] cases = {
            {"--seed", "1"}, // no --hidden
            {"--hidden", "0", "--seed", "1"},
            {"--hidden", "300", "--seed", "1"},
            {"--hidden", "8,,4", "--seed", "1"},
            {"--hidden", "2,2,2,2,2", "--seed", "1"},
            {"--hidden", "8"}, // no --seed or --init
        };
        String[] expected = {"needs --hidden", "1 to 255 units", "1 to 255 units", "not a list", "at most 4", "--seed"};
        for (int k = 0; k < cases.length; k++) {
            Cli.Result r = train(cases[k]);
            assertEquals(2, r.exitCode(), String.join(" ", cases[k]) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(expected[k]), r.err());
            assertFalse(Files.exists(dir.resolve("model.json")));
        }
        Cli.Result softmax = Cli.run("train", SoftmaxCliTest.IRIS.toString(), "--target", "species", "--model", "softmax",
                "--hidden", "4", "--epochs", "1", "--batch", "4", "--lr", "0.1", "--out", dir.resolve("m.json").toString());
        assertEquals(2, softmax.exitCode());
        assertTrue(softmax.err().contains("--hidden is for --model mlp"), softmax.err());
    }

    @Test
    void initialWeightsFromAFileHaveTheNetworksCount() throws Exception {
        Path init = dir.resolve("init.txt");
        StringBuilder weights = new StringBuilder();
        for (int k = 0; k < 2 * 5 + 3 * 3; k++) {
            weights.append(k % 3 == 0 ? "0.2 " : "-0.1 ");
        }
        Files.writeString(init, weights.toString());
        Cli.Result ok = train("--hidden", "2", "--init", init.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        Files.writeString(init, "0.1 0 0 0 0\n");
        Cli.Result wrong = train("--hidden", "2", "--init", init.toString());
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.err().contains("expected 19 initial weights") && wrong.err().contains("4-2-3"), wrong.err());
    }

    @Test
    void aNumericTargetMakesARegressionThatBeatsLeastSquaresOnCars() throws Exception {
        Path file = dir.resolve("cars.json");
        Cli.Result trained = Cli.run("train", Path.of("..", "data", "cars-raw.csv").toString(), "--target", "mpg",
                "--model", "mlp", "--hidden", "8", "--epochs", "40", "--batch", "32", "--lr", "0.05", "--seed", "3",
                "--preset", "test", "--out", file.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("network 6-8-1") && trained.out().contains("linear output"), trained.out());
        ModelFile model = ModelFile.read(file);
        assertEquals("multilayer-perceptron-regression", model.model().kind());
        assertEquals("mse", model.training().loss());
        assertTrue(model.report().mseFixedPoint() < model.report().mseLeastSquares(),
                "a hidden layer fits what a line cannot: " + model.report());
        assertEquals(model.report().mseFloat64Twin(), model.report().mseFixedPoint(), 0.05 * model.report().mseFixedPoint());
        Cli.Result verified = Cli.run("verify", file.toString(), "--min-security", "0");
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        Cli.Result predicted = Cli.run("predict", file.toString(), Path.of("..", "data", "cars-raw.csv").toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        double sum = 0;
        String[] lines = predicted.out().split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            double err = Double.parseDouble(cells[1]) - Double.parseDouble(cells[2]);
            sum += err * err;
        }
        assertEquals(model.report().mseFixedPoint(), sum / (lines.length - 1), 0.01 * model.report().mseFixedPoint(),
                "predict maps the standardised predictions back to miles per gallon");
    }

    @Test
    void integerLabelsOfAtMostSixteenValuesAreClasses() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i % 7).append(',').append((i * 3) % 5).append(',').append(i % 3 + 1).append('\n');
        }
        Path data = dir.resolve("labels.csv");
        Files.writeString(data, csv);
        Cli.Result trained = Cli.run("train", data.toString(), "--target", "label", "--model", "mlp", "--hidden", "3",
                "--epochs", "2", "--batch", "8", "--lr", "0.1", "--seed", "1", "--preset", "test", "--out",
                dir.resolve("labels.json").toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("classes (index order): 1, 2, 3") && trained.out().contains("softmax output"),
                trained.out());
    }

    @Test
    void badDataIsAOneLineErrorForTheMlpToo() throws Exception {
        Path oneClass = dir.resolve("one.csv");
        Files.writeString(oneClass, "a,b,label\n1,2,x\n3,4,x\n5,6,x\n");
        Path text = dir.resolve("text.csv");
        Files.writeString(text, "a,b,label\n1,2,x\n3,oops,y\n5,6,x\n");
        Path constant = dir.resolve("constant.csv");
        Files.writeString(constant, "a,b,label\n1,7,x\n3,7,y\n5,7,x\n");
        String[][] cases = {{oneClass.toString(), "only one class"}, {text.toString(), "oops"}, {constant.toString(), "'b'"}};
        for (String[] c : cases) {
            Cli.Result r = Cli.run("train", c[0], "--target", "label", "--model", "mlp", "--hidden", "2", "--seed", "1",
                    "--epochs", "1", "--batch", "2", "--lr", "0.1", "--out", dir.resolve("bad.json").toString());
            assertEquals(2, r.exitCode(), c[0] + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertFalse(Files.exists(dir.resolve("bad.json")));
        }
    }
}
