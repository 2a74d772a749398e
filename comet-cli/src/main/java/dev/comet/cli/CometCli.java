package dev.comet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code comet} command. Exit codes: 0 success, 1 a proof was rejected, 2 the
 * input was unusable (bad arguments, unreadable or malformed files).
 */
@Command(name = "comet",
        mixinStandardHelpOptions = true,
        versionProvider = CometCli.Version.class,
        description = "Verifiable machine-learning training: STARK proofs that weights came from a training run.",
        subcommands = {CommitCommand.class, TrainCommand.class, VerifyCommand.class, InspectCommand.class, PredictCommand.class,
            SolidityCommand.class, ChainCommand.class, DemoCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class CometCli implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INVALID = 1;
    public static final int EXIT_USAGE = 2;
    /** A bug or a resource limit, not the user's input. */
    public static final int EXIT_INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("comet: out of memory; give the JVM more heap, e.g. COMET_JAVA_OPTS=-Xmx16g");
            code = EXIT_INTERNAL;
        }
        System.exit(code);
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CometCli());
        cli.setExecutionExceptionHandler(new UserErrorHandler());
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("comet: " + OneLine.of(ex.getMessage()) + " (see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return EXIT_USAGE;
        });
        return cli;
    }

    /** Reports the build version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CometCli.class.getPackage().getImplementationVersion();
            return new String[] {"comet " + (v == null ? "development build" : v)};
        }
    }
}
