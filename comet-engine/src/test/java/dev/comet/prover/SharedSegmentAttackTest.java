package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.fri.FriProof;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attacks on one precommitted segment read by several tables ({@link TableSet#segmentOwner}):
 * segment sections in the wrong table, moved, partly present or encoded with a bare remainder;
 * owner and reader swapped; readers that read the segment at the same point as the owner (same
 * height) or at the segment's own height, with wrong data behind one of them; three readers.
 */
class SharedSegmentAttackTest {
    private static final StarkVerifier VERIFIER = new StarkVerifier(0);
    private static final ProverSettings CHEAT = ProverSettings.defaults().withoutSelfCheck();

    private record Instance(TableSet set, List<TraceTable> traces, List<PrecommittedSegment> segments) {}

    /**
     * Tables named t0, t1, ... of {@code 2^logs[i]} rows reading the segment of {@code data};
     * table {@code wrong} (or none, -1) computes over {@code other} instead, as its prover claims.
     */
    private static Instance instance(long[][] data, long[][] other, int wrong, int... logs) {
        PrecommittedSegment segment = PrecommittedSegment.commit(data);
        PrecommittedSegment otherSegment = PrecommittedSegment.commit(other);
        List<Air> airs = new ArrayList<>();
        List<TraceTable> traces = new ArrayList<>();
        List<PrecommittedSegment> segments = new ArrayList<>();
        for (int i = 0; i < logs.length; i++) {
            long[][] d = i == wrong ? other : data;
            airs.add(new SharedSegmentTest.NamedSumAir("t" + i, logs[i], segment.logHeight(), segment.root(),
                    PrecommittedSegmentTest.total(d, logs[i])));
            traces.add(PrecommittedSegmentTest.trace(d, logs[i]));
            segments.add(i == wrong ? otherSegment : segment);
        }
        return new Instance(new TableSet("shared", airs), traces, segments);
    }

    private static StarkProof prove(Instance instance, ProverSettings settings) {
        return new StarkProver(ProofOptions.test(), settings).prove(instance.set(), instance.traces(), instance.segments());
    }

    private static StarkProof.TableProof withSegment(StarkProof.TableProof t, StarkProof.Queries queries, FriProof fri) {
        return new StarkProof.TableProof(t.traceInfo(), t.numCompositionColumns(), t.logUpSum(), t.ood(), t.mainValues(),
                t.auxValues(), t.compositionValues(), queries, fri);
    }

    private static StarkProof withTables(StarkProof proof, StarkProof.TableProof... tables) {
        return proof.withTables(List.of(tables));
    }

    private static StarkProof.Queries empty() {
        return new StarkProof.Queries(new long[0], new dev.comet.merkle.BatchOpening(new byte[0]));
    }

    private static VerificationResult verifyEncoded(TableSet set, StarkProof proof) {
        return VERIFIER.verify(set, ProofCodec.encode(proof));
    }

    /** A reader carrying only the owner's segment FRI, or only its openings: each half alone is refused, encoded too. */
    @Test
    void readerWithHalfTheSegmentSectionsIsRejected() {
        long[][] data = PrecommittedSegmentTest.segmentData(4, 21);
        Instance instance = instance(data, data, -1, 7, 5);
        StarkProof proof = prove(instance, ProverSettings.defaults());
        assertTrue(verifyEncoded(instance.set(), proof).valid());
        StarkProof.TableProof owner = proof.tables().get(0);
        StarkProof.TableProof reader = proof.tables().get(1);
        StarkProof friOnly = withTables(proof, owner, withSegment(reader, empty(), owner.segmentFri()));
        StarkProof queriesOnly = withTables(proof, owner, withSegment(reader, owner.precommittedQueries(), FriProof.NONE));
        // A bare remainder with no layers (what the codec reads as "no FRI" only when the remainder is empty too).
        FriProof bareRemainder = new FriProof(List.of(), new long[][] {{0}, {0}}, List.of());
        StarkProof remainderOnly = withTables(proof, owner, withSegment(reader, empty(), bareRemainder));
        for (StarkProof bad : List.of(friOnly, queriesOnly, remainderOnly)) {
            VerificationResult direct = VERIFIER.verify(instance.set(), bad);
            assertFalse(direct.valid());
            assertTrue(direct.reason().contains("earlier table opens"), direct.reason());
            assertFalse(verifyEncoded(instance.set(), bad).valid());
        }
    }

    /** The segment opened in the reader's sections instead of the owner's. */
    @Test
    void segmentMovedFromOwnerToReaderIsRejected() {
        long[][] data = PrecommittedSegmentTest.segmentData(4, 22);
        Instance instance = instance(data, data, -1, 6, 8);
        StarkProof proof = prove(instance, ProverSettings.defaults());
        StarkProof.TableProof owner = proof.tables().get(0);
        StarkProof.TableProof reader = proof.tables().get(1);
        StarkProof moved = withTables(proof, withSegment(owner, empty(), FriProof.NONE),
                withSegment(reader, owner.precommittedQueries(), owner.segmentFri()));
        assertFalse(VERIFIER.verify(instance.set(), moved).valid());
        assertFalse(verifyEncoded(instance.set(), moved).valid());
        StarkProof dropped = withTables(proof, withSegment(owner, empty(), FriProof.NONE), reader);
        assertFalse(VERIFIER.verify(instance.set(), dropped).valid());
        assertFalse(verifyEncoded(instance.set(), dropped).valid());
    }

    /** The tables' order is part of the statement: a proof for (a, b) is no proof for (b, a), which has its own. */
    @Test
    void swappingOwnerAndReaderIsRejected() {
        long[][] data = PrecommittedSegmentTest.segmentData(4, 23);
        Instance ab = instance(data, data, -1, 7, 5);
        StarkProof proof = prove(ab, ProverSettings.defaults());
        assertTrue(verifyEncoded(ab.set(), proof).valid());
        TableSet ba = new TableSet("shared", List.of(ab.set().table(1), ab.set().table(0)));
        assertEquals(0, ba.segmentOwner(1));
        assertFalse(verifyEncoded(ba, proof).valid());
        StarkProof swapped = withTables(proof, proof.tables().get(1), proof.tables().get(0));
        assertFalse(verifyEncoded(ba, swapped).valid(), "tables swapped in the proof as well");
        // Both sections swapped as well: the segment now with the new owner.
        StarkProof.TableProof a = proof.tables().get(0);
        StarkProof.TableProof b = proof.tables().get(1);
        StarkProof reowned = withTables(proof, withSegment(b, a.precommittedQueries(), a.segmentFri()),
                withSegment(a, empty(), FriProof.NONE));
        assertFalse(verifyEncoded(ba, reowned).valid());
        StarkProof honest = new StarkProver(ProofOptions.test()).prove(ba,
                List.of(ab.traces().get(1), ab.traces().get(0)), List.of(ab.segments().get(1), ab.segments().get(0)));
        assertTrue(verifyEncoded(ba, honest).valid());
    }

    /**
     * A reader whose prover computes over other data than the committed segment. Same height as
     * the owner: both parts of the segment's DEEP quotient divide by the same {@code x - zeta},
     * with independent coefficients, so the wrong claim cannot hide in the owner's part; at the
     * segment's own height ({@code K = 1}); the wrong one third of three; the owner wrong.
     */
    @ParameterizedTest(name = "tables {1}, wrong table {0}")
    @CsvSource(delimiter = ';', value = {"1; 6 6", "1; 4 4", "0; 6 6", "2; 5 7 5", "1; 5 4 9", "0; 4 7"})
    void readerOverOtherDataIsRejected(int wrong, String heights) {
        int[] logs = Arrays.stream(heights.split(" ")).mapToInt(Integer::parseInt).toArray();
        long[][] data = PrecommittedSegmentTest.segmentData(4, 24 + wrong);
        long[][] other = Arrays.stream(data).map(long[]::clone).toArray(long[][]::new);
        other[1][5] += 3;
        Instance cheat = instance(data, other, wrong, logs);
        VerificationResult result = verifyEncoded(cheat.set(), prove(cheat, CHEAT));
        assertFalse(result.valid(), "table " + wrong + " over other data was accepted");
        Instance honest = instance(data, data, -1, logs);
        VerificationResult control = verifyEncoded(honest.set(), prove(honest, CHEAT));
        assertTrue(control.valid(), control.reason());
    }

    /** Two tables reading one root with different widths: the set is refused. */
    @Test
    void oneRootReadWithTwoWidthsIsRefused() {
        long[][] data = PrecommittedSegmentTest.segmentData(4, 25);
        PrecommittedSegment segment = PrecommittedSegment.commit(data);
        Air data1 = new SharedSegmentTest.NamedSumAir("a", 6, segment.logHeight(), segment.root(), 0);
        SharedSegmentTest.NamedSumAir base = new SharedSegmentTest.NamedSumAir("b", 6, segment.logHeight(), segment.root(), 0);
        Air wider = new Air() {
            @Override public String name() { return "c"; }
            @Override public TraceInfo traceInfo() { return TraceInfo.mainOnly(6, 2).withPrecommitted(3, segment.logHeight()); }
            @Override public byte[] precommittedRoot() { return segment.root(); }
            @Override public List<Constraint> constraints() { return base.constraints(); }
            @Override public byte[] publicInputs() { return new byte[0]; }
        };
        assertThrows(IllegalArgumentException.class, () -> new TableSet("bad", List.of(data1, wider)));
    }
}
