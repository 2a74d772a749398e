package dev.comet.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.examples.ExampleAirs;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.StarkProver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The nonce is the only field a third party could change without the trace. Without grinding the
 * verifier accepts only nonce 0. With grinding it accepts any nonce that meets the target (it
 * cannot check that a nonce is the smallest), so a proof whose openings cover every leaf of a
 * small table verifies with another valid nonce too: a second proof of the same statement, as a
 * STARK always allows (see {@code Transcript.acceptProofOfWork}); not tested here.
 */
class ProofOfWorkMalleabilityTest {
    private static final ExampleAirs.Instance FIB = ExampleAirs.create("fib", 3, 1);

    private static StarkProof withNonce(StarkProof proof, long nonce) {
        return new StarkProof(proof.options(), proof.tables(), proof.main(), proof.aux(), proof.composition(), proof.fri(),
                nonce);
    }

    /** Nonces below {@code limit}, other than the proof's, with which the proof still verifies. */
    private static List<Long> otherAcceptedNonces(StarkVerifier verifier, StarkProof proof, long limit) {
        List<Long> accepted = new ArrayList<>();
        for (long nonce = 0; nonce < limit; nonce++) {
            if (nonce != proof.powNonce() && verifier.verify(FIB.air(), withNonce(proof, nonce)).valid()) {
                accepted.add(nonce);
            }
        }
        return accepted;
    }

    /** The defence of f713434, end to end: without grinding, no other nonce verifies. */
    @Test
    void withoutGrindingNoOtherNonceVerifies() {
        StarkVerifier verifier = new StarkVerifier(0);
        StarkProof proof = new StarkProver(ProofOptions.test()).prove(FIB.air(), FIB.trace());
        assertEquals(0, proof.powNonce());
        assertTrue(verifier.verify(FIB.air(), proof).valid());
        assertEquals(List.of(), otherAcceptedNonces(verifier, proof, 300));
        assertFalse(verifier.verify(FIB.air(), withNonce(proof, Long.MIN_VALUE)).valid());
        assertFalse(verifier.verify(FIB.air(), withNonce(proof, -1)).valid());
    }
}
