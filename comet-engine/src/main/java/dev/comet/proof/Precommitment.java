package dev.comet.proof;

import dev.comet.field.Goldilocks;
import dev.comet.fri.FriOptions;
import dev.comet.hash.HashId;

/**
 * Protocol constants and domain arithmetic for precommitted segments: columns committed once,
 * before and independently of any proof (a dataset), and read periodically by a trace.
 *
 * <p>A segment of height {@code h} is committed as the Merkle root (SHA-256) of its low-degree
 * extension by {@link #LOG_BLOWUP} on the coset {@code s_d * <w_(16h)>}, with
 * {@code s_d = 7^(2^32)}. Nothing else enters the root, so it depends only on the columns.
 *
 * <p>A trace of {@code n = K h} rows reads the segment as {@code P(x^K)}; the prover evaluates it
 * on the trace's LDE coset {@code s_t <w>} as the segment's polynomial on {@code s_t^K <w'>}. The
 * segment's shift has an odd-order part (7 generates {@code F_p^*}), so its coset meets no
 * subgroup of two-power order.
 *
 * <p>A proof does not read the segment through the trace's queries: those would open only the
 * {@code b h} points of that sub-coset, so a committer could put one dataset there and another
 * on the rest of the domain, and proofs with different blowups would read different data. The
 * segment has its own DEEP quotient at {@code z^K} and its own FRI on its whole LDE domain, opened
 * at positions drawn uniformly from all {@code 16 h} points ({@link ProofOptions#dataQueries()}),
 * so every proof, whatever its preset, binds to the same dataset: the codeword closest to the
 * committed word ({@link SecurityReport}, "dataset binding").
 */
public final class Precommitment {
    public static final int LOG_BLOWUP = 4;
    public static final HashId HASH = HashId.SHA256;

    private Precommitment() {}

    /**
     * The FRI options of a segment's own proximity test, whatever the preset: folding 8 and a
     * remainder of up to 1,024 coefficients. The test runs at {@link ProofOptions#dataQueries()}
     * positions, more than twice a preset's trace queries, so its last layers would be opened
     * almost whole; sending the remainder instead is smaller (the demo's dataset, degree 512,
     * needs no layer at all: 225,580 to 202,012 bytes; at 2^16 data rows 2 layers instead of 4,
     * 431,284 to 413,892 bytes). Soundness does not depend on the remainder size: the verifier
     * checks every query against the remainder polynomial itself.
     */
    public static final FriOptions FRI = new FriOptions(8, 1024);

    /** The segment's LDE coset shift {@code 7^(2^32)}. */
    public static long segmentShift() {
        return Goldilocks.pow(Goldilocks.GENERATOR, 1L << 32);
    }
}
