package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.api.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --model logistic} on a class target, then verify, predict and inspect the classifier. */
class LogisticCliTest {
    static final Path CANCER = Path.of("..", "data", "cancer.csv");

    @TempDir
    Path dir;

    /** 60 rows of two features in units far apart and a text class that a rule with some noise decides. */
    private Path csv(String... labels) throws IOException {
        StringBuilder s = new StringBuilder("income,ratio,outcome\n");
        for (int i = 0; i < 60; i++) {
            double income = 20000 + 517 * ((i * 7) % 31);
            double ratio = 0.01 * ((i * 5) % 13);
            boolean positive = (income - 27000) / 5000 - (ratio - 0.06) / 0.04 + ((i * 3) % 5 - 2) * 0.2 > 0;
            s.append(String.format(Locale.ROOT, "%.0f,%.2f,%s%n", income / 10, ratio, labels[positive ? 1 : 0]));
        }
        Path file = dir.resolve("loans.csv");
        Files.writeString(file, s);
        return file;
    }

    private Cli.Result train(Path data, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", data.toString(), "--target", "outcome", "--model",
                "logistic", "--epochs", "20", "--batch", "8", "--lr", "0.2", "--preset", "test", "--out",
                dir.resolve("model.json").toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aClassifierTrainsVerifiesAndPredictsLabels() throws Exception {
        Path data = csv("repaid", "defaulted");
        Cli.Result trained = train(data);
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("classes (index order): defaulted, repaid"), trained.out());
        assertTrue(trained.out().contains("train accuracy"), trained.out());
        ModelFile model = ModelFile.read(dir.resolve("model.json"));
        assertEquals("logistic-regression", model.model().kind());
        assertEquals(List.of("defaulted", "repaid"), model.model().classes());
        assertTrue(model.report().accuracyFixedPoint() > 0.85, model.report().toString());

        Path file = dir.resolve("model.json");
        Cli.Result verified = Cli.run("verify", file.toString(), "--data", data.toString(), "--min-security", "0");
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().startsWith("VALID"), verified.out());
        long lastCorrect = model.learningCurve().correct().get(19);
        assertTrue(verified.out().contains(String.format(Locale.ROOT, "proven last epoch: brier ")) && verified.out()
                .contains(String.format(Locale.ROOT, "accuracy %.2f%%", 100.0 * lastCorrect / 60)), verified.out());

