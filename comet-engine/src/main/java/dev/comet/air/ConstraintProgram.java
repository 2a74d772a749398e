package dev.comet.air;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of constraints compiled to straight-line code: one instruction per distinct
 * subexpression (shared by structural equality), each tagged base or extension so that evaluators
 * compute in the base field wherever the value cannot leave it.
 *
 * <p>Instruction {@code i} may only read instructions {@code < i}. Binary extension instructions
 * may mix one base operand with one extension operand; evaluators lift the base operand.
 */
public final class ConstraintProgram {
    /** {@code PUBLIC} is a statement's value ({@link Expr.Public}): a constant to every Java evaluator. */
    public enum Op { CONST, PUBLIC, MAIN, AUX, PRECOMMITTED, PERIODIC, CHALLENGE, SUM, ADD, SUB, MUL, NEG }

    private final Op[] ops;
    private final int[] argA;
    private final int[] argB;
    private final boolean[] extension;
    private final int[] outputs;
    private final long[] constants;

    private ConstraintProgram(Op[] ops, int[] argA, int[] argB, boolean[] extension, int[] outputs, long[] constants) {
        this.ops = ops;
        this.constants = constants;
        this.argA = argA;
        this.argB = argB;
        this.extension = extension;
        this.outputs = outputs;
    }

    public static ConstraintProgram compile(List<Constraint> constraints) {
        Builder b = new Builder(constraints.size());
        int[] outputs = new int[constraints.size()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = b.emit(constraints.get(i).expr());
        }
        int n = b.size;
        return new ConstraintProgram(Arrays.copyOf(b.ops, n), Arrays.copyOf(b.argA, n), Arrays.copyOf(b.argB, n),
                Arrays.copyOf(b.ext, n), outputs, Arrays.copyOf(b.constants, b.numConstants));
    }

    public int size() {
        return ops.length;
    }

    public Op op(int i) {
        return ops[i];
    }

    /** First operand: register, or for leaves the constant value / column / periodic or challenge index. */
    public int argA(int i) {
        return argA[i];
    }

    /** Second operand register; for cells the row offset. */
    public int argB(int i) {
        return argB[i];
    }

    /** For {@code CONST} and {@code PUBLIC}: the canonical value. */
    public long constant(int i) {
        return constants[op(i) == Op.PUBLIC ? argB[i] : argA[i]];
    }

    /** For {@code PUBLIC}: the statement's public value number. */
    public int publicIndex(int i) {
        if (ops[i] != Op.PUBLIC) {
            throw new IllegalArgumentException("instruction " + i + " is not a public value");
        }
        return argA[i];
    }

    public boolean isExtension(int i) {
        return extension[i];
    }

    public int outputRegister(int constraint) {
        return outputs[constraint];
    }

    public int numOutputs() {
        return outputs.length;
    }

    /**
     * Evaluates every constraint at one point, in the extension field. Used by the verifier at the
     * out-of-domain point and by tests.
     *
     * @param main      {@code main[offset][column]}: extension values of main cells
     * @param aux       {@code aux[offset][column]}: extension values of auxiliary cells
     * @param precommitted extension values of the precommitted columns at the point
     * @param periodic  extension values of the periodic columns at the point
     * @param challenges the drawn challenges
     * @param logUpSum  the table's claimed LogUp total, or null when it has none
     */
    public long[][] evaluateAt(ExtensionField ext, long[][][] main, long[][][] aux, long[][] precommitted,
                               long[][] periodic, List<long[]> challenges, long[] logUpSum) {
        return evaluateAt(ext, main, aux, precommitted, periodic, challenges, logUpSum, null);
    }

