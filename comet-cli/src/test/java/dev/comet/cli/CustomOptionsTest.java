package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.comet.api.Comet;
import dev.comet.api.ModelFile;
import dev.comet.api.TrainedModel;
import dev.comet.data.QuantizedDataset;
import dev.comet.proof.ProofOptions;
import dev.comet.prover.ProverListener;
import dev.comet.train.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proof whose options reach 100 conjectured bits by queries alone (blowup 4, the smallest a
 * training proof's LogUp triples take, 50 queries, no grinding, 110 data queries; 47 proven bits)
 * is refused unless the verifier asks for it.
 */
class CustomOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProofOptions WEAK = new ProofOptions(2, 50, 110, 0, 2, 8, 32, ProofOptions.standard().hash());

    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void train() throws Exception {
        Path csv = Cli.write(dir.resolve("data.csv"), Cli.smallCsv(24));
        QuantizedDataset data = Comet.load(csv, "y", java.util.List.of("x1", "x2"));
        TrainedModel trained = Comet.train(data, TrainingSpec.of("0.05", 8, 2, data.numFeatures()), WEAK,
                ProverListener.NONE);
        model = dir.resolve("model.json");
        Files.write(dir.resolve("model.proof"), trained.proof());
        Files.write(model, ModelFile.of(trained, "model.proof").toJson());
    }

    @Test
    void refusedByDefault() {
        Cli.Result r = Cli.run("verify", model.toString());
        assertEquals(CometCli.EXIT_INVALID, r.exitCode(), r.out());
        assertTrue(r.out().contains("not a named preset"), r.out());
    }

    @Test
    void acceptedWhenAllowedWithItsWeakProvenFigureShown() throws Exception {
        Cli.Result r = Cli.run("verify", model.toString(), "--allow-custom-options", "--json");
        assertEquals(CometCli.EXIT_OK, r.exitCode(), r.out() + r.err());
        JsonNode out = JSON.readTree(r.out());
        assertEquals(100, out.at("/security/conjectured_bits").asInt());
        assertTrue(out.at("/security/proven_bits").asInt() < 50, r.out());
        assertTrue(out.at("/security/figures/proven_list_decoding/formula").asText().contains("Johnson"), r.out());
        assertEquals("custom", JSON.readTree(model.toFile()).at("/proof/preset").asText());
    }
}
