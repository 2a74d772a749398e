package dev.comet.api;

import dev.comet.proof.ProofOptions;
import dev.comet.proof.SecurityReport;
import dev.comet.train.ModelReport;
import dev.comet.train.TrainingSpec;
import dev.comet.train.TrainingStatement;

/**
 * The outcome of {@link Comet#train}: the public statement, the encoded proof of it, the options it
 * was made with and the security they give for this run, the baseline comparison and how long
 * each part took.
 */
public record TrainedModel(TrainingStatement statement, TrainingSpec spec, byte[] proof, ProofOptions options,
                           String preset, SecurityReport security, ModelReport report, long nativeMillis,
                           long proveMillis) {
    public TrainedModel {
        proof = proof.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }
}
