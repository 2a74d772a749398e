package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.api.ModelFile;
import dev.comet.train.SeededInit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --seed}: initial weights from a public seed, which verification reruns. */
class SeedCliTest {
    @TempDir
    Path dir;

    private Cli.Result train(String... extra) throws Exception {
        Path csv = Cli.write(dir.resolve("data.csv"), Cli.smallCsv(12));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", csv.toString(), "--target", "y",
                "--features", "x1,x2", "--epochs", "2", "--batch", "4", "--lr", "0.05", "--preset", "test", "-q", "--out",
                dir.resolve("model.json").toString()));
        args.addAll(java.util.List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aSeededModelVerifiesAndNamesItsSeed() throws Exception {
        assertEquals(0, train("--seed", "7").exitCode());
        Path model = dir.resolve("model.json");
        ModelFile file = ModelFile.read(model);
        assertEquals(7L, file.training().initSeed());
        assertEquals(SeededInit.GENERATOR, file.training().initGenerator());
        assertEquals(java.util.Arrays.stream(SeededInit.weights(7, 2)).boxed().toList(), file.training().initialWeightsQ());
        Cli.Result verified = Cli.run("verify", model.toString(), "--min-security", "0");
        assertEquals(0, verified.exitCode(), verified.out());
        assertTrue(Cli.run("inspect", model.toString()).out().contains("from seed 7"));
    }

    @Test
    void initialWeightsThatAreNotTheSeedsAreInvalid() throws Exception {
        assertEquals(0, train("--seed", "7").exitCode());
        Path model = dir.resolve("model.json");
        String json = Files.readString(model);
        String edited = json.replaceFirst("\"init_seed\" : 7", "\"init_seed\" : 8");
        assertNotEquals(json, edited);
        Files.writeString(model, edited);
        Cli.Result r = Cli.run("verify", model.toString(), "--min-security", "0");
        assertEquals(CometCli.EXIT_INVALID, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("not those of seed 8"), r.out());
    }

    @Test
    void seedAndInitTogetherAreAUsageError() throws Exception {
        Path init = Cli.write(dir.resolve("init.txt"), "0 0 0\n");
        assertTrue(train("--seed", "7", "--init", init.toString()).oneLineError(2).contains("choose one"));
    }
}
