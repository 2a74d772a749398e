package dev.comet.air;

import dev.comet.field.ExtensionField;
import dev.comet.field.ExtensionVectors;
import dev.comet.field.Goldilocks;
import java.util.List;

/**
 * Evaluates a base-field expression on every row of a trace, column at a time. For building
 * auxiliary columns and lookup multiplicities on the prover's side; not a hot loop.
 */
public final class RowValues {
    private final TraceTable main;
    private final long[][] precommitted;
    private final long[][] periodic;

    /**
     * @param precommitted precommitted columns (row {@code r} reads {@code r mod height})
     * @param periodic     periodic columns (row {@code r} reads {@code r mod period})
     */
    public RowValues(TraceTable main, long[][] precommitted, long[][] periodic) {
        this.main = main;
        this.precommitted = precommitted;
        this.periodic = periodic;
    }

    public long[] evaluate(Expr e) {
        int n = main.length();
        long[] out = new long[n];
        switch (e) {
            case Expr.Const(long v) -> java.util.Arrays.fill(out, v);
            case Expr.MainCell(int col, int off) -> {
                long[] c = main.column(col);
                for (int r = 0; r < n; r++) {
                    out[r] = c[(r + off) & (n - 1)];
                }
            }
            case Expr.PrecommittedCell(int col) -> repeat(precommitted[col], out);
            case Expr.Periodic(int idx) -> repeat(periodic[idx], out);
            case Expr.AuxCell a -> throw new IllegalArgumentException("auxiliary cells are not base-field values");
            case Expr.Challenge c -> throw new IllegalArgumentException("challenges are not base-field values");
            case Expr.LogUpSum s -> throw new IllegalArgumentException("a LogUp total is not a base-field value");
            case Expr.Add(Expr l, Expr r) -> combine(evaluate(l), evaluate(r), out, 0);
            case Expr.Sub(Expr l, Expr r) -> combine(evaluate(l), evaluate(r), out, 1);
            case Expr.Mul(Expr l, Expr r) -> combine(evaluate(l), evaluate(r), out, 2);
            case Expr.Neg(Expr o) -> {
                long[] v = evaluate(o);
                for (int r = 0; r < n; r++) {
                    out[r] = Goldilocks.neg(v[r]);
                }
            }
        }
        return out;
    }

    /**
     * An expression that may read challenges, on every row, in the extension field: coordinate-wise
     * {@code [degree][n]}. Base-field subexpressions are evaluated by {@link #evaluate} and lifted.
     */
    public long[][] evaluateExtension(Expr e, List<long[]> challenges, ExtensionField ext) {
        int n = main.length();
        int degree = ext.degree();
        if (!e.isExtension()) {
            long[][] out = new long[degree][n];
            out[0] = evaluate(e);
            return out;
        }
        return switch (e) {
            case Expr.Challenge(int idx) -> {
                long[][] out = new long[degree][n];
                for (int d = 0; d < degree; d++) {
                    java.util.Arrays.fill(out[d], challenges.get(idx)[d]);
                }
                yield out;
            }
            case Expr.Add(Expr l, Expr r) -> {
                long[][] out = new long[degree][n];
                ExtensionVectors.add(evaluateExtension(l, challenges, ext), evaluateExtension(r, challenges, ext), out, n);
                yield out;
            }
            case Expr.Sub(Expr l, Expr r) -> {
                long[][] out = new long[degree][n];
                ExtensionVectors.sub(evaluateExtension(l, challenges, ext), evaluateExtension(r, challenges, ext), out, n);
                yield out;
            }
            case Expr.Mul(Expr l, Expr r) -> {
                long[][] out = new long[degree][n];
                ExtensionVectors.mul(evaluateExtension(l, challenges, ext), evaluateExtension(r, challenges, ext), out, n);
                yield out;
            }
            case Expr.Neg(Expr o) -> {
                long[][] out = new long[degree][n];
                ExtensionVectors.neg(evaluateExtension(o, challenges, ext), out, n);
                yield out;
            }
            default -> throw new IllegalArgumentException("cannot evaluate " + e + " row by row");
        };
    }

    private static void repeat(long[] column, long[] out) {
        int mask = column.length - 1;
        for (int r = 0; r < out.length; r++) {
            out[r] = column[r & mask];
        }
    }

    private static void combine(long[] a, long[] b, long[] out, int op) {
        for (int r = 0; r < out.length; r++) {
            out[r] = switch (op) {
                case 0 -> Goldilocks.add(a[r], b[r]);
                case 1 -> Goldilocks.sub(a[r], b[r]);
                default -> Goldilocks.mul(a[r], b[r]);
            };
        }
    }
}
