package dev.comet.prover;

import dev.comet.air.Constraint;
import dev.comet.air.ConstraintDomain;
import dev.comet.air.ConstraintProgram;
import dev.comet.air.Zerofiers;
import dev.comet.field.ExtensionField;
import dev.comet.field.ExtensionVectors;
import dev.comet.field.Goldilocks;
import dev.comet.poly.Ntt;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Evaluates the constraint composition {@code H(x) = sum_c alpha_c C_c(x) / Z_c(x)} over a coset,
 * and checks a trace against the constraints (the prover's self-check).
 *
 * <p>Constraints are grouped by domain so that each zerofier is applied once per point: the
 * alpha-weighted sum of a group is multiplied by the group's inverse zerofier, a base-field value
 * because the coset lies in the base field.
 */
final class CompositionBuilder {
    private final List<Constraint> constraints;
    private final ConstraintProgram program;
    private final int degree;
    private final List<long[]> challenges;
    private final long[] logUpSum;
    private final List<ConstraintDomain> groups = new ArrayList<>();
    private final int[] groupOf;

    /** @param logUpSum the table's claimed LogUp total, or null when it has none */
    CompositionBuilder(List<Constraint> constraints, ConstraintProgram program, ExtensionField ext,
                       List<long[]> challenges, long[] logUpSum) {
        this.constraints = constraints;
        this.program = program;
        this.degree = ext.degree();
        this.challenges = challenges;
        this.logUpSum = logUpSum;
        this.groupOf = new int[constraints.size()];
        for (int c = 0; c < constraints.size(); c++) {
            ConstraintDomain d = constraints.get(c).domain();
            int g = groups.indexOf(d);
            if (g < 0) {
                groups.add(d);
                g = groups.size() - 1;
            }
            groupOf[c] = g;
        }
    }

    /**
     * Values of {@code H} on the coset {@code shift * <w_E>} of size {@code src.points()}.
     *
     * @param n trace length
     */
    long[][] evaluate(FrameSource src, List<long[]> alphas, int n, long shift) {
        int size = src.points();
        int logSize = Integer.numberOfTrailingZeros(size);
        long[][] zerofierInverses = new long[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            zerofierInverses[g] = Zerofiers.inverseOnCoset(groups.get(g), n, shift, logSize);
        }
        long[][] out = new long[degree][size];
        int block = ConstraintEvaluator.BLOCK;
        int numBlocks = (size + block - 1) / block;
        int tasks = tasks(numBlocks);
        IntStream.range(0, tasks).parallel().forEach(task -> {
            ConstraintEvaluator eval = new ConstraintEvaluator(program, degree, challenges, logUpSum);
            long[][][] acc = new long[groups.size()][degree][block];
            for (int b = task; b < numBlocks; b += tasks) {
                int start = b * block;
                int len = Math.min(block, size - start);
                eval.evaluate(src, start, len);
                for (long[][] a : acc) {
                    for (long[] coordinate : a) {
                        java.util.Arrays.fill(coordinate, 0, len, 0);
                    }
                }
                for (int c = 0; c < constraints.size(); c++) {
                    long[][] target = acc[groupOf[c]];
                    long[] baseValues = eval.baseOutput(c);
                    if (baseValues != null) {
                        ExtensionVectors.addScaledBase(target, alphas.get(c), baseValues, 0, len);
                    } else {
                        ExtensionVectors.addScaled(target, alphas.get(c), eval.extOutput(c), len);
                    }
                }
                for (int g = 0; g < groups.size(); g++) {
                    long[] zInv = zerofierInverses[g];
                    for (int d = 0; d < degree; d++) {
                        long[] a = acc[g][d];
                        long[] o = out[d];
                        for (int i = 0; i < len; i++) {
                            o[start + i] = Goldilocks.add(o[start + i], Goldilocks.mul(a[i], zInv[start + i]));
                        }
                    }
                }
            }
        });
        return out;
    }

    /**
     * Parallel tasks over {@code numBlocks} blocks, each with one evaluator for all its blocks:
     * an evaluator holds a block of every instruction's register (hundreds of MB for a wide
     * table's program), so one per block, or eight per core, made garbage faster than the young
     * generation could take it. Blocks cost the same, so striding them over one task a core
     * balances the work.
     */
    private static int tasks(int numBlocks) {
        return Math.max(1, Math.min(numBlocks, Runtime.getRuntime().availableProcessors()));
    }

    /** Checks every constraint on the trace rows of its domain; throws on the lowest violating row. */
    void selfCheck(FrameSource trace) {
        int n = trace.points();
        int block = ConstraintEvaluator.BLOCK;
        int numBlocks = (n + block - 1) / block;
        int tasks = tasks(numBlocks);
        ConstraintViolationException first = IntStream.range(0, tasks).parallel().mapToObj(task -> {
            ConstraintEvaluator eval = new ConstraintEvaluator(program, degree, challenges, logUpSum);
            ConstraintViolationException found = null;
            for (int b = task; b < numBlocks; b += tasks) {
                int start = b * block;
                int len = Math.min(block, n - start);
                eval.evaluate(trace, start, len);
                for (int c = 0; c < constraints.size(); c++) {
                    Constraint constraint = constraints.get(c);
                    for (int i = 0; i < len; i++) {
                        int row = start + i;
                        if (!constraint.domain().contains(row, n) || isZero(eval, c, i)) {
                            continue;
                        }
                        if (found == null || row < found.row()) {
                            found = new ConstraintViolationException(constraint.name(), row);
                        }
                        break;
                    }
                }
            }
            return found;
        }).filter(java.util.Objects::nonNull).min(java.util.Comparator.comparingInt(ConstraintViolationException::row))
                .orElse(null);
        if (first != null) {
            throw first;
        }
    }

    private static boolean isZero(ConstraintEvaluator eval, int c, int i) {
        long[] b = eval.baseOutput(c);
        if (b != null) {
            return b[i] == 0;
        }
        for (long[] coordinate : eval.extOutput(c)) {
            if (coordinate[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Debug mode: evaluates each constraint numerator over the full LDE coset, interpolates it and
     * checks that its degree does not exceed {@code declared * (n - 1)}.
     */
    void checkDegrees(FrameSource lde, int n, long shift) {
        int size = lde.points();
        int maxDeclared = constraints.stream().mapToInt(Constraint::degree).max().orElse(1);
        if ((long) maxDeclared * (n - 1) >= size) {
            throw new IllegalStateException("debug degree check needs a blowup above the constraint degree " + maxDeclared);
        }
        long[][][] values = new long[constraints.size()][degree][size];
        int block = ConstraintEvaluator.BLOCK;
        ConstraintEvaluator eval = new ConstraintEvaluator(program, degree, challenges, logUpSum);
        for (int start = 0; start < size; start += block) {
            int len = Math.min(block, size - start);
            eval.evaluate(lde, start, len);
            for (int c = 0; c < constraints.size(); c++) {
                long[] b = eval.baseOutput(c);
                if (b != null) {
                    System.arraycopy(b, 0, values[c][0], start, len);
                } else {
                    for (int d = 0; d < degree; d++) {
                        System.arraycopy(eval.extOutput(c)[d], 0, values[c][d], start, len);
                    }
                }
            }
        }
        Ntt ntt = Ntt.ofLogSize(Integer.numberOfTrailingZeros(size));
        for (int c = 0; c < constraints.size(); c++) {
            int actual = -1;
            for (int d = 0; d < degree; d++) {
                long[] coefficients = values[c][d];
                ntt.inverseCoset(coefficients, shift);
                for (int i = size - 1; i > actual; i--) {
                    if (coefficients[i] != 0) {
                        actual = i;
                        break;
                    }
                }
            }
            long declared = (long) constraints.get(c).degree() * (n - 1);
            if (actual > declared) {
                throw new IllegalStateException("constraint '" + constraints.get(c).name() + "' has degree " + actual
                        + " but declares " + constraints.get(c).degree() + " (bound " + declared + ")");
            }
        }
    }
}
