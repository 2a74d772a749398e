package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.StatementBinding;
import dev.comet.air.TableSet;
import dev.comet.api.ModelFile;
import dev.comet.api.ProofFile;
import dev.comet.evm.Anvil;
import dev.comet.evm.EvmChain;
import dev.comet.evm.EvmTools;
import dev.comet.evm.OnChainVerification;
import dev.comet.evm.Solc;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.StarkProof;
import dev.comet.train.Standardization;
import dev.comet.train.TrainingAir;
import dev.comet.train.TrainingStatement;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;

/**
 * One verifier contract per shape: deployed for one model, it verifies another model of the same
 * shape trained on other data with another learning rate and seed, refuses each model's proof
 * under the other's statement, refuses statements of another shape and edited statements, and
 * names each statement's dataset commitment.
 */
class ShapeVerifierChainTest {
    @TempDir
    static Path dir;

    private static Anvil anvil;
    private static EvmChain chain;
    private static Solc solc;

    @BeforeAll
    static void node() {
        EvmTools tools = EvmTools.locate();
        anvil = Anvil.start(tools);
        chain = new EvmChain(anvil.url());
        solc = new Solc(tools);
    }

    @AfterAll
    static void stop() {
        chain.close();
        anvil.close();
    }

    private record Model(TrainingStatement statement, StarkProof proof, TableSet tables) {}

