package dev.comet.verifier;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.proof.DeepTerms;

/** The verifier's side of {@code DeepComposer}: the DEEP quotients at the opened positions only. */
final class DeepValues {
    private DeepValues() {}

    /**
     * @param rows  the opened rows, row-major, {@code width} base elements each, in the column
     *              numbering of {@link DeepTerms}
     * @param point out-of-domain point; group {@code g} divides by {@code x - point * generator^rowOffset}
     */
    static long[][] at(ExtensionField ext, DeepTerms terms, long[] rows, int width, int[] positions, int logLde,
                       long shift, long[] point, long generator) {
        long omega = Goldilocks.rootOfUnity(logLde);
        long[][] out = new long[positions.length][];
        for (int q = 0; q < positions.length; q++) {
            long x = Goldilocks.mul(shift, Goldilocks.pow(omega, positions[q]));
            long[] value = ext.zero();
            for (DeepTerms.Group group : terms.groups()) {
                long[] sum = ext.zero();
                for (int k = 0; k < group.columns().length; k++) {
                    sum = ext.add(sum, ext.mulBase(group.coefficients()[k], rows[q * width + group.columns()[k]]));
                }
                long[] numerator = ext.sub(sum, group.constant());
                long[] at = ext.mulBase(point, Goldilocks.pow(generator, group.rowOffset()));
                value = ext.add(value, ext.mul(numerator, ext.inv(ext.sub(ext.fromBase(x), at))));
            }
            out[q] = value;
        }
        return out;
    }
}
