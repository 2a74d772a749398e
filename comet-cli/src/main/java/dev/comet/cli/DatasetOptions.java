package dev.comet.cli;

import dev.comet.api.Comet;
import dev.comet.data.DataException;
import dev.comet.data.QuantizedDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The dataset arguments shared by {@code commit} and {@code train}: file, target, features. */
final class DatasetOptions {
    @Parameters(index = "0", paramLabel = "DATA.csv", description = "CSV file with a header row")
    Path file;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "column to predict")
    String target;

    @Option(names = "--features", split = ",", paramLabel = "COLUMN",
            description = "feature columns, comma-separated (default: every other column)")
    List<String> features = new ArrayList<>();

    /** The data with a class target: its labels become class indices. */
    Comet.ClassifiedData loadClassified() {
        try {
            return Comet.loadClassified(file, target, features);
        } catch (DataException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The data with a numeric target; {@code classOption} is the option that would read class labels instead. */
    QuantizedDataset load(String classOption) {
        try {
            return Comet.load(file, target, features);
        } catch (DataException e) {
            // A text label in the target column: the user most likely meant a classifier.
            boolean label = e.column().filter(target::equals).isPresent() && e.problem().endsWith("is not a number");
            throw new UserError(e.getMessage() + (label ? "; a target of class labels needs " + classOption : ""));
        }
    }
}
