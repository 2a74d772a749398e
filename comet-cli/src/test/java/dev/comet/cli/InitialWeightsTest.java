package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --init FILE}: training starts from the given weights, and the proof says so. */
class InitialWeightsTest {
    @TempDir
    Path dir;

    @Test
    void trainingFromGivenWeightsVerifiesAndRecordsThem() throws IOException {
        Path csv = Cli.write(dir.resolve("data.csv"), Cli.smallCsv(30));
        Path init = Cli.write(dir.resolve("init.txt"), "# x1, x2, then the bias\n0.5, -0.25\n1.5\n");
        Path model = dir.resolve("model.json");
        Cli.Result r = Cli.run("train", csv.toString(), "--target", "y", "--features", "x1,x2", "--epochs", "1",
                "--batch", "8", "--lr", "0.05", "--init", init.toString(), "--out", model.toString(), "--preset", "test",
                "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode initial = new ObjectMapper().readTree(Files.readString(model)).get("training").get("initial_weights_q");
        assertEquals(32768, initial.get(0).asLong());
        assertEquals(-16384, initial.get(1).asLong());
        assertEquals(98304, initial.get(2).asLong());
        assertEquals(0, Cli.run("verify", model.toString(), "--min-security", "0").exitCode());
    }

    @Test
    void badInitialWeightFilesAreOneLineUsageErrors() throws IOException {
        Path csv = Cli.write(dir.resolve("data.csv"), Cli.smallCsv(10));
        String[][] cases = {
            {"0.5, 1\n", "expected 3 initial weights"},
            {"0.5\nabc\n1\n", "line 2: 'abc' is not a number"},
            {"0.5, 1, 300\n", "outside |w| < 256"},
        };
        for (String[] c : cases) {
            Path init = Cli.write(dir.resolve("init.txt"), c[0]);
            Cli.Result r = Cli.run("train", csv.toString(), "--target", "y", "--features", "x1,x2", "--epochs", "1",
                    "--batch", "8", "--lr", "0.05", "--init", init.toString(), "--out", dir.resolve("m.json").toString(),
                    "--preset", "test", "--quiet");
            String err = r.oneLineError(2);
            assertTrue(err.contains(init.toString()) && err.contains(c[1]), err);
        }
        Cli.Result missing = Cli.run("train", csv.toString(), "--target", "y", "--features", "x1,x2", "--epochs", "1",
                "--batch", "8", "--lr", "0.05", "--init", dir.resolve("nope.txt").toString(), "--quiet");
        assertTrue(missing.oneLineError(2).contains("no such file"), missing.err());
    }
}
