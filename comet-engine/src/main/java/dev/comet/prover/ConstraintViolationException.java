package dev.comet.prover;

/** The prover's self-check found a row where the trace breaks a constraint. */
public final class ConstraintViolationException extends RuntimeException {
    private final String constraint;
    private final int row;

    public ConstraintViolationException(String constraint, int row) {
        super("trace breaks constraint '" + constraint + "' at row " + row);
        this.constraint = constraint;
        this.row = row;
    }

    public String constraint() {
        return constraint;
    }

    public int row() {
        return row;
    }
}
