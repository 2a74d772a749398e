package dev.comet.cli;

/** A mistake in the user's input, reported as one line with the given exit code. */
final class UserError extends RuntimeException {
    private final int exitCode;

    UserError(String message) {
        this(message, CometCli.EXIT_USAGE);
    }

    UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
