package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.data.QuantizedDataset;
import dev.comet.data.SyntheticDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    @Test
    void leastSquaresIsExactOnNoiselessData() {
        // y = 2 x1 - 3 x2 + 0.5, all values exact binary fractions
        QuantizedDataset data = Datasets.of(
                new String[] {"0.5", "2.5", "-2.5", "-0.5", "1.75", "-4.25"},
                new String[] {"0", "1", "0", "1", "0.25", "-0.5"},
                new String[] {"0", "0", "1", "1", "-0.25", "1.25"});
        assertArrayEquals(new double[] {2, -3, 0.5}, LeastSquares.fit(data), 1e-12);
        assertEquals(0, TrainingReport.mse(LeastSquares.fit(data), data), 1e-20);
    }

    @Test
    void leastSquaresRecoversTheSyntheticRelationWithinTheNoise() {
        int features = 4;
        long seed = 2024;
        QuantizedDataset data = Datasets.synthetic(2000, features, seed);
        SyntheticDataset.LinearRelation truth = SyntheticDataset.relation(features, seed);
        double[] w = LeastSquares.fit(data);
        // Noise is uniform in [-0.1, 0.1] (standard deviation 0.058); with 2000 roughly standard
        // features the standard error of each coefficient is about 0.0013, so 0.01 is ~8 sigma.
        for (int j = 0; j < features; j++) {
            assertEquals(truth.weights().get(j).doubleValue(), w[j], 0.01, "weight " + j);
        }
        assertEquals(truth.bias().doubleValue(), w[features], 0.01, "bias");
        // The residual is the noise: variance 0.1^2 / 3 = 0.00333.
        assertEquals(0.00333, TrainingReport.mse(w, data), 0.0005);
    }

    @Test
    void leastSquaresFallsBackToATinyRidgeOnDependentColumns() {
        // x2 = x1 and y = 2 x1 + 1: infinitely many exact fits; the ridge picks w1 = w2 = 1.
        String[] x = {"1", "2", "3", "4"};
        QuantizedDataset data = Datasets.of(new String[] {"3", "5", "7", "9"}, x, x);
        double[] w = LeastSquares.fit(data);
        assertArrayEquals(new double[] {1, 1, 1}, w, 1e-6);
        assertEquals(0, TrainingReport.mse(w, data), 1e-9);

        // Fewer rows than weights: still a finite, exact fit.
        QuantizedDataset one = Datasets.of(new String[] {"3"}, new String[] {"1"}, new String[] {"2"});
        double[] v = LeastSquares.fit(one);
        assertEquals(0, TrainingReport.mse(v, one), 1e-9);
    }

    @Test
    void floatTwinFollowsTheSameSchedule() {
        // One feature, x = 1, 2, 3, y = 2, 4, 6 with lr 0.5 and batch 2; see
        // FixedPointTrainerTest.exactArithmeticWithoutRoundingAndAPartialBatch for the hand
        // computation of epoch 1. Epoch 2 from (-2, 0): batch 1 err = -4, -8,
        // w -= 0.5 * (-4 - 16) / 2 = -5 -> 3, b -= 0.5 * (-12) / 2 = -3 -> 3;
        // batch 2: pred = 12, err = 6, w -= 0.5 * 18 = 9 -> -6, b -= 3 -> 0.
        QuantizedDataset data = Datasets.of(new String[] {"2", "4", "6"}, new String[] {"1", "2", "3"});
        assertArrayEquals(new double[] {-6, 0}, FloatTrainer.train(data, TrainingSpec.of("0.5", 2, 2, 1)));
        assertThrows(IllegalArgumentException.class, () -> FloatTrainer.train(data, TrainingSpec.of("0.5", 2, 2, 2)));
    }

    @Test
    void reportComparesTheThreeModels() throws Exception {
        QuantizedDataset data = Datasets.synthetic(500, 3, 8);
        TrainingSpec spec = TrainingSpec.of("0.1", 10, 5, 3);
        long[] fixed = FixedPointTrainer.train(data, spec).weights();
        TrainingReport report = TrainingReport.of(data, spec, fixed);
        assertEquals(List.of("x1", "x2", "x3", "bias"), report.weightNames());
        assertArrayEquals(fixed, report.fixedWeights());
        assertArrayEquals(FixedPointStep.toReal(fixed), report.fixedRealWeights());
        assertArrayEquals(FloatTrainer.train(data, spec), report.floatWeights());
        assertArrayEquals(LeastSquares.fit(data), report.leastSquaresWeights());
        double gap = 0;
        for (int j = 0; j < 4; j++) {
            gap = Math.max(gap, Math.abs(report.fixedRealWeights()[j] - report.floatWeights()[j]));
        }
        assertEquals(gap, report.maxWeightGap());
        assertTrue(gap < 1e-2, "gap " + gap);
        assertEquals(TrainingReport.mse(report.fixedRealWeights(), data), report.fixedMse());
        assertTrue(report.leastSquaresMse() <= report.floatMse() && report.leastSquaresMse() <= report.fixedMse());
        assertEquals(report, TrainingReport.of(data, spec, fixed));
    }

    @Test
    void mseByHand() {
        // w = 2, b = 1 on (x, y) = (0, 1), (1, 4), (2, 4): errors 0, -1, 1.
        QuantizedDataset data = Datasets.of(new String[] {"1", "4", "4"}, new String[] {"0", "1", "2"});
        assertEquals(2.0 / 3, TrainingReport.mse(new double[] {2, 1}, data), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> TrainingReport.mse(new double[] {2}, data));
    }
}
