package dev.comet.poly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comet.field.Goldilocks;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NttTest {
    static int[] logSizes() {
        int[] sizes = new int[11];
        for (int i = 0; i <= 10; i++) {
            sizes[i] = i;
        }
        return sizes;
    }

    static long[] random(SplittableRandom rnd, int n) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = Long.remainderUnsigned(rnd.nextLong(), Goldilocks.P);
        }
        return a;
    }

    /** {@code sum_j c_j x^j} with independent power computation (no Horner, no NTT). */
    static long naiveEvaluate(long[] c, long x) {
        long acc = 0;
        long xj = 1;
        for (long cj : c) {
            acc = Goldilocks.add(acc, Goldilocks.mul(cj, xj));
            xj = Goldilocks.mul(xj, x);
        }
        return acc;
    }

    static long[] naiveEvaluations(long[] c, long shift, int logN) {
        int n = 1 << logN;
        long w = Goldilocks.rootOfUnity(logN);
        long[] out = new long[n];
        long x = shift;
        for (int i = 0; i < n; i++) {
            out[i] = naiveEvaluate(c, x);
            x = Goldilocks.mul(x, w);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("logSizes")
    void forwardMatchesNaiveEvaluation(int logN) {
        long[] c = random(new SplittableRandom(logN), 1 << logN);
        long[] a = c.clone();
        Ntt.ofLogSize(logN).forward(a);
        assertArrayEquals(naiveEvaluations(c, 1, logN), a);
    }

    @ParameterizedTest
    @MethodSource("logSizes")
    void inverseMatchesNaiveInterpolation(int logN) {
        int n = 1 << logN;
        long[] values = random(new SplittableRandom(100 + logN), n);
        long[] c = values.clone();
        Ntt.ofLogSize(logN).inverse(c);
        assertArrayEquals(values, naiveEvaluations(c, 1, logN));
    }

    @ParameterizedTest
    @MethodSource("logSizes")
    void cosetForwardMatchesNaiveEvaluation(int logN) {
        long shift = Goldilocks.GENERATOR;
        long[] c = random(new SplittableRandom(200 + logN), 1 << logN);
        long[] a = c.clone();
        Ntt.ofLogSize(logN).forwardCoset(a, shift);
        assertArrayEquals(naiveEvaluations(c, shift, logN), a);
    }

    @ParameterizedTest
    @MethodSource("logSizes")
    void cosetInverseMatchesNaiveInterpolation(int logN) {
        long shift = 0x1234_5678_9ABCL;
        long[] values = random(new SplittableRandom(300 + logN), 1 << logN);
        long[] c = values.clone();
        Ntt.ofLogSize(logN).inverseCoset(c, shift);
        assertArrayEquals(values, naiveEvaluations(c, shift, logN));
    }

    @Property(tries = 40)
    void roundTrips(@ForAll @IntRange(min = 0, max = 12) int logN, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] original = random(rnd, 1 << logN);
        long shift = 1 + Long.remainderUnsigned(rnd.nextLong(), Goldilocks.P - 1);
        Ntt ntt = Ntt.ofLogSize(logN);
        long[] a = original.clone();
        ntt.forward(a);
        ntt.inverse(a);
        assertArrayEquals(original, a);
        ntt.inverse(a);
        ntt.forward(a);
        assertArrayEquals(original, a);
        ntt.forwardCoset(a, shift);
        ntt.inverseCoset(a, shift);
        assertArrayEquals(original, a);
    }

    @Test
    void transformOfADeltaIsConstant() {
        Ntt ntt = Ntt.ofLogSize(5);
        long[] a = new long[32];
        a[0] = 9;
        ntt.forward(a);
        for (long v : a) {
            assertEquals(9L, v);
        }
        long[] x = new long[32];
        x[1] = 1; // the polynomial X evaluates to w^i
        ntt.forward(x);
        assertArrayEquals(Goldilocks.powers(Goldilocks.rootOfUnity(5), 32), x);
    }

    @Test
    void sizesAndErrors() {
        Ntt ntt = Ntt.ofLogSize(4);
        assertEquals(4, ntt.logSize());
        assertEquals(16, ntt.size());
        assertThrows(IllegalArgumentException.class, () -> ntt.forward(new long[8]));
        assertThrows(IllegalArgumentException.class, () -> ntt.inverse(new long[17]));
        assertThrows(IllegalArgumentException.class, () -> ntt.forwardCoset(new long[8], 7));
        assertThrows(IllegalArgumentException.class, () -> ntt.inverseCoset(new long[8], 7));
        assertThrows(IllegalArgumentException.class, () -> Ntt.ofLogSize(-1));
        assertThrows(IllegalArgumentException.class, () -> Ntt.ofLogSize(31));
        assertThrows(IllegalArgumentException.class, () -> Ntt.ofLogSize(33));
    }

    @Test
    void bitReversalPermutes() {
        long[] a = {0, 1, 2, 3, 4, 5, 6, 7};
        Ntt.bitReverse(a, 3);
        assertArrayEquals(new long[] {0, 4, 2, 6, 1, 5, 3, 7}, a);
    }

    /** Covers both the simple loop (small sizes) and the cache-blocked one. */
    @Test
    void bitReversalMatchesDefinition() {
        for (int logN = 0; logN <= 14; logN++) {
            int n = 1 << logN;
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = 1000L * i + 1;
            }
            Ntt.bitReverse(a, logN);
            for (int i = 0; i < n; i++) {
                int rev = logN == 0 ? 0 : Integer.reverse(i) >>> (32 - logN);
                assertEquals(1000L * rev + 1, a[i], "logN " + logN + ", index " + i);
            }
        }
    }

    /** {@code inverseTimesPowers(a, r)} is the inverse transform followed by {@code c_i *= r^i}. */
    @Property(tries = 30)
    void inverseTimesPowersScalesCoefficients(@ForAll @IntRange(min = 0, max = 9) int logN, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] values = random(rnd, 1 << logN);
        long ratio = 1 + Long.remainderUnsigned(rnd.nextLong(), Goldilocks.P - 1);
        Ntt ntt = Ntt.ofLogSize(logN);
        long[] expected = values.clone();
        ntt.inverse(expected);
        long[] powers = Goldilocks.powers(ratio, 1 << logN);
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Goldilocks.mul(expected[i], powers[i]);
        }
        long[] actual = values.clone();
        ntt.inverseTimesPowers(actual, ratio);
        assertArrayEquals(expected, actual);
        long[] unscaled = values.clone();
        ntt.inverseTimesPowers(unscaled, 1);
        ntt.forward(unscaled);
        assertArrayEquals(values, unscaled);
    }

    @Test
    void stagesFromRejectsNonPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> Ntt.ofLogSize(3).stagesFrom(new long[8], 3));
    }
}
