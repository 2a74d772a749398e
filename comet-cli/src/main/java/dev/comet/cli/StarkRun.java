package dev.comet.cli;

import dev.comet.examples.ExampleAirs;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.Arrays;

/**
 * One measured prove-and-verify of an example AIR: proving is timed after a warm-up proof, the
 * verifier's time is the median of several runs after warm-up, and the heap peak is read from
 * the JVM's memory pools (reset before the timed proof).
 */
record StarkRun(String air, int logRows, int columns, String preset, long proveMs, double verifyMs, int proofBytes,
                int securityBits, long peakHeapMb, boolean verified) {

    /** @param hash the hash to use instead of the preset's, or null */
    static StarkRun measure(String air, int logRows, int columns, String preset, dev.comet.hash.HashId hash,
                            boolean warmUp, dev.comet.prover.ProverListener listener) {
        ProofOptions options = hash == null ? ProofOptions.preset(preset) : ProofOptions.preset(preset).withHash(hash);
        ExampleAirs.Instance instance = ExampleAirs.create(air, logRows, columns);
        if (warmUp) {
            new StarkProver(options).prove(instance.air(), instance.trace());
        }
        StarkProver prover = new StarkProver(options, dev.comet.prover.ProverSettings.defaults().withListener(listener));
        HeapPeak.reset();
        long t0 = System.nanoTime();
        byte[] proof = ProofCodec.encode(prover.prove(instance.air(), instance.trace()));
        long proveNs = System.nanoTime() - t0;
        long peakMb = HeapPeak.megabytes();
        StarkVerifier verifier = new StarkVerifier(dev.comet.verifier.VerifierPolicy.defaults().withMinimumBits(0)
                .withCustomOptions());
        VerificationResult result = null;
        int runs = warmUp ? 15 : 1;
        for (int i = 0; i < (warmUp ? 20 : 0); i++) {
            verifier.verify(instance.air(), proof);
        }
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long v0 = System.nanoTime();
            result = verifier.verify(instance.air(), proof);
            times[i] = (System.nanoTime() - v0) / 1e6;
        }
        Arrays.sort(times);
        int columnsUsed = instance.air().traceInfo().mainWidth();
        return new StarkRun(air, logRows, columnsUsed, preset, proveNs / 1_000_000, times[runs / 2], proof.length,
                result.security().bits(), peakMb, result.valid());
    }

    String json() {
        return String.format(java.util.Locale.ROOT,
                "{\"air\":\"%s\",\"log_rows\":%d,\"columns\":%d,\"preset\":\"%s\",\"prove_ms\":%d,\"verify_ms\":%.3f,"
                        + "\"proof_bytes\":%d,\"security_bits\":%d,\"peak_heap_mb\":%d,\"verified\":%b}",
                air, logRows, columns, preset, proveMs, verifyMs, proofBytes, securityBits, peakHeapMb, verified);
    }
}
