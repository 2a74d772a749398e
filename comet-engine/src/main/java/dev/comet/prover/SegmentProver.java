package dev.comet.prover;

import dev.comet.field.ExtensionField;
import dev.comet.fri.FriProof;
import dev.comet.fri.FriProver;
import dev.comet.hash.HashFunction;
import dev.comet.hash.Transcript;
import dev.comet.proof.DeepTerms;
import dev.comet.proof.Precommitment;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import java.util.ArrayList;
import java.util.List;

/**
 * The precommitted segment's part of a proof (see {@link Precommitment}): its DEEP quotient at the
 * point {@code zeta = z^K} where the trace reads it, proven low-degree by a FRI of its own on the
 * segment's whole LDE domain, and the openings at positions drawn over that domain.
 */
final class SegmentProver {
    private final ExtensionField ext;
    private final ProofOptions options;

    SegmentProver(ExtensionField ext, ProofOptions options) {
        this.ext = ext;
        this.options = options;
    }

    /** After the trace's commit phase: draws the segment's DEEP challenges and runs its FRI commit phase. */
    Commitment commit(PrecommittedSegment segment, long[][] oodValues, long[] zeta, Transcript transcript) {
        List<long[]> gammas = new ArrayList<>();
        for (int c = 0; c < segment.width(); c++) {
            gammas.add(transcript.drawExtension("segment-gamma", ext));
        }
        DeepTerms terms = DeepTerms.forSegment(ext, gammas, oodValues);
        int logLde = segment.logHeight() + Precommitment.LOG_BLOWUP;
        long[][] quotient = DeepComposer.evaluate(ext, terms, segment.lde(), logLde, Precommitment.segmentShift(), zeta, 1);
        FriProver fri = new FriProver(options.fri(), ext, HashFunction.of(options.hash()));
        return new Commitment(segment, fri.commit(quotient, Precommitment.segmentShift(), segment.height(), transcript));
    }

    /** The segment's FRI commitment, opened once the query positions are drawn. */
    record Commitment(PrecommittedSegment segment, FriProver.Commitment fri) {
        StarkProof.Queries queries(int[] positions) {
            return new StarkProof.Queries(segment.rows(positions), segment.tree().open(positions));
        }

        FriProof friProof(int[] positions) {
            return fri.open(positions);
        }
    }
}
