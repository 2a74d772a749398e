package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken model.json names the field or the position, in one line, never an internal error. */
class ModelFileErrorsTest {
    @TempDir
    Path dir;

    @Test
    void nullElementBadHexAndSyntaxErrorAreNamed() throws IOException {
        Path model = Cli.trainSmallModel(dir);
        String json = Files.readString(model);

        Path nullElement = Cli.write(dir.resolve("null.json"), json.replaceFirst("\"weights_q\" : \\[", "\"weights_q\" : [ null,"));
        String err = Cli.run("verify", nullElement.toString(), "--min-security", "0").oneLineError(2);
        assertTrue(err.contains("'model.weights_q[0]' is null"), err);

        Path badHex = Cli.write(dir.resolve("hex.json"), json.replaceFirst("\"table_root\" : \"", "\"table_root\" : \"zz"));
        Cli.Result hex = Cli.run("verify", badHex.toString(), "--min-security", "0");
        assertEquals(1, hex.exitCode());
        assertTrue(hex.out().contains("data.table_root is not hexadecimal"), hex.out());

        Path syntax = Cli.write(dir.resolve("syntax.json"), "{\n  \"format\": x\n}\n");
        String location = Cli.run("verify", syntax.toString()).oneLineError(2);
        assertTrue(location.contains("line 2, column"), location);
    }
}
