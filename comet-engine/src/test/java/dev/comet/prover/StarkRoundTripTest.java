package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.TraceTable;
import dev.comet.examples.ExampleAirs;
import dev.comet.examples.FibonacciAir;
import dev.comet.examples.MimcAir;
import dev.comet.examples.RangeCheckAir;
import dev.comet.examples.WideAir;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.AirShape;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.SecurityReport;
import dev.comet.proof.StarkProof;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StarkRoundTripTest {
    private static final StarkVerifier ANY_SECURITY = new StarkVerifier(0);

    static byte[] prove(ExampleAirs.Instance instance, ProofOptions options) {
        return ProofCodec.encode(new StarkProver(options).prove(instance.air(), instance.trace()));
    }

    @ParameterizedTest(name = "{0} at 2^{1} x {2}, preset {3}")
    @CsvSource({
        "fib, 3, 1, test",
        "fib, 6, 1, test",
        "fib, 10, 1, test",
        "mimc, 6, 1, test",
        "mimc, 8, 1, test",
        "mimc, 12, 1, test",
        "wide, 4, 1, test",
        "wide, 7, 5, test",
        "wide, 10, 16, test",
        "range, 16, 1, test",
        "fib, 8, 1, default",
        "mimc, 10, 1, default",
        "wide, 6, 3, high",
        "mimc, 9, 1, high",
        "range, 16, 1, high",
    })
    void honestProofsVerify(String air, int logRows, int columns, String preset) {
        ExampleAirs.Instance instance = ExampleAirs.create(air, logRows, columns);
        ProofOptions options = ProofOptions.preset(preset);
        byte[] proof = prove(instance, options);
        VerificationResult result = ANY_SECURITY.verify(instance.air(), proof);
        assertTrue(result.valid(), result.reason());
        assertEquals(SecurityReport.of(options, AirShape.of(instance.air())).bits(), result.security().bits());
    }

    @Test
    void presetsMeetTheirSecurityTargets() {
        AirShape mimc = AirShape.of(ExampleAirs.create("mimc", 16, 1).air());
        assertTrue(SecurityReport.of(ProofOptions.standard(), mimc).bits() >= 100);
        assertTrue(SecurityReport.of(ProofOptions.high(), mimc).bits() >= 128);
        assertTrue(SecurityReport.of(ProofOptions.proven(), mimc).proven().bits() >= 100);
        assertTrue(SecurityReport.of(ProofOptions.test(), mimc).bits() < 100);
    }

    @Test
    void defaultVerifierRejectsProofsBelowOneHundredBits() {
        ExampleAirs.Instance instance = ExampleAirs.create("fib", 5, 1);
        VerificationResult result = new StarkVerifier().verify(instance.air(), prove(instance, ProofOptions.test()));
        assertFalse(result.valid());
        assertTrue(result.reason().contains("below the required 100"), result.reason());
    }

    @Test
    void wrongPublicOutputRejects() {
        TraceTable trace = MimcAir.trace(8, 3);
        MimcAir honest = MimcAir.forTrace(trace);
        byte[] proof = ProofCodec.encode(new StarkProver(ProofOptions.test()).prove(honest, trace));
        long output = trace.get(0, trace.length() - 1);
        VerificationResult result = ANY_SECURITY.verify(new MimcAir(8, 3, output + 1), proof);
        assertFalse(result.valid());
        VerificationResult wrongInput = ANY_SECURITY.verify(new MimcAir(8, 4, output), proof);
        assertFalse(wrongInput.valid());
        assertTrue(ANY_SECURITY.verify(honest, proof).valid());
    }

    @Test
    void proofForOneAirDoesNotVerifyForAnotherOfTheSameShape() {
        TraceTable fibTrace = FibonacciAir.trace(6);
        byte[] proof = ProofCodec.encode(new StarkProver(ProofOptions.test()).prove(FibonacciAir.forTrace(fibTrace), fibTrace));
        // A two-column wide AIR whose public values are the fib trace's own first and last rows.
        WideAir other = WideAir.forTrace(fibTrace);
        VerificationResult result = ANY_SECURITY.verify(other, proof);
        assertFalse(result.valid());
    }

    @Test
    void proofForOneTraceLengthDoesNotVerifyForAnother() {
        ExampleAirs.Instance small = ExampleAirs.create("fib", 6, 1);
        byte[] proof = prove(small, ProofOptions.test());
        ExampleAirs.Instance bigger = ExampleAirs.create("fib", 7, 1);
        VerificationResult result = ANY_SECURITY.verify(bigger.air(), proof);
        assertFalse(result.valid());
        assertTrue(result.reason().contains("trace shape"), result.reason());
    }

    @Test
    void proverIsDeterministic() {
        ExampleAirs.Instance instance = ExampleAirs.create("range", 16, 1);
        assertArrayEquals(prove(instance, ProofOptions.test()), prove(instance, ProofOptions.test()));
        ExampleAirs.Instance mimc = ExampleAirs.create("mimc", 9, 1);
        assertArrayEquals(prove(mimc, ProofOptions.standard()), prove(mimc, ProofOptions.standard()));
    }

    @Test
    void encodingRoundTripsExactly() throws Exception {
        ExampleAirs.Instance instance = ExampleAirs.create("range", 16, 1);
        byte[] bytes = prove(instance, ProofOptions.test());
        StarkProof decoded = ProofCodec.decode(bytes);
        assertArrayEquals(bytes, ProofCodec.encode(decoded));
    }

    @Test
    void selfCheckNamesTheBrokenConstraintAndRow() {
        TraceTable trace = FibonacciAir.trace(6);
        FibonacciAir air = FibonacciAir.forTrace(trace);
        trace.set(1, 20, trace.get(1, 20) + 1);
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> new StarkProver(ProofOptions.test()).prove(air, trace));
        assertEquals(19, e.row());
        assertEquals("b' = a + b", e.constraint());
    }

    @Test
    void debugModeAcceptsHonestDegrees() {
        ExampleAirs.Instance instance = ExampleAirs.create("mimc", 6, 1);
        ProverSettings debug = ProverSettings.defaults().withDebugDegrees();
        StarkProof proof = new StarkProver(ProofOptions.standard(), debug).prove(instance.air(), instance.trace());
        assertTrue(ANY_SECURITY.verify(instance.air(), proof).valid());
        ExampleAirs.Instance range = ExampleAirs.create("range", 16, 1);
        StarkProof rangeProof = new StarkProver(ProofOptions.standard(), debug).prove(range.air(), range.trace());
        assertTrue(ANY_SECURITY.verify(range.air(), rangeProof).valid());
    }

    @Test
    void rangeAirRefusesTooShortTraces() {
        assertThrows(IllegalArgumentException.class, () -> new RangeCheckAir(RangeCheckAir.minLogLength() - 1, 0, 1));
    }
}
