package dev.comet.cli;

import dev.comet.examples.ExampleAirs;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.Arrays;

/**
 * One measured prove-and-verify of an example AIR. With warm-up, {@link #WARMUP_PROOFS} proofs
 * bring the JIT to its steady state first and proving is the median of {@link #TIMED_PROOFS}
 * timed proofs; without, it is one cold proof. The verifier's time is the median of several runs
 * after warm-up; the heap peak is read from the JVM's memory pools (reset before the timed
 * proofs). The proof-of-work nonce is reported because it is the grinding work of this
 * statement (a geometric count of hashes, {@code 2^bits} expected), which small proofs feel.
 */
record StarkRun(String air, int logRows, int columns, String preset, long proveMs, double verifyMs, int proofBytes,
                int securityBits, long peakHeapMb, boolean verified, long powNonce) {
    static final int WARMUP_PROOFS = 3;
    static final int TIMED_PROOFS = 5;

    /**
     * @param hash     the hash to use instead of the preset's, or null
     * @param listener told about the phases of the last timed proof
     */
    static StarkRun measure(String air, int logRows, int columns, String preset, dev.comet.hash.HashId hash,
                            boolean warmUp, dev.comet.prover.ProverListener listener) {
        ProofOptions options = hash == null ? ProofOptions.preset(preset) : ProofOptions.preset(preset).withHash(hash);
        ExampleAirs.Instance instance = ExampleAirs.create(air, logRows, columns);
        for (int i = 0; i < (warmUp ? WARMUP_PROOFS : 0); i++) {
            new StarkProver(options).prove(instance.air(), instance.trace());
        }
        int timed = warmUp ? TIMED_PROOFS : 1;
        long[] proveNs = new long[timed];
        StarkProof last = null;
        HeapPeak.reset();
        for (int i = 0; i < timed; i++) {
            StarkProver prover = i == timed - 1
                    ? new StarkProver(options, dev.comet.prover.ProverSettings.defaults().withListener(listener))
                    : new StarkProver(options);
            long t0 = System.nanoTime();
            last = prover.prove(instance.air(), instance.trace());
            proveNs[i] = System.nanoTime() - t0;
        }
        long peakMb = HeapPeak.megabytes();
        Arrays.sort(proveNs);
        byte[] proof = ProofCodec.encode(last);
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
        return new StarkRun(air, logRows, columnsUsed, preset, proveNs[timed / 2] / 1_000_000, times[runs / 2], proof.length,
                result.security().bits(), peakMb, result.valid(), last.powNonce());
    }

    String json() {
        return String.format(java.util.Locale.ROOT,
                "{\"air\":\"%s\",\"log_rows\":%d,\"columns\":%d,\"preset\":\"%s\",\"prove_ms\":%d,\"verify_ms\":%.3f,"
                        + "\"proof_bytes\":%d,\"security_bits\":%d,\"peak_heap_mb\":%d,\"verified\":%b,\"pow_nonce\":%d}",
                air, logRows, columns, preset, proveMs, verifyMs, proofBytes, securityBits, peakHeapMb, verified, powNonce);
    }
}
