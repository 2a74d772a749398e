package dev.comet.train;

import static dev.comet.train.FixedPointStep.ONE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comet.data.QuantizedDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixedPointTrainerTest {

    /**
     * One feature, three rows, batch 2, lr 0.25 (lr_q = 16384), initial w = 0.5 (32768) and
     * bias -0.25 (-16384). Quantised data: x = 0.3 -> round(19660.8) = 19661, 1.7 -> 111411
     * (111411.2), -1.1 -> -72090 (-72089.6); y = 1 -> 65536, 2.5 -> 163840, -0.5 -> -32768.
     * Every division below leaves a remainder, and the last batch is partial (m = 1).
     */
    @Test
    void oneEpochByHand() throws Exception {
        QuantizedDataset data = Datasets.of(new String[] {"1", "2.5", "-0.5"}, new String[] {"0.3", "1.7", "-1.1"});
        assertArrayEquals(new long[] {19661, 111411, -72090}, data.features()[0]);
        assertArrayEquals(new long[] {65536, 163840, -32768}, data.targets());
        TrainingSpec spec = TrainingSpec.of("0.25", 2, 1, new long[] {32768, -16384});
        assertEquals(16384, spec.learningRateQ());
        Recorder recorder = new Recorder();

        TrainingResult result = FixedPointTrainer.train(data, spec, recorder);

        // Batch 1, rows 1-2, w = (32768, -16384).
        // row 1: dot = 32768 * 19661 - 16384 * 65536 = 644251648 - 1073741824 = -429490176
        //        pred = floor(-429490176 / 65536) = floor(-6553.5) = -6554, remainder 32768
        //        lr_q (pred - y) = 16384 * (-6554 - 65536) = -1181122560
        //        s = floor(-1181122560 / 65536) = floor(-18022.5) = -18023, remainder 32768
        // row 2: dot = 32768 * 111411 - 1073741824 = 2576973824 = 39321 * 65536 + 32768
        //        16384 * (39321 - 163840) = -2040119296 = -31130 * 65536 + 16384, s = -31130
        // G[0] = -18023 * 19661 - 31130 * 111411 = -354350203 - 3468224430 = -3822574633
        // G[1] = (-18023 - 31130) * 65536 = -3221291008
        // m * 2^16 = 131072: floor(-3822574633 / 131072) = -29164 (remainder 9175),
        //                    floor(-3221291008 / 131072) = -24577 (remainder 65536)
        // w = (32768 + 29164, -16384 + 24577) = (61932, 8193)
        //
        // Batch 2, row 3 alone (m = 1), w = (61932, 8193).
        // row 3: dot = 61932 * -72090 + 8193 * 65536 = -4464677880 + 536936448 = -3927741432
        //        pred = floor(-3927741432 / 65536) = -59933 (-59933 * 65536 = -3927769088), remainder 27656
        //        16384 * (-59933 + 32768) = -445071360 = -6792 * 65536 + 49152, s = -6792
        // G[0] = -6792 * -72090 = 489635280 = 7471 * 65536 + 15824, G[1] = -6792 * 65536 = -445120512
        // m * 2^16 = 65536: w = (61932 - 7471, 8193 + 6792) = (54461, 14985)
        assertEquals(List.of(
                new Recorder.Sample(0, 0, 0, -429490176, -6554, 32768, -18023, 32768),
                new Recorder.Sample(0, 0, 1, 2576973824L, 39321, 32768, -31130, 16384),
                new Recorder.Sample(0, 1, 2, -3927741432L, -59933, 27656, -6792, 49152)),
                recorder.samples);
        assertEquals(2, recorder.updates.size());
        Recorder.Update first = recorder.updates.get(0);
        assertEquals(2, first.m());
        assertArrayEquals(new long[] {-3822574633L, -3221291008L}, first.gradient());
        assertArrayEquals(new long[] {32768, -16384}, first.before());
        assertArrayEquals(new long[] {9175, 65536}, first.remainders());
        assertArrayEquals(new long[] {61932, 8193}, first.after());
        Recorder.Update last = recorder.updates.get(1);
        assertEquals(1, last.m());
        assertEquals(2, last.firstRow());
        assertArrayEquals(new long[] {489635280, -445120512}, last.gradient());
        assertArrayEquals(new long[] {15824, 0}, last.remainders());
        assertArrayEquals(new long[] {54461, 14985}, last.after());
        assertArrayEquals(new long[] {54461, 14985}, result.weights());
        assertEquals(2, result.batchesPerEpoch());
        assertEquals(3, result.sampleSteps());
    }

    @Test
    void floorRoundsNegativeValuesDown() throws Exception {
        assertEquals(-1, FixedPointStep.prediction(-1));          // floor(-1 / 2^16) = -1, not 0
        assertEquals(65535, FixedPointStep.predictionRemainder(-1));
        assertEquals(0, FixedPointStep.prediction(65535));
        assertEquals(-1, FixedPointStep.scaledError(1, -1, 0));   // floor(-1 / 2^16)
        assertEquals(65535, FixedPointStep.scaledErrorRemainder(1, -1, 0));
        assertEquals(-1, FixedPointStep.weightDecrement(-1, 3));  // floor(-1 / (3 * 2^16))
        assertEquals(3 * ONE - 1, FixedPointStep.weightDecrementRemainder(-1, 3));

        // In training: x = 1 (that is 2^-16), w = -1 (also 2^-16), bias 0: dot = -1, pred = -1.
        // With y = 0 and lr_q = 1: s = floor(1 * (-1 - 0) / 2^16) = -1, remainder 65535.
        // G[0] = -1 * 1 = -1, G[1] = -1 * 2^16; m = 1: decrements floor(-1 / 2^16) = -1 and -1.
        QuantizedDataset data = Datasets.scaled(new long[] {0}, new long[] {1});
        TrainingSpec spec = TrainingSpec.of("0.0000153", 1, 1, new long[] {-1, 0});
        assertEquals(1, spec.learningRateQ());
        Recorder recorder = new Recorder();
        TrainingResult result = FixedPointTrainer.train(data, spec, recorder);
        assertEquals(List.of(new Recorder.Sample(0, 0, 0, -1, -1, 65535, -1, 65535)), recorder.samples);
        assertArrayEquals(new long[] {65535, 0}, recorder.updates.get(0).remainders());
        assertArrayEquals(new long[] {0, 1}, result.weights());
    }

    @Test
    void exactArithmeticWithoutRoundingAndAPartialBatch() throws Exception {
        // x = 1, 2, 3; y = 2x; lr 0.5; batch 2; start from 0. All values are exact binary fractions.
        // Batch 1: err = -2, -4; w -= 0.5 * (-2*1 - 4*2) / 2 = -2.5; b -= 0.5 * (-6) / 2 = -1.5.
        // Batch 2 (m = 1): pred = 2.5 * 3 + 1.5 = 9, err = 3; w -= 0.5 * 9 = 4.5 -> -2; b -= 1.5 -> 0.
        QuantizedDataset data = Datasets.of(new String[] {"2", "4", "6"}, new String[] {"1", "2", "3"});
        TrainingSpec spec = TrainingSpec.of("0.5", 2, 1, 1);
        long[] fixed = FixedPointTrainer.train(data, spec).weights();
        assertArrayEquals(new long[] {-2 * ONE, 0}, fixed);
        assertArrayEquals(new double[] {-2, 0}, FloatTrainer.train(data, spec)); // the twin agrees exactly here
    }

    @Test
    void partialLastBatchIsAveragedOverItsOwnSize() throws Exception {
        // 5 rows, batch 3: batches of 3 and 2 rows; each update divides by its own m * 2^16.
        QuantizedDataset data = Datasets.synthetic(5, 2, 11);
        Recorder recorder = new Recorder();
        FixedPointTrainer.train(data, TrainingSpec.of("0.1", 3, 2, 2), recorder);
        assertEquals(List.of(3, 2, 3, 2), recorder.updates.stream().map(Recorder.Update::m).toList());
        assertEquals(List.of(0, 3, 0, 3), recorder.updates.stream().map(Recorder.Update::firstRow).toList());
        for (Recorder.Update u : recorder.updates) {
            for (int j = 0; j < 3; j++) {
                long decrement = u.before()[j] - u.after()[j];
                assertEquals(u.gradient()[j], decrement * u.m() * ONE + u.remainders()[j]);
            }
        }
    }

    @Test
    void batchLargerThanTheDataIsOneBatch() throws Exception {
        QuantizedDataset data = Datasets.synthetic(7, 1, 3);
        Recorder recorder = new Recorder();
        TrainingResult result = FixedPointTrainer.train(data, TrainingSpec.of("0.1", 2048, 3, 1), recorder);
        assertEquals(1, result.batchesPerEpoch());
        assertEquals(List.of(7, 7, 7), recorder.updates.stream().map(Recorder.Update::m).toList());
    }

    @Test
    void predictFixedIsTheTrainingPrediction() throws Exception {
        QuantizedDataset data = Datasets.synthetic(40, 3, 5);
        TrainingSpec spec = TrainingSpec.of("0.05", 8, 3, 3);
        long[] weights = FixedPointTrainer.train(data, spec).weights();
        // One more epoch's first batch predicts with exactly these weights.
        Recorder recorder = new Recorder();
        FixedPointTrainer.train(data, TrainingSpec.of("0.05", 8, 1, weights), recorder);
        for (int row = 0; row < 8; row++) {
            long[] x = {data.features()[0][row], data.features()[1][row], data.features()[2][row]};
            assertEquals(recorder.samples.get(row).prediction(), FixedPointTrainer.predictFixed(weights, x));
        }
        // floor(-1 / 2^16) = -1 here too
        assertEquals(-1, FixedPointTrainer.predictFixed(new long[] {-1, 0}, new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> FixedPointTrainer.predictFixed(new long[] {1, 0}, new long[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> FixedPointTrainer.predictFixed(new long[] {1L << 24, 0}, new long[] {1}));
    }

    @Test
    void deterministic() throws Exception {
        QuantizedDataset data = Datasets.synthetic(300, 4, 99);
        TrainingSpec spec = TrainingSpec.of("0.05", 16, 3, 4);
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        TrainingResult first = FixedPointTrainer.train(data, spec, a);
        TrainingResult second = FixedPointTrainer.train(data, spec, b);
        assertEquals(first, second);
        assertEquals(a.samples, b.samples);
        assertEquals(a.updates.size(), b.updates.size());
        assertArrayEquals(first.weights(), FixedPointTrainer.train(data, spec).weights()); // observer changes nothing
    }

    @Test
    void shapeMismatchIsRejected() {
        QuantizedDataset data = Datasets.synthetic(10, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixedPointTrainer.train(data, TrainingSpec.of("0.1", 4, 1, 3)));
        assertEquals("the data has 2 features, the initial weights are for 3", e.getMessage());
    }

    // Overflow: one test per bound, each with the exact message.

    @Test
    void predictionOverflow() {
        // Batch 1 predicts y exactly (s = 0, no update); row 3 then predicts 2 * 30000 = 60000.
        QuantizedDataset data = Datasets.of(new String[] {"2", "2", "0"}, new String[] {"1", "1", "30000"});
        TrainingSpec spec = TrainingSpec.of("0.01", 2, 1, new long[] {2 * ONE, 0});
        TrainingOverflowException e = assertThrows(TrainingOverflowException.class, () -> FixedPointTrainer.train(data, spec));
        assertEquals("overflow at epoch 1, batch 2, row 3: prediction 60000 is outside |pred| < 32768", e.getMessage());
    }

    @Test
    void negativePredictionOverflowAtTheExactBound() {
        // x = -2^30 (-16384), w = 2: dot = 2^17 * -2^30, pred = -2^31 (-32768), just outside.
        QuantizedDataset data = Datasets.scaled(new long[] {0}, new long[] {-(1L << 30)});
        TrainingSpec spec = TrainingSpec.of("0.01", 1, 1, new long[] {2 * ONE, 0});
        TrainingOverflowException e = assertThrows(TrainingOverflowException.class, () -> FixedPointTrainer.train(data, spec));
        assertEquals("overflow at epoch 1, batch 1, row 1: prediction -32768 is outside |pred| < 32768", e.getMessage());
    }

    @Test
    void scaledErrorOverflow() {
        // lr 1, w = 0: s = 1 * (0 - 20) = -20, outside |s| < 16.
        QuantizedDataset data = Datasets.of(new String[] {"20"}, new String[] {"1"});
        TrainingOverflowException e = assertThrows(TrainingOverflowException.class,
                () -> FixedPointTrainer.train(data, TrainingSpec.of("1", 1, 1, 1)));
        assertEquals("overflow at epoch 1, batch 1, row 1: scaled error -20 is outside |lr * (pred - y)| < 16", e.getMessage());
    }

    @Test
    void weightOverflow() {
        // lr 1: s = -10 (in range), G = -10 * 100 = -1000, so w = 1000.
        QuantizedDataset data = Datasets.of(new String[] {"10"}, new String[] {"100"});
        TrainingOverflowException e = assertThrows(TrainingOverflowException.class,
                () -> FixedPointTrainer.train(data, TrainingSpec.of("1", 1, 1, 1)));
        assertEquals("overflow at epoch 1, batch 1 (row 1): weight 'x' 1000 is outside |w| < 256", e.getMessage());
    }

    @Test
    void biasOverflowInTheSecondEpoch() {
        // x = 0, y = 258, bias 250, lr 0.5, two rows in one batch.
        // Epoch 1: pred 250, s = 0.5 * (250 - 258) = -4 per row, bias += 8 / 2 = 4 -> 254.
        // Epoch 2: pred 254, s = -2, bias -> 256, which is outside |w| < 256.
        QuantizedDataset data = Datasets.of(new String[] {"258", "258"}, new String[] {"0", "0"});
        TrainingOverflowException e = assertThrows(TrainingOverflowException.class,
                () -> FixedPointTrainer.train(data, TrainingSpec.of("0.5", 2, 5, new long[] {0, 250 * ONE})));
        assertEquals("overflow at epoch 2, batch 1 (rows 1-2): bias 256 is outside |w| < 256", e.getMessage());
    }

    @Test
    void dataOutOfRange() {
        QuantizedDataset wideX = Datasets.scaled(new long[] {0, 0}, new long[] {0, 1L << 31});
        TrainingOverflowException e = assertThrows(TrainingOverflowException.class,
                () -> FixedPointTrainer.train(wideX, TrainingSpec.of("0.1", 1, 1, 1)));
        assertEquals("data out of range at row 2, column 'x': value 32768 is outside |x| < 32768", e.getMessage());

        QuantizedDataset wideY = Datasets.scaled(new long[] {0, Long.MIN_VALUE}, new long[] {0, 0});
        e = assertThrows(TrainingOverflowException.class, () -> FixedPointTrainer.train(wideY, TrainingSpec.of("0.1", 1, 1, 1)));
        assertEquals("data out of range at row 2, column 'y': value -140737488355328 is outside |y| < 32768", e.getMessage());
    }

    @Test
    void overflowValuesAreShownInRealUnitsRoundedToSixDecimals() {
        assertEquals("40211.5", FixedPointStep.format(40211 * ONE + ONE / 2));
        assertEquals("0.000015", FixedPointStep.format(1));     // 2^-16 = 0.0000152587890625
        assertEquals("-0.000015", FixedPointStep.format(-1));
        assertEquals("0", FixedPointStep.format(0));
        assertEquals("32768", FixedPointStep.format(1L << 31));
    }
}
