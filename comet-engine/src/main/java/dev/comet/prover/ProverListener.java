package dev.comet.prover;

/** Progress of a proof, phase by phase, for progress bars and memory management. Called from the proving thread. */
public interface ProverListener {
    ProverListener NONE = new ProverListener() {};

    /** A phase starts; {@code totalSteps} is the number of {@link #step} calls that will follow. */
    default void phaseStarted(String phase, int totalSteps) {}

    default void step(String phase) {}

    default void phaseFinished(String phase) {}

    /**
     * The prover no longer references the traces it was given ({@code bytes} in all): later steps
     * work on their extensions. A caller that holds no reference to them either may use the
     * moment to have the memory collected before the rest of the proof allocates its own.
     */
    default void tracesReleased(long bytes) {}
}