    /** {@code csv} with every third row's {@code column} raised by {@code delta}: other data of the same shape. */
    private static Path perturbed(Path csv, int column, String delta) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (i % 3 == 0) {
                cells[column] = new java.math.BigDecimal(cells[column]).add(new java.math.BigDecimal(delta)).toPlainString();
            }
            out.add(String.join(",", cells));
        }
        Path file = dir.resolve("perturbed-" + csv.getFileName());
        Files.write(file, out);
        return file;
    }

    private static Model train(String name, Path csv, String... args) throws Exception {
        Path file = dir.resolve(name + ".json");
        List<String> all = new ArrayList<>(List.of("train", csv.toString()));
        all.addAll(List.of(args));
        all.addAll(List.of("--preset", "test", "--out", file.toString(), "--quiet"));
        Cli.Result r = Cli.run(all.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        ModelFile model = ModelFile.read(file);
        TrainingStatement statement = model.statement();
        return new Model(statement, ProofCodec.decode(ProofFile.read(file, model).bytes()),
                TrainingAir.forVerifier(statement).tables());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "linear, cars-raw.csv, 4, 7, --target+mpg+--epochs+2+--batch+32+--seed+{seed}+--lr+{lr}",
        "mlp, iris.csv, 1, 0.1, --target+species+--model+mlp+--hidden+4+--epochs+2+--batch+16+--seed+{seed}+--lr+{lr}"})
    void oneVerifierServesEveryStatementOfItsShape(String kind, String data, int column, String delta, String args)
            throws Exception {
        Path csv = Path.of("..", "data", data);
        Model a = train(kind + "-a", csv, args.replace("{seed}", "1").replace("{lr}", "0.01").split("\\+"));
        Model b = train(kind + "-b", perturbed(csv, column, delta),
                args.replace("{seed}", "2").replace("{lr}", "0.02").split("\\+"));
        Model other = train(kind + "-epochs", csv, args.replace("{seed}", "1").replace("{lr}", "0.01")
                .replace("--epochs+2", "--epochs+3").split("\\+"));
        dev.comet.evm.ShapeStatement shape = TrainingShapes.of(a.tables(), a.statement());
        StatementBinding binding = shape.binding();
        OnChainVerification v = new OnChainVerification(chain, solc);
        OnChainVerification.Deployed verifier = v.deploy(a.tables(), shape, a.proof().options(), "ShapeVerifier");

        assertTrue(v.verifyAt(verifier, a.statement().encode(), a.proof()).valid(), "the model it was generated from");
        OnChainVerification.Result second = v.verifyAt(verifier, b.statement().encode(), b.proof());
        assertTrue(second.valid(), "another model of the shape");
        System.out.printf("%s: one verifier, a second statement of its shape verified for %,d gas%n", kind,
                second.gasUsed());
        assertFalse(v.accepts(verifier, b.statement().encode(), a.proof()), "a's proof for b's statement");
        assertFalse(v.accepts(verifier, a.statement().encode(), b.proof()), "b's proof for a's statement");
        assertFalse(v.accepts(verifier, other.statement().encode(), other.proof()), "another shape");
        assertThrows(IllegalArgumentException.class, () -> StatementBinding.parse(other.statement().encode(),
                binding.fields()));

        assertArrayEquals(published(a.statement()), commitment(verifier, a.statement().encode()), "the published digest");
        assertArrayEquals(published(b.statement()), commitment(verifier, b.statement().encode()));
        assertArrayEquals(new byte[32], commitment(verifier, other.statement().encode()));

        // one byte of each field of b's statement changed: never accepted
        byte[] honest = b.statement().encode();
        StatementBinding.Parsed parsed = StatementBinding.parse(honest, binding.fields());
        int refused = 0;
        for (int f = 0; f < binding.fields().size(); f++) {
            if (parsed.lengths()[f] == 0) {
                continue;
            }
            byte[] edited = honest.clone();
            edited[parsed.starts()[f] + parsed.lengths()[f] - 1] ^= 1;
            assertFalse(v.accepts(verifier, edited, b.proof()), "field " + f + " " + binding.fields().get(f));
            refused++;
        }
        assertTrue(refused > 10, "fields tried: " + refused);

        rulesAreJavas(verifier, b.statement());

        // the bounds the AIR's range arguments assume: the contract reads exactly what Java reads
        int lr = parsed.starts()[b.statement().fields().learningRate()];
        for (long rate : new long[] {0, 1, 1 << 16, (1 << 16) + 1, -1}) {
            byte[] s = honest.clone();
            java.nio.ByteBuffer.wrap(s).putLong(lr, rate);
            boolean inBounds = rate >= 1 && rate <= 1 << 16;
            assertEquals(inBounds, !java.util.Arrays.equals(new byte[32], commitment(verifier, s)), "learning rate " + rate);
            if (!inBounds) {
                assertThrows(IllegalArgumentException.class, () -> StatementBinding.parse(s, binding.fields()));
            }
        }
        int weight = parsed.starts()[b.statement().fields().finalWeights()];
        for (long w : new long[] {(1 << 24) - 1, 1 << 24, -(1 << 24) + 1, -(1 << 24)}) {
            byte[] s = honest.clone();
            java.nio.ByteBuffer.wrap(s).putLong(weight, w);
            assertEquals(Math.abs(w) < 1 << 24, !java.util.Arrays.equals(new byte[32], commitment(verifier, s)),
                    "final weight " + w);
        }
        assertFalse(v.accepts(verifier, java.util.Arrays.copyOf(honest, honest.length - 1), b.proof()));
        assertTrue(v.accepts(verifier, honest, b.proof()), "the edits were of a copy");
    }

    /**
     * The rules beyond the bounds, edited one at a time in b's statement: the contract reads a
     * statement (its commitment is not zero) exactly when Java can build it.
     */
    private static void rulesAreJavas(OnChainVerification.Deployed verifier, TrainingStatement b) {
        Standardization z = b.standardization();
        long[] offsets = z.offsets();
        long[] scales = z.scales();
        int column = 0;
        java.util.Map<String, TrainingStatement> edits = new java.util.LinkedHashMap<>();
        edits.put("honest", b);
        for (long[] change : new long[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
            long[] o = offsets.clone();
            long[] c = scales.clone();
            o[column] += change[0];
            c[column] += change[1];
            edits.put("offset " + change[0] + ", scale " + change[1], with(b, new Standardization(o, c), b.initialWeights(),
                    b.initSeed()));
        }
        long[] c = scales.clone();
        c[column] = 1; // the column all but dropped
        edits.put("scale 1", with(b, new Standardization(offsets, c), b.initialWeights(), b.initSeed()));
        long[] o = offsets.clone();
        c = scales.clone();
        o[column] = 0;
        c[column] = Standardization.IDENTITY_SCALE;
        edits.put("left as it is", with(b, new Standardization(o, c), b.initialWeights(), b.initSeed()));
        long[] w = b.initialWeights();
        w[0] += 1;
        edits.put("initial weight + 1", with(b, z, w, b.initSeed()));
        edits.put("seed + 1", with(b, z, b.initialWeights(), b.initSeed() + 1));
        int accepted = 0;
        for (var e : edits.entrySet()) {
            byte[] bytes = e.getValue() == null ? null : e.getValue().encode();
            boolean javaReads = e.getValue() != null;
            if (!javaReads) { // Java cannot build it: the honest bytes with the edit written in place
                bytes = edited(b, e.getKey());
            }
            boolean chainReads = !java.util.Arrays.equals(new byte[32], commitment(verifier, bytes));
            assertEquals(javaReads, chainReads, e.getKey());
            accepted += chainReads ? 1 : 0;
        }
        assertTrue(accepted >= 2 && accepted < edits.size(), "honest and left-as-is read, the rest refused: " + accepted);
    }

    /** b with another standardisation, initial weights and seed, or null when Java refuses that statement. */
    private static TrainingStatement with(TrainingStatement b, Standardization z, long[] initial, Long seed) {
        try {
            return new TrainingStatement(b.datasetRoot(), b.rows(), b.features(), b.fractionBits(), b.featureNames(),
                    b.targetName(), b.model(), b.classes(), z, b.learningRateQ(), b.batchSize(), b.epochs(), initial,
                    b.finalWeights(), b.curve(), seed, b.moments(), b.hidden());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** b's statement bytes with the edit named {@code edit} written in place. */
    private static byte[] edited(TrainingStatement b, String edit) {
        byte[] s = b.encode();
        TrainingStatement.Fields f = b.fields();
        StatementBinding.Parsed parsed = StatementBinding.parse(s, f.fields());
        java.nio.ByteBuffer out = java.nio.ByteBuffer.wrap(s);
        int offset = parsed.starts()[f.standardization()];
        int scale = parsed.starts()[f.standardization() + 2];
        long[] offsets = b.standardization().offsets();
        long[] scales = b.standardization().scales();
        switch (edit) {
            case "offset 1, scale 0" -> out.putLong(offset, offsets[0] + 1);
            case "offset -1, scale 0" -> out.putLong(offset, offsets[0] - 1);
            case "offset 0, scale 1" -> out.putLong(scale, scales[0] + 1);
            case "offset 0, scale -1" -> out.putLong(scale, scales[0] - 1);
            case "scale 1" -> out.putLong(scale, 1);
            case "left as it is" -> out.putLong(offset, 0).putLong(scale, Standardization.IDENTITY_SCALE);
            case "initial weight + 1" -> out.putLong(parsed.starts()[f.initialWeights()], b.initialWeights()[0] + 1);
            case "seed + 1" -> out.putLong(parsed.starts()[f.seed()], b.initSeed() + 1);
            default -> throw new IllegalArgumentException(edit);
        }
        return s;
    }

    private static byte[] published(TrainingStatement s) {
        return dev.comet.train.DatasetCommitment.digest(s.datasetRoot(), s.rows(), s.fractionBits(), s.featureNames(),
                s.targetName(), s.classes());
    }

    private static byte[] commitment(OnChainVerification.Deployed verifier, byte[] statement) {
        String data = FunctionEncoder.encode(new Function("commitment", List.of(new DynamicBytes(statement)), List.of()));
        String answer = chain.call(verifier.address(), data);
        return HexFormat.of().parseHex(answer.substring(2, 66));
    }
}
