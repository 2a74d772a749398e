package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TrainingSpecTest {

    @Test
    void quantisesTheLearningRateHalfToEvenOnTheExactDecimal() {
        assertEquals(655, TrainingSpec.quantizeLearningRate("0.01"));       // 655.36
        assertEquals(6554, TrainingSpec.quantizeLearningRate("0.1"));       // 6553.6
        assertEquals(65536, TrainingSpec.quantizeLearningRate("1"));
        assertEquals(65536, TrainingSpec.quantizeLearningRate("1.000007")); // 65536.46 rounds down to 2^16
        assertEquals(2, TrainingSpec.quantizeLearningRate("0.00002288818359375")); // 1.5 -> 2
        assertEquals(2, TrainingSpec.quantizeLearningRate("0.00003814697265625")); // 2.5 -> 2
        assertEquals(32768, TrainingSpec.quantizeLearningRate("5e-1"));
        assertEquals(1, TrainingSpec.quantizeLearningRate(" .0000153 "));
    }

    @Test
    void badLearningRatesGiveOneLineMessages() {
        assertMessage("learning rate 'abc' is not a decimal number", () -> TrainingSpec.quantizeLearningRate("abc"));
        assertMessage("learning rate 'NaN' is not a decimal number", () -> TrainingSpec.quantizeLearningRate("NaN"));
        assertMessage("learning rate '0.1\\u000a2' is not a decimal number", () -> TrainingSpec.quantizeLearningRate("0.1\n2"));
        assertMessage("learning rate '0' must be positive", () -> TrainingSpec.quantizeLearningRate("0"));
        assertMessage("learning rate '-0.1' must be positive", () -> TrainingSpec.quantizeLearningRate("-0.1"));
        assertMessage("learning rate '1.00001' is too large: need lr <= 1", () -> TrainingSpec.quantizeLearningRate("1.00001"));
        assertMessage("learning rate '2' is too large: need lr <= 1", () -> TrainingSpec.quantizeLearningRate("2"));
        assertMessage("learning rate '1e999' is too large: need lr <= 1", () -> TrainingSpec.quantizeLearningRate("1e999"));
        String tooSmall = " is too small: lr * 2^16 rounds to 0 (need lr > 2^-17, about 0.0000076)";
        // 2^-17 = 0.00000762939453125 is exactly half a unit and rounds to the even 0
        assertMessage("learning rate '0.00000762939453125'" + tooSmall,
                () -> TrainingSpec.quantizeLearningRate("0.00000762939453125"));
        assertMessage("learning rate '1e-999999999'" + tooSmall, () -> TrainingSpec.quantizeLearningRate("1e-999999999"));
        assertMessage("learning rate '1e-9999999999' is out of range: need 0 < lr <= 1",
                () -> TrainingSpec.quantizeLearningRate("1e-9999999999"));
    }

    @Test
    void validatesEverything() {
        assertMessage("batch size must be in [1, 2048], got 0", () -> TrainingSpec.of("0.1", 0, 1, 1));
        assertMessage("batch size must be in [1, 2048], got 2049", () -> TrainingSpec.of("0.1", 2049, 1, 1));
        assertMessage("epochs must be in [1, 1000000], got 0", () -> TrainingSpec.of("0.1", 1, 0, 1));
        assertMessage("epochs must be in [1, 1000000], got 1000001", () -> TrainingSpec.of("0.1", 1, 1_000_001, 1));
        assertMessage("number of features must be in [1, 255], got 256", () -> TrainingSpec.of("0.1", 1, 1, 256));
        assertMessage("initial weights need D + 1 entries (bias last) for 1 to 255 features, got 1 entries",
                () -> TrainingSpec.of("0.1", 1, 1, new long[1]));
        assertMessage("initial weight w[1] is -256; need |w| < 256 (|w * 2^16| < 2^24)",
                () -> TrainingSpec.of("0.1", 1, 1, new long[] {0, -(1L << 24)}));
        assertMessage("learningRateQ 656 does not match learning rate 0.01 (round(lr * 2^16) = 655)",
                () -> new TrainingSpec(16, "0.01", 656, 1, 1, new long[2], ModelKind.LINEAR, dev.comet.data.ClassLabels.NONE, null));
        assertMessage("fraction bits must be 16, got 8", () -> new TrainingSpec(8, "0.01", 655, 1, 1, new long[2], ModelKind.LINEAR, dev.comet.data.ClassLabels.NONE, null));
        TrainingSpec.of("1", 2048, 1_000_000, new long[] {(1L << 24) - 1, -(1L << 24) + 1}); // the extremes are fine
    }

    @Test
    void describesTheRunAndNeverChanges() {
        long[] weights = {1, 2, 3};
        TrainingSpec spec = TrainingSpec.of(" 0.01 ", 32, 20, weights);
        weights[0] = 99;
        assertArrayEquals(new long[] {1, 2, 3}, spec.initialWeights());
        spec.initialWeights()[0] = 99;
        assertArrayEquals(new long[] {1, 2, 3}, spec.initialWeights());
        assertEquals("0.01", spec.learningRate());
        assertEquals(655, spec.learningRateQ());
        assertEquals(655 / 65536.0, spec.effectiveLearningRate());
        assertEquals(2, spec.numFeatures());
        assertEquals(16, spec.fractionBits());
        assertEquals("linear-regression", spec.model().modelName());
        assertEquals("mse", spec.loss());
        assertEquals("minibatch-sgd", spec.optimizer());
        assertEquals("sequential", spec.order());
        assertEquals("fixed-point F=16", spec.numericFormat());
        assertEquals(spec, TrainingSpec.of("0.01", 32, 20, new long[] {1, 2, 3}));
        assertEquals(spec.hashCode(), TrainingSpec.of("0.01", 32, 20, new long[] {1, 2, 3}).hashCode());
        assertNotEquals(spec, TrainingSpec.of("0.010", 32, 20, new long[] {1, 2, 3})); // the text is part of the statement
        assertArrayEquals(new long[3], TrainingSpec.of("0.1", 1, 1, 2).initialWeights());
    }

    private static void assertMessage(String expected, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertEquals(expected, e.getMessage());
    }
}
