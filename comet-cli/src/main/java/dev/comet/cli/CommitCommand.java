package dev.comet.cli;

import dev.comet.api.Comet;
import dev.comet.api.ModelFile;
import dev.comet.data.ClassLabels;
import dev.comet.data.QuantizedDataset;
import dev.comet.train.DatasetCommitment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code comet commit}: the dataset commitment, from the file alone. */
@Command(name = "commit", mixinStandardHelpOptions = true,
        description = "Print the dataset commitment and shape. Depends only on the quantised data: publish it once.")
final class CommitCommand implements Callable<Integer> {
    @Mixin
    DatasetOptions dataset;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--class-target", description = "the target holds class labels (as for a classifier): commit their"
            + " indices in the documented order (integers by value, text by code point)")
    boolean classTarget;

    @Override
    public Integer call() {
        ClassLabels classes = ClassLabels.NONE;
        QuantizedDataset data;
        if (classTarget) {
            Comet.ClassifiedData read = dataset.loadClassified();
            data = read.data();
            classes = read.classes();
        } else {
            data = dataset.load("--class-target");
        }
        DatasetCommitment commitment = Comet.commit(data);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", dataset.file.toString());
        out.put("commitment", commitment.hex(classes));
        out.put("rows", data.rows());
        out.put("features", data.featureNames());
        out.put("target", data.targetName());
        out.put("classes", classTarget ? classes.labels() : null);
        out.put("fraction_bits", data.fractionBits());
        out.put("scheme", ModelFile.SCHEME);
        if (json) {
            System.out.println(Json.write(out));
        } else {
            System.out.printf("dataset     %s%n", dataset.file);
            System.out.printf("rows        %d%n", data.rows());
            System.out.printf("features    %d (%s)%n", data.numFeatures(), String.join(", ", data.featureNames()));
            System.out.printf("target      %s%s%n", data.targetName(),
                    classTarget ? " (classes " + String.join(", ", classes.labels()) + ")" : "");
            System.out.printf("scale       2^%d%n", data.fractionBits());
            System.out.printf("commitment  %s%n", commitment.hex(classes));
        }
        return CometCli.EXIT_OK;
    }
}
