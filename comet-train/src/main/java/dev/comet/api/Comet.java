package dev.comet.api;

import dev.comet.air.TraceTable;
import dev.comet.data.ClassLabels;
import dev.comet.data.CsvDataset;
import dev.comet.data.DataException;
import dev.comet.data.QuantizedDataset;
import dev.comet.data.Quantizer;
import dev.comet.merkle.MerkleTree;
import dev.comet.proof.AirShape;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.SecurityReport;
import dev.comet.prover.ProverListener;
import dev.comet.prover.ProverSettings;
import dev.comet.prover.StarkProver;
import dev.comet.train.DataMoments;
import dev.comet.train.DatasetCommitment;
import dev.comet.train.FixedPointTrainer;
import dev.comet.train.LearningCurve;
import dev.comet.train.TrainingAir;
import dev.comet.train.TrainingOverflowException;
import dev.comet.train.ModelReport;
import dev.comet.train.TrainingResult;
import dev.comet.train.TrainingSpec;
import dev.comet.train.TrainingStatement;
import dev.comet.train.TrainingTrace;
import dev.comet.train.Standardization;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import dev.comet.verifier.VerifierPolicy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Comet in a few calls, the same ones the {@code comet} command makes:
 * <pre>{@code
 * QuantizedDataset data = Comet.load(Path.of("data/cars.csv"), "mpg", List.of());
 * TrainedModel model = Comet.train(data, TrainingSpec.of("0.01", 32, 20, data.numFeatures()), "default");
 * VerificationResult result = Comet.verify(model.statement(), model.proof());
 * }</pre>
 */
public final class Comet {
    /** What a model file calls options that are no named preset. */
    public static final String CUSTOM_OPTIONS = "custom";

    private Comet() {}

    /** Reads a CSV with a header and quantises it (F = 16). */
    public static QuantizedDataset load(Path csv, String target, List<String> features) throws DataException {
        return new Quantizer().quantize(CsvDataset.read(csv, target, features));
    }

    /** A quantised dataset whose target holds class indices, and the classes they index. */
    public record ClassifiedData(QuantizedDataset data, ClassLabels classes) {}

    /** Reads a CSV whose target column holds class labels (see {@link ClassLabels}) and quantises it. */
    public static ClassifiedData loadClassified(Path csv, String target, List<String> features) throws DataException {
        CsvDataset.Classified read = CsvDataset.readClassified(csv, target, features);
        return new ClassifiedData(new Quantizer().quantize(read.data()), read.classes());
    }

    /**
     * Reads the CSV a statement's run was trained on as that run read it: its target and
     * features, a class target mapped by the statement's classes. Its {@link #commit} is then
     * the statement's commitment exactly when the file holds the committed data.
     */
    public static QuantizedDataset loadAs(TrainingStatement statement, Path csv) throws DataException {
        if (!statement.model().isClassifier()) {
            return load(csv, statement.targetName(), statement.featureNames());
        }
        return new Quantizer().quantize(CsvDataset.readClassified(csv, statement.targetName(), statement.featureNames(),
                statement.classes()).data());
    }

    /** The dataset commitment: depends on the quantised data alone. */
    public static DatasetCommitment commit(QuantizedDataset data) {
        return DatasetCommitment.commit(data);
    }

    public static TrainedModel train(QuantizedDataset data, TrainingSpec spec, String preset)
            throws TrainingOverflowException {
        return train(data, spec, preset, ProverListener.NONE);
    }

    /** As {@link #train(QuantizedDataset, TrainingSpec, String)} on the data standardised by {@code standardization}. */
    public static TrainedModel train(QuantizedDataset data, TrainingSpec spec, Standardization standardization,
                                     String preset) throws TrainingOverflowException {
        return train(data, spec, standardization, ProofOptions.preset(preset), ProverListener.NONE);
    }

    /**
     * Trains with the native fixed-point trainer (reporting any overflow before proving), then
     * proves the whole run against the dataset commitment.
     */
    public static TrainedModel train(QuantizedDataset data, TrainingSpec spec, String preset, ProverListener listener)
            throws TrainingOverflowException {
        return train(data, spec, ProofOptions.preset(preset), listener);
    }

    /**
     * As {@link #train(QuantizedDataset, TrainingSpec, String, ProverListener)} with any options;
     * the model file then names the preset they are, or {@code custom}. Options below the
     * verifier's default minimum are refused before any work, except the {@code test} preset.
     */
    public static TrainedModel train(QuantizedDataset data, TrainingSpec spec, ProofOptions options,
                                     ProverListener listener) throws TrainingOverflowException {
        return train(data, spec, Standardization.identity(data.numFeatures()), options, listener);
    }

