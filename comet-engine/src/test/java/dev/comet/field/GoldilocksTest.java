package dev.comet.field;

import static dev.comet.field.FieldTestSupport.P_BIG;
import static dev.comet.field.FieldTestSupport.big;
import static dev.comet.field.FieldTestSupport.fromBig;
import static dev.comet.field.Goldilocks.P;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GoldilocksTest {
    /** The prime factorisation of {@code p - 1 = 2^32 * 3 * 5 * 17 * 257 * 65537}. */
    private static final long[] PRIME_FACTORS_OF_P_MINUS_1 = {2, 3, 5, 17, 257, 65537};

    @Provide
    Arbitrary<Long> canonical() {
        return FieldTestSupport.canonical();
    }

    @Provide
    Arbitrary<Long> nonZero() {
        return FieldTestSupport.nonZero();
    }

    @Provide
    Arbitrary<Long> anyLong() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(Long.MIN_VALUE, Long.MAX_VALUE),
                Arbitraries.of(0L, 1L, -1L, P, P - 1, P + 1, -2L, 0xFFFF_FFFFL, 1L << 32, 1L << 63));
    }

    // ---- known values -------------------------------------------------------------------------

    @Test
    void modulusHasTheGoldilocksForm() {
        assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE.shiftLeft(32)).add(BigInteger.ONE), P_BIG);
        assertTrue(P_BIG.isProbablePrime(64));
        assertEquals(64, P_BIG.bitLength());
    }

    @Test
    void edgeValuesAreCanonical() {
        for (long v : FieldTestSupport.EDGE_VALUES) {
            assertTrue(Long.compareUnsigned(v, P) < 0, Long.toUnsignedString(v));
        }
    }

    @Test
    void factorisationOfPMinusOneIsComplete() {
        BigInteger rest = P_BIG.subtract(BigInteger.ONE);
        for (long q : PRIME_FACTORS_OF_P_MINUS_1) {
            BigInteger bq = BigInteger.valueOf(q);
            assertTrue(bq.isProbablePrime(50));
            while (rest.mod(bq).signum() == 0) {
                rest = rest.divide(bq);
            }
        }
        assertEquals(BigInteger.ONE, rest);
        assertEquals(Goldilocks.TWO_ADICITY, P_BIG.subtract(BigInteger.ONE).getLowestSetBit());
    }

    @Test
    void generatorGeneratesTheMultiplicativeGroup() {
        for (long q : PRIME_FACTORS_OF_P_MINUS_1) {
            long e = Long.divideUnsigned(P - 1, q);
            assertNotEquals(1L, Goldilocks.pow(Goldilocks.GENERATOR, e), "order divides (p-1)/" + q);
        }
        assertEquals(1L, Goldilocks.pow(Goldilocks.GENERATOR, P - 1));
        assertEquals(P - 1, Goldilocks.pow(Goldilocks.GENERATOR, (P - 1) >>> 1));
    }

    @Test
    void rootOfUnityIsTheGeneratorPower() {
        assertEquals(Goldilocks.pow(Goldilocks.GENERATOR, (P - 1) >>> 32), Goldilocks.ROOT_OF_UNITY_2_32);
        assertEquals(Goldilocks.ROOT_OF_UNITY_2_32, Goldilocks.rootOfUnity(32));
    }

    @Test
    void rootsOfUnityHaveExactOrder() {
        assertEquals(1L, Goldilocks.rootOfUnity(0));
        for (int k = 1; k <= Goldilocks.TWO_ADICITY; k++) {
            long w = Goldilocks.rootOfUnity(k);
            // w^(2^(k-1)) = -1 means the order is exactly 2^k.
            assertEquals(P - 1, Goldilocks.pow(w, 1L << (k - 1)), "k = " + k);
            assertEquals(1L, Goldilocks.pow(w, 1L << k), "k = " + k);
        }
        assertThrows(IllegalArgumentException.class, () -> Goldilocks.rootOfUnity(33));
        assertThrows(IllegalArgumentException.class, () -> Goldilocks.rootOfUnity(-1));
    }

    @Test
    void rootsOfUnityAreConsistentAcrossSizes() {
        for (int k = 0; k < Goldilocks.TWO_ADICITY; k++) {
            long w = Goldilocks.rootOfUnity(k + 1);
            assertEquals(Goldilocks.rootOfUnity(k), Goldilocks.mul(w, w), "k = " + k);
        }
    }

    @Test
    void specialProducts() {
        assertEquals(1L, Goldilocks.mul(P - 1, P - 1));
        assertEquals(P - 1, Goldilocks.mul(P - 1, 1));
        assertEquals(0xFFFF_FFFFL, Goldilocks.mul(1L << 32, 1L << 32)); // 2^64 = 2^32 - 1
        assertEquals(0xFFFF_FFFFL, Goldilocks.mul(1L << 63, 2)); // 2^64 again
        assertEquals(P - 1, Goldilocks.pow(2, 96)); // 2^96 = -1
        assertEquals(1L, Goldilocks.pow(2, 192));
        assertEquals(0L, Goldilocks.mul(0, P - 1));
        assertEquals(P - 2, Goldilocks.add(P - 1, P - 1));
        assertEquals(0L, Goldilocks.add(P - 1, 1));
        assertEquals(P - 1, Goldilocks.sub(0, 1));
        assertEquals(0L, Goldilocks.neg(0));
        assertEquals(1L, Goldilocks.inv(1));
        assertEquals(P - 1, Goldilocks.inv(P - 1));
        assertEquals((P >>> 1) + 1, Goldilocks.inv(2)); // (p+1)/2
        assertEquals(1L, Goldilocks.pow(0, 0));
        assertEquals(0L, Goldilocks.pow(0, 5));
    }

    @Test
    void inverseOfZeroThrows() {
        assertThrows(ArithmeticException.class, () -> Goldilocks.inv(0));
    }

    @Test
    void signedEmbedding() {
        assertEquals(P - 1, Goldilocks.fromSigned(-1));
        assertEquals(0L, Goldilocks.fromSigned(0));
        assertEquals(-1L, Goldilocks.toSigned(P - 1));
        assertEquals((P - 1) >>> 1, Goldilocks.toSigned((P - 1) >>> 1));
        assertEquals(-((P - 1) >>> 1), Goldilocks.toSigned(((P - 1) >>> 1) + 1));
        assertEquals(fromBig(BigInteger.valueOf(Long.MIN_VALUE)), Goldilocks.fromSigned(Long.MIN_VALUE));
        assertEquals(fromBig(BigInteger.valueOf(Long.MAX_VALUE)), Goldilocks.fromSigned(Long.MAX_VALUE));
    }

    // ---- agreement with BigInteger ------------------------------------------------------------

    @Property
    void addMatchesBigInteger(@ForAll("canonical") long a, @ForAll("canonical") long b) {
        assertEquals(fromBig(big(a).add(big(b))), Goldilocks.add(a, b));
    }

    @Property
    void subMatchesBigInteger(@ForAll("canonical") long a, @ForAll("canonical") long b) {
        assertEquals(fromBig(big(a).subtract(big(b))), Goldilocks.sub(a, b));
    }

    /** {@code add(a, b)} is computed as {@code sub(a, p - b)}, which reaches {@code sub(a, p)} for {@code b = 0}. */
    @Property
    void subtractingPIsTheIdentity(@ForAll("canonical") long a) {
        assertEquals(a, Goldilocks.sub(a, P));
        assertEquals(a, Goldilocks.add(a, 0));
    }

    @Property
    void mulMatchesBigInteger(@ForAll("canonical") long a, @ForAll("canonical") long b) {
        assertEquals(fromBig(big(a).multiply(big(b))), Goldilocks.mul(a, b));
        assertEquals(fromBig(big(a).multiply(big(a))), Goldilocks.square(a));
    }

    @Property
    void negMatchesBigInteger(@ForAll("canonical") long a) {
        assertEquals(fromBig(big(a).negate()), Goldilocks.neg(a));
    }

    @Property
    void invMatchesBigInteger(@ForAll("nonZero") long a) {
        assertEquals(fromBig(big(a).modInverse(P_BIG)), Goldilocks.inv(a));
        assertEquals(1L, Goldilocks.mul(a, Goldilocks.inv(a)));
    }

    @Property
    void powMatchesBigInteger(@ForAll("canonical") long a, @ForAll("anyLong") long e) {
        assertEquals(fromBig(big(a).modPow(big(e), P_BIG)), Goldilocks.pow(a, e));
    }

    @Property
    void reduceMatchesBigInteger(@ForAll("anyLong") long x) {
        assertEquals(fromBig(big(x)), Goldilocks.reduce(x));
    }

    /** The 128-bit reduction must be right for every input, not only for products of canonical values. */
    @Property
    void reduce128MatchesBigInteger(@ForAll("anyLong") long hi, @ForAll("anyLong") long lo) {
        BigInteger x = big(hi).shiftLeft(64).add(big(lo));
        assertEquals(fromBig(x), Goldilocks.reduce128(hi, lo));
    }

    @Property
    void signedRoundTrip(@ForAll @net.jqwik.api.constraints.LongRange(min = -(1L << 62), max = 1L << 62) long v) {
        assertEquals(fromBig(BigInteger.valueOf(v)), Goldilocks.fromSigned(v));
        assertEquals(v, Goldilocks.toSigned(Goldilocks.fromSigned(v)));
    }

    // ---- batch inversion ----------------------------------------------------------------------

    @Property(tries = 50)
    void batchInversionMatchesSingleInversion(@ForAll @IntRange(min = 0, max = 300) int n, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = 1 + Long.remainderUnsigned(rnd.nextLong(), P - 1);
        }
        long[] expected = new long[n];
        for (int i = 0; i < n; i++) {
            expected[i] = Goldilocks.inv(values[i]);
        }
        long[] copy = values.clone();
        assertArrayEquals(expected, Goldilocks.batchInvert(values));
        assertArrayEquals(copy, values, "batchInvert must not modify its input");
        Goldilocks.batchInvertInPlace(values);
        assertArrayEquals(expected, values);
    }

    @Test
    void batchInversionOfZeroThrows() {
        assertThrows(ArithmeticException.class, () -> Goldilocks.batchInvert(new long[] {3, 0, 5}));
        assertThrows(ArithmeticException.class, () -> Goldilocks.batchInvert(new long[] {0}));
    }

    @Test
    void powersAreSuccessiveProducts() {
        long w = Goldilocks.rootOfUnity(4);
        long[] pw = Goldilocks.powers(w, 17);
        assertEquals(1L, pw[0]);
        assertEquals(w, pw[1]);
        assertEquals(1L, pw[16]);
        for (int i = 1; i < pw.length; i++) {
            assertEquals(Goldilocks.mul(pw[i - 1], w), pw[i]);
        }
        assertEquals(0, Goldilocks.powers(w, 0).length);
    }
}
