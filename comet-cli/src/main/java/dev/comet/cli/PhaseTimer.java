package dev.comet.cli;

import dev.comet.prover.ProverListener;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Records how long each prover phase takes and prints the breakdown. */
final class PhaseTimer implements ProverListener {
    private final Map<String, Long> started = new LinkedHashMap<>();
    private final Map<String, Long> elapsed = new LinkedHashMap<>();

    @Override
    public void phaseStarted(String phase, int totalSteps) {
        started.put(phase, System.nanoTime());
    }

    @Override
    public void phaseFinished(String phase) {
        Long t0 = started.get(phase);
        if (t0 != null) {
            elapsed.merge(phase, System.nanoTime() - t0, Long::sum);
        }
    }

    void print(PrintStream out) {
        elapsed.forEach((phase, ns) -> out.printf(java.util.Locale.ROOT, "  %-26s %8.1f ms%n", phase, ns / 1e6));
    }
}
