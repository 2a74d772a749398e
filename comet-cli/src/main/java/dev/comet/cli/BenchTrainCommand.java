package dev.comet.cli;

import dev.comet.api.Comet;
import dev.comet.api.TrainedModel;
import dev.comet.data.DataException;
import dev.comet.data.QuantizedDataset;
import dev.comet.data.Quantizer;
import dev.comet.data.SyntheticDataset;
import dev.comet.proof.ProofOptions;
import dev.comet.data.ClassLabels;
import dev.comet.train.ClassifierReport;
import dev.comet.train.ModelKind;
import dev.comet.train.TrainingOverflowException;
import dev.comet.train.TrainingSpec;
import dev.comet.train.TrainingStatement;
import dev.comet.verifier.VerificationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code comet bench train}: one whole training run on synthetic data (seed 42), timed as
 * {@link Comet#train} times it (native training, then commitment, trace and proof), with the
 * verifier's median time and the heap peak.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train and prove a model on synthetic data (seed 42), verify the proof and print the figures.",
            "prove_ms covers commitment, trace and proof; verify_ms is the median of 5 runs after 3 warm-ups."})
final class BenchTrainCommand implements Callable<Integer> {
    private static final long SEED = 42;
    /**
     * Verification takes milliseconds, so the JIT needs hundreds of runs before the median is the
     * steady state (after 20 warm-ups a 2^18-row proof still verified 2.7 times slower than warm).
     */
    private static final int VERIFY_WARMUPS = 300;
    private static final int VERIFY_RUNS = 51;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "rows of synthetic data")
    int rows;

    @Option(names = "--features", required = true, paramLabel = "D", description = "feature columns (1-" + TrainingStatement.MAX_FEATURES + ")")
    int features;

    @Option(names = "--epochs", required = true, paramLabel = "E", description = "passes over the data")
    int epochs;

    @Option(names = "--batch", required = true, paramLabel = "B", description = "batch size (1-2048)")
    int batch;

    @Option(names = "--model", defaultValue = "linear", paramLabel = "KIND", converter = ModelKindConverter.class,
            description = "linear (a numeric target), logistic (2 classes), softmax or mlp (2 to 16 classes) (default: ${DEFAULT-VALUE})")
    ModelKind kind;

    @Option(names = "--hidden", paramLabel = "N[,N...]", description = "an mlp's hidden layers' widths, as train takes them")
    String hiddenOption;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "N",
            description = "seed of an mlp's initial weights (default: ${DEFAULT-VALUE}); the other models start from zeros")
    long initSeed;

    @Option(names = "--classes", paramLabel = "K", description = "classes of a classifier's synthetic target (default: 2 for"
            + " logistic, 3 for softmax and mlp; 0 makes an mlp a regression)")
    Integer classes;

    @Option(names = "--lr", defaultValue = "0.01", paramLabel = "RATE", description = "learning rate (default: ${DEFAULT-VALUE})")
    String learningRate;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "NAME",
            description = "proof preset: test, default, chain, high, proven (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--warmup", description = "train and prove once before the measured run (JIT warm-up)")
    boolean warmup;

    @Option(names = "--json", description = "print one JSON object instead of a table row")
    boolean json;

    @Option(names = "--no-standardize", negatable = false, description = "train on the values as they are, as train --no-standardize does")
    boolean noStandardize;

    @Override
    public Integer call() {
        ProofOptions.preset(preset);
        if (rows < 1) {
            throw new UserError("--rows must be at least 1, got " + rows);
        }
        if (features < 1 || features > TrainingStatement.MAX_FEATURES) {
            throw new UserError("--features must be between 1 and " + TrainingStatement.MAX_FEATURES + ", got " + features);
        }
        List<Integer> hidden = hiddenOption == null ? List.of() : HiddenLayers.parse(hiddenOption);
        if (kind.hasHiddenLayers() == hidden.isEmpty()) {
            throw new UserError(kind.hasHiddenLayers() ? "--model " + kind.option() + " needs --hidden"
                    : "--hidden is for --model mlp");
        }
        int k = classes != null ? classes : kind.hasSoftmaxOutput() ? 3 : kind.isClassifier() ? 2 : 0;
        kind = kind.forTarget(k); // --model mlp --classes 0: the MLP of a numeric target
        if (!kind.accepts(k)) {
            throw new UserError("--classes: model " + kind.option() + " needs " + kind.accepted() + ", got " + k);
        }
        TrainingSpec spec;
        QuantizedDataset data;
        try {
            spec = TrainingSpec.of(learningRate, batch, epochs, features);
            if (kind.hasHiddenLayers() && !kind.isClassifier()) {
                data = new Quantizer().quantize(SyntheticDataset.generate(rows, features, SEED));
                spec = spec.forModel(kind, ClassLabels.NONE, hidden).withSeed(initSeed);
            } else if (kind.isClassifier()) {
                data = new Quantizer().quantize(SyntheticDataset.classification(rows, features, k, SEED));
                List<String> labels = new ArrayList<>();
                for (int c = 0; c < k; c++) {
                    labels.add(String.valueOf(c));
                }
                spec = spec.forModel(kind, ClassLabels.of(labels), hidden);
                if (kind.hasHiddenLayers()) {
                    spec = spec.withSeed(initSeed);
                }
            } else {
                data = new Quantizer().quantize(SyntheticDataset.generate(rows, features, SEED));
            }
        } catch (IllegalArgumentException | DataException e) {
            throw new UserError(e.getMessage());
        }
        TrainedModel trained;
        long peakMb;
        try {
            dev.comet.train.Standardization z = noStandardize ? dev.comet.train.Standardization.identity(features)
                    : dev.comet.train.Standardization.of(data, kind);
            ProofOptions options = ProofOptions.preset(preset);
            if (warmup) {
                Comet.train(data, spec, z, options, dev.comet.prover.ProverListener.NONE);
            }
            HeapPeak.reset();
            trained = Comet.train(data, spec, z, options, dev.comet.prover.ProverListener.NONE);
            peakMb = HeapPeak.megabytes();
        } catch (TrainingOverflowException | IllegalArgumentException e) {
            throw new UserError("synthetic data: " + e.getMessage());
        }
        byte[] proof = trained.proof();
        VerificationResult result = null;
        // The prover's garbage is not the verifier's: left in a heap of gigabytes, it made every
        // young collection during verification scan it (a 64-32-10 MLP verified in 195 ms after
        // its proof, 90 ms in a fresh process with the same options).
        System.gc();
        for (int i = 0; i < VERIFY_WARMUPS; i++) {
            Comet.verify(trained.statement(), proof, 0);
        }
        double[] times = new double[VERIFY_RUNS];
        for (int i = 0; i < VERIFY_RUNS; i++) {
            long t0 = System.nanoTime();
            result = Comet.verify(trained.statement(), proof, 0);
            times[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(times);
        double verifyMs = Math.round(times[VERIFY_RUNS / 2] * 1000) / 1000.0;
        // Native training under a millisecond has no meaningful ratio.
        Double ratio = trained.nativeMillis() == 0 ? null
                : Math.round(10.0 * trained.proveMillis() / trained.nativeMillis()) / 10.0;
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", kind.option());
            if (!hidden.isEmpty()) {
                out.put("hidden", hidden);
                out.put("weights", spec.network().weights());
            }
            out.put("rows", rows);
            out.put("features", features);
            out.put("epochs", epochs);
            out.put("batch", batch);
            out.put("preset", preset);
            out.put("native_ms", trained.nativeMillis());
            out.put("prove_ms", trained.proveMillis());
            out.put("verify_ms", verifyMs);
            out.put("proof_bytes", proof.length);
            out.put("security_bits", trained.security().bits());
            out.put("proven_security_bits", trained.security().proven().bits());
            out.put("peak_heap_mb", peakMb);
            out.put("verified", result.valid());
            if (trained.report() instanceof ClassifierReport r) {
                out.put("accuracy_fixed_point", r.fixedAccuracy());
                out.put("accuracy_float64_twin", r.floatAccuracy());
                out.put("accuracy_baseline", r.baselineAccuracy());
            }
            out.put("prove_native_ratio", ratio);
            out.put("pow_nonce", powNonce(proof));
            System.out.println(Json.write(out));
        } else {
            System.out.printf("%8s %8s %6s %5s %-8s %9s %9s %9s %11s %8s %7s %8s %9s%n", "rows", "features", "epochs",
                    "batch", "preset", "native_ms", "prove_ms", "verify_ms", "proof_bytes", "security", "heap_mb",
                    "verified", "prove/nat");
            System.out.printf(Locale.ROOT, "%8d %8d %6d %5d %-8s %9d %9d %9.2f %11d %8d %7d %8b %9s%n", rows, features,
                    epochs, batch, preset, trained.nativeMillis(), trained.proveMillis(), verifyMs, proof.length,
                    trained.security().bits(), peakMb, result.valid(), ratio == null ? "n/a" : ratio.toString());
        }
        return result.valid() ? CometCli.EXIT_OK : CometCli.EXIT_INVALID;
    }

    /** The grinding work of this statement: a geometric count of hashes that small proofs feel. */
    private static long powNonce(byte[] proof) {
        try {
            return dev.comet.proof.ProofCodec.decode(proof).powNonce();
        } catch (dev.comet.proof.MalformedProofException e) {
            throw new IllegalStateException("the prover's own proof does not decode", e);
        }
    }
}
