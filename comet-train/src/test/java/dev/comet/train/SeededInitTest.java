package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.data.QuantizedDataset;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Initial weights from a public seed: a fixed generator, checked wherever a statement is built. */
class SeededInitTest {
    @Test
    void theStreamIsSplitMix64() {
        long[] state = {1234567L};
        // Published SplitMix64 outputs for seed 1234567 (the reference implementation's first values).
        assertEquals(6457827717110365317L, SeededInit.next(state));
        assertEquals(3203168211198807973L, SeededInit.next(state));
        SplittableRandom reference = new SplittableRandom(99);
        long[] ours = {99};
        for (int i = 0; i < 1000; i++) {
            assertEquals(reference.nextLong(), SeededInit.next(ours));
        }
    }

    @Test
    void weightsAreGlorotUniformInFixedPointWithAZeroBias() {
        for (int d : new int[] {1, 6, 30, 255}) {
            long limit = SeededInit.limit(d + 1);
            assertEquals(Math.floor(65536 * Math.sqrt(6.0 / (d + 1))), limit, 1.0, "limit for " + d);
            assertTrue(limit * limit <= (6L << 32) / (d + 1) && (limit + 1) * (limit + 1) > (6L << 32) / (d + 1));
            long[] w = SeededInit.weights(7, d);
            assertEquals(d + 1, w.length);
            assertEquals(0, w[d], "bias");
            assertTrue(Arrays.stream(w).allMatch(v -> Math.abs(v) <= limit));
            assertArrayEquals(w, SeededInit.weights(7, d), "deterministic");
            assertFalse(Arrays.equals(w, SeededInit.weights(8, d)), "another seed");
        }
        long[] many = SeededInit.weights(1, 255);
        double mean = Arrays.stream(many).limit(255).average().orElseThrow();
        assertTrue(Math.abs(mean) < SeededInit.limit(256) / 5.0, "centred: " + mean);
    }

    @Test
    void aStatementOrSpecWhoseWeightsAreNotTheSeedsIsRefused() {
        long[] w = SeededInit.weights(7, 3);
        TrainingSpec spec = TrainingSpec.of("0.1", 4, 2, 3).withSeed(7);
        assertArrayEquals(w, spec.initialWeights());
        long[] other = w.clone();
        other[1] += 1;
        assertThrows(IllegalArgumentException.class, () -> new TrainingSpec(16, "0.1", spec.learningRateQ(), 4, 2, other,
                ModelKind.LINEAR, dev.comet.data.ClassLabels.NONE, 7L));
        QuantizedDataset data = StandardizedTrainingTest.raw(20, 3, 1);
        DatasetCommitment c = DatasetCommitment.commit(data);
        Standardization z = Standardization.of(data);
        assertThrows(IllegalArgumentException.class, () -> statement(c, data, z, spec, other, 7L));
        assertThrows(IllegalArgumentException.class, () -> statement(c, data, z, spec, w, 8L));
    }

    private static TrainingStatement statement(DatasetCommitment c, QuantizedDataset data, Standardization z,
                                               TrainingSpec spec, long[] initial, Long seed) {
        return new TrainingStatement(c.root(), data.rows(), data.numFeatures(), data.fractionBits(), data.featureNames(),
                data.targetName(), ModelKind.LINEAR, dev.comet.data.ClassLabels.NONE, z, spec.learningRateQ(),
                spec.batchSize(), spec.epochs(), initial, initial, LearningCurve.NONE, seed);
    }

    @Test
    void aSeededRunVerifiesAndItsProofIsOfTheSeed() throws Exception {
        QuantizedDataset data = StandardizedTrainingTest.raw(20, 3, 1);
        DatasetCommitment c = DatasetCommitment.commit(data);
        Standardization z = Standardization.of(data);
        TrainingSpec spec = TrainingSpec.of("0.1", 4, 2, 3).withSeed(7);
        TrainingStatement draft = statement(c, data, z, spec, spec.initialWeights(), 7L);
        TrainingTrace.Result run = TrainingTrace.build(draft, c, data);
        TrainingStatement st = draft.withFinalWeights(run.finalWeights());
        assertArrayEquals(FixedPointTrainer.train(z.apply(data), spec).weights(), run.finalWeights());
        TrainingAir air = TrainingAir.forProver(st, c);
        StarkProof proof = new StarkProver(ProofOptions.test()).prove(air.tables(), run.traces(),
                TrainingAir.segments(c.segment()));
        assertTrue(new StarkVerifier(0).verify(TrainingAir.forVerifier(st).tables(), proof).valid());
        // The same weights stated without the seed are another statement.
        TrainingStatement unseeded = statement(c, data, z, spec, spec.initialWeights(), null)
                .withFinalWeights(run.finalWeights());
        assertNotEquals(st, unseeded);
        assertFalse(new StarkVerifier(0).verify(TrainingAir.forVerifier(unseeded).tables(), proof).valid());
    }
}
