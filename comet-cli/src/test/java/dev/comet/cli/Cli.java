package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/** Runs the comet command line in-process with stdout and stderr captured. */
final class Cli {
    /** The cars data set, relative to the module directory (where Maven runs the tests). */
    static final Path CARS_RAW = Path.of("..", "data", "cars-raw.csv");

    record Result(int exitCode, String out, String err) {
        /** Exit code {@code expected} with exactly one line on stderr and no stack trace; returns that line. */
        String oneLineError(int expected) {
            assertEquals(expected, exitCode, () -> "stdout: " + out + "\nstderr: " + err);
            assertEquals(1, err.strip().lines().count(), err);
            assertFalse(err.contains("Exception"), err);
            assertFalse(err.contains("\tat "), err);
            return err.strip();
        }
    }

    private Cli() {}

    static synchronized Result run(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setOut(capturedOut);
        System.setErr(capturedErr);
        try {
            CommandLine cli = CometCli.commandLine();
            PrintWriter outWriter = new PrintWriter(capturedOut, true);
            PrintWriter errWriter = new PrintWriter(capturedErr, true);
            cli.setOut(outWriter);
            cli.setErr(errWriter);
            int code = cli.execute(args);
            outWriter.flush();
            errWriter.flush();
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    /** Trains a model of {@link #smallCsv} (12 rows, test preset) in {@code dir} and returns its model file. */
    static Path trainSmallModel(Path dir) throws IOException {
        Path csv = write(dir.resolve("data.csv"), smallCsv(12));
        Path model = dir.resolve("model.json");
        Result r = run("train", csv.toString(), "--target", "y", "--features", "x1,x2", "--epochs", "1",
                "--batch", "4", "--lr", "0.05", "--out", model.toString(), "--preset", "test", "--quiet");
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exitCode(), r.err());
        return model;
    }

    /** Raises a model file's first weight by one quantum, in both its fixed-point and its decimal form. */
    static void raiseFirstWeight(com.fasterxml.jackson.databind.node.ObjectNode model) {
        var q = (com.fasterxml.jackson.databind.node.ArrayNode) model.get("model").get("weights_q");
        long w0 = q.get(0).asLong() + 1;
        q.set(0, w0);
        ((com.fasterxml.jackson.databind.node.ArrayNode) model.get("model").get("weights")).set(0,
                new java.math.BigDecimal(w0).divide(java.math.BigDecimal.valueOf(65536)).toPlainString());
    }

    static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /**
     * A small exact data set: {@code rows} rows of {@code x1, x2, y} with {@code y = 1.5 x1 - 0.5 x2 + 0.25}
     * plus a little deterministic noise, and a text column {@code name} that nothing reads.
     */
    static String smallCsv(int rows) {
        StringBuilder sb = new StringBuilder("name,x1,x2,y\n");
        for (int i = 0; i < rows; i++) {
            double x1 = i / 8.0;
            double x2 = (i % 5) - 2;
            double y = 1.5 * x1 - 0.5 * x2 + 0.25 + ((i * 7) % 3 - 1) * 0.05;
            sb.append(String.format(Locale.ROOT, "row%d,%.3f,%.1f,%.4f\n", i, x1, x2, y));
        }
        return sb.toString();
    }
}
