package dev.comet.prover;

/** Opens {@link PrecommittedSegment}'s test-only forgery to soundness tests outside the engine. */
public final class ForgedSegments {
    private ForgedSegments() {}

    /** The segment's evaluations on its LDE domain, copied. */
    public static long[][] lde(PrecommittedSegment segment) {
        long[][] lde = segment.lde();
        long[][] copy = new long[lde.length][];
        for (int c = 0; c < lde.length; c++) {
            copy[c] = lde[c].clone();
        }
        return copy;
    }

    /** See {@link PrecommittedSegment#forged}. */
    public static PrecommittedSegment forged(PrecommittedSegment honest, long[][] word) {
        return PrecommittedSegment.forged(honest, word);
    }
}