    /**
     * As {@link #evaluateAt(ExtensionField, long[][][], long[][][], long[][], long[][], List, long[])}
     * with the statement's public values {@code values} in place of those compiled in (null: those).
     */
    public long[][] evaluateAt(ExtensionField ext, long[][][] main, long[][][] aux, long[][] precommitted,
                               long[][] periodic, List<long[]> challenges, long[] logUpSum, long[] values) {
        long[][] reg = new long[ops.length][];
        for (int i = 0; i < ops.length; i++) {
            reg[i] = switch (ops[i]) {
                case CONST -> ext.fromBase(constant(i));
                case PUBLIC -> ext.fromBase(values == null ? constant(i) : values[argA[i]]);
                case MAIN -> main[argB[i]][argA[i]];
                case AUX -> aux[argB[i]][argA[i]];
                case PRECOMMITTED -> precommitted[argA[i]];
                case PERIODIC -> periodic[argA[i]];
                case CHALLENGE -> challenges.get(argA[i]);
                case SUM -> requireSum(logUpSum);
                case ADD -> ext.add(reg[argA[i]], reg[argB[i]]);
                case SUB -> ext.sub(reg[argA[i]], reg[argB[i]]);
                case MUL -> ext.mul(reg[argA[i]], reg[argB[i]]);
                case NEG -> ext.neg(reg[argA[i]]);
            };
        }
        long[][] out = new long[outputs.length][];
        for (int c = 0; c < outputs.length; c++) {
            out[c] = reg[outputs[c]];
        }
        return out;
    }

    /** The claimed LogUp total a program reading one needs. */
    public static long[] requireSum(long[] logUpSum) {
        if (logUpSum == null) {
            throw new IllegalStateException("a constraint reads the table's LogUp total, but the table declares none");
        }
        return logUpSum;
    }

    /**
     * Compiles expressions to registers, sharing every structurally equal subexpression: a node
     * is numbered by its operation and its operands' registers, so equality costs O(1) per node
     * (records' own equals and hashCode recurse through the whole subtree, quadratic in a deep
     * sum such as a dot product). Objects already compiled are found by identity first. The
     * instructions grow in primitive arrays and the maps start at a size for the constraints' count,
     * since a wide table's program has a hundred thousand instructions.
     */
    private static final class Builder {
        Op[] ops;
        int[] argA;
        int[] argB;
        boolean[] ext;
        int size;
        long[] constants = new long[64];
        int numConstants;
        final Map<Expr, Integer> compiled;
        final NodeTable numbered;

        Builder(int constraints) {
            int expected = Math.max(64, 5 * constraints); // measured: 89,303 instructions for 18,007 constraints
            ops = new Op[expected];
            argA = new int[expected];
            argB = new int[expected];
            ext = new boolean[expected];
            compiled = new IdentityHashMap<>(expected);
            numbered = new NodeTable(expected);
        }

        int emit(Expr e) {
            // A leaf is numbered by its contents at once; only an inner node, whose subtree a
            // shared object would have us walk again, is worth an identity lookup.
            int reg = switch (e) {
                case Expr.Const(long v) -> number(Op.CONST, Goldilocks.reduce(v), 0, false);
                case Expr.Public(int index, long v) -> number(Op.PUBLIC, index, v, false);
                case Expr.MainCell(int col, int off) -> number(Op.MAIN, col, off, false);
                case Expr.AuxCell(int col, int off) -> number(Op.AUX, col, off, true);
                case Expr.PrecommittedCell(int col) -> number(Op.PRECOMMITTED, col, 0, false);
                case Expr.Periodic(int idx) -> number(Op.PERIODIC, idx, 0, false);
                case Expr.Challenge(int idx) -> number(Op.CHALLENGE, idx, 0, true);
                case Expr.LogUpSum s -> number(Op.SUM, 0, 0, true);
                case Expr.Add a -> inner(e);
                case Expr.Sub s -> inner(e);
                case Expr.Mul m -> inner(e);
                case Expr.Neg n -> inner(e);
            };
            return reg;
        }

        private int inner(Expr e) {
            Integer known = compiled.get(e);
            if (known != null) {
                return known;
            }
            int reg = switch (e) {
                case Expr.Add(Expr l, Expr r) -> binary(Op.ADD, l, r);
                case Expr.Sub(Expr l, Expr r) -> binary(Op.SUB, l, r);
                case Expr.Mul(Expr l, Expr r) -> binary(Op.MUL, l, r);
                case Expr.Neg(Expr o) -> {
                    int a = emit(o);
                    yield number(Op.NEG, a, 0, ext[a]);
                }
                default -> throw new IllegalStateException("not an inner node: " + e);
            };
            compiled.put(e, reg);
            return reg;
        }

