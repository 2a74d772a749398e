package dev.comet.cli;

import dev.comet.api.Comet;
import dev.comet.api.ModelFile;
import dev.comet.api.TrainedModel;
import dev.comet.data.QuantizedDataset;
import dev.comet.prover.ProverListener;
import dev.comet.train.TrainingOverflowException;
import dev.comet.train.TrainingReport;
import dev.comet.train.TrainingSpec;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import dev.comet.train.Standardization;

/** {@code comet train}: train in fixed point, prove the whole run, write model.json and its proof. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a linear regression by mini-batch gradient descent and prove the whole run.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DatasetOptions dataset;

    @Option(names = "--epochs", required = true, paramLabel = "N", description = "passes over the data")
    int epochs;

    @Option(names = "--batch", required = true, paramLabel = "N", description = "batch size (1-2048); a last partial batch is averaged over its own size")
    int batch;

    @Option(names = "--lr", required = true, paramLabel = "RATE", description = "learning rate, 0 < RATE <= 1")
    String learningRate;

    @Option(names = "--init", paramLabel = "FILE", description = "initial weights, then the bias, over the standardised columns unless --no-standardize (default: zeros)")
    Path init;

    @Option(names = "--out", defaultValue = "model.json", paramLabel = "FILE",
            description = "model file; the proof goes next to it with extension .proof (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "NAME",
            description = "proof preset: default (>= 100 bits conjectured), high (>= 128 conjectured), proven (>= 100 proven), test (insecure) (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar and no summary")
    boolean quiet;

    @Option(names = "--no-standardize", negatable = false,
            description = "train on the committed values as they are, instead of standardising each column (features and"
                    + " target) by its mean and standard deviation inside the proof")
    boolean noStandardize;

    @Override
    public Integer call() {
        dev.comet.proof.ProofOptions.preset(preset);
        AtomicFilesBridge.requireWritable(out);
        AtomicFilesBridge.requireWritable(proofPath(out));
        try {
            TrainingSpec.of(learningRate, batch, epochs, 1); // hyperparameters first, before reading data
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        QuantizedDataset data = dataset.load();
        TrainingSpec spec;
        try {
            spec = init == null ? TrainingSpec.of(learningRate, batch, epochs, data.numFeatures())
                    : TrainingSpec.of(learningRate, batch, epochs, InitialWeights.read(init, data.numFeatures()));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Standardization standardization;
        try {
            standardization = noStandardize ? Standardization.identity(data.numFeatures()) : Standardization.of(data);
        } catch (IllegalArgumentException e) {
            throw new UserError(dataset.file + ": " + e.getMessage());
        }
        ProverListener progress = ProgressBars.open(quiet, 8);
        TrainedModel trained;
        try {
            trained = Comet.train(data, spec, standardization, dev.comet.proof.ProofOptions.preset(preset), progress);
        } catch (TrainingOverflowException | IllegalArgumentException e) {
            throw new UserError(dataset.file + ": " + e.getMessage());
        } finally {
            ProgressBars.close(progress);
        }
        Path proofFile = proofPath(out);
        AtomicFilesBridge.write(proofFile, trained.proof());
        ModelFile model = ModelFile.of(trained, proofFile.getFileName().toString());
        AtomicFilesBridge.write(out, model.toJson());
        if (!quiet) {
            printSummary(data, trained, proofFile);
        }
        return CometCli.EXIT_OK;
    }

    static Path proofPath(Path modelFile) {
        String name = modelFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return modelFile.resolveSibling(base + ".proof");
    }

    private void printSummary(QuantizedDataset data, TrainedModel trained, Path proofFile) {
        TrainingReport r = trained.report();
        System.out.printf(Locale.ROOT, "trained %s on %s: %d rows x %d features, %d epochs, batch %d, lr %s%n",
                TrainingSpec.MODEL, dataset.file, data.rows(), data.numFeatures(), epochs, batch, learningRate);
        Standardization z = trained.statement().standardization();
        if (!z.isIdentity()) {
            System.out.println("standardised every column inside the proof; weights below in raw units"
                    + " (model.json holds them over the standardised columns)");
        }
        System.out.printf(Locale.ROOT, "%-16s %16s %16s %16s%n", "weight", "fixed point", "float64 twin", "least squares");
        double[] fixed = z.toRawWeights(r.fixedRealWeights());
        double[] twin = z.toRawWeights(r.floatWeights());
        for (int j = 0; j < fixed.length; j++) {
            String name = j < data.numFeatures() ? data.featureNames().get(j) : "(bias)";
            System.out.printf(Locale.ROOT, "%-16s %16.6f %16.6f %16.6f%n", name, fixed[j], twin[j],
                    r.leastSquaresWeights()[j]);
        }
        System.out.printf(Locale.ROOT, "%-16s %16.4f %16.4f %16.4f%n", "MSE", r.fixedMse(), r.floatMse(), r.leastSquaresMse());
        System.out.printf(Locale.ROOT, "largest weight gap to the float64 twin: %.6f%n", r.maxWeightGap());
        System.out.printf(Locale.ROOT, "proof: %s, %,d bytes, %d bits of conjectured security (%s preset)%n", proofFile,
                trained.proof().length, trained.security().bits(), trained.preset());
        System.out.printf(Locale.ROOT, "native training %d ms, proving %d ms%n", trained.nativeMillis(), trained.proveMillis());
        System.out.printf("wrote %s%n", out);
    }
}
