package dev.comet.proof;

/**
 * Where one table reads a precommitted segment: at {@code zeta = z^K} (the table has {@code K}
 * times the segment's rows), with the out-of-domain values {@code values[c] = P_c(zeta)} it
 * claims. A segment read by several tables has one such reading per reader.
 */
public record SegmentReading(long[] zeta, long[][] values) {}
