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
