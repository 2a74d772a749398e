package dev.comet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code comet demo}: the whole user flow through the same commands a user types (commit, train
 * and prove, verify, inspect, predict), three times: a regression on the bundled Auto MPG data, a
 * classifier on the bundled breast-cancer data, both in raw units, and a small neural network (one
 * hidden layer) on the bundled iris data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Commit, train, prove, verify, inspect and predict on the bundled datasets: a linear regression on"
                + " data/cars-raw.csv, a logistic regression on data/cancer.csv (raw units) and an MLP on data/iris.csv.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out-dir", paramLabel = "DIR", description = "where to write the model, proof and predictions (default: a new temporary directory)")
    Path outDir;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "NAME", description = "proof preset (default: ${DEFAULT-VALUE})")
    String preset;

    @Override
    public Integer call() {
        Path dir;
        try {
            dir = outDir != null ? Files.createDirectories(outDir) : Files.createTempDirectory("comet-demo-");
        } catch (IOException e) {
            String why = e instanceof java.nio.file.FileAlreadyExistsException ? "a file of that name exists" : e.getMessage();
            throw new UserError("cannot create the output directory " + (outDir != null ? outDir : "") + ": " + why);
        }
        String model = dir.resolve("model.json").toString();
        String predictions = dir.resolve("predictions.csv").toString();
        String csv = bundledData("cars-raw.csv").toString();
        String classifier = dir.resolve("classifier.json").toString();
        String classPredictions = dir.resolve("classifier-predictions.csv").toString();
        String cancer = bundledData("cancer.csv").toString();
        String network = dir.resolve("network.json").toString();
        String iris = bundledData("iris.csv").toString();
        List<List<String>> steps = List.of(
                List.of("commit", csv, "--target", "mpg"),
                List.of("train", csv, "--target", "mpg", "--epochs", "20", "--batch", "32", "--lr", "0.01", "--out", model,
                        "--preset", preset),
                List.of("verify", model, "--data", csv),
                List.of("inspect", model),
                List.of("predict", model, csv, "--out", predictions),
                List.of("commit", cancer, "--target", "diagnosis", "--class-target"),
                List.of("train", cancer, "--target", "diagnosis", "--model", "logistic", "--epochs", "30", "--batch", "32",
                        "--lr", "0.1", "--out", classifier, "--preset", preset),
                List.of("verify", classifier, "--data", cancer),
                List.of("predict", classifier, cancer, "--proba", "--out", classPredictions),
                List.of("commit", iris, "--target", "species", "--class-target"),
                List.of("train", iris, "--target", "species", "--model", "mlp", "--hidden", "8", "--epochs", "40",
                        "--batch", "16", "--lr", "0.1", "--seed", "7", "--out", network, "--preset", preset),
                List.of("verify", network, "--data", iris));
        for (List<String> step : steps) {
            CommandLine cli = CometCli.commandLine();
            System.out.println();
            System.out.println("$ comet " + String.join(" ", step));
            int code = cli.execute(step.toArray(new String[0]));
            if (code != CometCli.EXIT_OK) {
                System.out.println("demo stopped: 'comet " + step.get(0) + "' exited with " + code);
                return code;
            }
        }
        System.out.println();
        System.out.println("files in " + dir);
        return CometCli.EXIT_OK;
    }

    /** data/{@code name} under the installation (the launcher sets comet.home) or the working directory. */
    private static Path bundledData(String name) {
        String home = System.getProperty("comet.home");
        Path file = (home == null ? Path.of("") : Path.of(home)).resolve("data").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new UserError("bundled dataset not found at " + file.toAbsolutePath()
                    + " (run comet from its checkout, or set -Dcomet.home)");
        }
        return file;
    }
}
