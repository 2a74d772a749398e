package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two tables of different heights reading one precommitted segment (equal roots): the segment is
 * opened once, in the first reader's sections, and its DEEP quotient covers both readings.
 */
class SharedSegmentTest {
    private static final StarkVerifier VERIFIER = new StarkVerifier(0);

    /** {@link PrecommittedSegmentTest.SumAir} under a name of its own, so that two can share a set. */
    record NamedSumAir(String name, int logLength, int logHeight, byte[] root, long total) implements Air {
        @Override
        public TraceInfo traceInfo() {
            return TraceInfo.mainOnly(logLength, 2).withPrecommitted(2, logHeight);
        }

        @Override
        public byte[] precommittedRoot() {
            return root;
        }

        @Override
        public List<Constraint> constraints() {
            return new PrecommittedSegmentTest.SumAir(logLength, logHeight, root, total).constraints();
        }

        @Override
        public byte[] publicInputs() {
            return ByteBuffer.allocate(8).putLong(total).array();
        }
    }

    private record Instance(TableSet set, List<TraceTable> traces, List<PrecommittedSegment> segments) {}

    /**
     * Table "a" of 2^logA rows and table "b" of 2^logB rows both read the segment of {@code data};
     * table b's trace and total are computed from {@code bData}, which a cheating prover may make
     * differ from the committed data.
     */
    private static Instance instance(long[][] data, long[][] bData, int logA, int logB) {
        PrecommittedSegment segment = PrecommittedSegment.commit(data);
        int logHeight = segment.logHeight();
        Air a = new NamedSumAir("a", logA, logHeight, segment.root(), PrecommittedSegmentTest.total(data, logA));
        Air b = new NamedSumAir("b", logB, logHeight, segment.root(), PrecommittedSegmentTest.total(bData, logB));
        PrecommittedSegment bSegment = bData == data ? segment : PrecommittedSegment.commit(bData);
        return new Instance(new TableSet("shared", List.of(a, b)),
                List.of(PrecommittedSegmentTest.trace(data, logA), PrecommittedSegmentTest.trace(bData, logB)),
                Arrays.asList(segment, bSegment));
    }

    @ParameterizedTest(name = "tables of 2^{0} and 2^{1} rows reading 2^{2} rows, {3}")
    @CsvSource({"8, 4, 4, test", "4, 9, 4, test", "6, 6, 5, test", "10, 7, 5, default", "7, 9, 6, high"})
    void honestProofsOpenTheSegmentOnce(int logA, int logB, int logHeight, String preset) {
        long[][] data = PrecommittedSegmentTest.segmentData(logHeight, logA * 31L + logB);
        Instance instance = instance(data, data, logA, logB);
        assertEquals(0, instance.set().segmentOwner(1));
        assertEquals(List.of(0, 1), instance.set().segmentReaders(0));
        StarkProof proof = new StarkProver(ProofOptions.preset(preset)).prove(instance.set(), instance.traces(),
                instance.segments());
        assertTrue(proof.tables().get(0).precommittedQueries().values().length > 0);
        assertEquals(0, proof.tables().get(1).precommittedQueries().values().length, "the second reader opens nothing");
        assertTrue(proof.tables().get(1).segmentFri().layerRoots().isEmpty());
        VerificationResult result = VERIFIER.verify(instance.set(), ProofCodec.encode(proof));
        assertTrue(result.valid(), result.reason());
    }

    /**
     * The second reader computes over other data than the committed one. Only its reading of the
     * segment is wrong, so only the second part of the shared DEEP quotient can catch it.
     */
    @ParameterizedTest
    @CsvSource({"test", "default"})
    void secondReaderOnOtherDataIsRejected(String preset) {
        long[][] data = PrecommittedSegmentTest.segmentData(4, 7);
        long[][] other = PrecommittedSegmentTest.segmentData(4, 7);
        other[0][3] += 1;
        Instance instance = instance(data, other, 9, 6);
        StarkProof proof = new StarkProver(ProofOptions.preset(preset), ProverSettings.defaults().withoutSelfCheck())
                .prove(instance.set(), instance.traces(), instance.segments());
        VerificationResult result = VERIFIER.verify(instance.set(), ProofCodec.encode(proof));
        assertFalse(result.valid());

        Instance honest = instance(data, data, 9, 6);
        StarkProof control = new StarkProver(ProofOptions.preset(preset), ProverSettings.defaults().withoutSelfCheck())
                .prove(honest.set(), honest.traces(), honest.segments());
        assertTrue(VERIFIER.verify(honest.set(), ProofCodec.encode(control)).valid(), "the same machinery, honest");
    }

    @Test
    void segmentOpenedInTheSecondReadersSectionsIsRejected() {
        long[][] data = PrecommittedSegmentTest.segmentData(4, 9);
        Instance instance = instance(data, data, 7, 5);
        StarkProof proof = new StarkProver(ProofOptions.test()).prove(instance.set(), instance.traces(),
                instance.segments());
        StarkProof.TableProof owner = proof.tables().get(0);
        StarkProof.TableProof reader = proof.tables().get(1);
        // Both tables carry the openings: the owner's, copied into the reader's sections as well.
        StarkProof.TableProof doubled = new StarkProof.TableProof(reader.traceInfo(), reader.numCompositionColumns(),
                reader.logUpSum(), reader.ood(), reader.mainValues(), reader.auxValues(), reader.compositionValues(),
                owner.precommittedQueries(), owner.segmentFri());
        List<StarkProof.TableProof> tables = new ArrayList<>(proof.tables());
        tables.set(1, doubled);
        VerificationResult result = VERIFIER.verify(instance.set(),
                proof.withTables(tables));
        assertFalse(result.valid());
        assertTrue(result.reason().contains("earlier table opens"), result.reason());
    }

    @Test
    void oneRootWithTwoShapesIsRefused() {
        byte[] root = PrecommittedSegment.commit(PrecommittedSegmentTest.segmentData(4, 1)).root();
        Air a = new NamedSumAir("a", 6, 4, root, 0);
        Air b = new NamedSumAir("b", 6, 5, root, 0);
        assertThrows(IllegalArgumentException.class, () -> new TableSet("bad", List.of(a, b)));
    }

    @Test
    void differentRootsAreDifferentSegments() {
        byte[] r1 = PrecommittedSegment.commit(PrecommittedSegmentTest.segmentData(4, 1)).root();
        byte[] r2 = PrecommittedSegment.commit(PrecommittedSegmentTest.segmentData(4, 2)).root();
        TableSet set = new TableSet("two", List.of(new NamedSumAir("a", 6, 4, r1, 0), new NamedSumAir("b", 6, 4, r2, 0)));
        assertEquals(0, set.segmentOwner(0));
        assertEquals(1, set.segmentOwner(1));
        assertEquals(List.of(1), set.segmentReaders(1));
    }
}
