package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data's moments in model.json: verification holds the standardisation to them and the proof holds them to the data. */
class MomentsCliTest {
    @TempDir
    Path dir;

    /** A model file without moments (as before them) verifies, and verify says its standardisation is only stated. */
    @Test
    void withoutMomentsVerifySaysTheStandardisationIsOnlyStated() throws Exception {
        Path model = Cli.trainSmallModel(dir);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(model.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("data")).remove("moments");
        Files.writeString(model, json.writeValueAsString(root));
        Cli.Result r = Cli.run("verify", model.toString(), "--min-security", "0", "--json");
        // The proof was made with the moments, so the statement without them is another one: INVALID.
        assertEquals(CometCli.EXIT_INVALID, r.exitCode(), r.out());
        Cli.Result text = Cli.run("verify", model.toString(), "--min-security", "0");
        assertTrue(text.out().startsWith("INVALID"), text.out());
    }

    @Test
    void verifySaysWhetherTheStandardisationIsTheDatas() throws Exception {
        Path csv = Cli.write(dir.resolve("data.csv"), Cli.smallCsv(12));
        for (boolean standardise : new boolean[] {true, false}) {
            Path model = dir.resolve(standardise + ".json");
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", csv.toString(), "--target",
                    "y", "--features", "x1,x2", "--epochs", "1", "--batch", "4", "--lr", "0.05", "--out", model.toString(),
                    "--preset", "test", "-q"));
            if (!standardise) {
                args.add("--no-standardize");
            }
            assertEquals(0, Cli.run(args.toArray(String[]::new)).exitCode());
            Cli.Result r = Cli.run("verify", model.toString(), "--min-security", "0", "--json");
            assertEquals(0, r.exitCode(), r.out());
            String expected = standardise ? "\"standardisation\":\"data\"" : "\"standardisation\":\"none\"";
            assertTrue(r.out().replace(" ", "").contains(expected), r.out());
        }
    }

    @Test
    void editedMomentsOrOffsetsAreInvalid() throws Exception {
        Path model = Cli.trainSmallModel(dir);
        String json = Files.readString(model);
        assertTrue(json.contains("\"moments\""), json);
        assertTrue(Cli.run("inspect", model.toString()).out().contains("the data's mean and spread"));
        String sums = json.replaceFirst("(\"sums\" : \\[ )(\\d+)", "$1" + "1$2");
        assertNotEquals(json, sums);
        Files.writeString(model, sums);
        Cli.Result r = Cli.run("verify", model.toString(), "--min-security", "0");
        assertEquals(CometCli.EXIT_INVALID, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith("INVALID: "), r.out());
    }
}
