package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comet.api.Comet;
import dev.comet.api.ModelFile;
import dev.comet.proof.ProofOptions;
import dev.comet.verifier.VerificationResult;
import dev.comet.verifier.VerifierPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model file's claims about its proof (options, preset, security, size, scheme) are compared
 * with the proof: each edit below leaves the proof and the statement alone, so without that
 * comparison the model would still verify.
 */
class ProofClaimsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws IOException {
        Path csv = Cli.write(shared.resolve("data.csv"), Cli.smallCsv(24));
        model = shared.resolve("model.json");
        Cli.Result r = Cli.run("train", csv.toString(), "--target", "y", "--features", "x1,x2", "--epochs", "1",
                "--batch", "8", "--lr", "0.05", "--preset", "test", "--quiet", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    static Stream<Arguments> editedClaims() {
        return Stream.of(
                edit("proof.preset", "'high' but the proof was made with the 'test' preset's options",
                        m -> proof(m).put("preset", "high")),
                edit("proof.preset", "'custom' but the proof was made with the 'test' preset's options",
                        m -> proof(m).put("preset", "custom")),
                edit("proof.security_bits", "128 but the proof's options give", m -> proof(m).put("security_bits", 128)),
                edit("proof.security_formula", "'proven' but the figure is computed by 'ethSTARK conjectured",
                        m -> proof(m).put("security_formula", "proven")),
                edit("proof.bytes", "", m -> proof(m).put("bytes", proof(m).get("bytes").asLong() + 1)),
                edit("data.scheme", "'comet-precommitted/0' but this verifier checks '" + ModelFile.SCHEME + "'",
                        m -> ((ObjectNode) m.get("data")).put("scheme", "comet-precommitted/0")),
                incremented("blowup"),
                incremented("queries"),
                incremented("data_queries"),
                incremented("grinding_bits"),
                incremented("extension_degree"),
                incremented("folding_factor"),
                incremented("remainder_size"),
                edit("proof.options.hash", "", m -> options(m).put("hash",
                        options(m).get("hash").asText().equals("SHA256") ? "BLAKE3" : "SHA256")),
                // Every claim edited to match the default preset: still a test proof.
                edit("proof.options.queries", "40 but the proof was made with 8", m -> {
                    ProofOptions o = ProofOptions.standard();
                    options(m).put("blowup", o.blowup()).put("queries", o.numQueries()).put("data_queries", o.dataQueries())
                            .put("grinding_bits", o.grindingBits()).put("extension_degree", o.extensionDegree())
                            .put("folding_factor", o.foldingFactor()).put("remainder_size", o.remainderSize());
                    proof(m).put("preset", "default").put("security_bits", 100);
                }));
    }

    private static Arguments incremented(String option) {
        return edit("proof.options." + option, "", m -> options(m).put(option, options(m).get(option).asInt() + 1));
    }

    private static Arguments edit(String field, String says, Consumer<ObjectNode> edit) {
        return Arguments.of(field, says, edit);
    }

    private static ObjectNode proof(ObjectNode m) {
        return (ObjectNode) m.get("proof");
    }

    private static ObjectNode options(ObjectNode m) {
        return (ObjectNode) m.at("/proof/options");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("editedClaims")
    void editedClaimIsInvalidNamingTheField(String field, String says, Consumer<ObjectNode> edit) throws IOException {
        Path copy = edited(edit);
        Cli.Result r = Cli.run("verify", copy.toString(), "--min-security", "0");
        assertEquals(1, r.exitCode(), () -> r.out() + r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        assertTrue(r.out().startsWith("INVALID: " + copy + ": " + field + " says " + says), r.out());
    }

    @Test
    void theHonestModelFileContradictsNothing() {
        Cli.Result r = Cli.run("verify", model.toString(), "--min-security", "0");
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    @Test
    void javaCallersGetTheSameCheck() throws Exception {
        byte[] proof = Files.readAllBytes(shared.resolve("model.proof"));
        assertTrue(Comet.verify(ModelFile.read(model), proof, VerifierPolicy.defaults().withMinimumBits(0)).valid());
        Path copy = edited(m -> proof(m).put("preset", "high"));
        VerificationResult r = Comet.verify(ModelFile.read(copy), proof, VerifierPolicy.defaults().withMinimumBits(0));
        assertFalse(r.valid());
        assertTrue(r.reason().startsWith("proof.preset says 'high'"), r.reason());
    }

    @Test
    void aMissingClaimIsAnUnusableModelFile() throws IOException {
        Path copy = edited(m -> proof(m).remove("preset"));
        String err = Cli.run("verify", copy.toString(), "--min-security", "0").oneLineError(2);
        assertEquals("comet: " + copy + ": missing field 'proof.preset'", err);
    }

    @Test
    void inspectShowsThePresetOfTheProofNotOfTheClaim() throws IOException {
        Path copy = edited(m -> proof(m).put("preset", "high"));
        Cli.Result r = Cli.run("inspect", copy.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("test", JSON.readTree(r.out()).at("/proof/preset").asText());
        assertEquals("high", JSON.readTree(r.out()).at("/proof/preset_in_model").asText());
        Cli.Result text = Cli.run("inspect", copy.toString());
        assertTrue(text.out().contains("test (the model file says high)"), text.out());
    }

    /** A copy of the model (and its proof) in {@link #dir} with {@code edit} applied to the JSON. */
    private Path edited(Consumer<ObjectNode> edit) throws IOException {
        Files.copy(shared.resolve("model.proof"), dir.resolve("model.proof"));
        Path copy = dir.resolve("model.json");
        ObjectNode m = (ObjectNode) JSON.readTree(model.toFile());
        edit.accept(m);
        JSON.writeValue(copy.toFile(), m);
        return copy;
    }
}
