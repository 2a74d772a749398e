package dev.comet.prover;

/**
 * How the prover behaves, as opposed to what it proves ({@link dev.comet.proof.ProofOptions}).
 *
 * @param selfCheck    check the trace against every constraint before proving, and fail with the
 *                     row and constraint name; turned off only to test that the verifier catches
 *                     a cheating prover
 * @param debugDegrees interpolate every constraint and check its real degree against the declared one
 * @param listener     progress callbacks
 */
public record ProverSettings(boolean selfCheck, boolean debugDegrees, ProverListener listener) {
    public static ProverSettings defaults() {
        return new ProverSettings(true, false, ProverListener.NONE);
    }

    public ProverSettings withoutSelfCheck() {
        return new ProverSettings(false, debugDegrees, listener);
    }

    public ProverSettings withDebugDegrees() {
        return new ProverSettings(selfCheck, true, listener);
    }

    public ProverSettings withListener(ProverListener l) {
        return new ProverSettings(selfCheck, debugDegrees, l);
    }
}
