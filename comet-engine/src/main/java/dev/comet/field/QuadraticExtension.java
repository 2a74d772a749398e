package dev.comet.field;


/** {@code F_p[x] / (x^2 - 7)}: 128-bit field for the ~100-bit preset. */
public enum QuadraticExtension implements ExtensionField {
    INSTANCE;

    @Override
    public int degree() {
        return 2;
    }

    @Override
    public long[] mul(long[] a, long[] b) {
        long a0 = a[0], a1 = a[1], b0 = b[0], b1 = b[1];
        long c0 = Goldilocks.add(Goldilocks.mul(a0, b0), Goldilocks.mul(W, Goldilocks.mul(a1, b1)));
        long c1 = Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0));
        return new long[] {c0, c1};
    }

    @Override
    public long[] inv(long[] a) {
        // (a0 + a1 x)^-1 = (a0 - a1 x) / (a0^2 - 7 a1^2); the norm is non-zero for non-zero a.
        long norm = Goldilocks.sub(Goldilocks.mul(a[0], a[0]), Goldilocks.mul(W, Goldilocks.mul(a[1], a[1])));
        long inv = Goldilocks.inv(norm);
        return new long[] {Goldilocks.mul(a[0], inv), Goldilocks.neg(Goldilocks.mul(a[1], inv))};
    }
}
