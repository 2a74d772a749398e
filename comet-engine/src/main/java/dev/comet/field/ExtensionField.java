package dev.comet.field;

/**
 * A field extension {@code F_p[x] / (x^D - 7)} of Goldilocks, used for every value drawn from the
 * verifier (out-of-domain points, mixing coefficients, FRI challenges, lookup challenges).
 *
 * <p>An element is a {@code long[D]} of canonical base-field coefficients, lowest power first.
 * A vector of elements is stored coordinate-wise ("structure of arrays") as {@code long[D][n]}, so
 * that linear maps such as the NTT act on each coordinate as a base-field column.
 *
 * <p>Degree 1 is the base field itself (insecure for challenges; used only by the {@code test}
 * preset). {@code x^2 - 7} and {@code x^3 - 7} are irreducible because 7 generates {@code F_p^*}:
 * it is neither a square nor a cube, and {@code 2 | p-1} and {@code 3 | p-1}.
 */
public sealed interface ExtensionField permits BaseField, QuadraticExtension, CubicExtension {
    /** The non-residue defining both extensions. */
    long W = 7;

    static ExtensionField ofDegree(int degree) {
        return switch (degree) {
            case 1 -> BaseField.INSTANCE;
            case 2 -> QuadraticExtension.INSTANCE;
            case 3 -> CubicExtension.INSTANCE;
            default -> throw new IllegalArgumentException("unsupported extension degree " + degree);
        };
    }

    int degree();

    /**
     * {@code 64 * degree}, the nominal size in bits. The field has {@code p^degree} elements and
     * {@code log2 p} is about {@code 64 - 3.4e-10}, so {@code log2 |F|} lies just below this value
     * (its floor is {@code 64 * degree - 1}).
     */
    default int bits() {
        return 64 * degree();
    }

    default long[] zero() {
        return new long[degree()];
    }

    default long[] one() {
        return fromBase(1);
    }

    default long[] fromBase(long b) {
        long[] r = new long[degree()];
        r[0] = b;
        return r;
    }

    default boolean isZero(long[] a) {
        for (long c : a) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    default long[] add(long[] a, long[] b) {
        long[] r = new long[degree()];
        for (int i = 0; i < r.length; i++) {
            r[i] = Goldilocks.add(a[i], b[i]);
        }
        return r;
    }

    default long[] sub(long[] a, long[] b) {
        long[] r = new long[degree()];
        for (int i = 0; i < r.length; i++) {
            r[i] = Goldilocks.sub(a[i], b[i]);
        }
        return r;
    }

    default long[] neg(long[] a) {
        long[] r = new long[degree()];
        for (int i = 0; i < r.length; i++) {
            r[i] = Goldilocks.neg(a[i]);
        }
        return r;
    }

    default long[] mulBase(long[] a, long b) {
        long[] r = new long[degree()];
        for (int i = 0; i < r.length; i++) {
            r[i] = Goldilocks.mul(a[i], b);
        }
        return r;
    }

    long[] mul(long[] a, long[] b);

    default long[] square(long[] a) {
        return mul(a, a);
    }

    /** The inverse; throws {@link ArithmeticException} on zero. */
    long[] inv(long[] a);

    default long[] pow(long[] a, long exponent) {
        long[] result = one();
        long[] b = a.clone();
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

    /** Inverts every element of a list with one field inversion. Throws if any is zero. */
    default long[][] batchInvert(long[][] values) {
        int n = values.length;
        long[][] out = new long[n][];
        if (n == 0) {
            return out;
        }
        long[][] prefix = new long[n][];
        long[] acc = one();
        for (int i = 0; i < n; i++) {
            prefix[i] = acc;
            acc = mul(acc, values[i]);
        }
        long[] inv = inv(acc);
        for (int i = n - 1; i >= 0; i--) {
            out[i] = mul(inv, prefix[i]);
            inv = mul(inv, values[i]);
        }
        return out;
    }

    /** Reads element {@code i} of a coordinate-wise vector. */
    default long[] get(long[][] vector, int i) {
        long[] r = new long[degree()];
        for (int d = 0; d < r.length; d++) {
            r[d] = vector[d][i];
        }
        return r;
    }

    /** Writes element {@code i} of a coordinate-wise vector. */
    default void set(long[][] vector, int i, long[] value) {
        for (int d = 0; d < value.length; d++) {
            vector[d][i] = value[d];
        }
    }

    default String toString(long[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Long.toUnsignedString(a[i]));
        }
        return sb.append(']').toString();
    }
}
