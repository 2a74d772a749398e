package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchTrainTest {
    @Test
    void smallRunPrintsOneJsonObjectWithEveryFigure() throws Exception {
        Cli.Result r = Cli.run("bench", "train", "--rows", "64", "--features", "3", "--epochs", "2", "--batch", "16",
                "--preset", "test", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        JsonNode out = new ObjectMapper().readTree(r.out());
        List<String> keys = List.of("model", "rows", "features", "epochs", "batch", "preset", "native_ms", "prove_ms", "verify_ms",
                "proof_bytes", "security_bits", "proven_security_bits", "peak_heap_mb", "verified", "prove_native_ratio",
                "pow_nonce");
        assertEquals(keys, iterable(out.fieldNames()));
        assertEquals(64, out.get("rows").asInt());
        assertEquals("test", out.get("preset").asText());
        assertTrue(out.get("verified").asBoolean());
        assertTrue(out.get("proof_bytes").asInt() > 0 && out.get("peak_heap_mb").asLong() > 0);
        assertEquals(16, out.get("security_bits").asInt());
        assertTrue(out.get("pow_nonce").asLong() >= 0);
    }

    @Test
    void badSizesAreOneLineUsageErrors() {
        String err = Cli.run("bench", "train", "--rows", "0", "--features", "3", "--epochs", "1", "--batch", "4")
                .oneLineError(2);
        assertTrue(err.contains("--rows must be at least 1"), err);
        err = Cli.run("bench", "train", "--rows", "8", "--features", "3", "--epochs", "1", "--batch", "4", "--lr", "5")
                .oneLineError(2);
        assertTrue(err.contains("learning rate '5' is too large"), err);
        err = Cli.run("bench", "train", "--rows", "8", "--features", "3", "--epochs", "1", "--batch", "4", "--preset", "x")
                .oneLineError(2);
        assertTrue(err.contains("unknown preset 'x'"), err);
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
