package dev.comet.cli;

import dev.comet.api.ModelFile;
import dev.comet.data.CsvDataset;
import dev.comet.data.DataException;
import dev.comet.data.QuantizedFeatures;
import dev.comet.data.ClassLabels;
import dev.comet.data.Quantizer;
import dev.comet.train.FixedPointStep;
import dev.comet.train.FixedPointTrainer;
import dev.comet.train.TrainingStatement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code comet predict}: the model's fixed-point predictions for the rows of a CSV, computed
 * exactly as in training and written as exact decimals. Does not verify the proof.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict with the weights in MODEL.json for every row of DATA.csv and write CSV: row,prediction "
                + "(and target when DATA.csv has the model's target column; both quantised as in training, exact decimals)."
                + " A classifier's prediction and target are class labels.",
            "The CSV needs the model's feature columns; other columns are ignored. The proof is not checked: run 'comet verify'."})
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.json")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "DATA.csv")
    Path dataFile;

    @Option(names = "--proba", description = "a classifier's rows also get one column per class, p_<class>: the model's"
            + " fixed-point probability of it, exactly as in training")
    boolean proba;

    @Option(names = "--out", paramLabel = "FILE", description = "write the CSV to FILE (atomically) instead of standard output")
    Path out;

    @Override
    public Integer call() {
        ModelFile model = ModelFiles.read(modelFile);
        TrainingStatement statement = ModelFiles.statement(modelFile, model);
        if (proba && !statement.model().isClassifier()) {
            throw new UserError("--proba: " + modelFile + " is a " + statement.model().modelName() + ", not a classifier");
        }
        Quantizer quantizer = new Quantizer();
        QuantizedFeatures rows;
        try {
            rows = quantizer.quantize(CsvDataset.readFeatures(dataFile, statement.featureNames(), statement.targetName(),
                    statement.classes()));
        } catch (DataException e) {
            throw new UserError(e.getMessage());
        }
        long[] weights = statement.finalWeights();
        dev.comet.train.Standardization z = statement.standardization();
        ClassLabels classes = statement.classes();
        StringBuilder csv = new StringBuilder("row,prediction");
        if (rows.hasTarget()) {
            csv.append(",target");
        }
        if (proba) {
            classes.labels().forEach(label -> csv.append(',').append(csvCell("p_" + label)));
        }
        csv.append('\n');
        for (int i = 0; i < rows.rows(); i++) {
            long[] scores;
            try {
                // The model predicts the standardised target from standardised features.
                scores = FixedPointTrainer.predictScores(weights, statement.network(),
                        z.standardiseFeatures(rows.row(i), statement.featureNames()));
            } catch (IllegalArgumentException e) {
                throw new UserError(dataFile + ": row " + (i + 1) + ": " + e.getMessage());
            }
            csv.append(i + 1).append(',');
            if (classes.isEmpty()) {
                csv.append(quantizer.toDecimal(z.unstandardiseTarget(scores[0])).toPlainString());
                if (rows.hasTarget()) {
                    csv.append(',').append(quantizer.toDecimal(rows.targets()[i]).toPlainString());
                }
            } else {
                csv.append(csvCell(classes.label(FixedPointTrainer.predictedClass(statement.model(), scores))));
                if (rows.hasTarget()) {
                    csv.append(',').append(csvCell(classes.label((int) (rows.targets()[i] / FixedPointStep.ONE))));
                }
                if (proba) { // as training computes them
                    for (long p : FixedPointTrainer.classProbabilities(statement.model(), scores)) {
                        csv.append(',').append(quantizer.toDecimal(p).toPlainString());
                    }
                }
            }
            csv.append('\n');
        }
        if (out == null) {
            System.out.print(csv);
            System.out.flush();
        } else {
            AtomicFilesBridge.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        return CometCli.EXIT_OK;
    }

    /** A label as one CSV cell: quoted when it holds a comma, a quote or a line break. */
    private static String csvCell(String text) {
        if (text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
