package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VALID says what was verified: the run, the dataset commitment, and how the commitment was checked. */
class VerifyReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path csv;
    static Path model;
    static String commitment;
    static int bits;
    /** The last epoch's proven mean squared error, from the model file's curve and spread: raw units. */
    static String lastMse;

    @BeforeAll
    static void train() throws IOException {
        csv = Cli.write(shared.resolve("data.csv"), Cli.smallCsv(24));
        model = shared.resolve("model.json");
        Cli.Result r = Cli.run("train", csv.toString(), "--target", "y", "--features", "x1,x2", "--epochs", "3",
                "--batch", "8", "--lr", "0.05", "--preset", "test", "--quiet", "--out", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode file = JSON.readTree(model.toFile());
        commitment = file.at("/data/commitment").asText();
        bits = file.at("/proof/security_bits").asInt();
        double loss = file.at("/learning_curve/loss_sums/2").asDouble();
        double lrQ = file.at("/training/learning_rate_q").asDouble();
        double spread = 65536.0 / file.at("/training/standardization/scales/2").asDouble();
        lastMse = String.format(java.util.Locale.ROOT, "%.6g", loss / 24 / (lrQ * lrQ) * spread * spread);
    }

    private static String valid(String how) {
        return "VALID: " + model + ": linear-regression model, 24 rows x 2 features, 3 epochs, trained on dataset "
                + commitment + " (" + how + "); " + bits + " bits of conjectured security; standardised by the data's"
                + " own mean and spread; proven last epoch: mse " + lastMse;
    }

    @Test
    void claimedCommitmentIsSaidToBeUnchecked() {
        Cli.Result r = verify();
        assertEquals(valid("commitment as claimed by the model file; not checked against data"), r.out().strip());
    }

    @Test
    void givenCommitmentIsSaidToBeChecked() {
        Cli.Result r = verify("--commitment", commitment.toUpperCase(Locale.ROOT));
        assertEquals(valid("commitment checked against the given --commitment"), r.out().strip());
    }

    @Test
    void dataFileIsNamed() {
        assertEquals(valid("commitment checked against " + csv), verify("--data", csv.toString()).out().strip());
        assertEquals(valid("commitment checked against " + csv + " and the given --commitment"),
                verify("--data", csv.toString(), "--commitment", commitment).out().strip());
    }

    @Test
    void jsonHasTheFactsForEachCheck() throws IOException {
        String[][] cases = {{"claimed"}, {"given", "--commitment", commitment}, {"data", "--data", csv.toString()}};
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("--json"));
            args.addAll(List.of(c).subList(1, c.length));
            Cli.Result r = verify(args.toArray(String[]::new));
            assertEquals(1, r.out().strip().lines().count(), r.out());
            JsonNode out = JSON.readTree(r.out());
            assertTrue(out.get("valid").asBoolean(), r.out());
            assertEquals("valid", out.get("reason").asText());
            assertEquals(bits, out.get("security_bits").asInt());
            assertEquals(model.toString(), out.get("model").asText());
            assertEquals(commitment, out.get("commitment").asText());
            assertEquals("linear-regression", out.get("model_kind").asText());
            assertEquals(24, out.get("rows").asInt());
            assertEquals(2, out.get("features").asInt());
            assertEquals(3, out.get("epochs").asInt());
            assertEquals(c[0], out.get("commitment_checked").asText(), r.out());
            assertTrue(out.get("proven_last_epoch_mse").asDouble() > 0, r.out());
            assertEquals("data", out.get("standardisation").asText(), r.out());
            assertTrue(out.get("proven_last_epoch_accuracy").isNull(), "a regression has no accuracy: " + r.out());
            assertEquals(c[0].equals("data"), out.has("data_file"), r.out());
            if (c[0].equals("data")) {
                assertEquals(csv.toString(), out.get("data_file").asText());
            }
        }
    }

    @Test
    void invalidJsonClaimsNothingWasVerified() throws IOException {
        String wrong = (commitment.charAt(0) == 'f' ? "e" : "f") + commitment.substring(1);
        Cli.Result r = verify("--json", "--commitment", wrong);
        assertEquals(1, r.exitCode(), r.out());
        JsonNode out = JSON.readTree(r.out());
        assertFalse(out.get("valid").asBoolean());
        assertTrue(out.get("reason").asText().contains("is not the required"), r.out());
        for (String key : new String[] {"model_kind", "rows", "features", "epochs", "commitment_checked",
            "standardisation", "proven_last_epoch_mse", "proven_last_epoch_accuracy"}) {
            assertTrue(out.has(key) && out.get(key).isNull(), key + " in " + r.out());
        }
    }

    private static Cli.Result verify(String... options) {
        List<String> args = new ArrayList<>(List.of("verify", model.toString(), "--min-security", "0"));
        args.addAll(List.of(options));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertTrue(r.exitCode() <= 1, () -> r.out() + r.err());
        return r;
    }
}
