package dev.comet.proof;

import dev.comet.hash.HashFunction;

/**
 * Conjectured security of a proof, with the terms that produced it.
 *
 * <p>Formula (ethSTARK, as fixed in DESIGN.md §3):
 * {@code min(field bits - 1, queries * log2(blowup) + grinding bits, hash collision bits)}, where
 * field bits is {@code floor(log2 |F_ext|) = 64 * degree - 1} and the hash term is 128 for the
 * 256-bit hashes. This is the conjectured (not proven) soundness of FRI with the DEEP method.
 */
public record SecurityEstimate(int bits, int fieldTerm, int queryTerm, int hashTerm) {
    public static final String FORMULA =
            "ethSTARK conjectured: min(field bits - 1, queries * log2(blowup) + grinding, hash collision bits)";

    public static SecurityEstimate conjectured(ProofOptions options) {
        int fieldTerm = 64 * options.extensionDegree() - 1 - 1;
        int queryTerm = options.numQueries() * options.logBlowup() + options.grindingBits();
        int hashTerm = HashFunction.DIGEST_BYTES * 8 / 2;
        return new SecurityEstimate(Math.min(fieldTerm, Math.min(queryTerm, hashTerm)), fieldTerm, queryTerm, hashTerm);
    }

    @Override
    public String toString() {
        return bits + " bits (" + FORMULA + " = min(" + fieldTerm + ", " + queryTerm + ", " + hashTerm + "))";
    }
}
