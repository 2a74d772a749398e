package dev.comet.cli;

import dev.comet.api.ModelFile;
import dev.comet.api.ModelFileException;
import dev.comet.train.TrainingStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

    /** The proof file: {@code proof.file}, relative to the model file's directory unless absolute. */
    static Path proofPath(Path modelFile, ModelFile model) {
        Path named = Path.of(model.proof().file());
        return named.isAbsolute() ? named : modelFile.toAbsolutePath().getParent().resolve(named);
    }

    static byte[] readProof(Path modelFile, Path proofFile) {
        try {
            return Files.readAllBytes(proofFile);
        } catch (NoSuchFileException e) {
            throw new UserError(proofFile + ": no such file (named by " + modelFile + ")");
        } catch (IOException e) {
            throw new UserError(proofFile + ": cannot read: " + e.getMessage());
        }
    }
}
