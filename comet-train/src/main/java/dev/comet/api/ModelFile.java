package dev.comet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.comet.data.Quantizer;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.SecurityReport;
import dev.comet.data.ClassLabels;
import dev.comet.train.ClassifierReport;
import dev.comet.train.DataMoments;
import dev.comet.train.LearningCurve;
import dev.comet.train.ModelKind;
import dev.comet.train.Network;
import dev.comet.train.SeededInit;
import dev.comet.train.TrainingReport;
import dev.comet.train.TrainingSpec;
import dev.comet.train.TrainingStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code model.json}: the trained model, the training spec, the dataset commitment and shape, and
 * the proof's file, digest, options and security, so that {@code comet verify model.json} needs
 * nothing else. Everything under {@code model}, {@code training} and {@code data} is part of the
 * proven statement; {@code report} is informational and not covered by the proof.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelFile(String format, Model model, Training training, Curve learningCurve, Data data, Proof proof,
                        Report report) {
    public static final String FORMAT = "comet-model/4";
    /** The format before classifiers, which had no {@code model.classes}; it is read the same way. */
    private static final String REGRESSION_FORMAT = "comet-model/3";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // An integer field holds an integer: 1.9 or "7" would otherwise be read as 1 or 7, a
            // statement the file does not show.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

    /**
     * The model: real-valued weights for reading, their exact fixed-point integers for verifying;
     * for a classifier, its classes in index order (absent for a regression). A model of one
     * output has {@code D} weights and a {@code bias}; softmax has {@code K D} weights, class by
     * class, and {@code K} {@code biases} instead; {@code weights_q} holds {@code D + 1} per output,
     * bias last. An MLP also has {@code hidden}, its hidden layers' widths; its {@code weights} are
     * every unit's input weights and its {@code biases} every unit's bias, layer by layer from the
     * input side, and {@code weights_q} holds each unit's block, bias last, in the same order.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(String kind, String target, List<String> classes, List<String> features, int fractionBits,
                        List<String> weights, String bias, List<String> biases, List<Long> weightsQ,
                        List<Integer> hidden) {}

    /**
     * The training spec. {@code init_seed}, when present, is the seed the initial weights come
     * from ({@code init_generator} names the generator): the statement is then refused unless
     * {@code initial_weights_q} are exactly that seed's weights.
     */
    public record Training(String loss, String optimizer, String order, String numericFormat, String learningRate,
                           long learningRateQ, int batchSize, int epochs, List<Long> initialWeightsQ, Long initSeed,
                           String initGenerator, Standardisation standardization) {}

    /**
     * Per column (the features, then the target) the offset and scale that training applied to
     * the committed values, {@code x' = floor((x - offset) scale / 2^16)}; offsets 0 and scales
     * 65536 when it applied none. The model's weights are over the standardised columns.
     */
    public record Standardisation(List<Long> offsetsQ, List<Long> scales) {}

    /**
     * The proven learning curve (see {@link LearningCurve}), per epoch: {@code loss_sums}, the sum
     * of squared scaled errors as a field element, and for a classifier {@code correct}, the rows
     * classified correctly while training. Absent in files whose proof exposes none.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Curve(List<Long> lossSums, List<Long> correct) {}

    /**
     * The published dataset commitment (hex), the shape it binds, and the root of the committed
     * table that the proof reads; the commitment is a digest of the root, shape and names.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(String commitment, String tableRoot, int rows, int features, String scheme, Moments moments) {}

    /**
     * The data's moments per column (features, then target), which the proof binds to the
     * committed values and from which the standardisation must follow ({@link DataMoments}):
     * sums of {@code u = v + 2^31} and of the squares and product of its 16-bit limbs. Absent in
     * files whose proof does not tie the standardisation to the data.
     */
    public record Moments(List<Long> sums, List<Long> lowSquares, List<Long> lowHigh, List<Long> highSquares) {}

    public record Proof(String file, String sha256, long bytes, String preset, int securityBits, String securityFormula,
                        Options options) {}

    public record Options(int blowup, int queries, int dataQueries, int grindingBits, int extensionDegree,
                          int foldingFactor, int remainderSize, String hash) {}

    /**
     * Not proven: how the fixed-point model compares with float64 baselines, and timings. A
     * regression has the {@code mse_} fields and least-squares weights; a classifier has training
     * accuracies, mean log-losses and the baseline logistic regression's weights.
     */
    public record Report(Double mseFixedPoint, Double mseFloat64Twin, Double mseLeastSquares,
                         Double accuracyFixedPoint, Double accuracyFloat64Twin, Double accuracyBaseline,
                         Double logLossFixedPoint, Double logLossFloat64Twin, Double logLossBaseline,
                         Double maxWeightGapToFloat64, List<Double> float64Weights, List<Double> leastSquaresWeights,
                         List<Double> baselineWeights, long nativeTrainingMs, long provingMs) {}

    public static final String SCHEME = dev.comet.train.DatasetCommitment.SCHEME;

    public static ModelFile of(TrainedModel trained, String proofFileName) {
        TrainingStatement st = trained.statement();
        Quantizer q = new Quantizer();
        long[] w = st.finalWeights();
        List<String> weights = new ArrayList<>();
        List<String> biases = new ArrayList<>();
        Network net = st.network();
        for (int l = 0; l < net.layers(); l++) {
            for (int u = 0; u < net.units(l); u++) {
                for (int j = 0; j < net.inputs(l); j++) {
                    weights.add(q.toDecimal(w[net.weight(l, u, j)]).toPlainString());
                }
                biases.add(q.toDecimal(w[net.weight(l, u, net.inputs(l))]).toPlainString());
            }
        }
        boolean one = biases.size() == 1;
        Model model = new Model(st.model().modelName(), st.targetName(),
                st.model().isClassifier() ? st.classes().labels() : null, st.featureNames(), st.fractionBits(), weights,
                one ? biases.get(0) : null, one ? null : biases, boxed(w), st.hidden().isEmpty() ? null : st.hidden());
        Training training = new Training(st.model().loss(), TrainingSpec.OPTIMIZER, TrainingSpec.ORDER,
                TrainingSpec.NUMERIC_FORMAT, trained.spec().learningRate(), st.learningRateQ(), st.batchSize(),
                st.epochs(), boxed(st.initialWeights()), st.initSeed(),
                st.initSeed() == null ? null : SeededInit.GENERATOR, new Standardisation(boxed(st.standardization().offsets()),
                        boxed(st.standardization().scales())));
        DataMoments m = st.moments();
        Moments moments = m.isEmpty() ? null
                : new Moments(boxed(m.sums()), boxed(m.lowSquares()), boxed(m.lowHigh()), boxed(m.highSquares()));
        Data data = new Data(HexFormat.of().formatHex(st.datasetDigest()), HexFormat.of().formatHex(st.datasetRoot()),
                st.rows(), st.features(), SCHEME, moments);
        ProofOptions o = trained.options();
        SecurityReport security = trained.security();
        Proof proof = new Proof(proofFileName, ProofCodec.digestHex(trained.proof()), trained.proof().length,
                trained.preset(), security.bits(), SecurityReport.CONJECTURED_FORMULA,
                new Options(o.blowup(), o.numQueries(), o.dataQueries(), o.grindingBits(), o.extensionDegree(),
                        o.foldingFactor(), o.remainderSize(), o.hash().name()));
        LearningCurve c = st.curve();
        Curve curve = c.isEmpty() ? null : new Curve(boxed(c.lossSums()), c.hasAccuracy() ? boxed(c.correct()) : null);
        return new ModelFile(FORMAT, model, training, curve, data, proof, report(trained));
    }

    private static Report report(TrainedModel trained) {
        return switch (trained.report()) {
            case TrainingReport r -> new Report(r.fixedMse(), r.floatMse(), r.leastSquaresMse(), null, null, null, null,
                    null, null, r.maxWeightGap(), boxed(r.floatWeights()), boxed(r.leastSquaresWeights()), null,
                    trained.nativeMillis(), trained.proveMillis());
            case ClassifierReport r -> new Report(null, null, null, r.fixedAccuracy(), r.floatAccuracy(),
                    r.baselineAccuracy(), r.fixedLogLoss(), r.floatLogLoss(), r.baselineLogLoss(), r.maxWeightGap(),
                    boxed(r.floatWeights()), null, boxed(r.baselineWeights()), trained.nativeMillis(), trained.proveMillis());
        };
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    public byte[] toJson() {
        try {
            return (JSON.writeValueAsString(this) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ModelFile read(Path file) throws ModelFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file");
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new ModelFileException(file + ": empty file");
        }
        ModelFile m;
        try {
            m = JSON.readValue(bytes, ModelFile.class);
        } catch (JsonMappingException e) {
            throw new ModelFileException(file + ": " + location(e) + fieldPath(e) + oneLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file + ": " + location(e) + "not valid JSON: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + oneLine(e.getMessage()));
        }
        if (m == null) {
            throw new ModelFileException(file + ": not a Comet model file");
        }
        m.requireFields(file);
        return m;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "" : "field '" + sb + "': ";
    }

    private static String oneLine(String s) {
        String line = s == null ? "" : s.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }

    private void requireFields(Path file) throws ModelFileException {
        require(file, format, "format");
        if (!FORMAT.equals(format) && !REGRESSION_FORMAT.equals(format)) {
            throw new ModelFileException(file + ": field 'format' is '" + format + "', expected '" + FORMAT + "'");
        }
        require(file, model, "model");
        require(file, training, "training");
        require(file, data, "data");
        require(file, proof, "proof");
        require(file, model.kind(), "model.kind");
        require(file, model.target(), "model.target");
        require(file, model.features(), "model.features");
        require(file, model.weights(), "model.weights");
        if (model.biases() == null) {
            require(file, model.bias(), "model.bias");
        } else {
            requireElements(file, model.biases(), "model.biases");
        }
        require(file, model.weightsQ(), "model.weights_q");
        require(file, training.learningRate(), "training.learning_rate");
        require(file, training.initialWeightsQ(), "training.initial_weights_q");
        require(file, training.standardization(), "training.standardization");
        require(file, training.standardization().offsetsQ(), "training.standardization.offsets_q");
        require(file, training.standardization().scales(), "training.standardization.scales");
        requireElements(file, training.standardization().offsetsQ(), "training.standardization.offsets_q");
        requireElements(file, training.standardization().scales(), "training.standardization.scales");
        require(file, data.commitment(), "data.commitment");
        require(file, data.tableRoot(), "data.table_root");
        require(file, proof.file(), "proof.file");
        requireElements(file, model.features(), "model.features");
        requireElements(file, model.weights(), "model.weights");
        requireElements(file, model.weightsQ(), "model.weights_q");
        requireElements(file, training.initialWeightsQ(), "training.initial_weights_q");
        require(file, proof.sha256(), "proof.sha256");
        // Claims about the proof, which verification compares with it (ProofClaims).
        require(file, proof.preset(), "proof.preset");
        require(file, proof.securityFormula(), "proof.security_formula");
        require(file, proof.options(), "proof.options");
        require(file, proof.options().hash(), "proof.options.hash");
        require(file, data.scheme(), "data.scheme");
        // Optional sections: when present, every list and every element.
        if (model.classes() != null) {
            requireElements(file, model.classes(), "model.classes");
        }
        if (model.hidden() != null) {
            requireElements(file, model.hidden(), "model.hidden");
        }
        if (learningCurve != null) {
            require(file, learningCurve.lossSums(), "learning_curve.loss_sums");
            requireElements(file, learningCurve.lossSums(), "learning_curve.loss_sums");
            if (learningCurve.correct() != null) {
                requireElements(file, learningCurve.correct(), "learning_curve.correct");
            }
        }
        if (data.moments() != null) {
            Moments m = data.moments();
            List<List<Long>> parts = java.util.Arrays.asList(m.sums(), m.lowSquares(), m.lowHigh(), m.highSquares());
            for (int k = 0; k < parts.size(); k++) {
                require(file, parts.get(k), "data.moments." + MOMENT_NAMES[k]);
                requireElements(file, parts.get(k), "data.moments." + MOMENT_NAMES[k]);
            }
        }
    }

    /** The fields of {@link Moments}, in order. */
    private static final String[] MOMENT_NAMES = {"sums", "low_squares", "low_high", "high_squares"};

    private static void requireElements(Path file, List<?> values, String name) throws ModelFileException {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new ModelFileException(file + ": field '" + name + "[" + i + "]' is null");
            }
        }
    }

    private static void require(Path file, Object value, String name) throws ModelFileException {
        if (value == null) {
            throw new ModelFileException(file + ": missing field '" + name + "'");
        }
    }

    /**
     * The statement this file claims. Checks that the readable fields agree with the exact ones
     * (a weight edited in one place but not the other is a different claim, hence invalid).
     *
     * @throws ModelFileException naming the inconsistent field
     */
    public TrainingStatement statement() throws ModelFileException {
        ModelKind kind = ModelKind.byModelName(model.kind()).orElseThrow(() -> new ModelFileException("model.kind '"
                + model.kind() + "' is not supported (expected linear-regression, logistic-regression, softmax-regression,"
                + " multilayer-perceptron or multilayer-perceptron-regression)"));
        checkConstant("training.loss", training.loss(), kind.loss());
        if (kind.isClassifier() != (model.classes() != null)) {
            throw new ModelFileException(kind.isClassifier() ? "missing field 'model.classes' of a classifier"
                    : "field 'model.classes' is for classifiers, not " + kind.modelName());
        }
        if (kind.isClassifier() && !FORMAT.equals(format)) {
            throw new ModelFileException("format '" + format + "' has no classifiers; a " + kind.modelName()
                    + " needs '" + FORMAT + "'");
        }
        ClassLabels classes = model.classes() == null ? ClassLabels.NONE : classLabels(model.classes());
        LearningCurve curve = curve();
        checkConstant("training.optimizer", training.optimizer(), TrainingSpec.OPTIMIZER);
        checkConstant("training.order", training.order(), TrainingSpec.ORDER);
        checkConstant("training.numeric_format", training.numericFormat(), TrainingSpec.NUMERIC_FORMAT);
        int d = model.features().size();
        int outputs = kind.accepts(classes.count()) ? kind.outputs(classes.count()) : 1;
        if (kind.hasHiddenLayers() != (model.hidden() != null)) {
            throw new ModelFileException(kind.hasHiddenLayers() ? "missing field 'model.hidden' of a " + kind.modelName()
                    : "field 'model.hidden' is for multilayer perceptrons, not " + kind.modelName());
        }
        List<Integer> hidden = model.hidden() == null ? List.of() : model.hidden();
        Network net;
        try {
            net = new Network(Math.min(Math.max(1, d), Network.MAX_FAN_IN), hidden, outputs); // the statement checks d
        } catch (IllegalArgumentException e) {
            throw new ModelFileException("model.hidden: " + e.getMessage());
        }
        int units = net.hiddenUnits() + outputs;
        if (units == 1 ? model.bias() == null || model.biases() != null : model.biases() == null || model.bias() != null) {
            throw new ModelFileException("a " + kind.modelName() + (units == 1 ? " has one 'model.bias' and no 'model.biases'"
                    : hidden.isEmpty() ? " has 'model.biases', one per class, and no 'model.bias'"
                    : " has 'model.biases', one per unit, and no 'model.bias'"));
        }
        List<String> biases = units == 1 ? List.of(model.bias()) : model.biases();
        if (model.weightsQ().size() != net.weights() || model.weights().size() != net.weights() - units
                || biases.size() != units) {
            throw new ModelFileException("model has " + d + " features" + (outputs == 1 ? "" : " and " + outputs + " classes")
                    + (hidden.isEmpty() ? "" : " in a " + net.describe() + " network") + " but " + model.weights().size()
                    + " weights, " + biases.size() + " biases and " + model.weightsQ().size() + " exact weights (bias last)");
        }
        Quantizer q = new Quantizer();
        int shownWeight = 0;
        int shownBias = 0;
        for (int i = 0; i < net.weights(); i++) {
            int l = 0;
            while (i >= net.offset(l + 1)) {
                l++;
            }
            boolean isBias = (i - net.offset(l)) % net.width(l) == net.inputs(l);
            String shown = isBias ? biases.get(shownBias) : model.weights().get(shownWeight);
            String field = !isBias ? "model.weights[" + shownWeight + "]" : units == 1 ? "model.bias"
                    : "model.biases[" + shownBias + "]";
            if (isBias) {
                shownBias++;
            } else {
                shownWeight++;
            }
            java.math.BigDecimal exact = q.toDecimal(model.weightsQ().get(i));
            try {
                if (new java.math.BigDecimal(shown).compareTo(exact) != 0) {
                    throw new ModelFileException(field + " = " + shown + " does not match model.weights_q[" + i + "] = "
                            + exact.toPlainString());
                }
            } catch (NumberFormatException e) {
                throw new ModelFileException(field + " is not a number: '" + shown + "'");
            }
        }
        try {
            long expectedLr = TrainingSpec.quantizeLearningRate(training.learningRate());
            if (expectedLr != training.learningRateQ()) {
                throw new ModelFileException("training.learning_rate " + training.learningRate()
                        + " does not match training.learning_rate_q " + training.learningRateQ());
            }
            byte[] root = hex("data.table_root", data.tableRoot());
            if (data.features() != d) {
                throw new ModelFileException("data.features is " + data.features() + " but the model has " + d + " features");
            }
            Standardisation st = training.standardization();
            if (st.offsetsQ().size() != d + 1 || st.scales().size() != d + 1) {
                throw new ModelFileException("training.standardization needs " + (d + 1) + " offsets and scales"
                        + " (the features, then the target), got " + st.offsetsQ().size() + " and " + st.scales().size());
            }
            TrainingStatement statement = new TrainingStatement(root, data.rows(), d, model.fractionBits(), model.features(),
                    model.target(), kind, classes, new dev.comet.train.Standardization(unboxed(st.offsetsQ()), unboxed(st.scales())),
                    training.learningRateQ(), training.batchSize(), training.epochs(),
                    unboxed(training.initialWeightsQ()), unboxed(model.weightsQ()), curve, initSeed(), moments(), hidden);
            String digest = HexFormat.of().formatHex(statement.datasetDigest());
            if (!digest.equalsIgnoreCase(data.commitment())) {
                throw new ModelFileException("data.commitment " + data.commitment() + " is not the commitment of the stated "
                        + "table, shape and column names (" + digest + ")");
            }
            return statement;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(e.getMessage());
        }
    }

    private DataMoments moments() throws ModelFileException {
        Moments m = data.moments();
        if (m == null) {
            return DataMoments.NONE;
        }
        List<List<Long>> parts = List.of(m.sums(), m.lowSquares(), m.lowHigh(), m.highSquares()); // read checked them
        long[][] values = new long[4][];
        for (int k = 0; k < 4; k++) {
            if (parts.get(k).size() != data.features() + 1) {
                throw new ModelFileException("data.moments." + MOMENT_NAMES[k] + " needs " + (data.features() + 1)
                        + " entries (the features, then the target), has " + parts.get(k).size());
            }
            values[k] = unboxed(parts.get(k));
        }
        try {
            return new DataMoments(data.rows(), values[0], values[1], values[2], values[3]);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException("data.moments: " + e.getMessage());
        }
    }

    private Long initSeed() throws ModelFileException {
        if ((training.initSeed() == null) != (training.initGenerator() == null)) {
            throw new ModelFileException("training.init_seed and training.init_generator come together");
        }
        if (training.initSeed() != null && !SeededInit.GENERATOR.equals(training.initGenerator())) {
            throw new ModelFileException("training.init_generator '" + training.initGenerator() + "' is not supported"
                    + " (expected '" + SeededInit.GENERATOR + "')");
        }
        return training.initSeed();
    }

    private LearningCurve curve() throws ModelFileException {
        if (learningCurve == null) {
            return LearningCurve.NONE;
        }
        List<Long> correct = learningCurve.correct() == null ? List.of() : learningCurve.correct();
        if (learningCurve.lossSums().isEmpty()) {
            throw new ModelFileException("learning_curve.loss_sums is empty");
        }
        try {
            return new LearningCurve(unboxed(learningCurve.lossSums()), unboxed(correct));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException("learning_curve: " + e.getMessage());
        }
    }

    private static ClassLabels classLabels(List<String> labels) throws ModelFileException {
        try {
            return new ClassLabels(labels);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException("model.classes: " + e.getMessage());
        }
    }

    private static byte[] hex(String field, String value) throws ModelFileException {
        try {
            byte[] bytes = HexFormat.of().parseHex(value);
            if (bytes.length != 32) {
                throw new ModelFileException(field + " must be 32 bytes (64 hex digits), has " + bytes.length);
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(field + " is not hexadecimal: '" + value + "'");
        }
    }

    private static void checkConstant(String field, String value, String expected) throws ModelFileException {
        if (!expected.equals(value)) {
            throw new ModelFileException(field + " '" + value + "' is not supported (expected '" + expected + "')");
        }
    }

    private static long[] unboxed(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
