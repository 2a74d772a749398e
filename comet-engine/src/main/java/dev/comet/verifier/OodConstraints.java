package dev.comet.verifier;

import dev.comet.air.Constraint;
import dev.comet.air.Zerofiers;
import dev.comet.field.ExtensionField;
import java.util.List;

/**
 * What the composition polynomial must equal at the out-of-domain point {@code z}:
 * {@code sum_c alpha_c C_c(z) / Z_c(z)}, given each constraint's value there. The one definition
 * the Java verifier checks and the generated on-chain evaluator is tested against.
 */
public final class OodConstraints {
    private OodConstraints() {}

    /**
     * @param values {@code values[c]}: constraint {@code c}'s value at {@code z}
     * @throws IllegalArgumentException when {@code z} is a point of the trace domain (a zerofier vanishes)
     */
    public static long[] expected(ExtensionField ext, List<Constraint> constraints, int n, long[] z, long[][] values,
                                  List<long[]> alphas) {
        // sum_c alpha_c C_c / Z_c, grouped by domain: a table has thousands of constraints but a few
        // domains, and each zerofier costs a power and an inversion.
        java.util.Map<dev.comet.air.ConstraintDomain, long[]> byDomain = new java.util.LinkedHashMap<>();
        for (int c = 0; c < constraints.size(); c++) {
            byDomain.merge(constraints.get(c).domain(), ext.mul(alphas.get(c), values[c]), ext::add);
        }
        long[] expected = ext.zero();
        for (java.util.Map.Entry<dev.comet.air.ConstraintDomain, long[]> group : byDomain.entrySet()) {
            long[] zerofier = Zerofiers.at(group.getKey(), n, ext, z);
            if (ext.isZero(zerofier)) {
                throw new IllegalArgumentException("out-of-domain point falls on the trace domain");
            }
            expected = ext.add(expected, ext.mul(group.getValue(), ext.inv(zerofier)));
        }
        return expected;
    }
}
