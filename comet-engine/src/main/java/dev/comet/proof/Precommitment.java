package dev.comet.proof;

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

    /** The segment's LDE coset shift {@code 7^(2^32)}. */
    public static long segmentShift() {
        return Goldilocks.pow(Goldilocks.GENERATOR, 1L << 32);
    }
}
