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
import dev.comet.field.Goldilocks;
import dev.comet.train.LinearModelAir;
import dev.comet.train.TrainingStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code comet solidity} on the demo's regression: one library per table of the proof, each
 * compiled with the pinned solc-js and run in anvil, where it computes what the Java verifier
 * computes at the out-of-domain point.
 */
class SolidityCliTest {
    @TempDir
    Path dir;

    @Test
    void theDemoRegressionsTablesEvaluateOnChainAsInJava() throws Exception {
        Path model = dir.resolve("model.json");
        Cli.Result trained = Cli.run("train", Path.of("..", "data", "cars-raw.csv").toString(), "--target", "mpg",
                "--epochs", "2", "--batch", "32", "--lr", "0.01", "--preset", "test", "--out", model.toString(), "--quiet");
        assertEquals(0, trained.exitCode(), trained.err());
        Path out = dir.resolve("contracts");
        Cli.Result generated = Cli.run("solidity", model.toString(), "--out", out.toString());
        assertEquals(0, generated.exitCode(), generated.err());

        ModelFile file = ModelFile.read(model);
        TrainingStatement statement = file.statement();
        TableSet tables = LinearModelAir.forVerifier(statement).tables();
        int degree = file.proof().options().extensionDegree();
        EvmTools tools = EvmTools.locate();
        try (Anvil anvil = Anvil.start(tools); EvmChain chain = new EvmChain(anvil.url())) {
            for (int i = 0; i < tables.size(); i++) {
                String library = SolidityCommand.libraryName(tables.table(i).name());
                ConstraintSolidity g = ConstraintSolidity.of(library, tables.table(i), degree);
                Path sol = out.resolve(library + ".sol");
                assertEquals(g.source(), Files.readString(sol), "the command wrote the generator's source");
                Map<String, Solc.Compiled> all = new Solc(tools).compileAll(Map.of(library + ".sol", g.source(),
                        "Harness.sol", g.harness("Harness")));
                Solc.Compiled c = all.get(library);
                assertTrue(c.runtimeBytes() <= 24_576, library + " within the code size limit: " + c.runtimeBytes());
                String address = chain.deployLinked(all, "Harness", new java.util.HashMap<>());
                SplittableRandom r = new SplittableRandom(i + 1);
                long[] input = new long[g.layout().length()];
                for (int w = 0; w < input.length; w++) {
                    input[w] = Goldilocks.reduce(r.nextLong());
                }
                String result = chain.call(address, ConstraintSolidity.calldata("composition", input));
                assertArrayEquals(g.expected(input), g.decode(result), tables.table(i).name());
                EvmChain.Receipt receipt = chain.send(address, ConstraintSolidity.calldata("measure", input));
                assertTrue(receipt.success(), library);
                System.out.printf("%s: %d constraints, runtime %d bytes, %d input words, gas %d (total, with calldata)%n",
                        tables.table(i).name(), g.layout().constraints(), c.runtimeBytes(), input.length, receipt.gasUsed());
            }
        }
    }
}
