package dev.comet.proof;

import dev.comet.air.TraceInfo;
import dev.comet.field.Goldilocks;
import dev.comet.hash.HashId;

/**
 * Protocol constants and domain arithmetic for precommitted segments: columns committed once,
 * before and independently of any proof (a dataset), and read periodically by a trace.
 *
 * <p>A segment of height {@code h} is committed as the Merkle root (SHA-256) of its low-degree
 * extension by {@link #LOG_BLOWUP} on the coset {@code s_d * <w_(16h)>}, with
 * {@code s_d = 7^(2^32)}. Nothing else enters the root, so it depends only on the columns.
 *
 * <p>A trace of {@code n = K h} rows reads the segment as {@code P(x^K)}. Its LDE coset shift is
 * {@code s_t = 7^(2^(32 - log K))}, so {@code s_t^K = s_d}: the map {@code x -> x^K} sends the
 * trace's LDE coset (blowup {@code b <= 16}) onto the sub-coset {@code s_d * <w_(b h)>} of the
 * segment's LDE domain, and trace LDE position {@code i} reads segment LDE position
 * {@code (i mod b h) * 16 / b}. Both shifts have an odd-order part (7 generates {@code F_p^*}),
 * so neither coset meets a subgroup of two-power order.
 */
public final class Precommitment {
    public static final int LOG_BLOWUP = 4;
    public static final HashId HASH = HashId.SHA256;

    private Precommitment() {}

    /** The segment's LDE coset shift {@code 7^(2^32)}. */
    public static long segmentShift() {
        return Goldilocks.pow(Goldilocks.GENERATOR, 1L << 32);
    }

    /** The LDE coset shift of a trace: 7 without a precommitted segment, else {@code 7^(2^(32 - log K))}. */
    public static long traceShift(TraceInfo info) {
        if (!info.hasPrecommitted()) {
            return Goldilocks.GENERATOR;
        }
        int logK = info.logLength() - info.logPrecommittedHeight();
        return Goldilocks.pow(Goldilocks.GENERATOR, 1L << (32 - logK));
    }

    /** Segment LDE position read by trace LDE position {@code position} at blowup {@code 2^logBlowup}. */
    public static int segmentPosition(TraceInfo info, int logBlowup, int position) {
        int mask = (1 << (info.logPrecommittedHeight() + logBlowup)) - 1;
        return (position & mask) << (LOG_BLOWUP - logBlowup);
    }
}
