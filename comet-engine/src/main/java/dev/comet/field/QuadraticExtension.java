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
        long[] r = new long[2];
        ExtensionVectors.mulElement(a, b, r);
        return r;
    }

    @Override
    public long[] inv(long[] a) {
        // (a0 + a1 x)^-1 = (a0 - a1 x) / (a0^2 - 7 a1^2); the norm is non-zero for non-zero a.
        long norm = Goldilocks.sub(Goldilocks.mul(a[0], a[0]), Goldilocks.mul(W, Goldilocks.mul(a[1], a[1])));
        long inv = Goldilocks.inv(norm);
        return new long[] {Goldilocks.mul(a[0], inv), Goldilocks.neg(Goldilocks.mul(a[1], inv))};
    }
}
