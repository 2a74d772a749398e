package dev.comet.cli;

import dev.comet.examples.ExampleAirs;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code comet bench stark}: proves and verifies the example AIRs and prints a table or JSON lines. */
@Command(name = "stark", mixinStandardHelpOptions = true,
        description = "Prove and verify example AIRs (fib, mimc, wide, range); proving is the median of 5 proofs after 3 warm-up proofs.")
final class BenchStarkCommand implements Callable<Integer> {
    @Option(names = "--air", split = ",", defaultValue = "mimc", paramLabel = "NAME",
            description = "AIRs to run, comma-separated: fib, mimc, wide, range (default: ${DEFAULT-VALUE})")
    List<String> airs;

    @Option(names = "--log-rows", split = ",", defaultValue = "16", paramLabel = "N",
            description = "log2 of the trace length, comma-separated for several (default: ${DEFAULT-VALUE})")
    List<Integer> logRows;

    @Option(names = "--columns", defaultValue = "16", paramLabel = "N", description = "columns of 'wide' (default: ${DEFAULT-VALUE})")
    int columns;

    @Option(names = "--preset", split = ",", defaultValue = "default", paramLabel = "NAME",
            description = "proof presets, comma-separated: test, default, chain, high, proven (default: ${DEFAULT-VALUE})")
    List<String> presets;

    @Option(names = "--hash", paramLabel = "NAME", description = "hash instead of the preset's: SHA256 or BLAKE3")
    dev.comet.hash.HashId hash;

    @Option(names = "--json", description = "one JSON object per run instead of a table")
    boolean json;

    @Option(names = "--profile", description = "print the time of each prover phase of the last timed proof (to stderr)")
    boolean profile;

    @Option(names = "--no-warmup", description = "time one cold proof instead (faster, less accurate)")
    boolean noWarmup;

    @Override
    public Integer call() {
        for (String air : airs) {
            if (!ExampleAirs.NAMES.contains(air)) {
                throw new UserError("unknown AIR '" + air + "' (expected one of " + String.join(", ", ExampleAirs.NAMES) + ")");
            }
        }
        for (int r : logRows) {
            if (r < 3 || r > 24) {
                throw new UserError("--log-rows must be between 3 and 24, got " + r);
            }
        }
        if (columns < 1 || columns > 1024) {
            throw new UserError("--columns must be between 1 and 1024, got " + columns);
        }
        presets.forEach(dev.comet.proof.ProofOptions::preset);
        if (!json) {
            System.out.printf("%-6s %8s %7s %-8s %10s %10s %11s %8s %9s %8s %10s%n", "air", "log_rows", "columns",
                    "preset", "prove_ms", "verify_ms", "proof_bytes", "security", "heap_mb", "verified", "pow_nonce");
        }
        boolean allValid = true;
        for (String preset : presets) {
            for (String air : airs) {
                // 'range' needs room for its 2^16-row table, so smaller sizes are raised to that once.
                java.util.Set<Integer> done = new java.util.HashSet<>();
                for (int r : logRows) {
                    int rows = air.equals("range") ? Math.max(r, dev.comet.examples.RangeCheckAir.minLogLength()) : r;
                    if (!done.add(rows)) {
                        continue;
                    }
                    PhaseTimer timer = new PhaseTimer();
                    StarkRun run = StarkRun.measure(air, rows, columns, preset, hash, !noWarmup,
                            profile ? timer : dev.comet.prover.ProverListener.NONE);
                    allValid &= run.verified();
                    if (json) {
                        System.out.println(run.json());
                    } else {
                        System.out.printf(java.util.Locale.ROOT, "%-6s %8d %7d %-8s %10d %10.2f %11d %8d %9d %8b %10d%n",
                                run.air(), run.logRows(), run.columns(), run.preset(), run.proveMs(), run.verifyMs(),
                                run.proofBytes(), run.securityBits(), run.peakHeapMb(), run.verified(), run.powNonce());
                    }
                    System.out.flush();
                    if (profile) {
                        timer.print(System.err);
                    }
                }
            }
        }
        return allValid ? CometCli.EXIT_OK : CometCli.EXIT_INVALID;
    }
}
