package dev.comet.prover;

/** Progress of a proof, phase by phase, for progress bars. Called from the proving thread. */
public interface ProverListener {
    ProverListener NONE = new ProverListener() {};

    /** A phase starts; {@code totalSteps} is the number of {@link #step} calls that will follow. */
    default void phaseStarted(String phase, int totalSteps) {}

    default void step(String phase) {}

    default void phaseFinished(String phase) {}
}
