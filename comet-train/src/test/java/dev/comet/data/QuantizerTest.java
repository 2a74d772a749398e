package dev.comet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class QuantizerTest {
    private static final Quantizer Q = new Quantizer();

    private static long q(String value) {
        return Q.quantize(new BigDecimal(value));
    }

    @Test
    void defaults() {
        assertEquals(new Quantizer(16, 31), Q);
        assertEquals("|value| < 32768 (|round(value * 2^16)| < 2^31)", Q.allowedRange());
    }

    @Test
    void roundsTheExactProduct() {
        assertEquals(6554, q("0.1"));            // 6553.6
        assertEquals(-6554, q("-0.1"));
        assertEquals(65536, q("1"));
        assertEquals(-98304, q("-1.5"));
        assertEquals(0, q("0.000"));
        assertEquals(6_553_600, q("1e2"));
        assertEquals(6_553_600, q("1E+2"));
        assertEquals(1, q("0.0000152587890625"));  // 2^-16
        assertEquals(19661, q("0.3"));            // 19660.8
    }

    @Test
    void tiesGoToEven() {
        // 2^-17 = 0.00000762939453125 is half a unit
        assertEquals(0, q("0.00000762939453125"));     //  0.5 -> 0
        assertEquals(0, q("-0.00000762939453125"));    // -0.5 -> 0
        assertEquals(2, q("0.00002288818359375"));     //  1.5 -> 2
        assertEquals(-2, q("-0.00002288818359375"));   // -1.5 -> -2
        assertEquals(2, q("0.00003814697265625"));     //  2.5 -> 2
        assertEquals(-2, q("-0.00003814697265625"));   // -2.5 -> -2
        assertEquals(4, q("0.00005340576171875"));     //  3.5 -> 4
        // just off the tie
        assertEquals(1, q("0.00000762939453126"));
        assertEquals(-1, q("-0.00000762939453126"));
        assertEquals(0, q("0.00000762939453124"));
    }

    @Test
    void boundAtTheEdge() {
        long max = (1L << 31) - 1;
        assertEquals(max, q("32767.9999847412109375"));                   // (2^31 - 1) / 2^16
        assertEquals(-max, q("-32767.9999847412109375"));
        assertEquals(max, q("32767.99999237060546874"));                  // rounds down to 2^31 - 1
        assertOutOfRange("32767.99999237060546875");                      // tie at 2^31 - 0.5 -> 2^31 (even)
        assertOutOfRange("-32767.99999237060546875");
        assertOutOfRange("32768");
        assertOutOfRange("-32768");
        assertOutOfRange("1e19");
        assertOutOfRange("-1e400");
        assertEquals(0, q("1e-400"));
        assertEquals(0, q("-1e-999999999"));
    }

    private static void assertOutOfRange(String value) {
        assertFalse(Q.inRange(new BigDecimal(value)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> q(value));
        assertEquals("value '" + new BigDecimal(value) + "' is out of range: need |value| < 32768 (|round(value * 2^16)| < 2^31)",
                e.getMessage());
    }

    @Test
    void otherScales() {
        Quantizer integers = new Quantizer(0, 8);
        assertEquals(2, integers.quantize(new BigDecimal("2.5")));
        assertEquals(255, integers.quantize(new BigDecimal("255.4")));
        assertFalse(integers.inRange(new BigDecimal("255.5")));
        Quantizer wide = new Quantizer(30, 62);
        assertEquals((1L << 62) - 1, wide.quantize(new BigDecimal(wide.toDecimal((1L << 62) - 1).toPlainString())));
        assertThrows(IllegalArgumentException.class, () -> new Quantizer(16, 16));
        assertThrows(IllegalArgumentException.class, () -> new Quantizer(-1, 31));
        assertThrows(IllegalArgumentException.class, () -> new Quantizer(16, 63));
    }

    @Test
    void datasetErrorNamesSourceLineAndColumn() {
        BigDecimal[][] features = {{BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("40000")},
                {BigDecimal.ONE, new BigDecimal("-99999"), BigDecimal.ONE}};
        BigDecimal[] targets = {BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE};
        RawDataset raw = new RawDataset("data/cars.csv", List.of("a", "b"), "y", features, targets, new long[] {2, 3, 7});
        DataException e = assertThrows(DataException.class, () -> Q.quantize(raw));
        assertEquals("data/cars.csv, line 3, column 'b': value '-99999' is out of range: need |value| < 32768 "
                + "(|round(value * 2^16)| < 2^31)", e.getMessage());
    }

    @Test
    void datasetValuesAndConversions() throws Exception {
        BigDecimal[][] features = {{new BigDecimal("0.1"), new BigDecimal("-2")}};
        BigDecimal[] targets = {new BigDecimal("3.25"), new BigDecimal("-0.00000762939453125")};
        RawDataset raw = new RawDataset("t", List.of("x"), "y", features, targets, new long[] {2, 3});
        QuantizedDataset data = Q.quantize(raw);
        assertEquals(new QuantizedDataset(16, List.of("x"), "y", new long[][] {{6554, -131072}}, new long[] {212992, 0}), data);
        assertEquals(2, data.rows());
        assertEquals(1, data.numFeatures());
        assertEquals(6554 / 65536.0, data.feature(0, 0));
        assertEquals(-2.0, data.feature(0, 1));
        assertEquals(3.25, data.target(0));
        assertEquals(new DataShape(2, 1, 16, List.of("x"), "y"), data.shape());
        assertEquals(new BigDecimal("0.100006103515625"), Q.toDecimal(6554));
        assertEquals(3.25, Q.toDouble(212992));
    }

    @Property(tries = 500)
    void toDecimalIsExact(@ForAll @LongRange(min = -(1L << 31) + 1, max = (1L << 31) - 1) long q) {
        BigDecimal v = Q.toDecimal(q);
        assertEquals(q, Q.quantize(v));
        assertEquals(0, v.multiply(BigDecimal.valueOf(65536)).compareTo(BigDecimal.valueOf(q)));
        assertEquals((double) q / 65536, Q.toDouble(q));
        assertTrue(Q.inRange(v));
    }

    @Test
    void featuresWithAndWithoutTarget() throws Exception {
        BigDecimal[][] features = {{new BigDecimal("0.1"), new BigDecimal("-2")}, {BigDecimal.ONE, BigDecimal.ZERO}};
        BigDecimal[] targets = {new BigDecimal("3.25"), BigDecimal.ONE};
        QuantizedFeatures with = Q.quantize(new RawFeatures("t", List.of("a", "b"), "y", features, targets, new long[] {2, 3}));
        assertTrue(with.hasTarget());
        assertEquals("y", with.targetName());
        assertArrayEquals(new long[] {212992, 65536}, with.targets());
        assertArrayEquals(new long[] {6554, 65536}, with.row(0));
        assertArrayEquals(new long[] {-131072, 0}, with.row(1));
        QuantizedFeatures without = Q.quantize(new RawFeatures("t", List.of("a", "b"), null, features, null, new long[] {2, 3}));
        assertFalse(without.hasTarget());
        assertEquals(2, without.rows());
        assertArrayEquals(with.features(), without.features());
        assertThrows(IllegalArgumentException.class,
                () -> new RawFeatures("t", List.of("a", "b"), "y", features, null, new long[] {2, 3}));
    }

    @Test
    void featuresErrorNamesSourceLineAndColumnInLineOrder() {
        BigDecimal[][] features = {{BigDecimal.ONE, new BigDecimal("40000")}};
        BigDecimal[] targets = {new BigDecimal("-99999"), BigDecimal.ONE};
        DataException e = assertThrows(DataException.class,
                () -> Q.quantize(new RawFeatures("p.csv", List.of("a"), "y", features, targets, new long[] {4, 9})));
        assertEquals("p.csv, line 4, column 'y': value '-99999' is out of range: need |value| < 32768 "
                + "(|round(value * 2^16)| < 2^31)", e.getMessage());
        e = assertThrows(DataException.class,
                () -> Q.quantize(new RawFeatures("p.csv", List.of("a"), null, features, null, new long[] {4, 9})));
        assertEquals(OptionalLong.of(9), e.line());
        assertEquals("a", e.column().orElseThrow());
    }
}
