package dev.comet.cli;

import dev.comet.air.TableSet;
import dev.comet.api.ModelFile;
import dev.comet.evm.EvmException;
import dev.comet.evm.EvmTools;
import dev.comet.evm.Solc;
import dev.comet.evm.VerifierBuild;
import dev.comet.proof.MalformedProofException;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.train.TrainingAir;
import dev.comet.train.TrainingStatement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code comet solidity}: the Solidity sources of the on-chain verifier of a model's shape, generated
 * from the constraint programs the Java verifier runs: the verifier contract, its statement reader
 * and rules, each table's libraries and Comet's hand-written ones, ready for solc 0.8.30: what
 * {@code comet chain verify} compiles and deploys; and the registry and the example escrow. It compiles them with the pinned solc-js to cut the constraint libraries
 * within EIP-170's code-size limit ({@link VerifierBuild}), so it needs Node, as {@code chain} does.
 */
@Command(name = "solidity", mixinStandardHelpOptions = true,
        description = "Write the Solidity sources of the verifier of MODEL.json's shape (contract " + SolidityCommand.CONTRACT
                + ", its statement reader and rules, each table's generated libraries, Comet's libraries), generated from"
                + " the constraint programs the Java verifier runs, and the registry of verified models with an example"
                + " escrow.")
final class SolidityCommand implements Callable<Integer> {
    static final String CONTRACT = "CometVerifier";

    @Parameters(index = "0", paramLabel = "MODEL", description = "model.json")
    Path modelFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the .sol files (created)")
    Path out;

    @Override
    public Integer call() {
        ModelFile model = ModelFiles.read(modelFile);
        TrainingStatement statement = ModelFiles.statement(modelFile, model);
        ProofOptions options;
        try {
            options = ProofCodec.decode(ModelFiles.proof(modelFile, model).bytes()).options();
        } catch (MalformedProofException e) {
            throw new UserError(modelFile + ": the proof cannot be decoded: " + e.getMessage());
        }
        if (options.extensionDegree() != 2) {
            throw new UserError(modelFile + ": proof.options.extension_degree is " + options.extensionDegree()
                    + "; the on-chain verifier covers the quadratic extension (presets test and default)");
        }
        TableSet tables = TrainingAir.forVerifier(statement).tables();
        Map<String, String> sources;
        try {
            sources = new java.util.LinkedHashMap<>(VerifierBuild.of(tables, options, CONTRACT,
                    TrainingShapes.of(tables, statement), new Solc(EvmTools.locate())).sources());
            sources.putAll(dev.comet.evm.Registry.sources());
        } catch (IllegalArgumentException e) {
            throw new UserError(modelFile + ": " + e.getMessage());
        } catch (EvmException e) {
            throw new UserError("solidity: " + e.getMessage(), CometCli.EXIT_INTERNAL);
        }
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new UserError("--out: cannot create " + out + ": " + e.getMessage());
        }
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = out.resolve(source.getKey());
            byte[] bytes = source.getValue().getBytes(StandardCharsets.UTF_8);
            AtomicFilesBridge.write(file, bytes);
            written.add(String.format(Locale.ROOT, "%s, %,d bytes", file, bytes.length));
        }
        written.forEach(System.out::println);
        System.out.printf("contract %s: verify(bytes statement, uint256[] words, bytes32[] digests), for every statement"
                + " of %s's shape (model, rows, features, classes, hidden layers, batch size, epochs, proof options);"
                + " CometRegistry.sol records verified models, ModelEscrow.sol is an example consumer%n", CONTRACT,
                modelFile);
        return CometCli.EXIT_OK;
    }
}
