package dev.comet.verifier;

import dev.comet.proof.SecurityReport;

/**
 * Outcome of a verification.
 *
 * @param valid    whether the proof is accepted
 * @param reason   one line: why it was rejected, or "valid"
 * @param security the security figures of the proof's options for the AIR (null when the proof
 *                 could not be read or does not fit the AIR)
 */
public record VerificationResult(boolean valid, String reason, SecurityReport security) {
    static VerificationResult accept(SecurityReport security) {
        return new VerificationResult(true, "valid", security);
    }

    static VerificationResult reject(String reason, SecurityReport security) {
        return new VerificationResult(false, reason, security);
    }
}
