package dev.comet.poly;

import static dev.comet.poly.NttTest.naiveEvaluate;
import static dev.comet.poly.NttTest.naiveEvaluations;
import static dev.comet.poly.NttTest.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comet.field.Goldilocks;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LowDegreeExtensionTest {
    private static long[][] randomColumns(SplittableRandom rnd, int count, int length) {
        long[][] columns = new long[count][];
        for (int c = 0; c < count; c++) {
            columns[c] = random(rnd, length);
        }
        return columns;
    }

    private static long[][] deepCopy(long[][] a) {
        long[][] copy = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }

    @Property(tries = 60)
    void extendMatchesNaiveEvaluation(@ForAll @IntRange(min = 0, max = 6) int logN,
            @ForAll @IntRange(min = 0, max = 3) int logBlowup, @ForAll @IntRange(min = 0, max = 4) int count,
            @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 << logN;
        long shift = 1 + Long.remainderUnsigned(rnd.nextLong(), Goldilocks.P - 1);
        long[][] coefficients = randomColumns(rnd, count, n);
        long[][] values = new long[count][];
        for (int c = 0; c < count; c++) {
            values[c] = naiveEvaluations(coefficients[c], 1, logN);
        }
        long[][] before = deepCopy(values);
        long[][] extended = LowDegreeExtension.extend(values, logBlowup, shift);
        assertEquals(count, extended.length);
        for (int c = 0; c < count; c++) {
            assertArrayEquals(naiveEvaluations(coefficients[c], shift, logN + logBlowup), extended[c], "column " + c);
        }
        for (int c = 0; c < count; c++) {
            assertArrayEquals(before[c], values[c], "input modified");
        }
    }

    /** A larger case, checked at sampled points: 2^10 rows, blowup 8, 3 columns. */
    @Test
    void extendLargerCaseAtSampledPoints() {
        SplittableRandom rnd = new SplittableRandom(5);
        int logN = 10;
        int logBlowup = 3;
        long shift = Goldilocks.GENERATOR;
        long[][] coefficients = randomColumns(rnd, 3, 1 << logN);
        long[][] values = new long[3][];
        for (int c = 0; c < 3; c++) {
            values[c] = coefficients[c].clone();
            Ntt.ofLogSize(logN).forward(values[c]);
        }
        long[][] extended = LowDegreeExtension.extend(values, logBlowup, shift);
        long w = Goldilocks.rootOfUnity(logN + logBlowup);
        for (int c = 0; c < 3; c++) {
            assertEquals(1 << (logN + logBlowup), extended[c].length);
            for (int k = 0; k < 64; k++) {
                int i = rnd.nextInt(1 << (logN + logBlowup));
                long x = Goldilocks.mul(shift, Goldilocks.pow(w, i));
                assertEquals(naiveEvaluate(coefficients[c], x), extended[c][i], "column " + c + ", point " + i);
            }
        }
    }

    /** Every column is transformed independently: the parallel result equals one-column calls. */
    @Test
    void parallelResultEqualsColumnByColumn() {
        SplittableRandom rnd = new SplittableRandom(9);
        long[][] values = randomColumns(rnd, 37, 1 << 8);
        long[][] all = LowDegreeExtension.extend(values, 2, 3);
        for (int c = 0; c < values.length; c++) {
            assertArrayEquals(LowDegreeExtension.extend(new long[][] {values[c]}, 2, 3)[0], all[c]);
        }
    }

    @Property(tries = 40)
    void interpolateRecoversCoefficients(@ForAll @IntRange(min = 0, max = 7) int logN,
            @ForAll @IntRange(min = 0, max = 3) int count, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[][] coefficients = randomColumns(rnd, count, 1 << logN);
        long[][] values = new long[count][];
        for (int c = 0; c < count; c++) {
            values[c] = naiveEvaluations(coefficients[c], 1, logN);
        }
        long[][] before = deepCopy(values);
        long[][] interpolated = LowDegreeExtension.interpolate(values);
        for (int c = 0; c < count; c++) {
            assertArrayEquals(coefficients[c], interpolated[c]);
            assertArrayEquals(before[c], values[c], "input modified");
        }
    }

    @Property(tries = 60)
    void evaluateOnCosetMatchesNaiveEvaluation(@ForAll @IntRange(min = 0, max = 7) int logDomain,
            @ForAll @IntRange(min = 0, max = 3) int count, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long shift = 1 + Long.remainderUnsigned(rnd.nextLong(), Goldilocks.P - 1);
        long[][] coefficients = new long[count][];
        for (int c = 0; c < count; c++) {
            // Arbitrary lengths from 0 to the domain size, not only powers of two.
            coefficients[c] = random(rnd, rnd.nextInt((1 << logDomain) + 1));
        }
        long[][] before = deepCopy(coefficients);
        long[][] evaluations = LowDegreeExtension.evaluateOnCoset(coefficients, logDomain, shift);
        for (int c = 0; c < count; c++) {
            assertArrayEquals(naiveEvaluations(coefficients[c], shift, logDomain), evaluations[c], "column " + c);
            assertArrayEquals(before[c], coefficients[c], "input modified");
        }
    }

    @Test
    void extendThenInterpolateOnTheCosetGivesBackTheCoefficients() {
        SplittableRandom rnd = new SplittableRandom(11);
        long[] coefficients = random(rnd, 64);
        long[] values = coefficients.clone();
        Ntt.ofLogSize(6).forward(values);
        long[] extended = LowDegreeExtension.extend(new long[][] {values}, 2, 7)[0];
        Ntt.ofLogSize(8).inverseCoset(extended, 7);
        for (int i = 0; i < 256; i++) {
            assertEquals(i < 64 ? coefficients[i] : 0L, extended[i], "coefficient " + i);
        }
    }

    @Test
    void rejectsBadArguments() {
        long[][] ok = {new long[8], new long[8]};
        assertThrows(IllegalArgumentException.class, () -> LowDegreeExtension.extend(new long[][] {new long[8], new long[4]}, 1, 7));
        assertThrows(IllegalArgumentException.class, () -> LowDegreeExtension.extend(new long[][] {new long[6]}, 1, 7));
        assertThrows(IllegalArgumentException.class, () -> LowDegreeExtension.extend(new long[][] {new long[0]}, 1, 7));
        assertThrows(IllegalArgumentException.class, () -> LowDegreeExtension.extend(ok, -1, 7));
        assertThrows(IllegalArgumentException.class, () -> LowDegreeExtension.extend(ok, 28, 7));
        assertThrows(IllegalArgumentException.class, () -> LowDegreeExtension.extend(ok, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> LowDegreeExtension.extend(ok, 1, Goldilocks.P));
        assertThrows(IllegalArgumentException.class, () -> LowDegreeExtension.interpolate(new long[][] {new long[3]}));
        assertThrows(IllegalArgumentException.class, () -> LowDegreeExtension.evaluateOnCoset(new long[][] {new long[9]}, 3, 7));
        assertThrows(IllegalArgumentException.class, () -> LowDegreeExtension.evaluateOnCoset(ok, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> LowDegreeExtension.evaluateOnCoset(ok, 31, 7));
        assertEquals(0, LowDegreeExtension.extend(new long[0][], 3, 7).length);
        assertEquals(0, LowDegreeExtension.interpolate(new long[0][]).length);
        assertEquals(0, LowDegreeExtension.evaluateOnCoset(new long[0][], 3, 7).length);
    }

    /** A periodic column's compact extension repeats to its full extension; other columns come back whole. */
    @Test
    void compactExtensionsOfPeriodicColumnsRepeatToTheFullOnes() {
        SplittableRandom rnd = new SplittableRandom(3);
        int logN = 6;
        int n = 1 << logN;
        long shift = Goldilocks.GENERATOR;
        for (int logBlowup : new int[] {0, 1, 3}) {
            long[][] columns = new long[5][n];
            int[] periods = {64, 16, 2, 1, 32};
            for (int c = 0; c < columns.length; c++) {
                long[] period = new long[periods[c]];
                for (int i = 0; i < period.length; i++) {
                    period[i] = rnd.nextLong(Goldilocks.P >>> 1);
                }
                for (int i = 0; i < n; i++) {
                    columns[c][i] = period[i % period.length];
                }
            }
            long[][] full = LowDegreeExtension.extend(columns, logBlowup, shift);
            long[][] compact = LowDegreeExtension.extendCompact(columns, logBlowup, shift);
            for (int c = 0; c < columns.length; c++) {
                assertEquals(periods[c] << logBlowup, compact[c].length, "column " + c);
                for (int i = 0; i < full[c].length; i++) {
                    assertEquals(full[c][i], compact[c][i & (compact[c].length - 1)], "column " + c + " point " + i);
                }
            }
        }
        long[] almost = new long[n];
        almost[n - 1] = 1; // periodic except for its last value: no shorter period
        assertEquals(n, LowDegreeExtension.period(almost));
    }
}
