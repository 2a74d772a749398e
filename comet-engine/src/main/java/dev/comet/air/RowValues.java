package dev.comet.air;

import dev.comet.field.ExtensionField;
import dev.comet.field.ExtensionVectors;
import dev.comet.field.Goldilocks;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates a base-field expression on the rows of a trace, column at a time: on every row, or on
 * a range of rows so that callers can work in cache-sized chunks. For building auxiliary columns
 * and lookup multiplicities on the prover's side.
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

    /** Rows that read only main columns. */
    public static RowValues of(TraceTable main) {
        return new RowValues(main, new long[0][], new long[0][]);
    }

    public int rows() {
        return main.length();
    }

    public long[] evaluate(Expr e) {
        return evaluate(e, 0, main.length());
    }

    /** {@code e} on rows {@code [from, from + len)}: {@code out[i]} is row {@code from + i}. */
    public long[] evaluate(Expr e, int from, int len) {
        int n = main.length();
        long[] out = new long[len];
        switch (e) {
            case Expr.Const(long v) -> Arrays.fill(out, v);
            case Expr.Public(int index, long v) -> Arrays.fill(out, v);
            case Expr.MainCell(int col, int off) -> {
                long[] c = main.column(col);
                for (int i = 0; i < len; i++) {
                    out[i] = c[(from + i + off) & (n - 1)];
                }
            }
            case Expr.PrecommittedCell(int col) -> repeat(precommitted[col], from, out);
            case Expr.Periodic(int idx) -> repeat(periodic[idx], from, out);
            case Expr.AuxCell a -> throw new IllegalArgumentException("auxiliary cells are not base-field values");
            case Expr.Challenge c -> throw new IllegalArgumentException("challenges are not base-field values");
            case Expr.LogUpSum s -> throw new IllegalArgumentException("a LogUp total is not a base-field value");
            case Expr.Add(Expr l, Expr r) -> combine(evaluate(l, from, len), evaluate(r, from, len), out, 0);
            case Expr.Sub(Expr l, Expr r) -> combine(evaluate(l, from, len), evaluate(r, from, len), out, 1);
            case Expr.Mul(Expr l, Expr r) -> combine(evaluate(l, from, len), evaluate(r, from, len), out, 2);
            case Expr.Neg(Expr o) -> {
                long[] v = evaluate(o, from, len);
                for (int i = 0; i < len; i++) {
                    out[i] = Goldilocks.neg(v[i]);
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
        return evaluateExtension(e, challenges, ext, 0, main.length());
    }

    /** As {@link #evaluateExtension(Expr, List, ExtensionField)} on rows {@code [from, from + len)}. */
    public long[][] evaluateExtension(Expr e, List<long[]> challenges, ExtensionField ext, int from, int len) {
        int degree = ext.degree();
        if (!e.isExtension()) {
            long[][] out = new long[degree][];
            out[0] = evaluate(e, from, len);
            for (int d = 1; d < degree; d++) {
                out[d] = new long[len];
            }
            return out;
        }
        long[][] out = new long[degree][len];
        switch (e) {
            case Expr.Challenge(int idx) -> {
                for (int d = 0; d < degree; d++) {
                    Arrays.fill(out[d], challenges.get(idx)[d]);
                }
            }
            case Expr.Add(Expr l, Expr r) -> ExtensionVectors.add(evaluateExtension(l, challenges, ext, from, len),
                    evaluateExtension(r, challenges, ext, from, len), out, len);
            case Expr.Sub(Expr l, Expr r) -> ExtensionVectors.sub(evaluateExtension(l, challenges, ext, from, len),
                    evaluateExtension(r, challenges, ext, from, len), out, len);
            case Expr.Mul(Expr l, Expr r) -> ExtensionVectors.mul(evaluateExtension(l, challenges, ext, from, len),
                    evaluateExtension(r, challenges, ext, from, len), out, len);
            case Expr.Neg(Expr o) -> ExtensionVectors.neg(evaluateExtension(o, challenges, ext, from, len), out, len);
            default -> throw new IllegalArgumentException("cannot evaluate " + e + " row by row");
        }
        return out;
    }

    private static void repeat(long[] column, int from, long[] out) {
        int mask = column.length - 1;
        for (int i = 0; i < out.length; i++) {
            out[i] = column[(from + i) & mask];
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
