package dev.comet.prover;

import dev.comet.air.ConstraintProgram;
import dev.comet.field.ExtensionVectors;
import dev.comet.field.Goldilocks;
import java.util.List;

/**
 * Evaluates a {@link ConstraintProgram} over a block of consecutive points of a
 * {@link FrameSource}, one instruction at a time across the whole block so that the interpretation
 * cost is paid once per block. Base-field instructions run on {@code long[]}; extension
 * instructions on coordinate-wise {@code long[degree][]}. A base operand of an extension
 * instruction is lifted without copying (its coordinates beyond 0 point at a shared zero array).
 *
 * <p>Not thread-safe: give every worker its own instance.
 */
final class ConstraintEvaluator {
    static final int BLOCK = 512;

    private final ConstraintProgram program;
    private final int degree;
    private final List<long[]> challenges;
    private final long[] logUpSum;
    private final long[][] base;
    private final long[][][] ext;
    private final long[] zeros = new long[BLOCK];

    ConstraintEvaluator(ConstraintProgram program, int degree, List<long[]> challenges, long[] logUpSum) {
        this.program = program;
        this.degree = degree;
        this.challenges = challenges;
        this.logUpSum = logUpSum;
        int n = program.size();
        this.base = new long[n][];
        this.ext = new long[n][][];
        for (int i = 0; i < n; i++) {
            if (program.isExtension(i)) {
                ext[i] = new long[degree][BLOCK];
            } else {
                base[i] = new long[BLOCK];
            }
        }
    }

    /** Output register of constraint {@code c} after {@link #evaluate}: base values, or null if extension. */
    long[] baseOutput(int c) {
        return base[program.outputRegister(c)];
    }

    /** Output register of constraint {@code c} after {@link #evaluate}: extension values, or null if base. */
    long[][] extOutput(int c) {
        return ext[program.outputRegister(c)];
    }

    /** Evaluates every instruction at points {@code [start, start + len)}, {@code len <= BLOCK}. */
    void evaluate(FrameSource src, int start, int len) {
        for (int r = 0; r < program.size(); r++) {
            switch (program.op(r)) {
                case CONST, PUBLIC -> java.util.Arrays.fill(base[r], 0, len, program.constant(r));
                case MAIN -> {
                    long[] column = src.main()[program.argA(r)];
                    gather(column, src, start, len, program.argB(r), column.length - 1, base[r]); // may repeat
                }
                case AUX -> {
                    for (int d = 0; d < degree; d++) {
                        long[] column = src.aux()[program.argA(r) * degree + d];
                        gather(column, src, start, len, program.argB(r), column.length - 1, ext[r][d]); // may repeat
                    }
                }
                case PRECOMMITTED -> {
                    long[] column = src.precommitted()[program.argA(r)];
                    gather(column, src, start, len, 0, column.length - 1, base[r]);
                }
                case PERIODIC -> {
                    long[] values = src.periodic()[program.argA(r)];
                    int pm = values.length - 1;
                    long[] out = base[r];
                    for (int i = 0; i < len; i++) {
                        out[i] = values[(start + i) & pm];
                    }
                }
                case CHALLENGE -> fill(ext[r], challenges.get(program.argA(r)), len);
                case SUM -> fill(ext[r], ConstraintProgram.requireSum(logUpSum), len);
                case ADD, SUB, MUL -> binary(r, len);
                case NEG -> {
                    int a = program.argA(r);
                    if (program.isExtension(r)) {
                        ExtensionVectors.neg(ext[a], ext[r], len);
                    } else {
                        long[] x = base[a], out = base[r];
                        for (int i = 0; i < len; i++) {
                            out[i] = Goldilocks.neg(x[i]);
                        }
                    }
                }
            }
        }
    }

    private void fill(long[][] out, long[] value, int len) {
        for (int d = 0; d < degree; d++) {
            java.util.Arrays.fill(out[d], 0, len, value[d]);
        }
    }

    private static void gather(long[] column, FrameSource src, int start, int len, int rowOffset, int mask, long[] out) {
        int stride = src.stride();
        int index = start * stride + rowOffset * src.rowStep();
        for (int i = 0; i < len; i++) {
            out[i] = column[index & mask];
            index += stride;
        }
    }

    private void binary(int r, int len) {
        int a = program.argA(r);
        int b = program.argB(r);
        ConstraintProgram.Op op = program.op(r);
        if (!program.isExtension(r)) {
            long[] x = base[a], y = base[b], out = base[r];
            switch (op) {
                case ADD -> {
                    for (int i = 0; i < len; i++) {
                        out[i] = Goldilocks.add(x[i], y[i]);
                    }
                }
                case SUB -> {
                    for (int i = 0; i < len; i++) {
                        out[i] = Goldilocks.sub(x[i], y[i]);
                    }
                }
                default -> {
                    for (int i = 0; i < len; i++) {
                        out[i] = Goldilocks.mul(x[i], y[i]);
                    }
                }
            }
            return;
        }
        if (op == ConstraintProgram.Op.MUL && !program.isExtension(b)) {
            ExtensionVectors.mulBase(ext[a], base[b], ext[r], len);
            return;
        }
        if (op == ConstraintProgram.Op.MUL && !program.isExtension(a)) {
            ExtensionVectors.mulBase(ext[b], base[a], ext[r], len);
            return;
        }
        long[][] x = lifted(a);
        long[][] y = lifted(b);
        switch (op) {
            case ADD -> ExtensionVectors.add(x, y, ext[r], len);
            case SUB -> ExtensionVectors.sub(x, y, ext[r], len);
            default -> ExtensionVectors.mul(x, y, ext[r], len);
        }
    }

    private long[][] lifted(int reg) {
        if (program.isExtension(reg)) {
            return ext[reg];
        }
        long[][] view = new long[degree][];
        view[0] = base[reg];
        for (int d = 1; d < degree; d++) {
            view[d] = zeros;
        }
        return view;
    }
}
