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
}
