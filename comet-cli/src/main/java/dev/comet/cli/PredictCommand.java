package dev.comet.cli;

import dev.comet.api.ModelFile;
import dev.comet.data.CsvDataset;
import dev.comet.data.DataException;
import dev.comet.data.QuantizedFeatures;
import dev.comet.data.Quantizer;
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
                + "(and target when DATA.csv has the model's target column; both quantised as in training, exact decimals).",
            "The CSV needs the model's feature columns; other columns are ignored. The proof is not checked: run 'comet verify'."})
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.json")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "DATA.csv")
    Path dataFile;

    @Option(names = "--out", paramLabel = "FILE", description = "write the CSV to FILE (atomically) instead of standard output")
    Path out;

    @Override
    public Integer call() {
        ModelFile model = ModelFiles.read(modelFile);
        TrainingStatement statement = ModelFiles.statement(modelFile, model);
        Quantizer quantizer = new Quantizer();
        QuantizedFeatures rows;
        try {
            rows = quantizer.quantize(CsvDataset.readFeatures(dataFile, statement.featureNames(), statement.targetName()));
        } catch (DataException e) {
            throw new UserError(e.getMessage());
        }
        long[] weights = statement.finalWeights();
        dev.comet.train.Standardization z = statement.standardization();
        StringBuilder csv = new StringBuilder(rows.hasTarget() ? "row,prediction,target\n" : "row,prediction\n");
        for (int i = 0; i < rows.rows(); i++) {
            long prediction;
            try {
                // The model predicts the standardised target from standardised features.
                prediction = z.unstandardiseTarget(FixedPointTrainer.predictFixed(weights,
                        z.standardiseFeatures(rows.row(i), statement.featureNames())));
            } catch (IllegalArgumentException e) {
                throw new UserError(dataFile + ": row " + (i + 1) + ": " + e.getMessage());
            }
            csv.append(i + 1).append(',').append(quantizer.toDecimal(prediction).toPlainString());
            if (rows.hasTarget()) {
                csv.append(',').append(quantizer.toDecimal(rows.targets()[i]).toPlainString());
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
}
