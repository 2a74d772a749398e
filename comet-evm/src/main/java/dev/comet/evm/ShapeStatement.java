package dev.comet.evm;

import dev.comet.air.StatementBinding;
import java.util.List;

/**
 * How the verifier of a shape reads its statements: the binding of the table set to the
 * statement's fields, and the rules the values must meet beyond their bounds.
 */
public record ShapeStatement(StatementBinding binding, List<StatementCheck> checks) {
    public ShapeStatement {
        checks = List.copyOf(checks);
    }
}
