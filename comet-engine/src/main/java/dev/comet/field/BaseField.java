package dev.comet.field;

/** The degree-1 "extension": Goldilocks itself, so the protocol code has a single path. */
public enum BaseField implements ExtensionField {
    INSTANCE;

    @Override
    public int degree() {
        return 1;
    }

    @Override
    public long[] mul(long[] a, long[] b) {
        return new long[] {Goldilocks.mul(a[0], b[0])};
    }

    @Override
    public long[] inv(long[] a) {
        return new long[] {Goldilocks.inv(a[0])};
    }
}
