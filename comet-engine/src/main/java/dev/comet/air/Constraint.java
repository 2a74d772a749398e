package dev.comet.air;

/**
 * A polynomial identity {@code expr = 0} that must hold on the rows of {@code domain}.
 *
 * @param name   shown in self-check failures, so that a broken trace names the rule it breaks
 * @param degree declared degree in trace-degree units; never below the expression's symbolic
 *               degree, and checked against the real degree by the prover's debug mode
 */
public record Constraint(String name, Expr expr, ConstraintDomain domain, int degree) {
    public Constraint {
        long facts = degreeAndOffset(expr);
        int symbolic = (int) (facts >>> 32);
        int offset = (int) facts;
        if (degree < symbolic) {
            throw new IllegalArgumentException("constraint '" + name + "' declares degree " + degree
                    + " below its expression's degree " + symbolic);
        }
        if (domain instanceof ConstraintDomain.SingleRow && offset > 0) {
            throw new IllegalArgumentException("single-row constraint '" + name + "' may not read other rows");
        }
        // The transition zerofier exempts only the last row, so a frame reaching two rows ahead
        // would silently wrap around at row n-2; such constraints must say EVERY_ROW and handle it.
        if (domain instanceof ConstraintDomain.AllButLast && offset > 1) {
            throw new IllegalArgumentException("transition constraint '" + name + "' reads " + offset
                    + " rows ahead; only the next row is allowed");
        }
    }

    /**
     * {@link Expr#degree()} in the high 32 bits and {@link Expr#maxRowOffset()} in the low, in one
     * walk of the tree and without allocating: a wide table builds a hundred thousand constraints.
     */
    private static long degreeAndOffset(Expr e) {
        return switch (e) {
            case Expr.MainCell c -> (1L << 32) | c.rowOffset();
            case Expr.AuxCell c -> (1L << 32) | c.rowOffset();
            case Expr.PrecommittedCell c -> 1L << 32;
            case Expr.Periodic p -> 1L << 32;
            case Expr.Const c -> 0;
            case Expr.Public c -> 0;
            case Expr.Challenge c -> 0;
            case Expr.LogUpSum s -> 0;
            case Expr.Add(Expr l, Expr r) -> joined(degreeAndOffset(l), degreeAndOffset(r), false);
            case Expr.Sub(Expr l, Expr r) -> joined(degreeAndOffset(l), degreeAndOffset(r), false);
            case Expr.Mul(Expr l, Expr r) -> joined(degreeAndOffset(l), degreeAndOffset(r), true);
            case Expr.Neg(Expr o) -> degreeAndOffset(o);
        };
    }

    private static long joined(long l, long r, boolean product) {
        long degree = product ? (l >>> 32) + (r >>> 32) : Math.max(l >>> 32, r >>> 32);
        return degree << 32 | Math.max((int) l, (int) r);
    }

    public static Constraint transition(String name, Expr expr) {
        return new Constraint(name, expr, ConstraintDomain.TRANSITION, expr.degree());
    }

    public static Constraint everyRow(String name, Expr expr) {
        return new Constraint(name, expr, ConstraintDomain.EVERY_ROW, expr.degree());
    }

    public static Constraint atRow(String name, int row, Expr expr) {
        return new Constraint(name, expr, new ConstraintDomain.SingleRow(row), expr.degree());
    }

    /** A boundary assertion: main column {@code column} holds {@code value} at {@code row}. */
    public static Constraint assertion(String name, int column, int row, long value) {
        return atRow(name, row, Expr.main(column).minus(Expr.constant(value)));
    }

    /** A boundary assertion: main column {@code column} holds {@code value} (a constant or a public value) at {@code row}. */
    public static Constraint assertion(String name, int column, int row, Expr value) {
        if (value.degree() != 0 || value.isExtension()) {
            throw new IllegalArgumentException(name + ": an asserted value is a base-field constant");
        }
        return atRow(name, row, Expr.main(column).minus(value));
    }

    /** Degree of {@code expr / zerofier} as a polynomial in {@code x}, for a trace of {@code n} rows. */
    public int quotientDegree(int n) {
        return degree * (n - 1) - domain.zerofierDegree(n);
    }
}
