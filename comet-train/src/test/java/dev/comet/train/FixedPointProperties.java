package dev.comet.train;

import static dev.comet.train.FixedPointStep.ONE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.data.QuantizedDataset;
import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class FixedPointProperties {

    /**
     * On well-conditioned data (roughly standard, independent features) the fixed-point weights
     * stay close to the float64 twin's: each floor loses less than 2^-16 and gradient descent
     * damps old errors, so the gap stays near 2^-16 / lr per weight, far below 0.01.
     */
    @Property(tries = 40)
    void fixedPointTracksFloat64(@ForAll @IntRange(min = 20, max = 200) int rows,
                                 @ForAll @IntRange(min = 1, max = 4) int features,
                                 @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                 @ForAll @IntRange(min = 1, max = 64) int batch,
                                 @ForAll @IntRange(min = 1, max = 3) int epochs,
                                 @ForAll @IntRange(min = 0, max = 3) int lrIndex) throws Exception {
        String lr = new String[] {"0.01", "0.05", "0.1", "0.2"}[lrIndex];
        QuantizedDataset data = Datasets.synthetic(rows, features, seed);
        TrainingSpec spec = TrainingSpec.of(lr, batch, epochs, features);
        double[] fixed = FixedPointTrainer.train(data, spec).realWeights();
        double[] twin = FloatTrainer.train(data, spec);
        for (int j = 0; j <= features; j++) {
            assertEquals(twin[j], fixed[j], 0.01, "weight " + j);
        }
    }

    /**
     * Every division the observer reports satisfies {@code a = q * d + r} with {@code 0 <= r < d},
     * the gradients are the sums of the reported scaled errors, and each update starts from the
     * previous one's weights: the identities a trace generator writes into the AIR.
     */
    @Property(tries = 30)
    void observedStepsSatisfyTheSpecification(@ForAll @IntRange(min = 1, max = 60) int rows,
                                              @ForAll @IntRange(min = 1, max = 3) int features,
                                              @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                              @ForAll @IntRange(min = 1, max = 16) int batch,
                                              @ForAll @IntRange(min = 1, max = 65536) int lrQ) throws Exception {
        QuantizedDataset data = Datasets.synthetic(rows, features, seed);
        String lr = new BigDecimal(lrQ).divide(BigDecimal.valueOf(ONE)).toPlainString(); // exact
        TrainingSpec spec = TrainingSpec.of(lr, batch, 2, features);
        assertEquals(lrQ, spec.learningRateQ());
        Recorder recorder = new Recorder();
        TrainingResult result = null;
        try {
            result = FixedPointTrainer.train(data, spec, recorder);
        } catch (TrainingOverflowException e) {
            // large learning rates may diverge; the steps before the breach are checked all the same
        }
        long[] weights = spec.initialWeights();
        int sample = 0;
        for (Recorder.Update u : recorder.updates) {
            assertArrayEquals(weights, u.before());
            long[] s = new long[u.m()];
            for (int k = 0; k < u.m(); k++) {
                Recorder.Sample step = recorder.samples.get(sample++);
                int row = u.firstRow() + k;
                assertEquals(row, step.row());
                assertEquals(FixedPointStep.dot(weights, data.features(), row), step.dot());
                assertEquals(step.dot(), step.prediction() * ONE + step.predictionRemainder());
                assertTrue(step.predictionRemainder() >= 0 && step.predictionRemainder() < ONE);
                assertEquals(lrQ * (step.prediction() - data.targets()[row]), step.scaledError() * ONE + step.scaledErrorRemainder());
                assertTrue(step.scaledErrorRemainder() >= 0 && step.scaledErrorRemainder() < ONE);
                s[k] = step.scaledError();
            }
            for (int j = 0; j <= features; j++) {
                long g = 0;
                for (int k = 0; k < u.m(); k++) {
                    g += s[k] * (j == features ? ONE : data.features()[j][u.firstRow() + k]);
                }
                assertEquals(g, u.gradient()[j]);
                long decrement = u.before()[j] - u.after()[j];
                assertEquals(g, decrement * u.m() * ONE + u.remainders()[j]);
                assertTrue(u.remainders()[j] >= 0 && u.remainders()[j] < u.m() * ONE);
            }
            weights = u.after();
        }
        if (result != null) {
            assertEquals(sample, recorder.samples.size());
            assertEquals(result.sampleSteps(), sample);
            assertArrayEquals(weights, result.weights());
        }
    }
}
