package dev.comet.cli;

import dev.comet.api.ModelFile;
import dev.comet.api.ModelFileException;
import dev.comet.api.ProofFile;
import dev.comet.train.TrainingStatement;
import java.nio.file.Path;

/** Reads a model file and the proof it names; a file that cannot be used is a one-line {@link UserError}. */
final class ModelFiles {
    private ModelFiles() {}

    static ModelFile read(Path modelFile) {
        try {
            return ModelFile.read(modelFile);
        } catch (ModelFileException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The claimed statement, for commands that use it without verifying (an inconsistent file is unusable). */
    static TrainingStatement statement(Path modelFile, ModelFile model) {
        try {
            return model.statement();
        } catch (ModelFileException e) {
            throw new UserError(modelFile + ": " + e.getMessage());
        }
    }

    /**
     * The proof file the model names, found only inside the model file's folder and read with a
     * bound ({@link ProofFile}); every command that reads a proof goes through here.
     */
    static ProofFile proof(Path modelFile, ModelFile model) {
        try {
            return ProofFile.read(modelFile, model);
        } catch (ModelFileException e) {
            throw new UserError(e.getMessage());
        }
    }
}
