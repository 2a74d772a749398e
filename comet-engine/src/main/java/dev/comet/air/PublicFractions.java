package dev.comet.air;

import dev.comet.field.ExtensionField;
import dev.comet.field.ExtensionVectors;
import dev.comet.field.Goldilocks;
import java.util.List;

/**
 * LogUp fractions whose values are public: {@code sum_k m / (alpha - t_k)} with each tuple
 * {@code (c_0, c_1, ...)} compressed as {@link LogUpColumns#tuple} does,
 * {@code t = c_0 + beta c_1 + beta^2 c_2 + ...}. A table that offers the tuples with
 * {@code +1 / (alpha - t)} balances fractions of multiplicity {@code -1} only if it offers exactly
 * them (a learning curve's per-epoch values). A declarative form, not code, so that every verifier
 * (the Java one, a generated contract) computes the same total from the same data.
 *
 * @param alphaIndex   the challenge {@code alpha} of the fractions' relation
 * @param betaIndex    the challenge {@code beta} compressing the tuples (unused for 1-tuples)
 * @param multiplicity the numerator {@code m} of every fraction, a field element
 * @param tuples       the tuples, all of one arity (at least 1), each component a field element
 * @param publicIndices per tuple, per component, the statement's public value it is
 *                     ({@link StatementBinding}), or -1 for a constant of the shape
 */
public record PublicFractions(int alphaIndex, int betaIndex, long multiplicity, List<long[]> tuples,
                              List<int[]> publicIndices) {
    /** Fractions whose every component is a constant of the shape. */
    public PublicFractions(int alphaIndex, int betaIndex, long multiplicity, List<long[]> tuples) {
        this(alphaIndex, betaIndex, multiplicity, tuples,
                tuples.stream().map(t -> java.util.stream.IntStream.range(0, t.length).map(c -> -1).toArray()).toList());
    }

    public PublicFractions {
        tuples = tuples.stream().map(long[]::clone).toList();
        publicIndices = publicIndices.stream().map(int[]::clone).toList();
        if (publicIndices.size() != tuples.size()) {
            throw new IllegalArgumentException("one index per component of each tuple");
        }
        for (int k = 0; k < tuples.size(); k++) {
            if (publicIndices.get(k).length != tuples.get(k).length) {
                throw new IllegalArgumentException("one index per component of each tuple");
            }
        }
        if (alphaIndex < 0 || betaIndex < 0) {
            throw new IllegalArgumentException("challenge indices must be non-negative");
        }
        int arity = tuples.isEmpty() ? 1 : tuples.get(0).length;
        for (long[] t : tuples) {
            if (t.length != arity || arity == 0) {
                throw new IllegalArgumentException("public fractions need tuples of one positive arity");
            }
            for (long c : t) {
                requireCanonical(c);
            }
        }
        requireCanonical(multiplicity);
    }

    /** Every verifier reduces the same numbers: the field's arithmetic expects them below p. */
    private static void requireCanonical(long v) {
        if (Long.compareUnsigned(v, Goldilocks.P) >= 0) {
            throw new IllegalArgumentException("a public fraction's value " + Long.toUnsignedString(v) + " is not below p");
        }
    }

    @Override
    public List<long[]> tuples() {
        return tuples.stream().map(long[]::clone).toList();
    }

    @Override
    public List<int[]> publicIndices() {
        return publicIndices.stream().map(int[]::clone).toList();
    }

    /** The sum of every table's public fractions under {@code challenges}, or null when there are none. */
    public static long[] total(List<PublicFractions> all, List<long[]> challenges, ExtensionField ext) {
        if (all.isEmpty()) {
            return null;
        }
        long[] total = ext.zero();
        for (PublicFractions f : all) {
            total = ext.add(total, f.sum(challenges, ext));
        }
        return total;
    }

    /** {@code m sum_k 1 / (alpha - t_k)}, with one batched inversion. */
    public long[] sum(List<long[]> challenges, ExtensionField ext) {
        long[] alpha = challenges.get(alphaIndex);
        long[] beta = challenges.get(betaIndex);
        int count = tuples.size();
        long[][] denominators = new long[ext.degree()][count];
        for (int k = 0; k < count; k++) {
            long[] t = tuples.get(k);
            long[] value = ext.fromBase(t[t.length - 1]);
            for (int i = t.length - 2; i >= 0; i--) {
                value = ext.add(ext.fromBase(t[i]), ext.mul(beta, value));
            }
            long[] d = ext.sub(alpha, value);
            for (int c = 0; c < d.length; c++) {
                denominators[c][k] = d[c];
            }
        }
        ExtensionVectors.batchInvertInPlace(ext, denominators, count);
        long[] sum = ext.zero();
        for (int k = 0; k < count; k++) {
            for (int c = 0; c < sum.length; c++) {
                sum[c] = Goldilocks.add(sum[c], denominators[c][k]);
            }
        }
        return ext.mulBase(sum, multiplicity);
    }
}
