package dev.comet.air;

/**
 * Shape of an execution trace.
 *
 * @param logLength              log2 of the number of rows
 * @param mainWidth              base-field columns committed first
 * @param auxWidth               extension-field columns committed after the verifier's challenges (0: none)
 * @param numChallenges          extension challenges drawn between the two commitments
 * @param precommittedWidth      columns committed before and outside this proof (0: none); see
 *                               {@link Expr.PrecommittedCell}
 * @param logPrecommittedHeight  log2 of their height {@code h}; trace row {@code r} reads row {@code r mod h}
 */
public record TraceInfo(int logLength, int mainWidth, int auxWidth, int numChallenges, int precommittedWidth,
                        int logPrecommittedHeight) {
    public static final int MAX_LOG_LENGTH = 28;
    public static final int MAX_WIDTH = 16384;

    public TraceInfo {
        if (logLength < 3 || logLength > MAX_LOG_LENGTH) {
            throw new IllegalArgumentException("trace length must be 2^3 to 2^" + MAX_LOG_LENGTH + " rows, got 2^" + logLength);
        }
        if (mainWidth < 1 || mainWidth > MAX_WIDTH || auxWidth < 0 || auxWidth > MAX_WIDTH) {
            throw new IllegalArgumentException("trace widths out of range: main " + mainWidth + ", aux " + auxWidth);
        }
        if (numChallenges < 0 || numChallenges > 64 || (auxWidth == 0 && numChallenges != 0)) {
            throw new IllegalArgumentException("invalid number of challenges " + numChallenges);
        }
        if (precommittedWidth < 0 || precommittedWidth > MAX_WIDTH || logPrecommittedHeight < 0
                || logPrecommittedHeight > logLength || (precommittedWidth == 0 && logPrecommittedHeight != 0)) {
            throw new IllegalArgumentException("invalid precommitted segment: " + precommittedWidth + " columns of 2^"
                    + logPrecommittedHeight + " rows for a trace of 2^" + logLength);
        }
    }

    public TraceInfo(int logLength, int mainWidth, int auxWidth, int numChallenges) {
        this(logLength, mainWidth, auxWidth, numChallenges, 0, 0);
    }

    public boolean hasPrecommitted() {
        return precommittedWidth > 0;
    }

    public TraceInfo withPrecommitted(int width, int logHeight) {
        return new TraceInfo(logLength, mainWidth, auxWidth, numChallenges, width, logHeight);
    }

    public static TraceInfo mainOnly(int logLength, int width) {
        return new TraceInfo(logLength, width, 0, 0);
    }

    public int length() {
        return 1 << logLength;
    }
}
