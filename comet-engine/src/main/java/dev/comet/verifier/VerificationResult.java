package dev.comet.verifier;

import dev.comet.proof.SecurityEstimate;

/**
 * Outcome of a verification.
 *
 * @param valid    whether the proof is accepted
 * @param reason   one line: why it was rejected, or "valid"
 * @param security the conjectured security of the proof's options (null when the proof could not be read)
 */
public record VerificationResult(boolean valid, String reason, SecurityEstimate security) {
    static VerificationResult accept(SecurityEstimate security) {
        return new VerificationResult(true, "valid", security);
    }

    static VerificationResult reject(String reason, SecurityEstimate security) {
        return new VerificationResult(false, reason, security);
    }
}
