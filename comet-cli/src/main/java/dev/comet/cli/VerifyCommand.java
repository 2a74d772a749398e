package dev.comet.cli;

import dev.comet.api.Comet;
import dev.comet.api.ModelFile;
import dev.comet.api.ModelFileException;
import dev.comet.data.QuantizedDataset;
import dev.comet.proof.ProofCodec;
import dev.comet.train.TrainingStatement;
import dev.comet.verifier.VerificationResult;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code comet verify}: VALID (exit 0) or INVALID with the reason (exit 1); a file that cannot be
 * read or is not a model file is unusable input (exit 2).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check that the weights in MODEL.json came from the stated training run on the committed data.")
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.json")
    Path modelFile;

    @Option(names = "--data", paramLabel = "DATA.csv", description = "also check that this file has the model's dataset commitment")
    Path data;

    @Option(names = "--commitment", paramLabel = "HEX", description = "require this dataset commitment")
    String commitment;

    @Option(names = "--min-security", defaultValue = "100", paramLabel = "BITS",
            description = "reject proofs with less conjectured security (default: ${DEFAULT-VALUE})")
    int minimumBits;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        ModelFile model = ModelFiles.read(modelFile);
        byte[] proof = ModelFiles.proof(modelFile, model).bytes();
        return report(check(model, proof), model);
    }

    private VerificationResult check(ModelFile model, byte[] proof) {
        TrainingStatement statement;
        try {
            statement = model.statement();
        } catch (ModelFileException e) {
            return new VerificationResult(false, e.getMessage(), null);
        }
        if (!ProofCodec.digestHex(proof).equals(model.proof().sha256())) {
            return new VerificationResult(false, "the proof file's SHA-256 does not match proof.sha256 in the model file", null);
        }
        String claimed = HexFormat.of().formatHex(statement.datasetDigest());
        if (commitment != null && !commitment.strip().matches("[0-9a-fA-F]{64}")) {
            throw new UserError("--commitment must be 64 hexadecimal digits, got '" + commitment.strip() + "'");
        }
        if (commitment != null && !commitment.strip().equalsIgnoreCase(claimed)) {
            return new VerificationResult(false, "the model's dataset commitment " + claimed + " is not the required "
                    + commitment.strip(), null);
        }
        if (data != null) {
            QuantizedDataset dataset;
            try {
                dataset = Comet.load(data, statement.targetName(), statement.featureNames());
            } catch (dev.comet.data.DataException e) {
                throw new UserError(e.getMessage());
            }
            String actual = Comet.commit(dataset).hex();
            if (!actual.equals(claimed)) {
                return new VerificationResult(false, data + " has commitment " + actual + ", the model claims " + claimed, null);
            }
        }
        return Comet.verify(statement, proof, minimumBits);
    }

    private int report(VerificationResult result, ModelFile model) {
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("valid", result.valid());
            out.put("reason", result.reason());
            out.put("security_bits", result.security() == null ? null : result.security().bits());
            out.put("model", modelFile.toString());
            out.put("commitment", model.data().commitment());
            System.out.println(Json.write(out));
        } else if (result.valid()) {
            System.out.printf("VALID: %s (%d bits of conjectured security)%n", modelFile, result.security().bits());
        } else {
            System.out.printf("INVALID: %s%n", result.reason());
        }
        return result.valid() ? CometCli.EXIT_OK : CometCli.EXIT_INVALID;
    }
}
