package dev.comet.field;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Reference arithmetic over {@link BigInteger} and generators of field elements for tests. */
public final class FieldTestSupport {
    public static final BigInteger P_BIG = new BigInteger(Long.toUnsignedString(Goldilocks.P));
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** Values where carries, borrows and the special form of p are most likely to go wrong. */
    public static final long[] EDGE_VALUES = {
        0, 1, 2, 3, 7,
        Goldilocks.P - 1, Goldilocks.P - 2, Goldilocks.P >>> 1, (Goldilocks.P >>> 1) + 1,
        1L << 31, (1L << 32) - 1, 1L << 32, (1L << 32) + 1,
        1L << 48, 1L << 62, (1L << 63) - 1, 1L << 63, (1L << 63) + 1,
        0xFFFF_FFFE_FFFF_FFFFL, 0xFFFF_FFFF_0000_0000L, 0x0000_0001_FFFF_FFFFL,
        0xFFFF_FFFE_0000_0001L, Goldilocks.ROOT_OF_UNITY_2_32,
    };

    private FieldTestSupport() {}

    public static BigInteger big(long unsigned) {
        BigInteger b = BigInteger.valueOf(unsigned);
        return unsigned < 0 ? b.add(TWO_64) : b;
    }

    /** Reduces a (possibly negative or huge) integer into a canonical element. */
    public static long fromBig(BigInteger x) {
        return x.mod(P_BIG).longValue();
    }

    /** Canonical elements: mostly uniform, often an edge value. */
    public static Arbitrary<Long> canonical() {
        Arbitrary<Long> uniform = Arbitraries.longs().between(Long.MIN_VALUE, Long.MAX_VALUE)
                .map(x -> Long.remainderUnsigned(x, Goldilocks.P));
        Arbitrary<Long> small = Arbitraries.longs().between(0, 1000);
        Arbitrary<Long> nearP = Arbitraries.longs().between(0, 1000).map(x -> Goldilocks.P - 1 - x);
        Arbitrary<Long> edges = Arbitraries.of(boxed(EDGE_VALUES));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, uniform),
                net.jqwik.api.Tuple.of(1, small),
                net.jqwik.api.Tuple.of(1, nearP),
                net.jqwik.api.Tuple.of(2, edges));
    }

    /** Non-zero canonical elements. */
    public static Arbitrary<Long> nonZero() {
        return canonical().filter(x -> x != 0);
    }

    /** Arrays of three canonical coordinates; tests truncate them to the degree under test. */
    public static Arbitrary<long[]> triples() {
        return canonical().array(long[].class).ofSize(3);
    }

    /** Reference product in {@code F_p[x] / (x^D - 7)}, by schoolbook multiplication. */
    public static long[] referenceMul(long[] a, long[] b) {
        int d = a.length;
        BigInteger[] prod = new BigInteger[2 * d - 1];
        java.util.Arrays.fill(prod, BigInteger.ZERO);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                prod[i + j] = prod[i + j].add(big(a[i]).multiply(big(b[j])));
            }
        }
        for (int k = 2 * d - 2; k >= d; k--) {
            // x^k = 7 x^(k-d)
            prod[k - d] = prod[k - d].add(prod[k].multiply(BigInteger.valueOf(7)));
        }
        long[] r = new long[d];
        for (int i = 0; i < d; i++) {
            r[i] = fromBig(prod[i]);
        }
        return r;
    }

    private static Long[] boxed(long[] values) {
        Long[] out = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
