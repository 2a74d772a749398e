package dev.comet.proof;

import dev.comet.field.ExtensionField;
import java.util.ArrayList;
import java.util.List;

/**
 * The DEEP composition polynomial of one table (or of a precommitted segment's reading):
 * {@code A(x) = sum_k traceCoefficients[k] * col[traceColumns[k]](x)}, one random combination of
 * the trace columns shared by every row offset {@code o} of the frame, and
 * {@code B(x) = sum_k compositionCoefficients[k] * col[compositionColumns[k]](x)} for the
 * composition columns, read at offset 0 only. The quotient is
 * {@code (A(x) + B(x) - constants[0]) / (x - z) + sum_(o >= 1) (A(x) - constants[o]) / (x - z g^o)},
 * where {@code constants[o]} is the same combination of the values the proof claims at
 * {@code z g^o}. Prover and verifier build it from the same challenges in the same order.
 *
 * <p><b>Why one coefficient per column suffices for every offset.</b> The claims are absorbed
 * before the coefficients are drawn. If any claimed value at {@code z g^o} is wrong, then
 * {@code constants[o] != A(z g^o)} except with probability {@code 1/|F|} over the coefficients
 * ({@code frameRows/|F|} over all offsets), and then the sum above has a pole at {@code z g^o}
 * (the points are distinct, so no other term cancels it): it is not a polynomial, and FRI
 * rejects it as it would any other far function. This is the batching Winterfell uses; it halves
 * the prover's DEEP work for a two-row frame.
 *
 * <p>Columns are numbered over one concatenated LDE row: main columns first, then auxiliary
 * columns coordinate by coordinate, then composition columns coordinate by coordinate. An
 * extension-valued column {@code A = sum_d A_d t^d} enters as its coordinates {@code A_d} with
 * coefficient {@code gamma * t^d}.
 */
public record DeepTerms(int[] traceColumns, long[][] traceCoefficients, int[] compositionColumns,
                        long[][] compositionCoefficients, long[][] constants) {

    /** Number of challenges the DEEP composition consumes: one per trace and composition column. */
    public static int numChallenges(int mainWidth, int auxWidth, int compositionColumns) {
        return mainWidth + auxWidth + compositionColumns;
    }

    /** Number of frame rows, the points {@code z g^o} the quotient divides by. */
    public int rows() {
        return constants.length;
    }

    /**
     * One reading's part of the precommitted segment's DEEP quotient,
     * {@code sum_c gamma_c (P_c(y) - v_c) / (y - zeta)}, where {@code v_c} are the out-of-domain
     * values a table reads ({@code P_c(zeta)} with {@code zeta = z^K}, see {@link SegmentReading}).
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
        return new DeepTerms(cols, coefficients, new int[0], new long[0][], new long[][] {constant});
    }

    /** Consumes gammas in order: main columns, auxiliary columns, composition columns. */
    public static DeepTerms build(ExtensionField ext, List<long[]> gammas, StarkProof.OodFrame ood,
                                  int mainWidth, int auxWidth, int compositionColumns) {
        int degree = ext.degree();
        int frameRows = ood.main().length;
        List<long[]> traceCoefficients = new ArrayList<>();
        List<Integer> traceColumns = new ArrayList<>();
        long[][] constants = new long[frameRows][];
        for (int o = 0; o < frameRows; o++) {
            constants[o] = ext.zero();
        }
        int g = 0;
        for (int c = 0; c < mainWidth; c++) {
            long[] gamma = gammas.get(g++);
            traceCoefficients.add(gamma);
            traceColumns.add(c);
            for (int o = 0; o < frameRows; o++) {
                constants[o] = ext.add(constants[o], ext.mul(gamma, ood.main()[o][c]));
            }
        }
        for (int a = 0; a < auxWidth; a++) {
            long[] gamma = gammas.get(g++);
            for (int d = 0; d < degree; d++) {
                traceCoefficients.add(ext.mul(gamma, basis(ext, d)));
                traceColumns.add(mainWidth + a * degree + d);
            }
            for (int o = 0; o < frameRows; o++) {
                constants[o] = ext.add(constants[o], ext.mul(gamma, ood.aux()[o][a]));
            }
        }
        List<long[]> compositionCoefficients = new ArrayList<>();
        List<Integer> compColumns = new ArrayList<>();
        int compositionBase = mainWidth + auxWidth * degree;
        for (int j = 0; j < compositionColumns; j++) {
            long[] gamma = gammas.get(g++);
            for (int d = 0; d < degree; d++) {
                compositionCoefficients.add(ext.mul(gamma, basis(ext, d)));
                compColumns.add(compositionBase + j * degree + d);
            }
            constants[0] = ext.add(constants[0], ext.mul(gamma, ood.composition()[j]));
        }
        return new DeepTerms(traceColumns.stream().mapToInt(Integer::intValue).toArray(),
                traceCoefficients.toArray(new long[0][]), compColumns.stream().mapToInt(Integer::intValue).toArray(),
                compositionCoefficients.toArray(new long[0][]), constants);
    }

    private static long[] basis(ExtensionField ext, int d) {
        long[] t = ext.zero();
        t[d] = 1;
        return t;
    }
}