        private int binary(Op op, Expr l, Expr r) {
            int a = emit(l);
            int b = emit(r);
            return number(op, a, b, ext[a] || ext[b]);
        }

        /** The register of {@code (op, a, b)}, pushed if it is new. */
        private int number(Op op, long a, long b, boolean isExt) {
            int known = numbered.get(op, a, b);
            if (known >= 0) {
                return known;
            }
            int reg;
            if (op == Op.CONST) {
                reg = push(op, constant(a), 0, false);
            } else if (op == Op.PUBLIC) {
                reg = push(op, Math.toIntExact(a), constant(b), false);
            } else {
                reg = push(op, Math.toIntExact(a), Math.toIntExact(b), isExt);
            }
            numbered.put(op, a, b, reg);
            return reg;
        }

        /** Appends {@code value} to the constants and returns its index. */
        private int constant(long value) {
            if (numConstants == constants.length) {
                constants = Arrays.copyOf(constants, 2 * numConstants);
            }
            constants[numConstants] = value;
            return numConstants++;
        }

        private int push(Op op, int a, int b, boolean isExt) {
            if (size == ops.length) {
                ops = Arrays.copyOf(ops, 2 * size);
                argA = Arrays.copyOf(argA, 2 * size);
                argB = Arrays.copyOf(argB, 2 * size);
                ext = Arrays.copyOf(ext, 2 * size);
            }
            ops[size] = op;
            argA[size] = a;
            argB[size] = b;
            ext[size] = isExt;
            return size++;
        }
    }

    /**
     * The registers of the nodes numbered so far, by operation and operands (registers, a
     * constant's value, a cell's column and row offset): open addressing over primitive arrays, so
     * that numbering a hundred thousand nodes allocates no key objects.
     */
    private static final class NodeTable {
        private byte[] ops;
        private long[] as;
        private long[] bs;
        private int[] registers;
        private int size;

        NodeTable(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, 2 * expected) - 1) << 1;
            allocate(capacity);
        }

        private void allocate(int capacity) {
            ops = new byte[capacity];
            as = new long[capacity];
            bs = new long[capacity];
            registers = new int[capacity];
        }

        /** The register of {@code (op, a, b)}, or -1. */
        int get(Op op, long a, long b) {
            int mask = ops.length - 1;
            byte code = (byte) (op.ordinal() + 1); // 0 marks a free slot
            for (int i = slot(code, a, b, mask); ; i = (i + 1) & mask) {
                if (ops[i] == 0) {
                    return -1;
                }
                if (ops[i] == code && as[i] == a && bs[i] == b) {
                    return registers[i];
                }
            }
        }

        void put(Op op, long a, long b, int register) {
            if (2 * (size + 1) > ops.length) {
                grow();
            }
            insert((byte) (op.ordinal() + 1), a, b, register);
            size++;
        }

        private void insert(byte code, long a, long b, int register) {
            int mask = ops.length - 1;
            int i = slot(code, a, b, mask);
            while (ops[i] != 0) {
                i = (i + 1) & mask;
            }
            ops[i] = code;
            as[i] = a;
            bs[i] = b;
            registers[i] = register;
        }

        private void grow() {
            byte[] oldOps = ops;
            long[] oldAs = as;
            long[] oldBs = bs;
            int[] oldRegisters = registers;
            allocate(2 * oldOps.length);
            for (int i = 0; i < oldOps.length; i++) {
                if (oldOps[i] != 0) {
                    insert(oldOps[i], oldAs[i], oldBs[i], oldRegisters[i]);
                }
            }
        }

        private static int slot(byte code, long a, long b, int mask) {
            long h = (a * 0x9E3779B97F4A7C15L + b) * 0xBF58476D1CE4E5B9L + code;
            return (int) (h ^ (h >>> 29) ^ (h >>> 47)) & mask;
        }
    }
}
