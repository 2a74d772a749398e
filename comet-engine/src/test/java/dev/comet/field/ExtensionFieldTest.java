package dev.comet.field;

import static dev.comet.field.Goldilocks.P;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionFieldTest {
    @Provide
    Arbitrary<long[]> triples() {
        return FieldTestSupport.triples();
    }

    private static long[] cut(long[] a, int degree) {
        return Arrays.copyOf(a, degree);
    }

    // ---- irreducibility -----------------------------------------------------------------------

    /**
     * {@code x^2 - W} is irreducible iff {@code W} is not a square, and (since {@code 3 | p - 1})
     * {@code x^3 - W} is irreducible iff {@code W} is not a cube; by Euler's criterion that is
     * {@code W^((p-1)/2) != 1} and {@code W^((p-1)/3) != 1}.
     */
    @Test
    void nonResidueIsNeitherSquareNorCube() {
        assertEquals(0L, Long.remainderUnsigned(P - 1, 3));
        assertNotEquals(1L, Goldilocks.pow(ExtensionField.W, Long.divideUnsigned(P - 1, 2)));
        assertNotEquals(1L, Goldilocks.pow(ExtensionField.W, Long.divideUnsigned(P - 1, 3)));
        // Sanity of the criterion itself: 4 is a square and 8 is a cube.
        assertEquals(1L, Goldilocks.pow(4, Long.divideUnsigned(P - 1, 2)));
        assertEquals(1L, Goldilocks.pow(8, Long.divideUnsigned(P - 1, 3)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void degreeAndLookup(int degree) {
        ExtensionField ext = ExtensionField.ofDegree(degree);
        assertEquals(degree, ext.degree());
        assertEquals(64 * degree, ext.bits());
        assertArrayEquals(cut(new long[] {1, 0, 0}, degree), ext.one());
        assertTrue(ext.isZero(ext.zero()));
        assertFalse(ext.isZero(ext.one()));
    }

    @Test
    void unsupportedDegreesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ExtensionField.ofDegree(0));
        assertThrows(IllegalArgumentException.class, () -> ExtensionField.ofDegree(4));
        assertSame(QuadraticExtension.INSTANCE, ExtensionField.ofDegree(2));
        assertSame(CubicExtension.INSTANCE, ExtensionField.ofDegree(3));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void generatorToTheDegreeIsTheNonResidue(int degree) {
        ExtensionField ext = ExtensionField.ofDegree(degree);
        long[] x = new long[degree];
        x[1] = 1;
        assertArrayEquals(ext.fromBase(ExtensionField.W), ext.pow(x, degree));
    }

    /** {@code a^(p^D) = a} for every element: Frobenius applied D times is the identity. */
    @Property(tries = 30)
    void frobeniusHasOrderDegree(@ForAll("triples") long[] a, @ForAll @IntRange(min = 2, max = 3) int degree) {
        ExtensionField ext = ExtensionField.ofDegree(degree);
        long[] x = cut(a, degree);
        long[] y = x;
        for (int i = 0; i < degree; i++) {
            y = ext.pow(y, P);
        }
        assertArrayEquals(x, y);
    }

    // ---- multiplication against a reference ---------------------------------------------------

    @Property
    void mulMatchesSchoolbookReference(
            @ForAll("triples") long[] a, @ForAll("triples") long[] b, @ForAll @IntRange(min = 1, max = 3) int degree) {
        ExtensionField ext = ExtensionField.ofDegree(degree);
        long[] x = cut(a, degree);
        long[] y = cut(b, degree);
        assertArrayEquals(FieldTestSupport.referenceMul(x, y), ext.mul(x, y));
        assertArrayEquals(FieldTestSupport.referenceMul(x, x), ext.square(x));
    }

    // ---- field laws ---------------------------------------------------------------------------

    @Property
    void additionLaws(@ForAll("triples") long[] a, @ForAll("triples") long[] b, @ForAll("triples") long[] c,
            @ForAll @IntRange(min = 1, max = 3) int degree) {
        ExtensionField ext = ExtensionField.ofDegree(degree);
        long[] x = cut(a, degree), y = cut(b, degree), z = cut(c, degree);
        assertArrayEquals(ext.add(x, y), ext.add(y, x));
        assertArrayEquals(ext.add(ext.add(x, y), z), ext.add(x, ext.add(y, z)));
        assertArrayEquals(x, ext.add(x, ext.zero()));
        assertTrue(ext.isZero(ext.add(x, ext.neg(x))));
        assertArrayEquals(ext.add(x, ext.neg(y)), ext.sub(x, y));
        assertArrayEquals(x, ext.add(ext.sub(x, y), y));
    }

    @Property
    void multiplicationLaws(@ForAll("triples") long[] a, @ForAll("triples") long[] b, @ForAll("triples") long[] c,
            @ForAll @IntRange(min = 1, max = 3) int degree) {
        ExtensionField ext = ExtensionField.ofDegree(degree);
        long[] x = cut(a, degree), y = cut(b, degree), z = cut(c, degree);
        assertArrayEquals(ext.mul(x, y), ext.mul(y, x));
        assertArrayEquals(ext.mul(ext.mul(x, y), z), ext.mul(x, ext.mul(y, z)));
        assertArrayEquals(ext.add(ext.mul(x, z), ext.mul(y, z)), ext.mul(ext.add(x, y), z));
        assertArrayEquals(x, ext.mul(x, ext.one()));
        assertTrue(ext.isZero(ext.mul(x, ext.zero())));
        long s = c[0];
        assertArrayEquals(ext.mul(x, ext.fromBase(s)), ext.mulBase(x, s));
    }

    @Property
    void inverseLaws(@ForAll("triples") long[] a, @ForAll @IntRange(min = 1, max = 3) int degree) {
        ExtensionField ext = ExtensionField.ofDegree(degree);
        long[] x = cut(a, degree);
        if (ext.isZero(x)) {
            assertThrows(ArithmeticException.class, () -> ext.inv(x));
            return;
        }
        long[] xi = ext.inv(x);
        assertArrayEquals(ext.one(), ext.mul(x, xi));
        assertArrayEquals(x, ext.inv(xi));
    }

    @Property
    void powLaws(@ForAll("triples") long[] a, @ForAll @IntRange(min = 0, max = 1 << 20) int e1,
            @ForAll @IntRange(min = 0, max = 1 << 20) int e2, @ForAll @IntRange(min = 1, max = 3) int degree) {
        ExtensionField ext = ExtensionField.ofDegree(degree);
        long[] x = cut(a, degree);
        assertArrayEquals(ext.one(), ext.pow(x, 0));
        assertArrayEquals(x, ext.pow(x, 1));
        assertArrayEquals(ext.mul(ext.pow(x, e1), ext.pow(x, e2)), ext.pow(x, (long) e1 + e2));
        assertArrayEquals(ext.pow(ext.pow(x, e1), e2), ext.pow(x, (long) e1 * e2));
        long[] naive = ext.one();
        for (int i = 0; i < e1 % 40; i++) {
            naive = ext.mul(naive, x);
        }
        assertArrayEquals(naive, ext.pow(x, e1 % 40));
    }

    /**
     * The norm {@code a * a^p * ... * a^(p^(D-1))} of a non-zero element is a non-zero base-field
     * element; a zero divisor (which a non-field would have) would give norm zero.
     */
    @Property(tries = 30)
    void normOfNonZeroElementIsNonZeroBaseElement(@ForAll("triples") long[] a, @ForAll @IntRange(min = 2, max = 3) int degree) {
        ExtensionField ext = ExtensionField.ofDegree(degree);
        long[] x = cut(a, degree);
        if (ext.isZero(x)) {
            return;
        }
        long[] norm = ext.one();
        long[] conj = x;
        for (int i = 0; i < degree; i++) {
            norm = ext.mul(norm, conj);
            conj = ext.pow(conj, P);
        }
        for (int i = 1; i < degree; i++) {
            assertEquals(0L, norm[i], "norm not in the base field");
        }
        assertNotEquals(0L, norm[0]);
    }

    // ---- batch inversion ----------------------------------------------------------------------

    @Property(tries = 50)
    void batchInversionMatchesSingleInversion(@ForAll @IntRange(min = 0, max = 64) int n, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 3) int degree) {
        ExtensionField ext = ExtensionField.ofDegree(degree);
        SplittableRandom rnd = new SplittableRandom(seed);
        long[][] values = new long[n][];
        for (int i = 0; i < n; i++) {
            long[] v = new long[degree];
            do {
                for (int d = 0; d < degree; d++) {
                    v[d] = Long.remainderUnsigned(rnd.nextLong(), P);
                }
            } while (ext.isZero(v));
            values[i] = v;
        }
        long[][] inv = ext.batchInvert(values);
        assertEquals(n, inv.length);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(ext.inv(values[i]), inv[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void batchInversionOfZeroThrows(int degree) {
        ExtensionField ext = ExtensionField.ofDegree(degree);
        long[][] values = {ext.fromBase(5), ext.zero(), ext.one()};
        assertThrows(ArithmeticException.class, () -> ext.batchInvert(values));
    }

    @Test
    void coordinateWiseVectors() {
        ExtensionField ext = CubicExtension.INSTANCE;
        long[][] vec = new long[3][4];
        ext.set(vec, 2, new long[] {5, 6, 7});
        assertArrayEquals(new long[] {5, 6, 7}, ext.get(vec, 2));
        assertArrayEquals(new long[] {0, 0, 5, 0}, vec[0]);
        assertArrayEquals(new long[] {0, 0, 7, 0}, vec[2]);
        assertEquals("[1, 18446744069414584320]", QuadraticExtension.INSTANCE.toString(new long[] {1, P - 1}));
    }
}
