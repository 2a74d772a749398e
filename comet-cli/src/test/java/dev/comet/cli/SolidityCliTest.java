package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.TableSet;
import dev.comet.api.ModelFile;
import dev.comet.evm.Anvil;
import dev.comet.evm.ConstraintSolidity;
import dev.comet.evm.EvmChain;
import dev.comet.evm.EvmTools;
import dev.comet.evm.Solc;
import dev.comet.evm.VerifierBuild;
import dev.comet.field.Goldilocks;
import dev.comet.train.TrainingAir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code comet solidity} on the demo's regression: it writes the generator's sources, which
 * compile within the code size limit, and each table's constraint library, run in anvil, computes
 * what the Java verifier computes at the out-of-domain point.
 */
class SolidityCliTest {
    @TempDir
    Path dir;

    @Test
    void theDemoRegressionsVerifierIsWrittenAndItsConstraintsEvaluateOnChainAsInJava() throws Exception {
        Path model = dir.resolve("model.json");
        Cli.Result trained = Cli.run("train", Cli.CARS_RAW.toString(), "--target", "mpg", "--epochs", "2", "--batch", "32",
                "--lr", "0.01", "--preset", "test", "--out", model.toString(), "--quiet");
        assertEquals(0, trained.exitCode(), trained.err());
        Path out = dir.resolve("contracts");
        Cli.Result generated = Cli.run("solidity", model.toString(), "--out", out.toString());
        assertEquals(0, generated.exitCode(), generated.err());

        ModelFile file = ModelFile.read(model);
        TableSet tables = TrainingAir.forVerifier(file.statement()).tables();
        EvmTools tools = EvmTools.locate();
        dev.comet.evm.ShapeStatement shape = TrainingShapes.of(tables, file.statement());
        dev.comet.air.StatementBinding binding = shape.binding();
        VerifierBuild build = VerifierBuild.of(tables,
                dev.comet.proof.ProofCodec.decode(dev.comet.api.ProofFile.read(model, file).bytes()).options(),
                SolidityCommand.CONTRACT, shape, new Solc(tools));
        Map<String, String> sources = build.sources();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            assertEquals(source.getValue(), Files.readString(out.resolve(source.getKey())), source.getKey());
        }
        assertTrue(sources.containsKey(SolidityCommand.CONTRACT + "Statement.sol"), "the statement's reader");
        for (Map.Entry<String, String> source : dev.comet.evm.Registry.sources().entrySet()) {
            assertEquals(source.getValue(), Files.readString(out.resolve(source.getKey())), source.getKey());
        }
        assertTrue(generated.out().contains("for every statement of"), generated.out());
        build.compiled().forEach((name, c) -> assertTrue(c.runtimeBytes() <= VerifierBuild.CODE_SIZE_LIMIT,
                name + " within the code size limit: " + c.runtimeBytes()));
        try (Anvil anvil = Anvil.start(tools); EvmChain chain = new EvmChain(anvil.url())) {
            for (int i = 0; i < tables.size(); i++) {
                // the statement's values read from the input, random like the rest of it
                ConstraintSolidity g = ConstraintSolidity.of("Table" + i, tables.table(i), 2, 0,
                        tables.table(i).constraints().size(), binding.numValues());
                Map<String, Solc.Compiled> harness = new Solc(tools).compileAll(Map.of("Table" + i + ".sol", g.source(),
                        "Harness.sol", g.harness("Harness")));
                String address = chain.deployLinked(harness, "Harness", new java.util.HashMap<>());
                SplittableRandom r = new SplittableRandom(i + 1);
                long[] input = new long[g.layout().length()];
                for (int w = 0; w < input.length; w++) {
                    input[w] = Goldilocks.reduce(r.nextLong());
                }
                String result = chain.call(address, ConstraintSolidity.calldata("composition", input));
                assertArrayEquals(g.expected(input), g.decode(result), tables.table(i).name());
                EvmChain.Receipt receipt = chain.send(address, ConstraintSolidity.calldata("measure", input));
                assertTrue(receipt.success());
                System.out.printf("%s: %d constraints, %d input words, gas %d (total, with calldata)%n",
                        tables.table(i).name(), g.layout().constraints(), input.length, receipt.gasUsed());
            }
        }
    }
}
