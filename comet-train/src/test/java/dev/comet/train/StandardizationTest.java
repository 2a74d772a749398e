package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.data.QuantizedDataset;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StandardizationTest {
    private static QuantizedDataset dataset(long[][] features, long[] target) {
        List<String> names = java.util.stream.IntStream.range(0, features.length).mapToObj(j -> "x" + j).toList();
        return new QuantizedDataset(16, names, "y", features, target);
    }

    /** Columns in the thousands next to columns below one, as the issue describes. */
    private static QuantizedDataset mixedScales(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[][] f = new long[3][rows];
        long[] y = new long[rows];
        for (int i = 0; i < rows; i++) {
            f[0][i] = (long) ((2000 + 1500 * r.nextDouble()) * 65536);
            f[1][i] = (long) (r.nextDouble() * 0.01 * 65536) + 7;
            f[2][i] = (long) ((r.nextDouble() - 0.5) * 65536);
            y[i] = (long) ((300 + 50 * r.nextGaussian()) * 65536);
        }
        return dataset(f, y);
    }

    @Test
    void identityLeavesEveryValueAsItIs() {
        QuantizedDataset data = mixedScales(50, 1);
        Standardization id = Standardization.identity(3);
        assertTrue(id.isIdentity());
        assertEquals(data, id.apply(data));
        assertEquals(0, id.remainder(0, 123_456_789));
    }

    /** Offsets and scales against the definition evaluated in exact decimal arithmetic. */
    @Test
    void offsetsAndScalesFollowTheirDefinition() {
        QuantizedDataset data = mixedScales(137, 2);
        Standardization s = Standardization.of(data);
        for (int c = 0; c <= 3; c++) {
            long[] column = c < 3 ? data.features()[c] : data.targets();
            BigInteger sum = BigInteger.ZERO;
            for (long x : column) {
                sum = sum.add(BigInteger.valueOf(x));
            }
            BigDecimal mean = new BigDecimal(sum).divide(BigDecimal.valueOf(column.length), MathContext.DECIMAL128);
            long offset = mean.setScale(0, RoundingMode.HALF_UP).longValueExact();
            assertEquals(offset, s.offsets()[c], "offset " + c);
            BigInteger squares = BigInteger.ZERO;
            for (long x : column) {
                squares = squares.add(BigInteger.valueOf(x - offset).pow(2));
            }
            BigDecimal exact = new BigDecimal(BigInteger.valueOf(column.length).shiftLeft(64))
                    .divide(new BigDecimal(squares), MathContext.DECIMAL128).sqrt(MathContext.DECIMAL128);
            assertEquals(exact.setScale(0, RoundingMode.HALF_UP).longValueExact(), s.scales()[c], "scale " + c);
        }
    }

    @Test
    void standardisedColumnsHaveMeanZeroAndUnitSpread() {
        QuantizedDataset data = mixedScales(500, 3);
        Standardization s = Standardization.of(data);
        QuantizedDataset z = s.apply(data);
        for (int c = 0; c <= 3; c++) {
            double mean = 0;
            double square = 0;
            for (int i = 0; i < z.rows(); i++) {
                double v = c < 3 ? z.feature(c, i) : z.target(i);
                mean += v;
                square += v * v;
            }
            mean /= z.rows();
            // The offset is a whole fixed-point tick: half a tick off is 2^-17 scale standardised units.
            assertEquals(0, mean, Math.scalb(0.5 * s.scales()[c], -16) + 1e-3, "mean of column " + c);
            // The scale is an integer near 2^16 / sigma: a column spread over thousands has a coarse one.
            assertEquals(1, Math.sqrt(square / z.rows() - mean * mean), 0.5 / s.scales()[c] + 1e-3, "spread of column " + c);
        }
    }

    @Test
    void standardiseIsAFloorDivisionWithItsRemainder() {
        Standardization s = Standardization.of(mixedScales(64, 4));
        SplittableRandom r = new SplittableRandom(5);
        for (int k = 0; k < 1000; k++) {
            int c = r.nextInt(4);
            long x = r.nextLong(-(1L << 31) + 1, 1L << 31);
            long q = s.standardise(c, x);
            long rem = s.remainder(c, x);
            assertTrue(rem >= 0 && rem < 1 << 16);
            assertEquals(BigInteger.valueOf(x - s.offsets()[c]).multiply(BigInteger.valueOf(s.scales()[c])),
                    BigInteger.valueOf(q).shiftLeft(16).add(BigInteger.valueOf(rem)));
        }
    }

    @Test
    void rawWeightsPredictWhatStandardisedWeightsPredict() {
        QuantizedDataset data = mixedScales(80, 6);
        Standardization s = Standardization.of(data);
        QuantizedDataset z = s.apply(data);
        double[] w = {0.3, -1.2, 0.05, 0.7};
        double[] raw = s.toRawWeights(w);
        for (int i = 0; i < data.rows(); i++) {
            double standardised = w[3];
            double direct = raw[3];
            for (int j = 0; j < 3; j++) {
                standardised += w[j] * z.feature(j, i);
                direct += raw[j] * data.feature(j, i);
            }
            double mapped = Math.scalb((double) s.unstandardiseTarget(Math.round(Math.scalb(standardised, 16))), -16);
            assertEquals(direct, mapped, 1e-2 * Math.abs(direct) + 1e-2, "row " + i);
        }
    }

    @Test
    void unstandardisingTheTargetInvertsStandardising() {
        QuantizedDataset data = mixedScales(40, 7);
        Standardization s = Standardization.of(data);
        double step = s.realSpread(3) * Math.scalb(1.0, -16); // one standardised unit of rounding, in raw units
        for (int i = 0; i < data.rows(); i++) {
            long y = data.targets()[i];
            long back = s.unstandardiseTarget(s.standardise(3, y));
            assertTrue(Math.abs(Math.scalb((double) (back - y), -16)) <= step + 1e-9, "row " + i);
        }
    }

    @Test
    void constantOrNearlyConstantColumnsAreRefused() {
        long[][] f = {{5, 5, 5, 5}, {1, 2, 3, 4}};
        IllegalArgumentException constant = assertThrows(IllegalArgumentException.class,
                () -> Standardization.of(dataset(f, new long[] {1, 2, 3, 4})));
        assertTrue(constant.getMessage().contains("feature 'x0' is constant"), constant.getMessage());
        long[][] g = {{0, 1, 0, 1}, {1, 2, 3, 4}};
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                () -> Standardization.of(dataset(g, new long[] {1, 2, 3, 4})));
        assertTrue(tiny.getMessage().contains("varies too little"), tiny.getMessage());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                () -> Standardization.of(dataset(new long[][] {{0, 1 << 16, 2 << 16, 3 << 16}}, new long[] {9, 9, 9, 9})));
        assertTrue(target.getMessage().contains("target 'y' is constant"), target.getMessage());
    }

    @Test
    void boundsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Standardization(new long[] {0, 0}, new long[] {0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> new Standardization(new long[] {0, 0}, new long[] {1, (1L << 30) + 1}));
        assertThrows(IllegalArgumentException.class, () -> new Standardization(new long[] {1L << 31, 0}, new long[] {1, 1}));
        assertArrayEquals(new long[] {1 << 16, 1 << 16}, Standardization.identity(1).scales());
    }
}