    /**
     * As {@link #train(QuantizedDataset, TrainingSpec, ProofOptions, ProverListener)}, training on
     * the committed values standardised by {@code standardization} (for example
     * {@link Standardization#of} the data, which the command line uses by default); the proof
     * applies it to the committed raw values, and the statement records it.
     *
     * @throws IllegalArgumentException also when a standardised value leaves {@code (-2^15, 2^15)}
     */
    public static TrainedModel train(QuantizedDataset data, TrainingSpec spec, Standardization standardization,
                                     ProofOptions options, ProverListener listener) throws TrainingOverflowException {
        String preset = options.presetName().orElse(CUSTOM_OPTIONS);
        int logLength = TrainingAir.logTraceLength(data.rows(), spec.epochs());
        if (logLength + options.logBlowup() > MerkleTree.MAX_DEPTH) {
            throw new IllegalArgumentException("run of " + data.rows() + " rows x " + spec.epochs() + " epochs needs 2^"
                    + logLength + " trace rows; with blowup " + options.blowup() + " at most 2^"
                    + (MerkleTree.MAX_DEPTH - options.logBlowup()) + " can be proven");
        }
        TrainingStatement draft = draftStatement(data, spec, standardization);
        requireHeap(draft, options, Runtime.getRuntime().maxMemory());
        SecurityReport security = security(draft, options);
        if (!preset.equals("test") && security.bits() < StarkVerifier.DEFAULT_MINIMUM_BITS) {
            throw new IllegalArgumentException("the " + preset + " options give only " + security.bits()
                    + " bits of conjectured security for this run (" + security.conjectured().weakest().name()
                    + " term); use --preset high");
        }
        QuantizedDataset standardised = standardization.apply(data);
        long t0 = System.nanoTime();
        TrainingResult trained = FixedPointTrainer.train(standardised, spec);
        long nativeMillis = (System.nanoTime() - t0) / 1_000_000;
        ModelReport report = ModelReport.of(data, standardization, spec, trained.weights());

        long t1 = System.nanoTime();
        DatasetCommitment commitment = DatasetCommitment.commit(data);
        TrainingStatement statement = statement(commitment.root(), data, spec, standardization, trained.weights(),
                trained.curve());
        StarkProver prover = new StarkProver(options, ProverSettings.defaults().withListener(collectingLarge(listener)));
        TrainingAir air = TrainingAir.forProver(statement, commitment);
        // No local holds the traces, so the prover can let them go once it has extended them.
        byte[] proof = ProofCodec.encode(prover.prove(air.tables(), checkedTraces(statement, commitment, data, trained),
                TrainingAir.segments(commitment.segment())));
        long proveMillis = (System.nanoTime() - t1) / 1_000_000;
        return new TrainedModel(statement, spec, proof, options, preset, security, report, nativeMillis, proveMillis);
    }

    /** Traces from this size on are worth a collection once the prover lets them go. */
    private static final long COLLECT_BYTES = 256L << 20;

    /**
     * {@code listener}, plus a full collection when the prover releases large traces: they are
     * dead by then (nothing here holds them), and collecting at that point measured 0.2 s on a
     * 2^20-row proof while cutting its peak heap from 4.4 to 3.6 GB, since otherwise the old
     * generation grows around them instead of reusing their memory.
     */
    private static ProverListener collectingLarge(ProverListener listener) {
        return new ProverListener() {
            @Override
            public void phaseStarted(String phase, int totalSteps) {
                listener.phaseStarted(phase, totalSteps);
            }

            @Override
            public void step(String phase) {
                listener.step(phase);
            }

            @Override
            public void phaseFinished(String phase) {
                listener.phaseFinished(phase);
            }

            @Override
            public void tracesReleased(long bytes) {
                listener.tracesReleased(bytes);
                if (bytes >= COLLECT_BYTES) {
                    System.gc();
                }
            }
        };
    }

    /**
     * The trace is the spec's second implementation; its final weights must be the trainer's, and
     * its learning curve the statement's (the trainer's, or none for runs too long to state one).
     */
    private static List<TraceTable> checkedTraces(TrainingStatement statement, DatasetCommitment commitment,
                                                  QuantizedDataset data, TrainingResult trained) {
        TrainingTrace.Result run = TrainingTrace.build(statement, commitment, data);
        if (!Arrays.equals(run.finalWeights(), trained.weights()) || !run.curve().equals(statement.curve())) {
            throw new IllegalStateException("trace and native trainer disagree; this is a bug in Comet");
        }
        return run.traces();
    }

