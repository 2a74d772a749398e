package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CometCliTest {
    private record Run(int exitCode, String err) {}

    private static Run run(String... args) {
        CommandLine cli = CometCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return new Run(cli.execute(args), err.toString());
    }

    @Test
    void unknownAirIsAOneLineUsageError() {
        Run r = run("bench", "stark", "--air", "nope");
        assertEquals(2, r.exitCode());
        assertEquals("comet: unknown AIR 'nope' (expected one of fib, mimc, wide, range)", r.err().strip());
    }

    @Test
    void outOfRangeSizeAndUnknownPresetAreUsageErrors() {
        Run size = run("bench", "stark", "--log-rows", "40");
        assertEquals(2, size.exitCode());
        assertEquals(1, size.err().strip().lines().count());
        Run preset = run("bench", "stark", "--preset", "ultra", "--no-warmup");
        assertEquals(2, preset.exitCode());
        assertTrue(preset.err().contains("unknown preset 'ultra'"), preset.err());
        assertFalse(preset.err().contains("Exception"), preset.err());
    }

    @Test
    void unknownOptionPointsToHelp() {
        Run r = run("bench", "stark", "--bogus");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Unknown option: '--bogus'"), r.err());
    }

    @Test
    void smallBenchRunSucceeds() {
        Run r = run("bench", "stark", "--air", "fib", "--log-rows", "5", "--preset", "test", "--json", "--no-warmup");
        assertEquals(0, r.exitCode(), r.err());
    }
}
