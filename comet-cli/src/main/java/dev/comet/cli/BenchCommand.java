package dev.comet.cli;

import picocli.CommandLine.Command;

/** Groups the benchmark programs. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: prove and verify at chosen sizes and print the figures.",
        subcommands = {BenchStarkCommand.class, BenchTrainCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
