package dev.comet.air;

/**
 * Shape of an execution trace.
 *
 * @param logLength     log2 of the number of rows
 * @param mainWidth     base-field columns committed first
 * @param auxWidth      extension-field columns committed after the verifier's challenges (0: none)
 * @param numChallenges extension challenges drawn between the two commitments
 */
public record TraceInfo(int logLength, int mainWidth, int auxWidth, int numChallenges) {
    public static final int MAX_LOG_LENGTH = 28;
    public static final int MAX_WIDTH = 4096;

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
    }

    public static TraceInfo mainOnly(int logLength, int width) {
        return new TraceInfo(logLength, width, 0, 0);
    }

    public int length() {
        return 1 << logLength;
    }
}
