package dev.comet.cli;

import dev.comet.api.Comet;
import dev.comet.api.ModelFile;
import dev.comet.api.TrainedModel;
import dev.comet.data.QuantizedDataset;
import dev.comet.prover.ProverListener;
import dev.comet.train.TrainingOverflowException;
import dev.comet.data.ClassLabels;
import dev.comet.train.ClassifierReport;
import dev.comet.train.ModelKind;
import dev.comet.train.TrainingReport;
import dev.comet.train.TrainingStatement;
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
        description = "Train a linear, logistic or softmax regression or a multilayer perceptron by mini-batch gradient"
                + " descent and prove the whole run.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    DatasetOptions dataset;

    @Option(names = "--model", defaultValue = "linear", paramLabel = "KIND", converter = ModelKindConverter.class,
            description = "linear (numeric target, squared error), logistic (a target of 2 classes, integers or text,"
                    + " log-loss), softmax (2 to 16 classes, cross-entropy) or mlp (ReLU hidden layers under a softmax"
                    + " output for a class target, text or at most 16 distinct integers, else under a linear output;"
                    + " needs --hidden and --seed or --init) (default: ${DEFAULT-VALUE})")
    ModelKind kind;

    @Option(names = "--hidden", paramLabel = "N[,N...]",
            description = "an mlp's hidden layers, input side first: their widths, 1 to 255 units each, at most 4 layers"
                    + " (e.g. 32 or 32,16)")
    String hiddenOption;

    @Option(names = "--epochs", required = true, paramLabel = "N", description = "passes over the data")
    int epochs;

    @Option(names = "--batch", required = true, paramLabel = "N", description = "batch size (1-2048); a last partial batch is averaged over its own size")
    int batch;

    @Option(names = "--lr", required = true, paramLabel = "RATE", description = "learning rate, 0 < RATE <= 1")
    String learningRate;

    @Option(names = "--init", paramLabel = "FILE", description = "initial weights, then the bias, over the standardised columns unless --no-standardize (default: zeros)")
    Path init;

    @Option(names = "--seed", paramLabel = "N", description = "initial weights from this public seed (a documented"
            + " generator the verifier reruns; docs/TRAINING.md) instead of zeros; not with --init")
    Long seed;

    @Option(names = "--out", defaultValue = "model.json", paramLabel = "FILE",
            description = "model file; the proof goes next to it with extension .proof (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "NAME",
            description = "proof preset: default (>= 100 bits conjectured), chain (>= 100 conjectured, fewer openings for an on-chain verifier, a 4x larger extension to prove), high (>= 128 conjectured), proven (>= 100 proven), test (insecure) (default: ${DEFAULT-VALUE})")
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
        for (Path written : new Path[] {out, proofPath(out)}) {
            if (sameFile(written, dataset.file)) {
                throw new UserError("--out: " + written + " is the training data " + dataset.file + "; choose another file");
            }
        }
        try {
            TrainingSpec.of(learningRate, batch, epochs, 1); // hyperparameters first, before reading data
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (seed != null && init != null) {
            throw new UserError("--seed and --init both give initial weights; choose one");
        }
        java.util.List<Integer> hidden = hiddenOption == null ? null : HiddenLayers.parse(hiddenOption);
        if (kind.hasHiddenLayers() && hidden == null) {
            throw new UserError("--model " + kind.option() + " needs --hidden, the hidden layers' widths (e.g. --hidden 32)");
        }
        if (!kind.hasHiddenLayers() && hidden != null) {
            throw new UserError("--hidden is for --model mlp; a " + kind.option() + " model has no hidden layers");
        }
        if (kind.hasHiddenLayers() && seed == null && init == null) {
            throw new UserError("--model " + kind.option() + " needs --seed N or --init FILE: a network started from zeros"
                    + " cannot train its hidden layers");
        }
        QuantizedDataset data;
        ClassLabels classes = ClassLabels.NONE;
        ModelKind chosen = kind; // the MLP of a numeric target is its regression twin
        if (chosen.isClassifier()) {
            Comet.ClassifiedData read = chosen.hasHiddenLayers() ? mlpTarget() : dataset.loadClassified();
            data = read.data();
            classes = read.classes();
            chosen = chosen.forTarget(classes.count());
            if (!chosen.accepts(classes.count())) {
                throw new UserError(dataset.file + ": target '" + dataset.target + "' has " + classes.count()
                        + " classes " + classes.labels() + "; --model " + chosen.option() + " needs " + chosen.accepted());
            }
        } else {
            data = dataset.load("--model logistic");
        }
        TrainingSpec spec;
        try {
            spec = TrainingSpec.of(learningRate, batch, epochs, data.numFeatures()).forModel(chosen, classes,
                    hidden == null ? java.util.List.of() : hidden);
            if (init != null) {
                spec = spec.withInitialWeights(InitialWeights.read(init, spec.network()));
            }
            if (seed != null) {
                spec = spec.withSeed(seed);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Standardization standardization;
        try {
            standardization = noStandardize ? Standardization.identity(data.numFeatures())
                    : Standardization.of(data, chosen);
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

    /**
     * An MLP's target: class labels when the column holds text, or only integers with at most
     * {@link ClassLabels#MAX_CLASSES} distinct values (docs/TRAINING.md, "Multilayer
     * perceptrons"); otherwise a numeric target (no classes), which the MLP regresses.
     */
    private Comet.ClassifiedData mlpTarget() {
        QuantizedDataset numeric;
        try {
            numeric = Comet.load(dataset.file, dataset.target, dataset.features);
        } catch (dev.comet.data.DataException e) {
            if (e.column().filter(dataset.target::equals).isPresent() && e.problem().endsWith("is not a number")) {
                return dataset.loadClassified();
            }
            throw new UserError(e.getMessage());
        }
        long[] y = numeric.targets();
        boolean integers = java.util.Arrays.stream(y).allMatch(v -> v % dev.comet.train.FixedPointStep.ONE == 0);
        if (integers && java.util.Arrays.stream(y).distinct().limit(ClassLabels.MAX_CLASSES + 1).count()
                <= ClassLabels.MAX_CLASSES) {
            return dataset.loadClassified();
        }
        return new Comet.ClassifiedData(numeric, ClassLabels.NONE);
    }

    /** Whether {@code a} and {@code b} name one file (the same path, or links to one existing file). */
    private static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return java.nio.file.Files.exists(a) && java.nio.file.Files.exists(b) && java.nio.file.Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static Path proofPath(Path modelFile) {
        String name = modelFile.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return modelFile.resolveSibling(base + ".proof");
    }

    private void printSummary(QuantizedDataset data, TrainedModel trained, Path proofFile) {
        TrainingStatement st = trained.statement();
        System.out.printf(Locale.ROOT, "trained %s on %s: %d rows x %d features, %d epochs, batch %d, lr %s%n",
                st.model().modelName(), dataset.file, data.rows(), data.numFeatures(), epochs, batch, learningRate);
        if (st.model().isClassifier()) {
            System.out.println("classes (index order): " + String.join(", ", st.classes().labels()));
        }
        Standardization z = st.standardization();
        if (!z.isIdentity()) {
            System.out.println("standardised " + (st.model().isClassifier() ? "every feature" : "every column")
                    + " inside the proof" + (st.hidden().isEmpty() ? "; weights below in raw units (model.json holds them"
                    + " over the standardised columns)" : "; model.json holds the weights over the standardised columns"));
        }
        switch (trained.report()) {
            case ClassifierReport r when !st.hidden().isEmpty() -> printNetwork(data, st, r);
            case TrainingReport r when !st.hidden().isEmpty() -> printNetwork(data, st, r);
            case TrainingReport r -> printRegression(data, z, r);
            case ClassifierReport r -> printClassifier(data, z, st.classes(), r);
        }
        System.out.printf(Locale.ROOT, "largest weight gap to the float64 twin: %.6f%n", trained.report().maxWeightGap());
        System.out.printf(Locale.ROOT, "proof: %s, %,d bytes, %d bits of conjectured security (%s preset)%n", proofFile,
                trained.proof().length, trained.security().bits(), trained.preset());
        System.out.printf(Locale.ROOT, "native training %d ms, proving %d ms%n", trained.nativeMillis(), trained.proveMillis());
        System.out.printf("wrote %s%n", out);
    }

    private static void printRegression(QuantizedDataset data, Standardization z, TrainingReport r) {
        String name = nameFormat(data);
        System.out.printf(Locale.ROOT, name + " %16s %16s %16s%n", "weight", "fixed point", "float64 twin", "least squares");
        printWeights(data, z.toRawWeights(r.fixedRealWeights()), z.toRawWeights(r.floatWeights()), r.leastSquaresWeights());
        System.out.printf(Locale.ROOT, name + " %16.4f %16.4f %16.4f%n", "MSE", r.fixedMse(), r.floatMse(), r.leastSquaresMse());
    }

    private static void printClassifier(QuantizedDataset data, Standardization z, ClassLabels classes, ClassifierReport r) {
        String name = nameFormat(data);
        System.out.printf(Locale.ROOT, name + " %16s %16s %16s%n", "weight", "fixed point", "float64 twin", "baseline (C=1)");
        printWeights(data, classes, z.toRawWeights(r.fixedRealWeights()), z.toRawWeights(r.floatWeights()),
                z.toRawWeights(r.baselineWeights()));
        System.out.printf(Locale.ROOT, name + " %15.2f%% %15.2f%% %15.2f%%%n", "train accuracy", 100 * r.fixedAccuracy(),
                100 * r.floatAccuracy(), 100 * r.baselineAccuracy());
        System.out.printf(Locale.ROOT, name + " %16.4f %16.4f %16.4f%n", classes.count() > 2 ? "cross-entropy" : "log-loss",
                r.fixedLogLoss(), r.floatLogLoss(),
                r.baselineLogLoss());
    }

    /** An MLP's shape and scores; its weights (in model.json) are not per feature, so no weight table. */
    private static void printNetwork(QuantizedDataset data, TrainingStatement st, ClassifierReport r) {
        printShape(st);
        String name = nameFormat(data);
        System.out.printf(Locale.ROOT, name + " %16s %16s %16s%n", "", "fixed point", "float64 twin", "softmax reg.");
        System.out.printf(Locale.ROOT, name + " %15.2f%% %15.2f%% %15.2f%%%n", "train accuracy", 100 * r.fixedAccuracy(),
                100 * r.floatAccuracy(), 100 * r.baselineAccuracy());
        System.out.printf(Locale.ROOT, name + " %16.4f %16.4f %16.4f%n", "cross-entropy", r.fixedLogLoss(),
                r.floatLogLoss(), r.baselineLogLoss());
    }

    /** An MLP regression's shape and errors, in the target's raw units. */
    private static void printNetwork(QuantizedDataset data, TrainingStatement st, TrainingReport r) {
        printShape(st);
        String name = nameFormat(data);
        System.out.printf(Locale.ROOT, name + " %16s %16s %16s%n", "", "fixed point", "float64 twin", "least squares");
        System.out.printf(Locale.ROOT, name + " %16.4f %16.4f %16.4f%n", "MSE", r.fixedMse(), r.floatMse(),
                r.leastSquaresMse());
    }

    private static void printShape(TrainingStatement st) {
        System.out.printf(Locale.ROOT, "network %s: %d hidden layer%s of ReLU units, %s output, %,d weights%n",
                st.network().describe(), st.hidden().size(), st.hidden().size() == 1 ? "" : "s",
                st.model().isClassifier() ? "softmax" : "linear", st.network().weights());
    }

    private static void printWeights(QuantizedDataset data, double[] fixed, double[] twin, double[] third) {
        printWeights(data, null, fixed, twin, third);
    }

    /** Weights per output, with each block headed by its class when {@code classes} has several outputs. */
    private static void printWeights(QuantizedDataset data, ClassLabels classes, double[] fixed, double[] twin,
                                     double[] third) {
        String format = nameFormat(data) + " %16.6f %16.6f %16.6f%n";
        int width = data.numFeatures() + 1;
        for (int q = 0; q < fixed.length; q++) {
            int j = q % width;
            if (j == 0 && fixed.length > width) {
                System.out.println("class " + classes.label(q / width));
            }
            String name = j < data.numFeatures() ? data.featureNames().get(j) : "(bias)";
            System.out.printf(Locale.ROOT, format, name, fixed[q], twin[q], third[q]);
        }
    }

    /** The first column's format: as wide as the longest feature name, and at least 16. */
    private static String nameFormat(QuantizedDataset data) {
        int width = data.featureNames().stream().mapToInt(String::length).max().orElse(0);
        return "%-" + Math.max(16, Math.min(width, 40)) + "s";
    }
}
