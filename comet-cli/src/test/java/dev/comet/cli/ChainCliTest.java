package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comet.air.TableSet;
import dev.comet.api.ModelFile;
import dev.comet.api.ProofFile;
import dev.comet.evm.Anvil;
import dev.comet.evm.EvmChain;
import dev.comet.evm.EvmTools;
import dev.comet.evm.OnChainVerification;
import dev.comet.evm.ProofCalldata;
import dev.comet.evm.Solc;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.StarkProof;
import dev.comet.train.TrainingAir;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code comet chain verify} on the demo's regression (its dataset read as a precommitted segment
 * by two tables, its learning curve as public LogUp fractions): the contract accepts the honest
 * model and refuses one whose statement was edited; mutated proofs get the Java verifier's verdict.
 */
class ChainCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("model.json");
        Cli.Result trained = Cli.run("train", Cli.CARS_RAW.toString(), "--target", "mpg", "--epochs", "3", "--batch", "32",
                "--lr", "0.01", "--preset", "test", "--out", model.toString(), "--quiet");
        assertEquals(0, trained.exitCode(), trained.err());
    }

    @Test
    void theDemoRegressionVerifiesOnChain() throws Exception {
        Cli.Result r = Cli.run("chain", "verify", model.toString(), "--json");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode out = JSON.readTree(r.out());
        assertTrue(out.get("valid").asBoolean());
        assertTrue(out.get("gas_used").asLong() > 21_000);
        assertTrue(out.get("calldata_bytes").asInt() > 0);
        System.out.printf("demo regression (3 epochs, test preset) on chain: gas %,d, calldata %,d bytes, %.1f s%n",
                out.get("gas_used").asLong(), out.get("calldata_bytes").asInt(), out.get("seconds").asDouble());
        Cli.Result text = Cli.run("chain", "verify", model.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("VALID on chain: "), text.out());
    }

    /**
     * The classifiers on chain: logistic regression (its sigmoid a fixed table, periodic columns
     * the contract evaluates by their coefficients), softmax regression (its exp table) and an MLP of
     * two hidden layers, each with its learning curve of accuracies.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
        "logistic, cancer.csv, diagnosis, mean_radius+worst_area+mean_texture, ''",
        "softmax, iris.csv, species, '', ''",
        "mlp, iris.csv, species, '', '--hidden+5,3+--seed+2'"})
    void theClassifiersVerifyOnChain(String kind, String data, String target, String features, String extra)
            throws Exception {
        Path file = dir.resolve(kind + ".json");
        List<String> args = new ArrayList<>(List.of("train", Path.of("..", "data", data).toString(), "--target", target,
                "--model", kind, "--epochs", "2", "--batch", "16", "--lr", "0.1", "--preset", "test", "--out",
                file.toString(), "--quiet"));
        if (!features.isEmpty()) {
            args.addAll(List.of("--features", features.replace('+', ',')));
        }
        if (!extra.isEmpty()) {
            args.addAll(List.of(extra.split("\\+")));
        }
        Cli.Result trained = Cli.run(args.toArray(String[]::new));
        assertEquals(0, trained.exitCode(), trained.err());
        Cli.Result r = Cli.run("chain", "verify", file.toString(), "--json");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode out = JSON.readTree(r.out());
        assertTrue(out.get("valid").asBoolean());
        System.out.printf("%s (%s, 2 epochs, test preset) on chain: gas %,d, calldata %,d bytes%n", kind, data,
                out.get("gas_used").asLong(), out.get("calldata_bytes").asInt());
    }

    /** An edited weight, learning rate or dataset commitment: the verifier of the statement's shape refuses the proof. */
    @Test
    void anEditedStatementIsRefusedOnChain() throws Exception {
        ObjectNode weight = (ObjectNode) JSON.readTree(model.toFile());
        Cli.raiseFirstWeight(weight);
        assertRefused(weight, "weight");

        ObjectNode lr = (ObjectNode) JSON.readTree(model.toFile());
        ObjectNode training = (ObjectNode) lr.get("training");
        training.put("learning_rate_q", training.get("learning_rate_q").asLong() + 1);
        training.put("learning_rate", new BigDecimal(training.get("learning_rate_q").asLong())
                .divide(BigDecimal.valueOf(65536)).toPlainString());
        assertRefused(lr, "learning rate");

        // another dataset: another table root, and the commitment that goes with it
        ObjectNode data = (ObjectNode) JSON.readTree(model.toFile());
        dev.comet.train.TrainingStatement statement = ModelFile.read(model).statement();
        byte[] root = statement.datasetRoot().clone();
        root[0] ^= 1;
        ((ObjectNode) data.get("data")).put("table_root", java.util.HexFormat.of().formatHex(root));
        ((ObjectNode) data.get("data")).put("commitment", java.util.HexFormat.of().formatHex(
                dev.comet.train.DatasetCommitment.digest(root, statement.rows(), statement.fractionBits(),
                        statement.featureNames(), statement.targetName(), statement.classes())));
        assertRefused(data, "dataset commitment");
    }

    private static void assertRefused(ObjectNode edited, String what) throws Exception {
        Path file = dir.resolve("edited-" + what.replace(' ', '-') + ".json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(edited));
        Files.copy(dir.resolve("model.proof"), dir.resolve(file.getFileName().toString().replace(".json", ".proof")),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Cli.Result r = Cli.run("chain", "verify", file.toString());
        assertEquals(1, r.exitCode(), what + ": " + r.out() + r.err());
        assertTrue(r.out().startsWith("INVALID on chain"), r.out());
    }

    /** 30 mutated calldata proofs of the demo regression, sent with its statement: the contract's verdict is Java's on each. */
    @Test
    void mutatedTrainingProofsGetJavasVerdict() throws Exception {
        ModelFile file = ModelFile.read(model);
        TableSet set = TrainingAir.forVerifier(file.statement()).tables();
        StarkProof proof = ProofCodec.decode(ProofFile.read(model, file).bytes());
        EvmTools tools = EvmTools.locate();
        try (Anvil anvil = Anvil.start(tools); EvmChain chain = new EvmChain(anvil.url())) {
            OnChainVerification.Result deployed = new OnChainVerification(chain, new Solc(tools))
                    .verify(set, TrainingShapes.of(set, file.statement()), proof, "V");
            assertTrue(deployed.valid());
            ProofCalldata honest = ProofCalldata.of(proof);
            byte[] statement = file.statement().encode();
            SplittableRandom r = new SplittableRandom(3);
            int accepted = 0;
            for (int trial = 0; trial < 30; trial++) {
                ProofCalldata mutated;
                if (r.nextInt(3) > 0) {
                    List<BigInteger> w = new ArrayList<>(honest.words());
                    int i = r.nextInt(w.size());
                    w.set(i, w.get(i).add(BigInteger.valueOf(1 + r.nextInt(3)).shiftLeft(64 * r.nextInt(4)))
                            .mod(BigInteger.ONE.shiftLeft(256))); // any lane of a packed word
                    mutated = new ProofCalldata(w, honest.digests());
                } else {
                    List<byte[]> d = new ArrayList<>(honest.digests());
                    int i = r.nextInt(d.size());
                    byte[] digest = d.get(i).clone();
                    digest[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
                    d.set(i, digest);
                    mutated = new ProofCalldata(honest.words(), d);
                }
                boolean java = mutated.javaVerdict(set, proof.options());
                String answer = chain.call(deployed.verifier(), OnChainVerification.statementCall(statement, mutated));
                assertEquals(java, OnChainVerification.isTrue(answer), "trial " + trial);
                accepted += java ? 1 : 0;
            }
            assertTrue(accepted < 30, "the mutations change verdicts");
        }
    }
}
