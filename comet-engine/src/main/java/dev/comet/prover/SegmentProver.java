package dev.comet.prover;

import dev.comet.field.ExtensionField;
import dev.comet.field.ExtensionVectors;
import dev.comet.fri.FriProof;
import dev.comet.fri.FriProver;
import dev.comet.hash.HashFunction;
import dev.comet.hash.Transcript;
import dev.comet.proof.DeepTerms;
import dev.comet.proof.Precommitment;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.SegmentReading;
import dev.comet.proof.StarkProof;
import java.util.ArrayList;
import java.util.List;

/**
 * The precommitted segment's part of a proof (see {@link Precommitment}): its DEEP quotient at the
 * points {@code zeta = z^K} where the tables that read it do so, proven low-degree by a FRI of its
 * own on the segment's whole LDE domain, and the openings at positions drawn over that domain.
 */
final class SegmentProver {
    private final ExtensionField ext;
    private final ProofOptions options;

    SegmentProver(ExtensionField ext, ProofOptions options) {
        this.ext = ext;
        this.options = options;
    }

    /**
     * After the trace's commit phase: draws the segment's DEEP challenges, reading by reading, and
     * runs the FRI commit phase on the sum of the readings' quotients.
     */
    Commitment commit(PrecommittedSegment segment, List<SegmentReading> readings, Transcript transcript) {
        int logLde = segment.logHeight() + Precommitment.LOG_BLOWUP;
        long[][] quotient = null;
        for (SegmentReading reading : readings) {
            List<long[]> gammas = new ArrayList<>();
            for (int c = 0; c < segment.width(); c++) {
                gammas.add(transcript.drawExtension("segment-gamma", ext));
            }
            DeepTerms terms = DeepTerms.forSegment(ext, gammas, reading.values());
            long[][] part = DeepComposer.evaluate(ext, terms, segment.lde(), logLde, Precommitment.segmentShift(),
                    reading.zeta(), 1);
            if (quotient == null) {
                quotient = part;
            } else {
                ExtensionVectors.add(quotient, part, quotient, 1 << logLde);
            }
        }
        FriProver fri = new FriProver(Precommitment.FRI, ext, HashFunction.of(options.hash()));
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
