package dev.comet.verifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.comet.air.PeriodicColumn;
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
            assertArrayEquals(byInterpolation(column, y), PeriodicValues.evaluate(EXT, PeriodicColumn.of(column), y));
        }
    }

    @Test
    void indicatorInClosedFormMatchesItsValues() {
        SplittableRandom random = new SplittableRandom(5);
        long[] y = {Goldilocks.reduce(random.nextLong()), Goldilocks.reduce(random.nextLong())};
        for (int logPeriod : new int[] {0, 1, 3, 10}) {
            for (int row : new int[] {0, (1 << logPeriod) - 1, (1 << logPeriod) / 3}) {
                PeriodicColumn indicator = PeriodicColumn.indicator(logPeriod, row);
                assertArrayEquals(byInterpolation(indicator.values(), y), PeriodicValues.evaluate(EXT, indicator, y),
                        "row " + row + " of 2^" + logPeriod);
            }
        }
    }
}
