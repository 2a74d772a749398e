package dev.comet.proof;

import dev.comet.field.ExtensionField;
import java.util.ArrayList;
import java.util.List;

/**
 * The DEEP composition polynomial as a list of quotient groups, one per row offset {@code o}:
 * {@code sum_k coef_k * col_k(x) - constant} divided by {@code x - z g^o}. Prover and verifier
 * both build it from the same challenges in the same order, so they compute the same function.
 *
 * <p>Columns are numbered over one concatenated LDE row: main columns first, then auxiliary
 * columns coordinate by coordinate, then composition columns coordinate by coordinate. A
 * precommitted segment has a DEEP quotient of its own on its own domain ({@link #forSegment}). An
 * extension-valued column {@code A = sum_d A_d t^d} enters as its coordinates {@code A_d} with
 * coefficient {@code gamma * t^d}.
 */
public record DeepTerms(List<Group> groups) {

    /** One quotient {@code (sum_k coefficients[k] * col[columns[k]](x) - constant) / (x - z g^rowOffset)}. */
    public record Group(int rowOffset, int[] columns, long[][] coefficients, long[] constant) {}

    /** Number of challenges the DEEP composition consumes. */
    public static int numChallenges(int frameRows, int mainWidth, int auxWidth, int compositionColumns) {
        return frameRows * (mainWidth + auxWidth) + compositionColumns;
    }

    /**
     * One reading's part of the precommitted segment's DEEP quotient,
     * {@code sum_c gamma_c (P_c(y) - v_c) / (y - zeta)}: one group over the segment's columns,
     * where {@code v_c} are the out-of-domain values a table reads ({@code P_c(zeta)} with
     * {@code zeta = z^K}, see {@link SegmentReading}).
     */
    public static DeepTerms forSegment(ExtensionField ext, List<long[]> gammas, long[][] values) {
        int[] cols = new int[values.length];
        long[][] coefficients = new long[values.length][];
        long[] constant = ext.zero();
        for (int c = 0; c < values.length; c++) {
            cols[c] = c;
            coefficients[c] = gammas.get(c);
            constant = ext.add(constant, ext.mul(gammas.get(c), values[c]));
        }
        return new DeepTerms(List.of(new Group(0, cols, coefficients, constant)));
    }

    public static DeepTerms build(ExtensionField ext, List<long[]> gammas, StarkProof.OodFrame ood,
                                  int mainWidth, int auxWidth, int compositionColumns) {
        int degree = ext.degree();
        int frameRows = ood.main().length;
        long[][] basis = new long[degree][];
        for (int d = 0; d < degree; d++) {
            basis[d] = ext.zero();
            basis[d][d] = 1;
        }
        int g = 0;
        List<Group> groups = new ArrayList<>();
        // Gammas are consumed offset by offset: main, then aux; composition columns last.
        List<List<long[]>> perOffsetCoefs = new ArrayList<>();
        List<List<Integer>> perOffsetCols = new ArrayList<>();
        long[][] constants = new long[frameRows][];
        for (int o = 0; o < frameRows; o++) {
            List<long[]> coefs = new ArrayList<>();
            List<Integer> cols = new ArrayList<>();
            long[] constant = ext.zero();
            for (int c = 0; c < mainWidth; c++) {
                long[] gamma = gammas.get(g++);
                coefs.add(gamma);
                cols.add(c);
                constant = ext.add(constant, ext.mul(gamma, ood.main()[o][c]));
            }
            for (int a = 0; a < auxWidth; a++) {
                long[] gamma = gammas.get(g++);
                for (int d = 0; d < degree; d++) {
                    coefs.add(ext.mul(gamma, basis[d]));
                    cols.add(mainWidth + a * degree + d);
                }
                constant = ext.add(constant, ext.mul(gamma, ood.aux()[o][a]));
            }
            perOffsetCoefs.add(coefs);
            perOffsetCols.add(cols);
            constants[o] = constant;
        }
        int compositionBase = mainWidth + auxWidth * degree;
        for (int j = 0; j < compositionColumns; j++) {
            long[] gamma = gammas.get(g++);
            for (int d = 0; d < degree; d++) {
                perOffsetCoefs.get(0).add(ext.mul(gamma, basis[d]));
                perOffsetCols.get(0).add(compositionBase + j * degree + d);
            }
            constants[0] = ext.add(constants[0], ext.mul(gamma, ood.composition()[j]));
        }
        for (int o = 0; o < frameRows; o++) {
            int[] cols = perOffsetCols.get(o).stream().mapToInt(Integer::intValue).toArray();
            groups.add(new Group(o, cols, perOffsetCoefs.get(o).toArray(new long[0][]), constants[o]));
        }
        return new DeepTerms(groups);
    }
}
