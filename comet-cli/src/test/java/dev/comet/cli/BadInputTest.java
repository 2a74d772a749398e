package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unusable input: exit 2, one line on stderr naming the file (and line and column), never a stack trace. */
class BadInputTest {
    @TempDir
    Path dir;

    static Stream<Arguments> badCsvFiles() {
        return Stream.of(
                Arguments.of("empty file", "", "file is empty"),
                Arguments.of("header only", "x1,x2,y\n", "no data rows"),
                Arguments.of("non-numeric value", "x1,x2,y\n1,2,3\n4,abc,6\n", ", line 3, column 'x2': 'abc' is not a number"),
                Arguments.of("NaN", "x1,x2,y\n1,2,3\nNaN,5,6\n", ", line 3, column 'x1': 'NaN' is not a finite number"),
                Arguments.of("infinity", "x1,x2,y\n1,2,-Infinity\n", ", line 2, column 'y': '-Infinity' is not a finite number"),
                Arguments.of("missing value", "x1,x2,y\n1,,3\n", ", line 2, column 'x2': missing value"),
                Arguments.of("ragged row", "x1,x2,y\n1,2,3\n4,5\n", ", line 3, column 'y': missing field"),
                Arguments.of("too many fields", "x1,x2,y\n1,2,3,4\n", ", line 2: too many fields"),
                Arguments.of("huge value", "x1,x2,y\n1,2,3\n1e10,2,3\n", ", line 3, column 'x1': value '1E+10' is out of range"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCsvFiles")
    void trainRejectsABadCsvInOneLine(String name, String content, String expected) throws IOException {
        Path csv = Cli.write(dir.resolve("bad.csv"), content);
        String err = train(csv, "y", "--lr", "0.01", "--batch", "4", "--epochs", "1").oneLineError(2);
        assertTrue(err.startsWith("comet: " + csv), err);
        assertTrue(err.contains(expected), err);
        assertNoOutputFiles();
    }

    @Test
    void unknownTargetNamesTheColumn() throws IOException {
        Path csv = Cli.write(dir.resolve("data.csv"), Cli.smallCsv(4));
        String err = train(csv, "mpg", "--lr", "0.01", "--batch", "4", "--epochs", "1").oneLineError(2);
        assertTrue(err.contains(csv + ", line 1, column 'mpg': no such target column"), err);
    }

    @Test
    void missingCsvIsNamed() {
        Path csv = dir.resolve("nope.csv");
        String err = train(csv, "y", "--lr", "0.01", "--batch", "4", "--epochs", "1").oneLineError(2);
        assertTrue(err.contains(csv + ": file not found"), err);
    }

    static Stream<Arguments> badHyperparameters() {
        return Stream.of(
                Arguments.of(List.of("--lr", "0", "--batch", "4", "--epochs", "1"), "learning rate '0' must be positive"),
                Arguments.of(List.of("--lr", "2", "--batch", "4", "--epochs", "1"), "learning rate '2' is too large"),
                Arguments.of(List.of("--lr", "0.01", "--batch", "0", "--epochs", "1"), "batch size must be in [1, 2048], got 0"),
                Arguments.of(List.of("--lr", "0.01", "--batch", "4", "--epochs", "0"), "epochs must be in [1, 1000000], got 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHyperparameters")
    void trainRejectsBadHyperparameters(List<String> options, String expected) throws IOException {
        Path csv = Cli.write(dir.resolve("data.csv"), Cli.smallCsv(8));
        String err = train(csv, "y", options.toArray(String[]::new)).oneLineError(2);
        assertTrue(err.contains(expected), err);
        assertNoOutputFiles();
    }

    @Test
    void overflowingTrainingLeavesNoFiles() throws IOException {
        assumeTrue(Files.exists(Cli.CARS_RAW), "needs " + Cli.CARS_RAW);
        String err = train(Cli.CARS_RAW, "mpg", "--lr", "1", "--batch", "32", "--epochs", "5").oneLineError(2);
        assertTrue(err.contains("cars-raw.csv: overflow at epoch"), err);
        assertNoOutputFiles();
    }

    @Test
    void missingModelFile() {
        Path model = dir.resolve("model.json");
        for (String command : new String[] {"verify", "inspect"}) {
            String err = Cli.run(command, model.toString()).oneLineError(2);
            assertEquals("comet: " + model + ": no such file", err);
        }
        Cli.Result r = Cli.run("predict", model.toString(), dir.resolve("data.csv").toString());
        assertEquals("comet: " + model + ": no such file", r.oneLineError(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "{\"format\":\"comet-model/2\"}", "[1,2,3]", "{\"format\":\"comet-model/2\",\"model\":"})
    void garbageModelFile(String content) throws IOException {
        Path model = Cli.write(dir.resolve("model.json"), content);
        for (String command : new String[] {"verify", "inspect"}) {
            String err = Cli.run(command, model.toString()).oneLineError(2);
            assertTrue(err.startsWith("comet: " + model + ": "), err);
        }
    }

    private Cli.Result train(Path csv, String target, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("train", csv.toString(), "--target", target, "--preset", "test",
                "--features", csv.equals(Cli.CARS_RAW) ? "cylinders,displacement,horsepower,weight,acceleration,year" : "x1,x2",
                "--out", dir.resolve("model.json").toString()));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    private void assertNoOutputFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> left = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("model") || n.startsWith(".model")).toList();
            assertEquals(List.of(), left);
        }
    }
}
