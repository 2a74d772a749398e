package dev.comet.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The parallel proof-of-work search (workers claiming nonce chunks) must return exactly the
 * nonce a sequential scan finds first, whatever the parallelism it runs under and wherever the
 * smallest hit falls relative to the chunk boundaries; otherwise prover determinism (same
 * inputs, same proof bytes) breaks across machines.
 */
class ParallelGrindingTest {
    private static final HashFunction H = HashFunction.defaultHash();

    private static Transcript transcript(int seed) {
        Transcript t = new Transcript(H, "grind-property");
        t.absorbLongs("seed", new long[] {seed, seed * 0x9E3779B97F4A7C15L});
        return t;
    }

    /** The smallest valid nonce by a plain scan; rejections leave the transcript unchanged. */
    private static long sequential(Transcript t, int bits) {
        for (long nonce = 0; ; nonce++) {
            if (t.acceptProofOfWork(nonce, bits)) {
                return nonce;
            }
        }
    }

    private static long grindIn(ForkJoinPool pool, Transcript t, int bits) throws Exception {
        return pool.submit(() -> t.grind(bits)).get();
    }

    @Test
    void parallelGrindingFindsTheSmallestNonceUnderAnyParallelism() throws Exception {
        int[] parallelisms = {1, 2, 3, 5, 8};
        ForkJoinPool[] pools = new ForkJoinPool[parallelisms.length];
        for (int i = 0; i < pools.length; i++) {
            pools[i] = new ForkJoinPool(parallelisms[i]);
        }
        try {
            int beyondFirstChunk = 0;
            int seed = 0;
            for (int bits = 12; bits <= 16; bits++) {
                int transcripts = bits <= 14 ? 16 : 6;
                for (int k = 0; k < transcripts; k++, seed++) {
                    Transcript reference = transcript(seed);
                    long expected = sequential(reference, bits);
                    if (expected >= 1 << 13) {
                        beyondFirstChunk++;
                    }
                    long after = reference.drawBase("after");
                    // The common pool, then each pool in turn (one of them per transcript, to bound the cost).
                    Transcript common = transcript(seed);
                    assertEquals(expected, common.grind(bits), "common pool, bits " + bits + ", seed " + seed);
                    assertEquals(after, common.drawBase("after"), "same state after grinding");
                    ForkJoinPool pool = pools[seed % pools.length];
                    Transcript t = transcript(seed);
                    assertEquals(expected, grindIn(pool, t, bits),
                            "parallelism " + pool.getParallelism() + ", bits " + bits + ", seed " + seed);
                    assertEquals(after, t.drawBase("after"));
                }
            }
            assertTrue(beyondFirstChunk >= 5, "some smallest nonces lie beyond the first chunk: " + beyondFirstChunk);
        } finally {
            for (ForkJoinPool p : pools) {
                p.shutdownNow();
            }
        }
    }

    /** A hit in a later chunk found first by one worker must not hide a smaller hit another worker is still scanning. */
    @Test
    void aLateSmallHitWinsOverAnEarlyLargeOne() throws Exception {
        // Many parallel workers on few bits: several chunks hold hits and finish in arbitrary order.
        ForkJoinPool pool = new ForkJoinPool(16);
        try {
            for (int seed = 1000; seed < 1040; seed++) {
                Transcript reference = transcript(seed);
                long expected = sequential(reference, 13);
                assertEquals(expected, grindIn(pool, transcript(seed), 13), "seed " + seed);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