        Cli.Result predicted = Cli.run("predict", file.toString(), data.toString(), "--proba");
        assertEquals(0, predicted.exitCode(), predicted.err());
        List<String> lines = predicted.out().lines().toList();
        assertEquals("row,prediction,target,p_defaulted,p_repaid", lines.get(0));
        int right = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertTrue(List.of("defaulted", "repaid").contains(cells[1]), line);
            double p0 = Double.parseDouble(cells[3]);
            double p1 = Double.parseDouble(cells[4]);
            assertEquals(1.0, p0 + p1, 0, line); // exact: both are multiples of 2^-16
            assertEquals(p1 >= 0.5 ? "repaid" : "defaulted", cells[1], line);
            right += cells[1].equals(cells[2]) ? 1 : 0;
        }
        assertEquals(model.report().accuracyFixedPoint(), right / 60.0, 1e-12, "predict agrees with the report");

        Cli.Result inspected = Cli.run("inspect", file.toString());
        assertEquals(0, inspected.exitCode(), inspected.err());
        assertTrue(inspected.out().contains("classes") && inspected.out().contains("defaulted, repaid"), inspected.out());
        assertTrue(inspected.out().contains("training accuracy"), inspected.out());
    }

    @Test
    void inspectShowsTheProvenLearningCurve() throws Exception {
        assertEquals(0, train(csv("no", "yes"), "-q").exitCode());
        Path file = dir.resolve("model.json");
        Cli.Result text = Cli.run("inspect", file.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("learning curve (part of the statement"), text.out());
        assertEquals(20, text.out().lines().filter(l -> l.strip().startsWith("epoch ") && l.contains("accuracy")).count(),
                text.out());
        Cli.Result json = Cli.run("inspect", file.toString(), "--json");
        com.fasterxml.jackson.databind.JsonNode curve = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.out()).get("learning_curve");
        assertTrue(curve.get("bound_by_proof").asBoolean());
        assertEquals(20, curve.get("accuracy").size());
        assertEquals(20, curve.get("loss_sums").size());
        ModelFile model = ModelFile.read(file);
        assertEquals(model.learningCurve().correct().get(19) / 60.0, curve.get("accuracy").get(19).asDouble(), 1e-12);
        Path regression = Cli.trainSmallModel(dir);
        Cli.Result linear = Cli.run("inspect", regression.toString());
        assertTrue(linear.out().contains("learning curve (part of the statement") && linear.out().contains("epoch    1  mse"), linear.out());
    }

    @Test
    void integerClassesAreOrderedAsNumbers() throws Exception {
        Cli.Result trained = train(csv("10", "9"), "-q");
        assertEquals(0, trained.exitCode(), trained.err());
        assertEquals(List.of("9", "10"), ModelFile.read(dir.resolve("model.json")).model().classes());
    }

    @Test
    void otherDataWithTheSameLabelsHasAnotherCommitment() throws Exception {
        Path data = csv("no", "yes");
        assertEquals(0, train(data, "-q").exitCode());
        Path swapped = csv("yes", "no"); // the same rows with the labels exchanged
        Cli.Result r = Cli.run("verify", dir.resolve("model.json").toString(), "--data", swapped.toString(),
                "--min-security", "0");
        assertEquals(CometCli.EXIT_INVALID, r.exitCode(), r.out());
        assertTrue(r.out().contains("has commitment"), r.out());
    }

    @Test
    void badClassTargetsAreOneLineErrors() throws Exception {
        Path one = Files.writeString(dir.resolve("one.csv"), "x,outcome\n1,a\n2,a\n3,a\n");
        assertTrue(train(one).oneLineError(2).contains("only one class"));
        StringBuilder many = new StringBuilder("x,outcome\n");
        for (int i = 0; i < 40; i++) {
            many.append(i).append(",c").append(i).append('\n');
        }
        Path tooMany = Files.writeString(dir.resolve("many.csv"), many);
        assertTrue(train(tooMany).oneLineError(2).contains("more than 16 classes"));
        Path three = Files.writeString(dir.resolve("three.csv"), "x,outcome\n1,a\n2,b\n3,c\n4,a\n");
        String err = train(three).oneLineError(2);
        assertTrue(err.contains("3 classes") && err.contains("exactly 2"), err);
        Path blank = Files.writeString(dir.resolve("blank.csv"), "x,outcome\n1,a\n2,\n3,b\n");
        String missing = train(blank).oneLineError(2);
        assertTrue(missing.contains("line 3") && missing.contains("missing class label"), missing);
        Path invisible = Files.writeString(dir.resolve("nbsp.csv"), "x,outcome\n1,a\n2,\u00a0\n3,b\n");
        String nbsp = train(invisible).oneLineError(2);
        assertTrue(nbsp.contains("line 3") && nbsp.contains("missing class label"), nbsp);
        Path textFeature = Files.writeString(dir.resolve("text.csv"), "x,outcome\n1,a\nabc,b\n3,b\n");
        assertTrue(train(textFeature).oneLineError(2).contains("is not a number"));
        assertTrue(Cli.run("train", csv("a", "b").toString(), "--target", "outcome", "--model", "tree", "--epochs", "1",
                "--batch", "1", "--lr", "0.1").oneLineError(2).contains("unknown model 'tree'"));
        Path constant = Files.writeString(dir.resolve("constant.csv"), "x,outcome\n1,a\n1,b\n1,b\n");
        assertTrue(train(constant).oneLineError(2).contains("is constant"));
        String numeric = Cli.run("train", csv("a", "b").toString(), "--target", "outcome", "--epochs", "1", "--batch", "1",
                "--lr", "0.1", "--out", dir.resolve("model.json").toString()).oneLineError(2);
        assertTrue(numeric.contains("is not a number; a target of class labels needs --model logistic"), numeric);
        String commit = Cli.run("commit", csv("a", "b").toString(), "--target", "outcome").oneLineError(2);
        assertTrue(commit.endsWith("needs --class-target"), commit);
        assertFalse(Files.exists(dir.resolve("model.json")), "nothing written");
    }

    @Test
    void predictRefusesUnknownLabelsAndProbaForARegression() throws Exception {
        Path data = csv("no", "yes");
        assertEquals(0, train(data, "-q").exitCode());
        Path other = Files.writeString(dir.resolve("other.csv"), "income,ratio,outcome\n2500,0.05,maybe\n");
        String err = Cli.run("predict", dir.resolve("model.json").toString(), other.toString()).oneLineError(2);
        assertTrue(err.contains("line 2") && err.contains("'maybe' is not one of the model's classes"), err);
        Path regression = Cli.trainSmallModel(dir);
        assertTrue(Cli.run("predict", regression.toString(), dir.resolve("data.csv").toString(), "--proba")
                .oneLineError(2).contains("not a classifier"));
    }

    @Test
    void theBundledCancerDataTrainsAClassifierCloseToTheBaseline() throws Exception {
        Cli.Result r = Cli.run("train", CANCER.toString(), "--target", "diagnosis", "--model", "logistic", "--epochs", "5",
                "--batch", "32", "--lr", "0.1", "--preset", "test", "--out", dir.resolve("model.json").toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        ModelFile.Report report = ModelFile.read(dir.resolve("model.json")).report();
        assertTrue(Math.abs(report.accuracyFixedPoint() - report.accuracyFloat64Twin()) <= 0.01, report.toString());
        assertTrue(report.accuracyBaseline() - report.accuracyFixedPoint() <= 0.03, report.toString());
    }
}
