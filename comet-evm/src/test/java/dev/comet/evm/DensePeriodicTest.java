package dev.comet.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.PeriodicColumn;
import dev.comet.field.Goldilocks;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated coefficient libraries, read back from their sources and run as their loop runs
 * (in Java): the column's polynomial takes the column's values on the subgroup, over every part.
 */
class DensePeriodicTest {
    private static final Pattern CONSTANT = Pattern.compile("hex\"([0-9a-f]*)\"");

    /** The library's loop: {@code acc = acc * y + c} in F_p[x] / (x^2 - 7) over its constant's 8-byte words. */
    private static long[] horner(String source, long[] acc, long[] y) {
        Matcher m = CONSTANT.matcher(source);
        assertTrue(m.find(), "the library holds its coefficients as a constant");
        byte[] bytes = HexFormat.of().parseHex(m.group(1));
        assertEquals(0, bytes.length % 8);
        long a0 = acc[0];
        long a1 = acc[1];
        for (int i = 0; i < bytes.length; i += 8) {
            long c = 0;
            for (int k = 0; k < 8; k++) {
                c = c << 8 | (bytes[i + k] & 0xFF);
            }
            assertTrue(Long.compareUnsigned(c, Goldilocks.P) < 0, "coefficients are canonical");
            long t = Goldilocks.add(Goldilocks.mul(a0, y[0]), Goldilocks.mul(7, Goldilocks.mul(a1, y[1])));
            a1 = Goldilocks.add(Goldilocks.mul(a0, y[1]), Goldilocks.mul(a1, y[0]));
            a0 = Goldilocks.add(t, c);
        }
        return new long[] {a0, a1};
    }

    @ParameterizedTest(name = "2^{0} values, {1} parts")
    @CsvSource({"3, 1", "8, 1", "12, 2", "13, 4"})
    void thePolynomialTakesTheColumnsValuesOnTheSubgroup(int logM, int partCount) {
        SplittableRandom random = new SplittableRandom(logM);
        long[] values = new long[1 << logM];
        for (int i = 0; i < values.length; i++) {
            values[i] = Long.remainderUnsigned(random.nextLong(), Goldilocks.P);
        }
        assertTrue(DensePeriodic.isDense(new PeriodicColumn.Values(values)));
        List<DensePeriodic.Part> parts = DensePeriodic.of("T", values).parts();
        assertEquals(partCount, parts.size());
        long omega = Goldilocks.rootOfUnity(logM);
        for (int trial = 0; trial < 6; trial++) {
            int i = random.nextInt(values.length);
            long[] y = {Goldilocks.pow(omega, i), 0};
            long[] acc = {0, 0};
            for (int j = parts.size() - 1; j >= 0; j--) {
                acc = horner(parts.get(j).source(), acc, y);
            }
            assertEquals(values[i], acc[0], "p(w^" + i + ")");
            assertEquals(0, acc[1]);
        }
    }

    @ParameterizedTest(name = "{0} exceptions in 256")
    @CsvSource({"1, false", "16, false", "17, true", "256, true"})
    void aColumnIsDenseWhenMoreThanOneEntryIn16DiffersFromTheMostCommon(int exceptions, boolean dense) {
        long[] values = new long[256];
        for (int i = 0; i < exceptions; i++) {
            values[i] = i + 1;
        }
        assertEquals(dense, DensePeriodic.isDense(new PeriodicColumn.Values(values)));
        assertFalse(DensePeriodic.isDense(new PeriodicColumn.Values(new long[256])));
    }
}
