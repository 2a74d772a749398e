package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.Goldilocks;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A trace that reads a precommitted segment periodically, K times over. */
class PrecommittedSegmentTest {
    private static final StarkVerifier VERIFIER = new StarkVerifier(0);

    /**
     * Column 0 is the running sum of segment column 0 before each row, column 1 a copy of segment
     * column 1 times 3; the public output is the total over all {@code n} rows, i.e. {@code K}
     * times the segment's sum.
     */
    record SumAir(int logLength, int logHeight, byte[] root, long total) implements Air {
        @Override
        public String name() {
            return "segment-sum";
        }

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
            Expr d = Expr.precommitted(0);
            return List.of(
                    Constraint.assertion("sum starts at 0", 0, 0, 0),
                    Constraint.transition("sum accumulates", Expr.mainNext(0).minus(Expr.main(0).plus(d))),
                    Constraint.atRow("total", (1 << logLength) - 1, Expr.main(0).plus(d).minus(total)),
                    Constraint.everyRow("copy", Expr.main(1).minus(Expr.precommitted(1).times(3))));
        }

        @Override
        public byte[] publicInputs() {
            return ByteBuffer.allocate(8).putLong(total).array();
        }
    }

    static long[][] segmentData(int logHeight, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[][] data = new long[2][1 << logHeight];
        for (long[] column : data) {
            for (int i = 0; i < column.length; i++) {
                column[i] = random.nextLong(1_000_000);
            }
        }
        return data;
    }

    static TraceTable trace(long[][] data, int logLength) {
        int n = 1 << logLength;
        int h = data[0].length;
        TraceTable t = TraceTable.ofSize(2, n);
        long sum = 0;
        for (int r = 0; r < n; r++) {
            t.set(0, r, sum);
            t.set(1, r, Goldilocks.mul(data[1][r % h], 3));
            sum = Goldilocks.add(sum, data[0][r % h]);
        }
        return t;
    }

    static long total(long[][] data, int logLength) {
        long sum = 0;
        for (int r = 0; r < 1 << logLength; r++) {
            sum = Goldilocks.add(sum, data[0][r % data[0].length]);
        }
        return sum;
    }

    @ParameterizedTest(name = "2^{1} segment rows read by 2^{0} trace rows, {2}")
    // Segments of up to 2^10 rows are proven by their remainder alone (Precommitment.FRI); 2^11 and
    // 2^12 rows need folded layers.
    @CsvSource({"5, 5, test", "6, 4, test", "9, 3, test", "10, 6, default", "8, 5, high", "11, 11, test",
            "12, 12, default"})
    void honestProofsVerify(int logLength, int logHeight, String preset) {
        long[][] data = segmentData(logHeight, logLength);
        PrecommittedSegment segment = PrecommittedSegment.commit(data);
        SumAir air = new SumAir(logLength, logHeight, segment.root(), total(data, logLength));
        StarkProof proof = new StarkProver(ProofOptions.preset(preset)).prove(air, trace(data, logLength), segment);
        VerificationResult result = VERIFIER.verify(air, ProofCodec.encode(proof));
        assertTrue(result.valid(), result.reason());
        // Degree 2^logHeight: a remainder of at most 1,024 coefficients, then 8 to a folding step.
        int layers = (int) Math.ceil(Math.max(0, logHeight - 10) / 3.0);
        assertEquals(layers, proof.tables().get(0).segmentFri().layers().size());
        assertEquals(1 << (logHeight - 3 * layers), proof.tables().get(0).segmentFri().remainder()[0].length);
    }

    @Test
    void commitmentDependsOnTheDataAlone() {
        long[][] data = segmentData(4, 1);
        assertArrayEquals(PrecommittedSegment.commit(data).root(), PrecommittedSegment.commit(data).root());
        long[][] changed = segmentData(4, 1);
        changed[1][9] += 1;
        assertFalse(java.util.Arrays.equals(PrecommittedSegment.commit(data).root(),
                PrecommittedSegment.commit(changed).root()));
    }

    @Test
    void proofDoesNotVerifyAgainstAnotherRoot() {
        long[][] data = segmentData(4, 2);
        PrecommittedSegment segment = PrecommittedSegment.commit(data);
        long total = total(data, 7);
        StarkProof proof = new StarkProver(ProofOptions.test()).prove(new SumAir(7, 4, segment.root(), total),
                trace(data, 7), segment);
        byte[] otherRoot = PrecommittedSegment.commit(segmentData(4, 3)).root();
        assertFalse(VERIFIER.verify(new SumAir(7, 4, otherRoot, total), proof).valid());
    }

    @Test
    void honestProverRefusesAMismatchedSegment() {
        long[][] data = segmentData(4, 4);
        PrecommittedSegment segment = PrecommittedSegment.commit(data);
        byte[] otherRoot = PrecommittedSegment.commit(segmentData(4, 5)).root();
        SumAir air = new SumAir(7, 4, otherRoot, total(data, 7));
        assertThrows(IllegalArgumentException.class, () -> new StarkProver(ProofOptions.test()).prove(air, trace(data, 7), segment));
    }

    /**
     * The cheater holds the committed data but proves over a copy with one value swapped, under the
     * published root; the trace is consistent with the swapped copy.
     */
    @Test
    void swappedSegmentValueRejects() {
        for (ProofOptions options : new ProofOptions[] {ProofOptions.test(), ProofOptions.standard()}) {
            long[][] data = segmentData(5, 6);
            byte[] publishedRoot = PrecommittedSegment.commit(data).root();
            long[][] swapped = segmentData(5, 6);
            swapped[0][17] += 1000;
            PrecommittedSegment cheatingSegment = PrecommittedSegment.commit(swapped);
            SumAir air = new SumAir(9, 5, publishedRoot, total(swapped, 9));
            StarkProof proof = new StarkProver(options, ProverSettings.defaults().withoutSelfCheck())
                    .prove(air, trace(swapped, 9), cheatingSegment);
            VerificationResult result = VERIFIER.verify(air, proof);
            assertFalse(result.valid(), "a proof over swapped data was accepted");
        }
    }

    /**
     * A dishonest committer publishes the root of a word that is dataset A's encoding on the
     * positions a blowup-{@code 16/step} proof used to open and dataset B's elsewhere, then proves
     * statements about A and about B under that root (the best cheat: each proof is computed from
     * the honest encoding of its own dataset and opens the committed word where it must). Every
     * preset reads the segment on its whole domain, so neither proof verifies.
     */
    @ParameterizedTest(name = "{0}, A on every {1}-th position, 2^{2} rows")
    @CsvSource({"test, 4, 5", "test, 2, 5", "default, 4, 5", "default, 2, 5", "high, 4, 5", "high, 2, 5", "proven, 4, 5",
            "test, 2, 11", "default, 4, 11"})
    void mixedCommitmentBindsNeitherDataset(String preset, int step, int logHeight) {
        int logLength = Math.max(8, logHeight);
        long[][] a = segmentData(logHeight, 11);
        long[][] b = segmentData(logHeight, 12);
        PrecommittedSegment honestA = PrecommittedSegment.commit(a);
        PrecommittedSegment honestB = PrecommittedSegment.commit(b);
        long[][] word = new long[a.length][];
        for (int c = 0; c < a.length; c++) {
            word[c] = honestB.lde()[c].clone();
            for (int p = 0; p < word[c].length; p += step) {
                word[c][p] = honestA.lde()[c][p];
            }
        }
        ProofOptions options = ProofOptions.preset(preset);
        StarkProver cheater = new StarkProver(options, ProverSettings.defaults().withoutSelfCheck());
        for (long[][] data : List.of(a, b)) {
            PrecommittedSegment forged = PrecommittedSegment.forged(data == a ? honestA : honestB, word);
            SumAir air = new SumAir(logLength, logHeight, forged.root(), total(data, logLength));
            VerificationResult result = VERIFIER.verify(air,
                    ProofCodec.encode(cheater.prove(air, trace(data, logLength), forged)));
            assertFalse(result.valid(), "a proof about dataset " + (data == a ? "A" : "B") + " verified under a mixed commitment");
        }
    }

    /** Control for the test above: the same cheating machinery with an honest word is accepted. */
    @Test
    void forgedSegmentWithTheHonestWordVerifies() {
        long[][] a = segmentData(5, 11);
        PrecommittedSegment honest = PrecommittedSegment.commit(a);
        PrecommittedSegment forged = PrecommittedSegment.forged(honest, honest.lde());
        SumAir air = new SumAir(8, 5, forged.root(), total(a, 8));
        StarkProver cheater = new StarkProver(ProofOptions.standard(), ProverSettings.defaults().withoutSelfCheck());
        VerificationResult result = VERIFIER.verify(air, ProofCodec.encode(cheater.prove(air, trace(a, 8), forged)));
        assertTrue(result.valid(), result.reason());
    }

    @Test
    void traceThatIgnoresTheSegmentRejects() {
        long[][] data = segmentData(5, 7);
        PrecommittedSegment segment = PrecommittedSegment.commit(data);
        long[][] other = segmentData(5, 8);
        SumAir air = new SumAir(8, 5, segment.root(), total(other, 8));
        StarkProof proof = new StarkProver(ProofOptions.test(), ProverSettings.defaults().withoutSelfCheck())
                .prove(air, trace(other, 8), segment);
        assertFalse(VERIFIER.verify(air, proof).valid());
    }
}
