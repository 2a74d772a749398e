package dev.comet.poly;

import static dev.comet.field.FieldTestSupport.big;
import static dev.comet.field.FieldTestSupport.fromBig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.comet.field.ExtensionField;
import dev.comet.field.FieldTestSupport;
import dev.comet.field.Goldilocks;
import java.math.BigInteger;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PolynomialsTest {
    @Provide
    Arbitrary<Long> canonical() {
        return FieldTestSupport.canonical();
    }

    @Provide
    Arbitrary<long[]> triples() {
        return FieldTestSupport.triples();
    }

    @Property
    void baseEvaluationMatchesBigInteger(
            @ForAll @Size(max = 20) java.util.List<@net.jqwik.api.From("canonical") Long> coefficients,
            @ForAll("canonical") long x) {
        long[] c = coefficients.stream().mapToLong(Long::longValue).toArray();
        BigInteger expected = BigInteger.ZERO;
        for (int i = 0; i < c.length; i++) {
            expected = expected.add(big(c[i]).multiply(big(x).pow(i)));
        }
        assertEquals(fromBig(expected), Polynomials.evaluate(c, x));
    }

    @Test
    void emptyPolynomialIsZero() {
        assertEquals(0L, Polynomials.evaluate(new long[0], 5));
    }

    /** Evaluating a base polynomial at an extension point: compare with sum of c_i * x^i in the extension. */
    @Property(tries = 200)
    void extensionPointEvaluationMatchesPowerSum(
            @ForAll @Size(max = 12) java.util.List<@net.jqwik.api.From("canonical") Long> coefficients,
            @ForAll("triples") long[] point, @ForAll @IntRange(min = 1, max = 3) int degree) {
        ExtensionField ext = ExtensionField.ofDegree(degree);
        long[] c = coefficients.stream().mapToLong(Long::longValue).toArray();
        long[] x = Arrays.copyOf(point, degree);
        long[] expected = ext.zero();
        for (int i = 0; i < c.length; i++) {
            expected = ext.add(expected, ext.mulBase(ext.pow(x, i), c[i]));
        }
        assertArrayEquals(expected, Polynomials.evaluate(ext, c, x));
        // The same polynomial stored coordinate-wise as an extension polynomial with zero upper coordinates.
        long[][] lifted = new long[degree][c.length];
        lifted[0] = c.clone();
        assertArrayEquals(expected, Polynomials.evaluate(ext, lifted, x));
    }

    @Property(tries = 200)
    void extensionPolynomialEvaluationMatchesPowerSum(
            @ForAll @IntRange(min = 0, max = 10) int length, @ForAll long seed,
            @ForAll("triples") long[] point, @ForAll @IntRange(min = 1, max = 3) int degree) {
        ExtensionField ext = ExtensionField.ofDegree(degree);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        long[][] coefficients = new long[degree][length];
        for (long[] row : coefficients) {
            for (int i = 0; i < length; i++) {
                row[i] = Long.remainderUnsigned(rnd.nextLong(), Goldilocks.P);
            }
        }
        long[] x = Arrays.copyOf(point, degree);
        long[] expected = ext.zero();
        for (int i = 0; i < length; i++) {
            expected = ext.add(expected, ext.mul(ext.pow(x, i), ext.get(coefficients, i)));
        }
        assertArrayEquals(expected, Polynomials.evaluate(ext, coefficients, x));
    }
}
