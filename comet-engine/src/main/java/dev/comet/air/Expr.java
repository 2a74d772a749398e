package dev.comet.air;

/**
 * A polynomial expression over one evaluation frame of the trace: the cells of a few consecutive
 * rows, public periodic columns, verifier challenges and constants.
 *
 * <p>An AIR states its constraints as expressions instead of code, so that one description serves
 * every place a constraint is needed: the prover's self-check on the trace, the prover's
 * evaluation over the low-degree extension (vectorised, in the base field wherever possible), the
 * verifier's evaluation at the out-of-domain point, and the degree bound that sizes the
 * composition polynomial. Expressions are immutable values with structural equality, which the
 * compiler uses to share common subexpressions.
 *
 * <p>Degrees are counted in units of the trace polynomial degree: a cell or periodic column has
 * degree 1 (a periodic polynomial {@code p(x^(n/m))} has degree below {@code n}), constants and
 * challenges degree 0.
 */
public sealed interface Expr {

    /** A base-field constant, canonical. */
    record Const(long value) implements Expr {}

    /**
     * A base-field value of the statement, canonical: {@code value} is the statement's public value
     * number {@code index} ({@link StatementBinding}). Java evaluates it as the constant it is; a
     * generated verifier reads it from the statement it is given instead of compiling it in, so
     * that one verifier serves every statement of a shape.
     */
    record Public(int index, long value) implements Expr {
        public Public {
            if (index < 0 || Long.compareUnsigned(value, dev.comet.field.Goldilocks.P) >= 0) {
                throw new IllegalArgumentException("public value " + index + " must be a canonical field element");
            }
        }
    }

    /** Main-trace cell of {@code column} at row {@code current + rowOffset}. */
    record MainCell(int column, int rowOffset) implements Expr {}

    /** Auxiliary-trace cell (an extension element) of {@code column} at row {@code current + rowOffset}. */
    record AuxCell(int column, int rowOffset) implements Expr {}

    /**
     * Cell of a precommitted column (committed before and outside the proof, e.g. a dataset) at
     * the current row: trace row {@code r} reads row {@code r mod h} of a column of height {@code h}.
     * As a polynomial it is {@code P(x^(n/h))}, of degree below {@code n}.
     */
    record PrecommittedCell(int column) implements Expr {}

    /** Value of public periodic column {@code index} at the current row. */
    record Periodic(int index) implements Expr {}

    /** Verifier challenge {@code index} (an extension element) drawn before the auxiliary trace. */
    record Challenge(int index) implements Expr {}

    /**
     * This table's claimed LogUp total (an extension element the proof states, see
     * {@link Air#logUpSumColumn()}): the running sum's last value, which the verifier requires to
     * cancel against the other tables' totals.
     */
    record LogUpSum() implements Expr {}

    record Add(Expr left, Expr right) implements Expr {}

    record Sub(Expr left, Expr right) implements Expr {}

    record Mul(Expr left, Expr right) implements Expr {}

    record Neg(Expr operand) implements Expr {}

    static Expr constant(long value) {
        return new Const(dev.comet.field.Goldilocks.reduce(value));
    }

    static Expr signed(long value) {
        return new Const(dev.comet.field.Goldilocks.fromSigned(value));
    }

    /** Public value {@code index} of the statement, the signed integer {@code value} as a field element. */
    static Expr publicSigned(int index, long value) {
        return new Public(index, dev.comet.field.Goldilocks.fromSigned(value));
    }

    static Expr main(int column) {
        return new MainCell(column, 0);
    }

    static Expr mainNext(int column) {
        return new MainCell(column, 1);
    }

    static Expr aux(int column) {
        return new AuxCell(column, 0);
    }

    static Expr auxNext(int column) {
        return new AuxCell(column, 1);
    }

    static Expr precommitted(int column) {
        return new PrecommittedCell(column);
    }

    static Expr periodic(int index) {
        return new Periodic(index);
    }

    static Expr challenge(int index) {
        return new Challenge(index);
    }

    static Expr logUpSum() {
        return new LogUpSum();
    }

    default Expr plus(Expr other) {
        return new Add(this, other);
    }

    default Expr plus(long c) {
        return new Add(this, constant(c));
    }

    default Expr minus(Expr other) {
        return new Sub(this, other);
    }

    default Expr minus(long c) {
        return new Sub(this, constant(c));
    }

    default Expr times(Expr other) {
        return new Mul(this, other);
    }

    default Expr times(long c) {
        return new Mul(this, constant(c));
    }

    default Expr negate() {
        return new Neg(this);
    }

    default Expr square() {
        return new Mul(this, this);
    }

    /** {@code this^e} by repeated squaring, sharing subexpressions. */
    default Expr pow(int e) {
        if (e < 1) {
            throw new IllegalArgumentException("exponent must be positive: " + e);
        }
        Expr result = null;
        Expr base = this;
        int k = e;
        while (k > 0) {
            if ((k & 1) != 0) {
                result = result == null ? base : result.times(base);
            }
            k >>>= 1;
            if (k > 0) {
                base = base.square();
            }
        }
        return result;
    }

    /** Degree in units of the trace-polynomial degree. */
    default int degree() {
        return (int) (degreeAndRowOffset(this) >>> 32);
    }

    /**
     * {@link #degree()} in the high 32 bits and {@link #maxRowOffset()} in the low, in one walk
     * that allocates nothing: a wide table's constructor needs both of each of its constraints.
     */
    static long degreeAndRowOffset(Expr e) {
        return switch (e) {
            case MainCell c -> (1L << 32) | c.rowOffset();
            case AuxCell c -> (1L << 32) | c.rowOffset();
            case PrecommittedCell c -> 1L << 32;
            case Periodic p -> 1L << 32;
            case Const c -> 0;
            case Public c -> 0;
            case Challenge c -> 0;
            case LogUpSum s -> 0;
            case Add(Expr l, Expr r) -> joined(degreeAndRowOffset(l), degreeAndRowOffset(r), false);
            case Sub(Expr l, Expr r) -> joined(degreeAndRowOffset(l), degreeAndRowOffset(r), false);
            case Mul(Expr l, Expr r) -> joined(degreeAndRowOffset(l), degreeAndRowOffset(r), true);
            case Neg(Expr o) -> degreeAndRowOffset(o);
        };
    }

    private static long joined(long l, long r, boolean product) {
        long degree = product ? (l >>> 32) + (r >>> 32) : Math.max(l >>> 32, r >>> 32);
        return degree << 32 | Math.max((int) l, (int) r);
    }

    /** True when the value lies in the extension field: it reads the auxiliary trace or a challenge. */
    default boolean isExtension() {
        return switch (this) {
            case Const c -> false;
            case Public c -> false;
            case MainCell c -> false;
            case PrecommittedCell c -> false;
            case Periodic p -> false;
            case Challenge c -> true;
            case LogUpSum s -> true;
            case AuxCell c -> true;
            case Add(Expr l, Expr r) -> l.isExtension() || r.isExtension();
            case Sub(Expr l, Expr r) -> l.isExtension() || r.isExtension();
            case Mul(Expr l, Expr r) -> l.isExtension() || r.isExtension();
            case Neg(Expr o) -> o.isExtension();
        };
    }

    /** The largest row offset this expression reads. */
    default int maxRowOffset() {
        return (int) degreeAndRowOffset(this);
    }
}
