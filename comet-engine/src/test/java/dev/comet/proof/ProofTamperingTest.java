package dev.comet.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.examples.ExampleAirs;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Any change to an encoded proof must be rejected, cleanly. */
class ProofTamperingTest {
    private static final StarkVerifier VERIFIER = new StarkVerifier(0);
    private static final ExampleAirs.Instance SMALL = ExampleAirs.create("fib", 3, 1);
    private static final byte[] SMALL_PROOF = encode(SMALL, ProofOptions.test());
    private static final ExampleAirs.Instance RANGE = ExampleAirs.create("range", 16, 1);
    private static final byte[] RANGE_PROOF = encode(RANGE, ProofOptions.test());

    private static byte[] encode(ExampleAirs.Instance instance, ProofOptions options) {
        return ProofCodec.encode(new StarkProver(options).prove(instance.air(), instance.trace()));
    }

    @Test
    void untouchedProofsVerify() {
        assertTrue(VERIFIER.verify(SMALL.air(), SMALL_PROOF).valid());
        assertTrue(VERIFIER.verify(RANGE.air(), RANGE_PROOF).valid());
    }

    /** Every byte of a small proof, every section included, flipped in turn. */
    @Test
    void flippingAnyByteOfASmallProofRejects() {
        for (int i = 0; i < SMALL_PROOF.length; i++) {
            byte[] bad = SMALL_PROOF.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            VerificationResult result = VERIFIER.verify(SMALL.air(), bad);
            assertFalse(result.valid(), "flipping byte " + i + " of " + SMALL_PROOF.length + " was accepted");
        }
    }

    @Property(tries = 300)
    void flippingARandomByteOfALookupProofRejects(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position,
                                                  @ForAll @IntRange(min = 1, max = 255) int mask) {
        byte[] bad = RANGE_PROOF.clone();
        int i = position % bad.length;
        bad[i] ^= (byte) mask;
        assertFalse(VERIFIER.verify(RANGE.air(), bad).valid(), "flipping byte " + i + " was accepted");
    }

    @Test
    void everyTruncationIsAMalformedProof() {
        for (int len = 0; len < SMALL_PROOF.length; len++) {
            byte[] cut = Arrays.copyOf(SMALL_PROOF, len);
            assertThrows(MalformedProofException.class, () -> ProofCodec.decode(cut), "length " + len);
            assertFalse(VERIFIER.verify(SMALL.air(), cut).valid());
        }
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] longer = Arrays.copyOf(SMALL_PROOF, SMALL_PROOF.length + 1);
        MalformedProofException e = assertThrows(MalformedProofException.class, () -> ProofCodec.decode(longer));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void garbageIsNotAProof() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        MalformedProofException e = assertThrows(MalformedProofException.class, () -> ProofCodec.decode(garbage));
        assertEquals("not a Comet proof: wrong magic bytes", e.getMessage());
        assertThrows(MalformedProofException.class, () -> ProofCodec.decode(new byte[0]));
    }

    @Property(tries = 200)
    void randomBytesBehindAValidHeaderNeverEscapeAsExceptions(@ForAll @IntRange(min = 0, max = 5000) int length,
                                                              @ForAll long seed) {
        byte[] bytes = new byte[ProofCodec.MAGIC.length + 2 + length];
        new java.util.Random(seed).nextBytes(bytes);
        System.arraycopy(SMALL_PROOF, 0, bytes, 0, Math.min(bytes.length, ProofCodec.MAGIC.length + 2 + 20));
        VerificationResult result = VERIFIER.verify(SMALL.air(), bytes);
        assertFalse(result.valid());
    }

    /** Sections of absent parts must be empty: padding them gives a second encoding. */
    @Test
    void siblingsOrValuesInAnAbsentSectionAreRejected() throws Exception {
        StarkProof proof = ProofCodec.decode(SMALL_PROOF);
        dev.comet.merkle.BatchOpening padded = new dev.comet.merkle.BatchOpening(new byte[32]);
        StarkProof.TableProof t = proof.table();
        StarkProof padAux = proof.withTables(java.util.List.of(new StarkProof.TableProof(t.traceInfo(),
                t.numCompositionColumns(), t.logUpSum(), t.ood(), t.mainValues(), new long[] {1}, t.compositionValues(),
                t.precommittedQueries(), t.segmentFri())));
        assertFalse(VERIFIER.verify(SMALL.air(), ProofCodec.encode(padAux)).valid());
        StarkProof padAuxRound = new StarkProof(proof.options(), proof.tables(), proof.main(),
                new StarkProof.Commitment(new byte[32], padded), proof.composition(), proof.fri(), proof.powNonce());
        assertFalse(VERIFIER.verify(SMALL.air(), padAuxRound).valid());
        StarkProof padSegment = proof.withTables(java.util.List.of(new StarkProof.TableProof(t.traceInfo(),
                t.numCompositionColumns(), t.logUpSum(), t.ood(), t.mainValues(), t.auxValues(), t.compositionValues(),
                new StarkProof.Queries(new long[0], padded), t.segmentFri())));
        assertFalse(VERIFIER.verify(SMALL.air(), ProofCodec.encode(padSegment)).valid());
    }
}
