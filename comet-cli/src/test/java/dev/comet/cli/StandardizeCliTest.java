package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.api.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} standardises by default, {@code --no-standardize} turns it off, and data it cannot standardise is refused. */
class StandardizeCliTest {
    @TempDir
    Path dir;

    /** Columns of very different sizes: one in the thousands, one below 1, a target in the hundreds. */
    private Path csv(boolean constantColumn) throws IOException {
        return csv(constantColumn, 1);
    }

    private Path csv(boolean constantColumn, double areaUnit) throws IOException {
        StringBuilder s = new StringBuilder("area,ratio,price\n");
        for (int i = 0; i < 40; i++) {
            double area = (1200 + 37 * ((i * 7) % 23)) / areaUnit;
            double ratio = constantColumn ? 0.5 : 0.01 * ((i * 5) % 11);
            double price = (150 + 0.08 * area * areaUnit - 200 * ratio + ((i * 3) % 7)) / areaUnit;
            s.append(String.format(Locale.ROOT, "%.1f,%.3f,%.2f%n", area, ratio, price));
        }
        Path file = dir.resolve((constantColumn ? "constant" : "houses") + areaUnit + ".csv");
        Files.writeString(file, s);
        return file;
    }

    private ModelFile train(Path data, String model, String lr, String... extra) throws Exception {
        String[] args = {"train", data.toString(), "--target", "price", "--epochs", "30", "--batch", "8", "--lr", lr,
            "--out", dir.resolve(model).toString(), "-q"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        Cli.Result r = Cli.run(all);
        assertEquals(0, r.exitCode(), r.err());
        return ModelFile.read(dir.resolve(model));
    }

    @Test
    void rawDataTrainsNearTheLeastSquaresFitOnlyWhenStandardised() throws Exception {
        Path data = csv(false);
        ModelFile standardised = train(data, "std.json", "0.05");
        assertFalse(standardised.training().standardization().offsetsQ().stream().allMatch(v -> v == 0));
        assertTrue(standardised.report().mseFixedPoint() < 1.5 * standardised.report().mseLeastSquares() + 1,
                standardised.report().toString());
        Cli.Result verify = Cli.run("verify", dir.resolve("std.json").toString());
        assertEquals(0, verify.exitCode(), verify.err() + verify.out());
        Cli.Result predict = Cli.run("predict", dir.resolve("std.json").toString(), data.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        String first = predict.out().lines().skip(1).findFirst().orElseThrow();
        String[] cells = first.split(",");
        assertEquals(Double.parseDouble(cells[2]), Double.parseDouble(cells[1]), 10, "prediction in the target's units: " + first);
    }

    /** Without standardisation the raw columns overflow the fixed-point bounds at any learning rate that moves. */
    @Test
    void rawDataWithoutStandardisationOverflowsInOneLine() throws Exception {
        String err = Cli.run("train", csv(false).toString(), "--target", "price", "--epochs", "30", "--batch", "8", "--lr",
                "0.00002", "--no-standardize", "--out", dir.resolve("m.json").toString()).oneLineError(2);
        assertTrue(err.contains("overflow"), err);
    }

    @Test
    void noStandardizeTrainsOnTheCommittedValues() throws Exception {
        ModelFile raw = train(csv(false, 1000), "raw.json", "0.05", "--no-standardize");
        assertTrue(raw.training().standardization().offsetsQ().stream().allMatch(v -> v == 0));
        assertTrue(raw.training().standardization().scales().stream().allMatch(v -> v == 65536));
        Cli.Result verify = Cli.run("verify", dir.resolve("raw.json").toString());
        assertEquals(0, verify.exitCode(), verify.err() + verify.out());
    }

    @Test
    void aConstantFeatureIsAOneLineError() throws Exception {
        Path data = csv(true);
        String err = Cli.run("train", data.toString(), "--target", "price", "--epochs", "2", "--batch", "8", "--lr", "0.05",
                "--out", dir.resolve("m.json").toString()).oneLineError(2);
        assertTrue(err.contains("constant1.0.csv") && err.contains("feature 'ratio' is constant"), err);
        assertFalse(Files.exists(dir.resolve("m.json")));
    }
}
