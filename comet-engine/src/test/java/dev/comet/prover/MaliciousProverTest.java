package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comet.air.Air;
import dev.comet.air.TraceTable;
import dev.comet.examples.FibonacciAir;
import dev.comet.examples.MimcAir;
import dev.comet.examples.RangeCheckAir;
import dev.comet.examples.WideAir;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import org.junit.jupiter.api.Test;

/**
 * A prover that writes a wrong trace and skips its own self-check must still be rejected by the
 * verifier: these tests are the soundness claims of the engine.
 */
class MaliciousProverTest {
    private static final ProverSettings CHEATING = ProverSettings.defaults().withoutSelfCheck();

    private static void assertRejected(Air air, TraceTable trace, ProofOptions options) {
        StarkProof proof = new StarkProver(options, CHEATING).prove(air, trace);
        VerificationResult result = new StarkVerifier(0).verify(air, proof);
        assertFalse(result.valid(), "a cheating proof was accepted");
    }

    @Test
    void oneChangedTraceCellRejects() {
        for (ProofOptions options : new ProofOptions[] {ProofOptions.test(), ProofOptions.standard()}) {
            TraceTable trace = MimcAir.trace(10, 3);
            MimcAir air = MimcAir.forTrace(trace);
            trace.set(0, 517, trace.get(0, 517) ^ 1);
            assertRejected(air, trace, options);
        }
    }

    @Test
    void oneChangedCellInAWideTraceRejects() {
        TraceTable trace = WideAir.trace(8, 6);
        WideAir air = WideAir.forTrace(trace);
        trace.set(4, 100, 12345);
        assertRejected(air, trace, ProofOptions.test());
    }

    @Test
    void changedBoundaryValueRejects() {
        TraceTable trace = FibonacciAir.trace(7);
        FibonacciAir air = FibonacciAir.forTrace(trace);
        // Start from (1, 2) instead of (1, 1) and keep the recurrence: every transition holds,
        // only the boundary constraint on b[0] is broken.
        long a = 1, b = 2;
        for (int i = 0; i < trace.length(); i++) {
            trace.set(0, i, a);
            trace.set(1, i, b);
            long next = dev.comet.field.Goldilocks.add(a, b);
            a = b;
            b = next;
        }
        assertRejected(air, trace, ProofOptions.test());
    }

    @Test
    void claimedOutputThatTheTraceDoesNotReachRejects() {
        TraceTable trace = FibonacciAir.trace(7);
        FibonacciAir lying = new FibonacciAir(7, trace.get(1, trace.length() - 1) + 1);
        assertRejected(lying, trace, ProofOptions.test());
    }

    @Test
    void selfCheckStopsAnHonestProverFromProvingAnOutOfRangeLimb() {
        TraceTable trace = outOfRangeLimbTrace();
        // The lookups no longer balance: the prover's check of the LogUp totals refuses.
        assertThrows(IllegalArgumentException.class,
                () -> new StarkProver(ProofOptions.test()).prove(new RangeCheckAir(16, 1_000_000L, 7), trace));
    }

    @Test
    void outOfRangeValuePushedThroughLogUpRejects() {
        TraceTable trace = outOfRangeLimbTrace();
        assertRejected(new RangeCheckAir(16, 1_000_000L, 7), trace, ProofOptions.test());
        assertRejected(new RangeCheckAir(16, 1_000_000L, 7), trace, ProofOptions.standard());
    }

    /**
     * Row 300 gets the non-canonical decomposition {@code lo + 2^16, hi - 1}: the recomposition
     * constraint still holds, only the range check can catch the 17-bit limb. Multiplicities are
     * counted over the in-range values only, as a cheater would.
     */
    private static TraceTable outOfRangeLimbTrace() {
        TraceTable trace = RangeCheckAir.trace(16, 1_000_000L, 7);
        int row = 300;
        trace.set(1, row, trace.get(1, row) + 65536);
        trace.set(2, row, trace.get(2, row) - 1);
        long[] mult = trace.column(4);
        java.util.Arrays.fill(mult, 0);
        for (int c = 1; c <= 2; c++) {
            for (long v : trace.column(c)) {
                if (v < 65536) {
                    mult[(int) v]++;
                }
            }
        }
        return trace;
    }
}
