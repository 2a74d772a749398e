package dev.comet.verifier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.examples.ExampleAirs;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.prover.StarkProver;
import org.junit.jupiter.api.Test;

class VerifierPolicyTest {
    private static final ExampleAirs.Instance MIMC = ExampleAirs.create("mimc", 10, 1);
    /** Conjectured 100 bits by trading blowup for queries, proven about 45: not a preset. */
    private static final ProofOptions WEAK = new ProofOptions(1, 100, 88, 0, 2, 8, 32, ProofOptions.standard().hash());

    private static byte[] prove(ProofOptions options) {
        return ProofCodec.encode(new StarkProver(options).prove(MIMC.air(), MIMC.trace()));
    }

    @Test
    void weakCustomOptionsAreRefusedUnlessAcceptedExplicitly() {
        byte[] proof = prove(WEAK);
        VerificationResult byDefault = new StarkVerifier().verify(MIMC.air(), proof);
        assertFalse(byDefault.valid());
        assertTrue(byDefault.reason().contains("not a named preset"), byDefault.reason());
        assertTrue(byDefault.security().bits() >= 100, "the conjectured figure alone would have accepted it");
        assertTrue(byDefault.security().proven().bits() < 50, byDefault.security().proven().toString());
        VerificationResult custom = new StarkVerifier(VerifierPolicy.defaults().withCustomOptions()).verify(MIMC.air(), proof);
        assertTrue(custom.valid(), custom.reason());
    }

    @Test
    void optionsStrongerThanAPresetInEveryParameterAreAccepted() {
        ProofOptions d = ProofOptions.standard();
        ProofOptions stronger = new ProofOptions(d.logBlowup() + 1, d.numQueries(), d.dataQueries(), d.grindingBits() + 1,
                3, d.foldingFactor(), d.remainderSize(), d.hash());
        VerificationResult result = new StarkVerifier().verify(MIMC.air(), prove(stronger));
        assertTrue(result.valid(), result.reason());
    }

    @Test
    void namedPresetsAreAcceptedAndTheTestPresetFailsTheMinimum() {
        for (String name : new String[] {"default", "high", "proven"}) {
            VerificationResult result = new StarkVerifier().verify(MIMC.air(), prove(ProofOptions.preset(name)));
            assertTrue(result.valid(), name + ": " + result.reason());
        }
        VerificationResult test = new StarkVerifier().verify(MIMC.air(), prove(ProofOptions.test()));
        assertFalse(test.valid());
        assertTrue(test.reason().contains("below the required 100"), test.reason());
    }
}