    /**
     * Heap the prover needs per cell of the training table's main trace: measured 46 to 55 bytes
     * on the wide tables (MLPs of 610 to 2,410 weights, softmax regression of 650; their peak heap
     * over main columns times rows), which dominate; the other tables are small beside them.
     */
    private static final long HEAP_BYTES_PER_CELL = 56;

    /**
     * Refuses, before any work, a run whose proof needs more heap than this JVM may take: such a
     * run would end in an out-of-memory error after minutes of proving.
     */
    static void requireHeap(TrainingStatement draft, ProofOptions options, long available) {
        dev.comet.air.TraceInfo t = TrainingAir.forVerifier(draft).traceInfo();
        long cells = (long) t.mainWidth() * t.length() * options.blowup() / 4; // measured at the default blowup 4
        long needed = cells * HEAP_BYTES_PER_CELL;
        if (needed > available) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "proving this run needs about %.1f GB"
                    + " of heap (%,d trace columns x %,d rows) and this JVM may use %.1f GB; give it more"
                    + " (COMET_JAVA_OPTS=-Xmx...) or train a smaller model", needed / 1e9, t.mainWidth(), t.length(),
                    available / 1e9));
        }
    }

    /** The security figures that {@code options} give for proofs of {@code statement}'s run. */
    public static SecurityReport security(TrainingStatement statement, ProofOptions options) {
        return SecurityReport.of(options, AirShape.of(TrainingAir.forVerifier(statement).tables()));
    }

    /** A statement of the run's shape; its weights and dataset root do not move any security figure. */
    private static TrainingStatement draftStatement(QuantizedDataset data, TrainingSpec spec,
                                                    Standardization standardization) {
        return statement(new byte[32], data, spec, standardization, spec.initialWeights(),
                LearningCurve.zeros(spec.epochs(), data.rows(), spec.model().isClassifier()));
    }

    /** The statement of {@code spec} on {@code data}, ending at {@code finalWeights} with {@code curve} (none above 2^23 rows). */
    private static TrainingStatement statement(byte[] root, QuantizedDataset data, TrainingSpec spec,
                                               Standardization standardization, long[] finalWeights, LearningCurve curve) {
        return new TrainingStatement(root, data.rows(), data.numFeatures(), data.fractionBits(), data.featureNames(),
                data.targetName(), spec.model(), spec.classes(), standardization, spec.learningRateQ(), spec.batchSize(),
                spec.epochs(), spec.initialWeights(), finalWeights, data.rows() > LearningCurve.MAX_ROWS ? LearningCurve.NONE
                : curve, spec.initSeed(), DataMoments.of(data), spec.hidden());
    }

    /** Verifies a proof of a training statement, requiring the default 100 bits. */
    public static VerificationResult verify(TrainingStatement statement, byte[] proof) {
        return verify(statement, proof, StarkVerifier.DEFAULT_MINIMUM_BITS);
    }

    public static VerificationResult verify(TrainingStatement statement, byte[] proof, int minimumBits) {
        return verify(statement, proof, VerifierPolicy.defaults().withMinimumBits(minimumBits));
    }

    /** Verifies under {@code policy}: a minimum security and which proof options are acceptable. */
    public static VerificationResult verify(TrainingStatement statement, byte[] proof, VerifierPolicy policy) {
        return new StarkVerifier(policy).verify(TrainingAir.forVerifier(statement).tables(), proof);
    }

    /**
     * Verifies a model file with its proof: the statement the file states, every claim it makes
     * about the proof ({@link ProofClaims}: digest, size, options, preset, security), and the
     * proof. Read the proof with {@link ProofFile}.
     */
    public static VerificationResult verify(ModelFile model, byte[] proof, VerifierPolicy policy) {
        TrainingStatement statement;
        try {
            statement = model.statement();
        } catch (ModelFileException e) {
            return new VerificationResult(false, e.getMessage(), null);
        }
        Optional<String> contradiction = ProofClaims.contradiction(model, statement, proof);
        if (contradiction.isPresent()) {
            return new VerificationResult(false, contradiction.get(), null);
        }
        return verify(statement, proof, policy);
    }
}
