package dev.comet.cli;

import dev.comet.api.Comet;
import dev.comet.api.ModelFile;
import dev.comet.api.ProofFile;
import dev.comet.data.DataException;
import dev.comet.data.QuantizedDataset;
import dev.comet.train.TrainingStatement;
import dev.comet.verifier.VerificationResult;
import dev.comet.verifier.VerifierPolicy;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code comet verify}: VALID (exit 0) with what was verified, or INVALID with the reason (exit 1);
 * a file that cannot be read or is not a model file is unusable input (exit 2).
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

    @Option(names = "--allow-custom-options", description = "accept proof options that are neither a named preset nor"
            + " at least as strong as one in every parameter (they may reach the minimum only by a formula that trades"
            + " blowup for queries)")
    boolean allowCustomOptions;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        Optional<String> required = requiredCommitment();
        ModelFile model = ModelFiles.read(modelFile);
        ProofFile proof = ModelFiles.proof(modelFile, model);
        VerifierPolicy policy = VerifierPolicy.defaults().withMinimumBits(minimumBits);
        VerificationResult result = Comet.verify(model, proof.bytes(), allowCustomOptions ? policy.withCustomOptions() : policy);
        if (!result.valid()) {
            return report(result, model, null);
        }
        TrainingStatement statement = ModelFiles.statement(modelFile, model);
        Optional<String> mismatch = commitmentMismatch(statement, required);
        if (mismatch.isPresent()) {
            return report(new VerificationResult(false, mismatch.get(), result.security()), model, null);
        }
        return report(result, model, VerifiedRun.of(model.model().kind(), statement, data, required.isPresent(),
                result.security().bits()));
    }

    /** {@code --commitment}, checked before any work: a malformed value is a usage error. */
    private Optional<String> requiredCommitment() {
        if (commitment == null) {
            return Optional.empty();
        }
        String hex = commitment.strip();
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new UserError("--commitment must be 64 hexadecimal digits, got '" + hex + "'");
        }
        return Optional.of(hex.toLowerCase(Locale.ROOT));
    }

    /** Why the proven commitment is not the required one or not that of {@code --data}, if it is not. */
    private Optional<String> commitmentMismatch(TrainingStatement statement, Optional<String> required) {
        String claimed = HexFormat.of().formatHex(statement.datasetDigest());
        if (required.isPresent() && !required.get().equals(claimed)) {
            return Optional.of("the model's dataset commitment " + claimed + " is not the required " + required.get());
        }
        if (data != null) {
            QuantizedDataset dataset;
            try {
                dataset = Comet.loadAs(statement, data);
            } catch (DataException e) {
                throw new UserError(e.getMessage());
            }
            String actual = Comet.commit(dataset).hex(statement.classes());
            if (!actual.equals(claimed)) {
                return Optional.of(data + " has commitment " + actual + ", the model claims " + claimed);
            }
        }
        return Optional.empty();
    }

    /** @param verified what a valid result covered; null when invalid */
    private int report(VerificationResult result, ModelFile model, VerifiedRun verified) {
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("valid", result.valid());
            out.put("reason", result.reason());
            out.put("security_bits", result.security() == null ? null : result.security().bits());
            out.put("security", result.security() == null ? null : SecurityJson.of(result.security()));
            out.put("model", modelFile.toString());
            out.put("commitment", model.data().commitment());
            out.putAll(VerifiedRun.json(verified));
            if (data != null) {
                out.put("data_file", data.toString());
            }
            System.out.println(Json.write(out));
        } else if (result.valid()) {
            System.out.println(verified.line(modelFile));
        } else {
            System.out.printf("INVALID: %s: %s%n", modelFile, OneLine.of(result.reason()));
        }
        return result.valid() ? CometCli.EXIT_OK : CometCli.EXIT_INVALID;
    }
}
