package dev.comet.field;

/**
 * Element-wise kernels on coordinate-wise extension vectors ({@code long[D][n]}), for the prover's
 * hot loops. The degree is dispatched once per call, never per element.
 */
public final class ExtensionVectors {
    private static final long W = ExtensionField.W;

    private ExtensionVectors() {}

    public static void add(long[][] a, long[][] b, long[][] out, int len) {
        for (int d = 0; d < a.length; d++) {
            long[] x = a[d], y = b[d], o = out[d];
            for (int i = 0; i < len; i++) {
                o[i] = Goldilocks.add(x[i], y[i]);
            }
        }
    }

    public static void sub(long[][] a, long[][] b, long[][] out, int len) {
        for (int d = 0; d < a.length; d++) {
            long[] x = a[d], y = b[d], o = out[d];
            for (int i = 0; i < len; i++) {
                o[i] = Goldilocks.sub(x[i], y[i]);
            }
        }
    }

    public static void neg(long[][] a, long[][] out, int len) {
        for (int d = 0; d < a.length; d++) {
            long[] x = a[d], o = out[d];
            for (int i = 0; i < len; i++) {
                o[i] = Goldilocks.neg(x[i]);
            }
        }
    }

    /** {@code out = a * b} with {@code b} a base-field vector. */
    public static void mulBase(long[][] a, long[] b, long[][] out, int len) {
        for (int d = 0; d < a.length; d++) {
            long[] x = a[d], o = out[d];
            for (int i = 0; i < len; i++) {
                o[i] = Goldilocks.mul(x[i], b[i]);
            }
        }
    }

    /** {@code out += c * b} with {@code c} one extension element and {@code b} an extension vector. */
    public static void addScaled(long[][] out, long[] c, long[][] b, int len) {
        switch (out.length) {
            case 1 -> addScaledBase(out, c, b[0], 0, len);
            case 2 -> {
                long c0 = c[0], c1 = c[1], c1w = Goldilocks.mul(c1, W);
                long[] b0 = b[0], b1 = b[1], o0 = out[0], o1 = out[1];
                for (int i = 0; i < len; i++) {
                    long x0 = b0[i], x1 = b1[i];
                    o0[i] = Goldilocks.add(o0[i], Goldilocks.add(Goldilocks.mul(c0, x0), Goldilocks.mul(c1w, x1)));
                    o1[i] = Goldilocks.add(o1[i], Goldilocks.add(Goldilocks.mul(c0, x1), Goldilocks.mul(c1, x0)));
                }
            }
            case 3 -> {
                long c0 = c[0], c1 = c[1], c2 = c[2];
                long c1w = Goldilocks.mul(c1, W), c2w = Goldilocks.mul(c2, W);
                long[] b0 = b[0], b1 = b[1], b2 = b[2], o0 = out[0], o1 = out[1], o2 = out[2];
                for (int i = 0; i < len; i++) {
                    long x0 = b0[i], x1 = b1[i], x2 = b2[i];
                    o0[i] = Goldilocks.add(o0[i], Goldilocks.add(Goldilocks.mul(x0, c0),
                            Goldilocks.add(Goldilocks.mul(x1, c2w), Goldilocks.mul(x2, c1w))));
                    o1[i] = Goldilocks.add(o1[i], Goldilocks.add(Goldilocks.add(Goldilocks.mul(x0, c1),
                            Goldilocks.mul(x1, c0)), Goldilocks.mul(x2, c2w)));
                    o2[i] = Goldilocks.add(o2[i], Goldilocks.add(Goldilocks.add(Goldilocks.mul(x0, c2),
                            Goldilocks.mul(x1, c1)), Goldilocks.mul(x2, c0)));
                }
            }
            default -> throw new IllegalArgumentException("degree " + out.length);
        }
    }

