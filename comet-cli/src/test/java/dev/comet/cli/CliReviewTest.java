package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review of the classifier command line: class labels, --seed, predict --proba, edited model
 * files, verify --data. The last five tests are the review's findings, each failing before its
 * fix: every error one line, labels checked after NFC, --out never the training data.
 */
class CliReviewTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** {@code rows} rows of x1, x2 and a label column y; labels[k] are raw CSV cells (quote them yourself). */
    private Path csv(String name, String header, String newline, boolean bom, boolean blankLines, int rows, String... labels)
            throws IOException {
        StringBuilder s = new StringBuilder(bom ? "\uFEFF" : "").append(header).append(newline);
        for (int i = 0; i < rows; i++) {
            double x1 = ((i * 7) % 13) / 4.0;
            double x2 = ((i * 5) % 11) / 3.0;
            int k = labels.length == 2 ? (x1 + ((i * 3) % 5 - 2) * 0.3 > x2 ? 1 : 0) : i % labels.length;
            s.append(String.format(Locale.ROOT, "%.3f,%.3f,%s", x1, x2, labels[k])).append(newline);
            if (blankLines && i % 7 == 3) {
                s.append(newline);
            }
        }
        return Files.writeString(dir.resolve(name), s, StandardCharsets.UTF_8);
    }

    private Path csv(String name, String... labels) throws IOException {
        return csv(name, "x1,x2,y", "\n", false, false, 40, labels);
    }

    private Cli.Result train(Path data, String out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", data.toString(), "--target", "y", "--model", "logistic",
                "--epochs", "2", "--batch", "8", "--lr", "0.1", "--preset", "test", "--quiet", "--out",
                dir.resolve(out).toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private void assertNothingWritten(String out) {
        assertFalse(Files.exists(dir.resolve(out)), out + " written by a failed train");
        assertFalse(Files.exists(dir.resolve(out.replace(".json", ".proof"))), "proof written by a failed train");
    }

    private static String quoted(String label) {
        return '"' + label.replace("\"", "\"\"") + '"';
    }

    /** Parses the CSV predict writes (RFC 4180 with quoted cells), enough for these labels. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    inQuotes = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                inQuotes = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return rows;
    }

    // ---------------------------------------------------------------- behaviour that is right today

    @Test
    void labelsWithCommasQuotesAndLineBreaksTrainVerifyAndPredict() throws Exception {
        for (String[] labels : List.of(new String[] {"yes, sir", "say \"no\""}, new String[] {"line\none", "b"},
                new String[] {"caf\u00e9", "\u65e5\u672c"})) {
            Path data = csv("labels.csv", quoted(labels[0]), quoted(labels[1]));
            Cli.Result trained = train(data, "m.json");
            assertEquals(0, trained.exitCode(), trained.err());
            Cli.Result verified = Cli.run("verify", dir.resolve("m.json").toString(), "--data", data.toString(),
                    "--min-security", "0");
            assertEquals(0, verified.exitCode(), verified.out() + verified.err());
            assertEquals(1, verified.out().strip().lines().count(), verified.out());
            Cli.Result predicted = Cli.run("predict", dir.resolve("m.json").toString(), data.toString(), "--proba");
            assertEquals(0, predicted.exitCode(), predicted.err());
            List<List<String>> rows = parseCsv(predicted.out());
            assertEquals(41, rows.size());
            rows.forEach(r -> assertEquals(5, r.size(), r.toString()));
            List<String> sorted = Stream.of(labels).sorted().toList(); // all labels here compare the same in UTF-16
            assertEquals(List.of("row", "prediction", "target", "p_" + sorted.get(0), "p_" + sorted.get(1)), rows.get(0));
            for (List<String> r : rows.subList(1, rows.size())) {
                assertTrue(sorted.contains(r.get(1)) && sorted.contains(r.get(2)), r.toString());
            }
        }
    }

    @Test
    void bomCrlfAndBlankLinesDoNotChangeTheCommitment() throws Exception {
        Path plain = csv("plain.csv", "no", "yes");
        Path odd = csv("odd.csv", "x1,x2,y", "\r\n", true, true, 40, "no", "yes");
        String a = Cli.run("commit", plain.toString(), "--target", "y", "--class-target", "--json").out();
        String b = Cli.run("commit", odd.toString(), "--target", "y", "--class-target", "--json").out();
        assertEquals(JSON.readTree(a).get("commitment"), JSON.readTree(b).get("commitment"));
        assertEquals(0, train(odd, "m.json").exitCode());
        assertEquals(0, Cli.run("verify", dir.resolve("m.json").toString(), "--data", plain.toString(),
                "--min-security", "0").exitCode());
    }

    @Test
    void classOrderIsDocumented() throws Exception {
        assertEquals(0, train(csv("ints.csv", "07", "+10"), "ints.json").exitCode());
        assertEquals(List.of("7", "10"), classes(dir.resolve("ints.json")));
        assertEquals(0, train(csv("mixed.csv", "yes", "1"), "mixed.json").exitCode());
        assertEquals(List.of("1", "yes"), classes(dir.resolve("mixed.json")));
        assertEquals(0, train(csv("case.csv", "b", "B"), "case.json").exitCode());
        assertEquals(List.of("B", "b"), classes(dir.resolve("case.json")));
        // "e" + combining acute and precomposed "é" are one class after NFC; "7" and "07" one integer
        String nfc = train(csv("nfc.csv", "e\u0301", "\u00e9"), "nfc.json").oneLineError(2);
        assertTrue(nfc.contains("only one class"), nfc);
        assertTrue(train(csv("seven.csv", "7", "07"), "seven.json").oneLineError(2).contains("only one class"));
        assertNothingWritten("nfc.json");
    }

    private static List<String> classes(Path model) throws IOException {
        List<String> out = new ArrayList<>();
        JSON.readTree(model.toFile()).get("model").get("classes").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void badClassTargetsAreOneLineErrorsAndWriteNothing() throws Exception {
        String blank = train(csv("blank.csv", "\"   \"", "b"), "m.json").oneLineError(2);
        assertTrue(blank.contains("blank.csv, line 2, column 'y': missing class label"), blank);
        String longLabel = train(csv("long.csv", "a".repeat(201), "b"), "m.json").oneLineError(2);
        assertTrue(longLabel.contains("line 2") && longLabel.contains("longer than 200"), longLabel);
        assertEquals(0, train(csv("long200.csv", "a".repeat(200), "b".repeat(200)), "ok.json").exitCode());
        Files.writeString(dir.resolve("gap.csv"), "x1,x2,y\n1,2,a\n2,1,b\n3,3,\n4,1,a\n");
        String gap = train(dir.resolve("gap.csv"), "m.json").oneLineError(2);
        assertTrue(gap.contains("line 4") && gap.contains("missing class label"), gap);
        String one = train(csv("one.csv", "only", "only"), "m.json").oneLineError(2);
        assertTrue(one.contains("only one class"), one);
        String[] seventeen = new String[17];
        for (int i = 0; i < 17; i++) {
            seventeen[i] = "c" + i;
        }
        String many = train(csv("c17.csv", "x1,x2,y", "\n", false, false, 60, seventeen), "m.json").oneLineError(2);
        assertTrue(many.contains("more than 16 classes"), many);
        String three = train(csv("c3.csv", "a", "b", "c"), "m.json").oneLineError(2);
        assertTrue(three.contains("3 classes") && three.contains("exactly 2"), three);
        String numeric = Cli.run("train", Cli.CARS_RAW.toString(), "--target", "mpg", "--model", "logistic", "--epochs",
                "1", "--batch", "32", "--lr", "0.1", "--preset", "test", "--out", dir.resolve("m.json").toString())
                .oneLineError(2);
        assertTrue(numeric.contains("column 'mpg'"), numeric);
        assertNothingWritten("m.json");
    }

    @Test
    void seedsAtTheEndsOfTheRangeVerifyAndSeedWithInitIsRefused() throws Exception {
        Path data = csv("d.csv", "no", "yes");
        for (String seed : List.of("-9223372036854775808", "9223372036854775807", "-1")) {
            assertEquals(0, train(data, "s.json", "--seed", seed).exitCode(), seed);
            JsonNode training = JSON.readTree(dir.resolve("s.json").toFile()).get("training");
            assertEquals(seed, training.get("init_seed").asText());
            assertEquals(0, Cli.run("verify", dir.resolve("s.json").toString(), "--data", data.toString(),
                    "--min-security", "0").exitCode(), seed);
        }
        Path init = Files.writeString(dir.resolve("init.txt"), "0 0 0\n");
        String both = train(data, "m.json", "--seed", "3", "--init", init.toString()).oneLineError(2);
        assertTrue(both.contains("--seed and --init"), both);
        for (String bad : List.of("abc", "99999999999999999999", "1.5", "0x10", "")) {
            Cli.Result r = train(data, "m.json", "--seed", bad);
            assertEquals(2, r.exitCode(), bad);
            assertTrue(r.err().startsWith("comet: ") && !r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
        }
        assertNothingWritten("m.json");
    }

    @Test
    void predictRefusesBadInputInOneLineAndWritesNoOutFile() throws Exception {
        Path data = csv("d.csv", "no", "yes");
        assertEquals(0, train(data, "m.json").exitCode());
        String model = dir.resolve("m.json").toString();
        Path out = dir.resolve("pred.csv");
        Path missing = Files.writeString(dir.resolve("missing.csv"), "x1,y\n1,yes\n");
        String err = Cli.run("predict", model, missing.toString(), "--out", out.toString()).oneLineError(2);
        assertTrue(err.contains("column 'x2'") && err.contains("no such feature column"), err);
        Path unknown = Files.writeString(dir.resolve("unknown.csv"), "x1,x2,y\n1,2,no\n1,2,maybe\n");
        err = Cli.run("predict", model, unknown.toString(), "--out", out.toString()).oneLineError(2);
        assertTrue(err.contains("line 3") && err.contains("'maybe' is not one of the model's classes"), err);
        assertFalse(Files.exists(out));
        Path noTarget = Files.writeString(dir.resolve("notarget.csv"), "x2,x1\n1,2\n");
        Cli.Result ok = Cli.run("predict", model, noTarget.toString(), "--proba");
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals("row,prediction,p_no,p_yes", ok.out().lines().findFirst().orElseThrow());
        Path regression = Cli.trainSmallModel(dir);
        err = Cli.run("predict", regression.toString(), dir.resolve("data.csv").toString(), "--proba").oneLineError(2);
        assertTrue(err.contains("not a classifier"), err);
    }

    @Test
    void verifyDataWithAnotherCsvIsInvalidInOneLine() throws Exception {
        Path data = csv("d.csv", "no", "yes");
        assertEquals(0, train(data, "m.json").exitCode());
        List<String> lines = new ArrayList<>(Files.readAllLines(data));
        lines.set(5, lines.get(5).endsWith(",no") ? lines.get(5).replace(",no", ",yes") : lines.get(5).replace(",yes", ",no"));
        Path other = Files.write(dir.resolve("other.csv"), lines);
        Cli.Result r = Cli.run("verify", dir.resolve("m.json").toString(), "--data", other.toString(), "--min-security", "0");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        assertTrue(r.out().startsWith("INVALID: ") && r.out().contains("has commitment"), r.out());
        Path fewer = Files.write(dir.resolve("fewer.csv"), lines.subList(0, lines.size() - 1));
        assertEquals(1, Cli.run("verify", dir.resolve("m.json").toString(), "--data", fewer.toString(),
                "--min-security", "0").exitCode());
        String err = Cli.run("verify", dir.resolve("m.json").toString(), "--data", Cli.CARS_RAW.toString(),
                "--min-security", "0").oneLineError(2);
        assertTrue(err.contains("no such target column"), err);
    }

    /** Trains a seeded classifier and returns its model.json as a tree; the proof is model.proof next to it. */
    private ObjectNode seededClassifier() throws Exception {
        assertEquals(0, train(csv("d.csv", "no", "yes"), "model.json", "--seed", "5").exitCode());
        return (ObjectNode) JSON.readTree(dir.resolve("model.json").toFile());
    }

    /** Writes an edited copy in its own folder (with the proof) and returns its path. */
    private Path edited(ObjectNode original, String name, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode copy = original.deepCopy();
        edit.accept(copy);
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.copy(dir.resolve("model.proof"), folder.resolve("model.proof"));
        Path file = folder.resolve("model.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), copy);
        return file;
    }

    private static ObjectNode at(ObjectNode root, String... path) {
        ObjectNode node = root;
        for (String key : path) {
            node = (ObjectNode) node.get(key);
        }
        return node;
    }

    @Test
    void editedModelFilesAreInvalidOrUnusableInOneLine() throws Exception {
        ObjectNode m = seededClassifier();
        List<Consumer<ObjectNode>> edits = List.of(
                r -> at(r, "model").set("classes", JSON.createArrayNode().add("yes").add("no")),
                r -> at(r, "model").remove("classes"),
                r -> at(r, "model").putNull("classes"),
                r -> at(r, "model").set("classes", JSON.createArrayNode().add("no").add("yes").add("zzz")),
                r -> at(r, "model").set("classes", JSON.createArrayNode().addNull().add("yes")),
                r -> at(r, "model").set("classes", JSON.createArrayNode().add("a").add("b")),
                r -> at(r, "model").set("classes", JSON.createArrayNode().add(" no").add("yes")),
                r -> ((ArrayNode) at(r, "learning_curve").get("loss_sums")).remove(0),
                r -> ((ArrayNode) at(r, "learning_curve").get("loss_sums")).add(5),
                r -> ((ArrayNode) at(r, "learning_curve").get("loss_sums")).set(0, JSON.getNodeFactory().numberNode(-1)),
                r -> ((ArrayNode) at(r, "learning_curve").get("loss_sums")).set(0, JSON.getNodeFactory().textNode("1")),
                r -> ((ArrayNode) at(r, "learning_curve").get("correct")).set(0, JSON.getNodeFactory().numberNode(-1)),
                r -> ((ArrayNode) at(r, "learning_curve").get("correct")).set(0, JSON.getNodeFactory().numberNode(41)),
                r -> at(r, "learning_curve").remove("correct"),
                r -> r.remove("learning_curve"),
                r -> at(r, "training").put("init_seed", 6),
                r -> at(r, "training").remove("init_seed"),
                r -> at(r, "training").put("init_seed", "5"),
                r -> at(r, "training").put("init_generator", "other/1"),
                r -> ((ArrayNode) at(r, "data", "moments").get("sums")).set(0,
                        JSON.getNodeFactory().numberNode(at(r, "data", "moments").get("sums").get(0).asLong() + 65536)),
                r -> at(r, "data").remove("moments"),
                r -> ((ArrayNode) at(r, "data", "moments").get("sums")).remove(0),
                r -> ((ArrayNode) at(r, "data", "moments").get("low_squares")).setNull(0),
                r -> at(r, "data", "moments").remove("high_squares"),
                r -> r.put("format", "comet-model/3"));
        for (int i = 0; i < edits.size(); i++) {
            Path file = edited(m, "edit" + i, edits.get(i));
            Cli.Result v = Cli.run("verify", file.toString(), "--min-security", "0");
            if (v.exitCode() == 1) {
                assertEquals(1, v.out().strip().lines().count(), "edit " + i + ": " + v.out());
                assertTrue(v.out().startsWith("INVALID: "), "edit " + i + ": " + v.out());
            } else {
                v.oneLineError(2);
            }
            Cli.Result p = Cli.run("predict", file.toString(), dir.resolve("d.csv").toString());
            if (p.exitCode() != 0) {
                p.oneLineError(2);
            }
            Cli.Result ins = Cli.run("inspect", file.toString());
            if (ins.exitCode() != 0) {
                ins.oneLineError(2);
            }
        }
        assertTrue(Cli.run("verify", edited(m, "format3", r -> r.put("format", "comet-model/3")).toString(),
                "--min-security", "0").out().contains("has no classifiers"));
    }

    // ------------------------------------------ review findings, fixed: each of these failed before its fix

    /** A label with a line break, listed in the "needs exactly 2" error, is escaped: one line. */
    @Test
    void aLabelWithALineBreakInAnErrorStaysOneLine() throws Exception {
        String err = train(csv("c3nl.csv", quoted("a\nb"), "b", "c"), "m.json").oneLineError(2);
        assertTrue(err.contains("3 classes"), err);
    }

    /** Text from model.json with a line break is escaped: INVALID on one line, and one stderr line. */
    @Test
    void modelFileTextWithALineBreakStaysOneLine() throws Exception {
        ObjectNode m = seededClassifier();
        List<Consumer<ObjectNode>> edits = List.of(
                r -> at(r, "model").set("classes", JSON.createArrayNode().add("z\nq").add("a")),
                r -> at(r, "model").put("kind", "logistic\nregression"),
                r -> at(r, "training").put("init_generator", "other\n/1"),
                r -> at(r, "training").put("optimizer", "sgd\nx"));
        for (int i = 0; i < edits.size(); i++) {
            Path file = edited(m, "nl" + i, edits.get(i));
            Cli.Result v = Cli.run("verify", file.toString(), "--min-security", "0");
            assertEquals(1, v.exitCode(), v.err());
            assertEquals(1, v.out().strip().lines().count(), "verify, edit " + i + ": " + v.out());
            Cli.Result p = Cli.run("predict", file.toString(), dir.resolve("d.csv").toString());
            p.oneLineError(2);
        }
    }

    /** A label within 200 characters as written but longer after NFC is reported as too long, on its line. */
    @Test
    void aLabelLongerAfterNfcIsReportedAsTooLong() throws Exception {
        // U+0958 is a composition exclusion: NFC writes it as two characters, so 101 of them become 202
        String err = train(csv("nfc.csv", "\u0958".repeat(101), "b"), "m.json").oneLineError(2);
        assertFalse(err.contains("more than 16 classes"), err);
        assertTrue(err.contains("line ") && err.contains("longer than 200"), err);
    }

    /** An option parse error (here --seed) is one line, with the help hint on it. */
    @Test
    void aBadOptionValueIsOneLine() throws Exception {
        String err = train(csv("d.csv", "no", "yes"), "m.json", "--seed", "abc").oneLineError(2);
        assertTrue(err.contains("--seed"), err);
    }

    /** --out naming the training CSV is refused instead of replacing the data with model.json. */
    @Test
    void outCannotOverwriteTheTrainingData() throws Exception {
        Path data = csv("d.csv", "no", "yes");
        String before = Files.readString(data);
        Cli.Result r = train(data, "d.csv");
        assertEquals(before, Files.readString(data), "the training data was overwritten");
        r.oneLineError(2);
    }
}
