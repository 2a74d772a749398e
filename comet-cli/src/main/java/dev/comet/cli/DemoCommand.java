package dev.comet.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code comet demo}: the quickest end-to-end look at the engine. Proves a 2^16-step MiMC-style
 * computation with the default (>= 100-bit) preset and verifies the proof.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Prove and verify a 2^16-step MiMC computation with the default preset.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("Proving 2^16 steps of x' = x^3 + k (MiMC-style) with the default preset...");
        StarkRun run = StarkRun.measure("mimc", 16, 1, "default", false, dev.comet.prover.ProverListener.NONE);
        System.out.printf(java.util.Locale.ROOT, "proof: %,d bytes, %d bits of conjectured security%n", run.proofBytes(),
                run.securityBits());
        System.out.printf(java.util.Locale.ROOT, "proved in %d ms (cold JVM), verified in %.1f ms: %s%n", run.proveMs(),
                run.verifyMs(), run.verified() ? "VALID" : "INVALID");
        return run.verified() ? CometCli.EXIT_OK : CometCli.EXIT_INVALID;
    }
}
