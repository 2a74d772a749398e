package dev.comet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.comet.air.TraceInfo;
import dev.comet.api.Comet;
import dev.comet.api.ModelFile;
import dev.comet.api.ProofClaims;
import dev.comet.api.ProofFile;
import dev.comet.data.Quantizer;
import dev.comet.proof.MalformedProofException;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.SecurityReport;
import dev.comet.proof.StarkProof;
import dev.comet.train.LearningCurve;
import dev.comet.train.TrainingStatement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code comet inspect}: what a model file claims and what its proof file holds, without verifying
 * anything. The proof's options, security and trace shape are read from the proof file itself.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show the statement in MODEL.json, the shape of its proof and the (unproven) report. Verifies nothing.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.json")
    Path modelFile;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        ModelFile model = ModelFiles.read(modelFile);
        ProofFile read = ModelFiles.proof(modelFile, model);
        Path proofFile = read.path();
        byte[] bytes = read.bytes();
        StarkProof proof;
        try {
            proof = ProofCodec.decode(bytes);
        } catch (MalformedProofException e) {
            throw new UserError(proofFile + ": " + e.getMessage());
        }
        String sha256 = ProofCodec.digestHex(bytes);
        if (json) {
            JsonNode file = Json.read(model.toJson()); // the model file's own field names
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model_file", modelFile.toString());
            out.put("format", model.format());
            out.put("model", file.get("model"));
            out.put("training", file.get("training"));
            out.put("data", file.get("data"));
            out.put("learning_curve", curveJson(ModelFiles.statement(modelFile, model)));
            out.put("proof", proofJson(model, proofFile, bytes.length, sha256, proof));
            out.put("report", file.get("report"));
            out.put("report_proven", false);
            System.out.println(Json.write(out));
        } else {
            printStatement(model);
            printCurve(ModelFiles.statement(modelFile, model));
            printProof(model, proofFile, bytes.length, sha256, proof);
            printReport(model.report());
        }
        return CometCli.EXIT_OK;
    }

    /** Per epoch, the proven values and what they mean (null when the proof exposes no curve). */
    private static Map<String, Object> curveJson(TrainingStatement st) {
        LearningCurve c = st.curve();
        if (c.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bound_by_proof", true); // part of the statement: checked by 'comet verify', not here
        out.put("loss_sums", c.lossSums());
        out.put("mse", IntStream.range(0, c.epochs()).mapToObj(e -> curveMse(st, e)).toList());
        out.put("mse_meaning", curveMseMeaning(st));
        if (c.hasAccuracy()) {
            out.put("correct", c.correct());
            out.put("accuracy", IntStream.range(0, c.epochs()).mapToObj(e -> c.accuracy(e, st.rows())).toList());
        }
        return out;
    }

    /** Epoch {@code e}'s mean squared error: raw target units for a regression, the Brier score for a classifier. */
    private static double curveMse(TrainingStatement st, int e) {
        double mse = st.curve().meanSquaredError(e, st.rows(), st.learningRateQ());
        if (st.model().isClassifier()) {
            return mse;
        }
        double spread = st.standardization().realSpread(st.features());
        return mse * spread * spread;
    }

    private static String curveMseMeaning(TrainingStatement st) {
        return st.outputs() > 1 ? "Brier score: mean over rows of sum_k (p_k - [y = k])^2, the predicted probabilities, while"
                + " training" : st.model().isClassifier() ? "Brier score: mean (p - y)^2 of the predicted probability, while training"
                : "mean squared error in the target's units, while training (each row with its batch's weights)";
    }

    private static final int CHART_ROWS = 24;
    private static final int BAR_WIDTH = 30;

    /** The proven learning curve as a small chart: bars of the mean squared error, and the accuracy. */
    private static void printCurve(TrainingStatement st) {
        LearningCurve c = st.curve();
        System.out.println("learning curve (part of the statement: bound by the proof when 'comet verify' accepts it)");
        if (c.isEmpty()) {
            row("learning curve", "none (this proof predates proven learning curves)");
            return;
        }
        row("mse", curveMseMeaning(st));
        double top = IntStream.range(0, c.epochs()).mapToDouble(e -> curveMse(st, e)).max().orElse(0);
        int step = Math.max(1, (c.epochs() + CHART_ROWS - 1) / CHART_ROWS);
        for (int e = 0; e < c.epochs(); e += step) {
            printCurveRow(st, e, top);
        }
        if ((c.epochs() - 1) % step != 0) {
            printCurveRow(st, c.epochs() - 1, top);
        }
    }

    private static void printCurveRow(TrainingStatement st, int e, double top) {
        double mse = curveMse(st, e);
        int bar = top <= 0 ? 0 : (int) Math.round(BAR_WIDTH * mse / top);
        String accuracy = st.curve().hasAccuracy()
                ? String.format(Locale.ROOT, "  accuracy %6.2f%%", 100 * st.curve().accuracy(e, st.rows())) : "";
        String line = String.format(Locale.ROOT, "    epoch %4d  mse %-12.6g %-" + BAR_WIDTH + "s%s", e + 1, mse,
                "#".repeat(bar), accuracy);
        System.out.println(line.stripTrailing());
    }

    private Map<String, Object> proofJson(ModelFile model, Path file, int bytes, String sha256, StarkProof proof) {
        ProofOptions o = proof.options();
        SecurityReport s = security(model, o);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.toString());
        out.put("bytes", bytes);
        out.put("sha256", sha256);
        out.put("sha256_matches_model", sha256.equals(model.proof().sha256()));
        out.put("preset", ProofClaims.presetName(o));
        out.put("preset_in_model", model.proof().preset());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("blowup", o.blowup());
        options.put("queries", o.numQueries());
        options.put("data_queries", o.dataQueries());
        options.put("grinding_bits", o.grindingBits());
        options.put("extension_degree", o.extensionDegree());
        options.put("folding_factor", o.foldingFactor());
        options.put("remainder_size", o.remainderSize());
        options.put("hash", o.hash().name());
        out.put("options", options);
        out.put("security_bits", s.bits());
        out.put("security_bits_in_model", model.proof().securityBits());
        out.put("security_formula", SecurityReport.CONJECTURED_FORMULA);
        out.put("security", SecurityJson.of(s));
        List<Map<String, Object>> tables = new ArrayList<>();
        for (StarkProof.TableProof table : proof.tables()) {
            TraceInfo t = table.traceInfo();
            Map<String, Object> shape = new LinkedHashMap<>();
            shape.put("log_trace_length", t.logLength());
            shape.put("trace_rows", t.length());
            shape.put("main_width", t.mainWidth());
            shape.put("aux_width", t.auxWidth());
            shape.put("data_width", t.precommittedWidth());
            shape.put("log_data_rows", t.logPrecommittedHeight());
            shape.put("composition_columns", table.numCompositionColumns());
            tables.add(shape);
        }
        out.put("tables", tables);
        out.put("fri_layers", proof.fri().layerRoots().size());
        out.put("fri_remainder_length", proof.fri().remainder()[0].length);
        return out;
    }

    /** The security figures of the proof's options for the run the model file states. */
    private SecurityReport security(ModelFile model, ProofOptions options) {
        return Comet.security(ModelFiles.statement(modelFile, model), options);
    }

    private void printStatement(ModelFile file) {
        ModelFile.Model m = file.model();
        ModelFile.Training t = file.training();
        ModelFile.Data d = file.data();
        System.out.printf("%s (%s)%n", modelFile, file.format());
        System.out.println("statement (what the proof claims)");
        row("model", m.kind() + ", target " + m.target() + ", " + m.features().size() + " features");
        if (m.classes() != null) {
            row("classes", String.join(", ", m.classes()) + " (index order 0.." + (m.classes().size() - 1) + ")");
        }
        TrainingStatement statement = ModelFiles.statement(modelFile, file); // checks the counts used below
        if (!statement.hidden().isEmpty()) {
            row("network", statement.network().describe() + ": ReLU hidden layers of " + statement.hidden()
                    + " units, " + (statement.model().isClassifier() ? "softmax" : "linear") + " output");
        }
        printWeights(m, statement.network());
        row("loss, optimizer", t.loss() + ", " + t.optimizer() + ", " + t.order() + " order");
        row("numeric format", t.numericFormat() + " (fraction bits " + m.fractionBits() + ")");
        row("learning rate", t.learningRate() + " (lr_q = " + t.learningRateQ() + ")");
        row("batch size", String.valueOf(t.batchSize()));
        row("epochs", String.valueOf(t.epochs()));
        row("initial weights", (t.initSeed() == null ? "" : "from seed " + t.initSeed() + " (" + t.initGenerator()
                + ", rerun by the verifier): ") + initialWeights(t.initialWeightsQ()));
        standardisation(m, statement.standardization(), statement.hasMoments());
        row("dataset commitment", d.commitment());
        row("dataset", d.rows() + " rows x " + d.features() + " features");
        row("commitment scheme", d.scheme());
    }

    /**
     * Every unit's weights with their inputs' names, headed by the unit: its class for a model of
     * several outputs, {@code h1.3} for an MLP's hidden units.
     */
    private static void printWeights(ModelFile.Model m, dev.comet.train.Network net) {
        int shownWeight = 0;
        int unitIndex = 0;
        for (int l = 0; l < net.layers(); l++) {
            for (int u = 0; u < net.units(l); u++, unitIndex++) {
                if (!net.isOutput(l)) {
                    System.out.println("  hidden unit h" + (l + 1) + "." + (u + 1));
                } else if (net.outputs() > 1) {
                    System.out.println("  " + (l > 0 ? "output " : "") + "class " + m.classes().get(u));
                }
                for (int j = 0; j <= net.inputs(l); j++) {
                    boolean bias = j == net.inputs(l);
                    String name = bias ? "(bias)" : l == 0 ? m.features().get(j) : "h" + l + "." + (j + 1);
                    String value = bias ? (m.biases() == null ? m.bias() : m.biases().get(unitIndex))
                            : m.weights().get(shownWeight++);
                    System.out.printf("    %-22s %24s  (q = %s)%n", name, value, m.weightsQ().get(net.weight(l, u, j)));
                }
            }
        }
    }

    /** Per column offset and spread in real units, or that training read the committed values as they are. */
    private static void standardisation(ModelFile.Model m, dev.comet.train.Standardization z, boolean moments) {
        if (z.isIdentity()) {
            row("standardisation", "none (weights over the committed values)");
            return;
        }
        row("standardisation", "x' = floor((x - offset) scale / 2^16) per column, in the proof; weights over x'"
                + (moments ? "; each column's offset and scale are the data's mean and spread (or none), from its proven"
                        + " moments" : "; offsets and scales stated, not shown to be the data's"));
        long[] offsets = z.offsets();
        long[] scales = z.scales();
        for (int c = 0; c < z.columns(); c++) {
            if (c == m.features().size() && m.classes() != null) {
                System.out.printf("    %-22s not standardised (a class target)%n", m.target());
                continue;
            }
            String name = c < m.features().size() ? m.features().get(c) : m.target() + " (target)";
            System.out.printf(java.util.Locale.ROOT, "    %-22s offset %s, spread %.6g (scale %d)%n", name,
                    new dev.comet.data.Quantizer().toDecimal(offsets[c]).toPlainString(), z.realSpread(c), scales[c]);
        }
    }

    private static String initialWeights(List<Long> q) {
        if (q.stream().allMatch(w -> w == 0)) {
            return "all zero";
        }
        Quantizer quantizer = new Quantizer();
        List<String> shown = new ArrayList<>();
        for (long w : q) {
            shown.add(quantizer.toDecimal(w).toPlainString());
        }
        return String.join(", ", shown) + " (bias last)";
    }

    private void printProof(ModelFile model, Path file, int bytes, String sha256, StarkProof proof) {
        ProofOptions o = proof.options();
        SecurityReport s = security(model, o);
        System.out.println("proof (not checked here: run 'comet verify')");
        row("file", file.toString());
        row("bytes", String.format(Locale.ROOT, "%,d", bytes));
        row("sha256", sha256 + (sha256.equals(model.proof().sha256()) ? " (matches the model file)"
                : " (the model file says " + model.proof().sha256() + ")"));
        String preset = ProofClaims.presetName(o);
        row("preset", preset + (preset.equals(model.proof().preset()) ? ""
                : " (the model file says " + model.proof().preset() + ")"));
        row("options", String.format(Locale.ROOT, "blowup %d, %d queries, %d grinding bits, extension degree %d, "
                        + "folding %d, remainder %d, %s, %d data queries", o.blowup(), o.numQueries(), o.grindingBits(), o.extensionDegree(),
                o.foldingFactor(), o.remainderSize(), o.hash().name(), o.dataQueries()));
        int claimed = model.proof().securityBits();
        row("security", s.bits() + " bits conjectured, " + s.proven().bits() + " proven"
                + (claimed == s.bits() ? "" : " (the model file says " + claimed + ")"));
        for (SecurityReport.Figure f : s.figures()) {
            row("  " + f.label(), f.bits() + " bits = " + f.terms());
            row("", f.formula());
        }
        for (int i = 0; i < proof.tables().size(); i++) {
            StarkProof.TableProof table = proof.tables().get(i);
            TraceInfo t = table.traceInfo();
            String data = t.hasPrecommitted() ? String.format(Locale.ROOT, ", reads %d data columns x 2^%d rows",
                    t.precommittedWidth(), t.logPrecommittedHeight()) : "";
            row("table " + (i + 1), String.format(Locale.ROOT, "2^%d rows, %d main + %d auxiliary columns, %d composition"
                    + " columns%s", t.logLength(), t.mainWidth(), t.auxWidth(), table.numCompositionColumns(), data));
        }
        row("FRI", proof.fri().layerRoots().size() + " layers, remainder of " + proof.fri().remainder()[0].length);
    }

    private static void printReport(ModelFile.Report r) {
        System.out.println("report (NOT proven: informational, written by the trainer)");
        if (r == null) {
            row("report", "none");
            return;
        }
        if (r.mseFixedPoint() != null) {
            row("MSE", String.format(Locale.ROOT, "%.4f fixed point, %.4f float64 twin, %.4f least squares",
                    r.mseFixedPoint(), r.mseFloat64Twin(), r.mseLeastSquares()));
        }
        if (r.accuracyFixedPoint() != null) {
            row("training accuracy", String.format(Locale.ROOT, "%.2f%% fixed point, %.2f%% float64 twin, %.2f%% baseline"
                    + " (float logistic regression, C = 1)", 100 * r.accuracyFixedPoint(), 100 * r.accuracyFloat64Twin(),
                    100 * r.accuracyBaseline()));
            row("log-loss", String.format(Locale.ROOT, "%.4f fixed point, %.4f float64 twin, %.4f baseline",
                    r.logLossFixedPoint(), r.logLossFloat64Twin(), r.logLossBaseline()));
        }
        row("weight gap", String.format(Locale.ROOT, "%.6f (largest, to the float64 twin)", r.maxWeightGapToFloat64()));
        row("timings", r.nativeTrainingMs() + " ms native training, " + r.provingMs() + " ms proving");
    }

    private static void row(String label, String value) {
        System.out.printf("  %-24s %s%n", label, value);
    }
}
