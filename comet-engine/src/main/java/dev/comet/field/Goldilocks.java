package dev.comet.field;

/**
 * Arithmetic in the Goldilocks prime field {@code p = 2^64 - 2^32 + 1}.
 *
 * <p>Elements are {@code long}s holding the canonical representative in {@code [0, p)}, read as
 * unsigned. Every method takes canonical inputs and returns canonical outputs, so equality of
 * field elements is equality of {@code long}s.
 *
 * <p>Reduction uses {@code 2^64 = 2^32 - 1 (mod p)} and {@code 2^96 = -1 (mod p)}, which turns a
 * 128-bit product into a few subtractions and one borrow-conditioned addition of {@code p}
 * (see {@link #reduce128}). {@link #add} and {@link #sub} are branch-free; {@link #mul} has one
 * branch that random inputs take with probability about {@code 2^-32} and one select. On the
 * random-looking data of a prover a data-dependent branch would be mispredicted half the time.
 */
public final class Goldilocks {
    /** The modulus {@code 2^64 - 2^32 + 1}, as an unsigned long. */
    public static final long P = 0xFFFF_FFFF_0000_0001L;
    /** {@code 2^64 mod p = 2^32 - 1}. */
    static final long EPSILON = 0xFFFF_FFFFL;
    /** A generator of the multiplicative group of order {@code p - 1}. */
    public static final long GENERATOR = 7;
    /** The largest {@code k} with {@code 2^k | p - 1}. */
    public static final int TWO_ADICITY = 32;
    /** A primitive {@code 2^32}-th root of unity: {@code GENERATOR^((p-1) / 2^32)}. */
    public static final long ROOT_OF_UNITY_2_32 = 1_753_635_133_440_165_772L;
    /** Number of bits of the modulus, used in security estimates. */
    public static final int BITS = 64;

    private Goldilocks() {}

    /** Maps any unsigned 64-bit value to its canonical representative. */
    public static long reduce(long x) {
        return Long.compareUnsigned(x, P) >= 0 ? x - P : x;
    }

    /** Embeds a signed integer: {@code -v} becomes {@code p - v}. */
    public static long fromSigned(long v) {
        return v >= 0 ? reduce(v) : neg(reduce(-v));
    }

    /**
     * The signed integer closest to zero that this element represents: values above {@code (p-1)/2}
     * are read as negative.
     */
    public static long toSigned(long a) {
        return Long.compareUnsigned(a, P >>> 1) > 0 ? -(P - a) : a;
    }

    /**
     * {@code a + b}, computed as {@code a - (p - b)} so that addition shares the subtraction's
     * single borrow test.
     */
    public static long add(long a, long b) {
        return sub(a, P - b);
    }

    /**
     * {@code a - b}. Also correct for {@code b = p} (which {@link #add} passes), since then
     * {@code a - p} always borrows and adding {@code p} back gives {@code a}.
     *
     * <p>The borrow is computed arithmetically (Hacker's Delight 2-13) rather than with a
     * comparison: on uniformly random field elements the borrow is a coin flip, and the JIT
     * compiles a comparison into a branch mispredicted half the time whenever the result feeds
     * another comparison, which costs more than the five extra logic instructions.
     */
    public static long sub(long a, long b) {
        long d = a - b;
        long borrowMask = ((~a & b) | (~(a ^ b) & d)) >> 63;
        // + p is - EPSILON modulo 2^64; masking with EPSILON needs no 64-bit constant.
        return d - (borrowMask & EPSILON);
    }

    public static long neg(long a) {
        return a == 0 ? 0 : P - a;
    }

    public static long mul(long a, long b) {
        return reduce128(Math.unsignedMultiplyHigh(a, b), a * b);
    }

    public static long square(long a) {
        return mul(a, a);
    }