    /** Element-wise product of two extension vectors. */
    public static void mul(long[][] a, long[][] b, long[][] out, int len) {
        switch (a.length) {
            case 1 -> {
                long[] x = a[0], y = b[0], o = out[0];
                for (int i = 0; i < len; i++) {
                    o[i] = Goldilocks.mul(x[i], y[i]);
                }
            }
            case 2 -> {
                long[] a0 = a[0], a1 = a[1], b0 = b[0], b1 = b[1], o0 = out[0], o1 = out[1];
                for (int i = 0; i < len; i++) {
                    long x0 = a0[i], x1 = a1[i], y0 = b0[i], y1 = b1[i];
                    o0[i] = Goldilocks.add(Goldilocks.mul(x0, y0), Goldilocks.mul(W, Goldilocks.mul(x1, y1)));
                    o1[i] = Goldilocks.add(Goldilocks.mul(x0, y1), Goldilocks.mul(x1, y0));
                }
            }
            case 3 -> {
                long[] a0 = a[0], a1 = a[1], a2 = a[2], b0 = b[0], b1 = b[1], b2 = b[2];
                long[] o0 = out[0], o1 = out[1], o2 = out[2];
                for (int i = 0; i < len; i++) {
                    long x0 = a0[i], x1 = a1[i], x2 = a2[i], y0 = b0[i], y1 = b1[i], y2 = b2[i];
                    long c3 = Goldilocks.add(Goldilocks.mul(x1, y2), Goldilocks.mul(x2, y1));
                    long c4 = Goldilocks.mul(x2, y2);
                    o0[i] = Goldilocks.add(Goldilocks.mul(x0, y0), Goldilocks.mul(W, c3));
                    o1[i] = Goldilocks.add(Goldilocks.add(Goldilocks.mul(x0, y1), Goldilocks.mul(x1, y0)), Goldilocks.mul(W, c4));
                    o2[i] = Goldilocks.add(Goldilocks.add(Goldilocks.mul(x0, y2), Goldilocks.mul(x1, y1)), Goldilocks.mul(x2, y0));
                }
            }
            default -> throw new IllegalArgumentException("degree " + a.length);
        }
    }

    /** {@code out = a * b} for single elements; {@code out} may alias an input. */
    public static void mulElement(long[] a, long[] b, long[] out) {
        switch (a.length) {
            case 1 -> out[0] = Goldilocks.mul(a[0], b[0]);
            case 2 -> {
                long a0 = a[0], a1 = a[1], b0 = b[0], b1 = b[1];
                out[0] = Goldilocks.add(Goldilocks.mul(a0, b0), Goldilocks.mul(W, Goldilocks.mul(a1, b1)));
                out[1] = Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0));
            }
            case 3 -> {
                long a0 = a[0], a1 = a[1], a2 = a[2], b0 = b[0], b1 = b[1], b2 = b[2];
                long c3 = Goldilocks.add(Goldilocks.mul(a1, b2), Goldilocks.mul(a2, b1));
                long c4 = Goldilocks.mul(a2, b2);
                out[0] = Goldilocks.add(Goldilocks.mul(a0, b0), Goldilocks.mul(W, c3));
                out[1] = Goldilocks.add(Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0)), Goldilocks.mul(W, c4));
                out[2] = Goldilocks.add(Goldilocks.add(Goldilocks.mul(a0, b2), Goldilocks.mul(a1, b1)), Goldilocks.mul(a2, b0));
            }
            default -> throw new IllegalArgumentException("degree " + a.length);
        }
    }

    /** {@code out += c * b[bOffset .. bOffset + len)} with {@code c} an extension element and {@code b} base. */
    public static void addScaledBase(long[][] out, long[] c, long[] b, int bOffset, int len) {
        for (int d = 0; d < out.length; d++) {
            long cd = c[d];
            long[] o = out[d];
            for (int i = 0; i < len; i++) {
                o[i] = Goldilocks.add(o[i], Goldilocks.mul(cd, b[bOffset + i]));
            }
        }
    }

    /** {@code [1, x, x^2, ..., x^(n-1)]} coordinate-wise. */
    public static long[][] powers(long[] x, int n) {
        int degree = x.length;
        long[][] out = new long[degree][n];
        long[] acc = new long[degree];
        acc[0] = 1;
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < degree; d++) {
                out[d][i] = acc[d];
            }
            mulElement(acc, x, acc);
        }
        return out;
    }

    /** Inverts elements {@code [0, len)} of an extension vector in place with one field inversion. */
    public static void batchInvertInPlace(ExtensionField ext, long[][] v, int len) {
        int degree = v.length;
        long[][] prefix = new long[degree][len];
        long[] acc = ext.one();
        long[] x = new long[degree];
        for (int i = 0; i < len; i++) {
            for (int d = 0; d < degree; d++) {
                prefix[d][i] = acc[d];
                x[d] = v[d][i];
            }
            mulElement(acc, x, acc);
        }
        long[] inv = ext.inv(acc);
        long[] r = new long[degree];
        for (int i = len - 1; i >= 0; i--) {
            for (int d = 0; d < degree; d++) {
                r[d] = prefix[d][i];
                x[d] = v[d][i];
            }
            mulElement(inv, r, r);
            mulElement(inv, x, inv);
            for (int d = 0; d < degree; d++) {
                v[d][i] = r[d];
            }
        }
    }
}
