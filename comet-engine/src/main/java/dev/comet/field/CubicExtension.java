package dev.comet.field;


/** {@code F_p[x] / (x^3 - 7)}: 192-bit field for the 128-bit preset. */
public enum CubicExtension implements ExtensionField {
    INSTANCE;

    @Override
    public int degree() {
        return 3;
    }

    @Override
    public long[] mul(long[] a, long[] b) {
        long[] r = new long[3];
        ExtensionVectors.mulElement(a, b, r);
        return r;
    }

    @Override
    public long[] inv(long[] a) {
        long a0 = a[0], a1 = a[1], a2 = a[2];
        // Adjugate of multiplication by a in the basis (1, x, x^2); N(a) = a * (A + Bx + Cx^2).
        long cA = Goldilocks.sub(Goldilocks.mul(a0, a0), Goldilocks.mul(W, Goldilocks.mul(a1, a2)));
        long cB = Goldilocks.sub(Goldilocks.mul(W, Goldilocks.mul(a2, a2)), Goldilocks.mul(a0, a1));
        long cC = Goldilocks.sub(Goldilocks.mul(a1, a1), Goldilocks.mul(a0, a2));
        long norm = Goldilocks.add(Goldilocks.mul(a0, cA), Goldilocks.mul(W, Goldilocks.add(Goldilocks.mul(a2, cB), Goldilocks.mul(a1, cC))));
        long inv = Goldilocks.inv(norm);
        return new long[] {Goldilocks.mul(cA, inv), Goldilocks.mul(cB, inv), Goldilocks.mul(cC, inv)};
    }
}