    /**
     * Reduces the 128-bit value {@code hi * 2^64 + lo} for any {@code hi}, {@code lo}.
     *
     * <p>With {@code hi = hiHi * 2^32 + hiLo}: {@code x = lo - hiHi + hiLo * EPSILON (mod p)}.
     * Let {@code s = lo - hiHi mod p} in {@code [0, 2^64)} and {@code t = hiLo * EPSILON}, which
     * is at most {@code (2^32-1)^2 < p}, so {@code u = p - t} lies in {@code [2^32, p]} and
     * {@code x = s - u (mod p)}. If {@code s >= u}, {@code s - u < 2^64 - 2^32 < p} is already
     * canonical; otherwise {@code s - u + p = s + t} lies in {@code [0, p)}. One subtraction with a
     * borrow-conditioned {@code + p} therefore gives the canonical result directly.
     */
    static long reduce128(long hi, long lo) {
        long hiHi = hi >>> 32;
        long hiLo = hi & EPSILON;
        long s = lo - hiHi;
        if (Long.compareUnsigned(lo, hiHi) < 0) {
            // Wrapped by 2^64 = EPSILON (mod p); cannot underflow since s >= 2^64 - 2^32 + 1 here.
            // Rare for random products (lo < 2^32), so a well-predicted branch.
            s -= EPSILON;
        }
        long u = P - ((hiLo << 32) - hiLo);
        long d = s - u;
        // A select rather than the arithmetic borrow of sub(): the JIT turns it into a conditional
        // move as long as the product is not compared directly (add and sub compare nothing).
        return Long.compareUnsigned(s, u) < 0 ? d + P : d;
    }

    public static long pow(long base, long exponent) {
        long result = 1;
        long b = base;
        long e = exponent;
        while (e != 0) {
            if ((e & 1) != 0) {
                result = mul(result, b);
            }
            b = mul(b, b);
            e >>>= 1;
        }
        return result;
    }

    /** Multiplicative inverse by Fermat; throws on zero, which has none. */
    public static long inv(long a) {
        if (a == 0) {
            throw new ArithmeticException("inverse of zero in Goldilocks");
        }
        return pow(a, P - 2);
    }

    /**
     * Replaces every element of {@code values} by its inverse with one field inversion
     * (Montgomery's trick). Throws if any element is zero.
     */
    public static void batchInvertInPlace(long[] values) {
        int n = values.length;
        if (n == 0) {
            return;
        }
        long[] prefix = new long[n];
        long acc = 1;
        for (int i = 0; i < n; i++) {
            prefix[i] = acc;
            acc = mul(acc, values[i]);
        }
        long inv = inv(acc);
        for (int i = n - 1; i >= 0; i--) {
            long v = values[i];
            values[i] = mul(inv, prefix[i]);
            inv = mul(inv, v);
        }
    }

    /**
     * As {@link #batchInvertInPlace}, but 0, which has no inverse, stays 0: for witness columns
     * where a prover that cheats (or a test) may write a value at a bound, which the constraint
     * reading the inverse then rejects.
     */
    public static void batchInvertOrZeroInPlace(long[] values) {
        boolean[] zero = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            zero[i] = values[i] == 0;
            values[i] = zero[i] ? 1 : values[i];
        }
        batchInvertInPlace(values);
        for (int i = 0; i < values.length; i++) {
            values[i] = zero[i] ? 0 : values[i];
        }
    }

    /** Returns a fresh array of the inverses of {@code values}. */
    public static long[] batchInvert(long[] values) {
        long[] out = values.clone();
        batchInvertInPlace(out);
        return out;
    }

    /** A primitive {@code 2^logN}-th root of unity, for {@code 0 <= logN <= 32}. */
    public static long rootOfUnity(int logN) {
        if (logN < 0 || logN > TWO_ADICITY) {
            throw new IllegalArgumentException("no 2^" + logN + "-th root of unity in Goldilocks");
        }
        long w = ROOT_OF_UNITY_2_32;
        for (int i = logN; i < TWO_ADICITY; i++) {
            w = mul(w, w);
        }
        return w;
    }

    /** {@code [1, w, w^2, ..., w^(n-1)]}. */
    public static long[] powers(long w, int n) {
        long[] out = new long[n];
        long acc = 1;
        for (int i = 0; i < n; i++) {
            out[i] = acc;
            acc = mul(acc, w);
        }
        return out;
    }

    public static String toString(long a) {
        return Long.toUnsignedString(a);
    }
}
