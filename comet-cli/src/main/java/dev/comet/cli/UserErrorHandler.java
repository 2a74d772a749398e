package dev.comet.cli;

import picocli.CommandLine;

/**
 * Turns exceptions from a command into one line on stderr and an exit code. A {@link UserError}
 * or an {@link IllegalArgumentException} is the user's mistake (exit 2); anything else is a bug,
 * also reported in one line, with the stack trace only when {@code COMET_DEBUG} is set.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
        if (ex instanceof UserError e) {
            cli.getErr().println("comet: " + OneLine.of(e.getMessage()));
            return e.exitCode();
        }
        if (ex instanceof IllegalArgumentException) {
            cli.getErr().println("comet: " + OneLine.of(ex.getMessage()));
            return CometCli.EXIT_USAGE;
        }
        cli.getErr().println("comet: internal error: " + OneLine.of(String.valueOf(ex)));
        if (System.getenv("COMET_DEBUG") != null) {
            ex.printStackTrace(cli.getErr());
        }
        return CometCli.EXIT_INTERNAL;
    }
}
