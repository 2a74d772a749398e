package dev.comet.cli;

import dev.comet.train.LearningCurve;
import dev.comet.train.TrainingStatement;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a VALID result covered: the run the proof is about, and how far its dataset commitment was
 * checked. A proof only says "some data with this commitment"; whether that is the data the reader
 * has in mind depends on the check, so the result has to say which one was made.
 *
 * @param dataFile the CSV whose commitment was recomputed ({@code --data}), or null
 * @param given    whether the commitment was compared with a required value ({@code --commitment})
 * @param lastEpochMse      the proven learning curve's last epoch: mean squared error in the
 *                          target's units, or the Brier score of a classifier; null without a curve
 * @param lastEpochAccuracy a classifier's proven training accuracy in its last epoch, else null
 * @param standardisation   what the proof says of the offsets and scales
 */
record VerifiedRun(String modelKind, int rows, int features, int epochs, String commitment, Path dataFile,
                   boolean given, int securityBits, Double lastEpochMse, Double lastEpochAccuracy,
                   Standardised standardisation) {
    /** What a valid proof says of the standardisation; {@code name().toLowerCase()} in JSON. */
    enum Standardised {
        /** Each column's offset and scale are the data's mean and spread (or none), from its proven moments. */
        DATA,
        /** The offsets and scales were used, but are not shown to be the data's (a proof without moments). */
        STATED,
        /** No column is standardised. */
        NONE
    }

    static VerifiedRun of(String modelKind, TrainingStatement statement, Path dataFile, boolean given, int securityBits) {
        LearningCurve curve = statement.curve();
        int last = statement.epochs() - 1;
        Double mse = null;
        if (!curve.isEmpty()) {
            // in the target's units for a regression (its spread squared), the Brier score for a classifier
            double spread = statement.model().isClassifier() ? 1 : statement.standardization().realSpread(statement.features());
            mse = curve.meanSquaredError(last, statement.rows(), statement.learningRateQ()) * spread * spread;
        }
        Double accuracy = curve.hasAccuracy() ? curve.accuracy(last, statement.rows()) : null;
        Standardised standardisation = statement.standardization().isIdentity() ? Standardised.NONE
                : statement.hasMoments() ? Standardised.DATA : Standardised.STATED;
        return new VerifiedRun(modelKind, statement.rows(), statement.features(), statement.epochs(),
                HexFormat.of().formatHex(statement.datasetDigest()), dataFile, given, securityBits, mse, accuracy,
                standardisation);
    }

    /** {@code data} (recomputed from a file), {@code given} (compared with a value) or {@code claimed} (not checked). */
    String commitmentChecked() {
        return dataFile != null ? "data" : given ? "given" : "claimed";
    }

    String line(Path modelFile) {
        return String.format(Locale.ROOT, "VALID: %s: %s model, %d rows x %d features, %d epochs, trained on dataset %s (%s);"
                + " %d bits of conjectured security%s%s", modelFile, modelKind, rows, features, epochs, commitment,
                commitmentPhrase(), securityBits, standardisationPhrase(), curvePhrase());
    }

    /** Whether the standardisation is shown to be the data's, or only stated (a proof made without the data's moments). */
    private String standardisationPhrase() {
        return switch (standardisation) {
            case DATA -> "; standardised by the data's own mean and spread";
            case STATED -> "; standardised by stated offsets and scales (not shown to be the data's)";
            case NONE -> "";
        };
    }

    /** The last epoch of the proven learning curve, if the proof has one. */
    private String curvePhrase() {
        if (lastEpochMse == null) {
            return "";
        }
        String accuracy = lastEpochAccuracy == null ? ""
                : String.format(Locale.ROOT, ", accuracy %.2f%%", 100 * lastEpochAccuracy);
        return String.format(Locale.ROOT, "; proven last epoch: %s %.6g%s", lastEpochAccuracy == null ? "mse" : "brier",
                lastEpochMse, accuracy);
    }

    private String commitmentPhrase() {
        if (dataFile != null) {
            return "commitment checked against " + dataFile + (given ? " and the given --commitment" : "");
        }
        return given ? "commitment checked against the given --commitment"
                : "commitment as claimed by the model file; not checked against data";
    }

    /** The JSON keys for {@code run}, all null when nothing was verified, so every result has the same keys. */
    static Map<String, Object> json(VerifiedRun run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model_kind", run == null ? null : run.modelKind);
        out.put("rows", run == null ? null : run.rows);
        out.put("features", run == null ? null : run.features);
        out.put("epochs", run == null ? null : run.epochs);
        out.put("commitment_checked", run == null ? null : run.commitmentChecked());
        out.put("standardisation", run == null ? null : run.standardisation.name().toLowerCase(Locale.ROOT));
        out.put("proven_last_epoch_mse", run == null ? null : run.lastEpochMse);
        out.put("proven_last_epoch_accuracy", run == null ? null : run.lastEpochAccuracy);
        return out;
    }
}
