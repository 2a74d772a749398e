package dev.comet.api;

/** A model file that cannot be read or does not describe a statement; one line naming the field. */
public final class ModelFileException extends Exception {
    public ModelFileException(String message) {
        super(message);
    }
}
