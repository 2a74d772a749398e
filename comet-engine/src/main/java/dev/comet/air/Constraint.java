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
        long facts = Expr.degreeAndRowOffset(expr);
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
