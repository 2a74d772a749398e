package dev.comet.fri;

/**
 * FRI parameters.
 *
 * @param foldingFactor how many evaluations fold into one per layer (2, 4, 8 or 16)
 * @param remainderSize folding stops once the degree bound is at most this; the prover then sends
 *                      the remaining polynomial's coefficients (a power of two, at most 1024)
 */
public record FriOptions(int foldingFactor, int remainderSize) {
    public FriOptions {
        if (foldingFactor != 2 && foldingFactor != 4 && foldingFactor != 8 && foldingFactor != 16) {
            throw new IllegalArgumentException("FRI folding factor must be 2, 4, 8 or 16, got " + foldingFactor);
        }
        if (remainderSize < 1 || remainderSize > 1024 || Integer.bitCount(remainderSize) != 1) {
            throw new IllegalArgumentException("FRI remainder size must be a power of two in [1, 1024], got " + remainderSize);
        }
        // A smaller remainder could leave a last degree bound above it (folding stops at the
        // factor), and the proof codec bounds the remainder by this size.
        if (remainderSize < foldingFactor) {
            throw new IllegalArgumentException("FRI remainder size " + remainderSize + " must be at least the folding factor "
                    + foldingFactor);
        }
    }

    /** Number of committed layers for a polynomial of degree below {@code degreeBound}. */
    public int numLayers(int degreeBound) {
        int layers = 0;
        for (int d = degreeBound; d > remainderSize && d >= foldingFactor; d /= foldingFactor) {
            layers++;
        }
        return layers;
    }

    /** Degree bound of the remainder after {@link #numLayers} folds. */
    public int remainderDegreeBound(int degreeBound) {
        int d = degreeBound;
        for (int i = numLayers(degreeBound); i > 0; i--) {
            d /= foldingFactor;
        }
        return d;
    }
}
