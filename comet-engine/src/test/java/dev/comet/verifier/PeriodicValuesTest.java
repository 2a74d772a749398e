package dev.comet.verifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.poly.Ntt;
import dev.comet.poly.Polynomials;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeriodicValuesTest {
    private static final ExtensionField EXT = ExtensionField.ofDegree(2);

    private static long[] byInterpolation(long[] values, long[] y) {
        long[] coefficients = values.clone();
        Ntt.ofLogSize(Integer.numberOfTrailingZeros(values.length)).inverse(coefficients);
        return Polynomials.evaluate(EXT, coefficients, y);
    }

    @Test
    void matchesInterpolationForSparseDenseAndRandomColumns() {
        SplittableRandom random = new SplittableRandom(3);
        long[] y = {Goldilocks.reduce(random.nextLong()), Goldilocks.reduce(random.nextLong())};
        long[] sparse = new long[64];
        sparse[5] = 1;
        sparse[40] = 7;
        long[] dense = new long[64];
        java.util.Arrays.fill(dense, 0, 61, 1);
        long[] randomColumn = new long[32];
        for (int i = 0; i < randomColumn.length; i++) {
            randomColumn[i] = Goldilocks.reduce(random.nextLong());
        }
        for (long[] column : new long[][] {sparse, dense, randomColumn, new long[16], {9}}) {
            assertArrayEquals(byInterpolation(column, y), PeriodicValues.evaluate(EXT, column, y));
        }
    }
}
