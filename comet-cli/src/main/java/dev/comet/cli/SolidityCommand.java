package dev.comet.cli;

import dev.comet.air.Air;
import dev.comet.air.TableSet;
import dev.comet.api.ModelFile;
import dev.comet.evm.ConstraintSolidity;
import dev.comet.train.LinearModelAir;
import dev.comet.train.TrainingStatement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code comet solidity}: the Solidity libraries that evaluate, on chain, the constraints of each
 * table of a model's proof, generated from the same constraint programs the Java verifier runs.
 */
@Command(name = "solidity", mixinStandardHelpOptions = true,
        description = "Write the Solidity libraries that evaluate the constraints of each table of a model's proof at the"
                + " out-of-domain point, generated from the constraint programs the Java verifier runs.")
final class SolidityCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "model.json")
    Path modelFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the .sol files (created)")
    Path out;

    @Override
    public Integer call() {
        ModelFile model = ModelFiles.read(modelFile);
        TrainingStatement statement = ModelFiles.statement(modelFile, model);
        int degree = model.proof().options().extensionDegree();
        if (degree != 2 && degree != 3) {
            throw new UserError(modelFile + ": proof.options.extension_degree is " + degree + "; on-chain evaluation needs 2 or 3");
        }
        TableSet tables = LinearModelAir.forVerifier(statement).tables();
        List<String> written = new ArrayList<>();
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new UserError("--out: cannot create " + out + ": " + e.getMessage());
        }
        for (int i = 0; i < tables.size(); i++) {
            Air table = tables.table(i);
            String library = libraryName(table.name());
            ConstraintSolidity generator = ConstraintSolidity.of(library, table, degree);
            Path file = out.resolve(library + ".sol");
            byte[] source = generator.source().getBytes(StandardCharsets.UTF_8);
            AtomicFilesBridge.write(file, source);
            written.add(String.format(Locale.ROOT, "%s: %s, %,d bytes, %d input words", file, table.name(), source.length,
                    generator.layout().length()));
        }
        written.forEach(System.out::println);
        return CometCli.EXIT_OK;
    }

    /** {@code comet/linear-regression/v6} as {@code LinearRegressionV6Constraints}. */
    static String libraryName(String airName) {
        String tail = airName.startsWith("comet/") ? airName.substring("comet/".length()) : airName;
        StringBuilder s = new StringBuilder();
        boolean upper = true;
        for (char c : tail.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                s.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s.insert(0, "Table");
        }
        return s + "Constraints";
    }
}
