package dev.comet.air;

import dev.comet.field.ExtensionField;
import dev.comet.field.ExtensionVectors;
import dev.comet.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One table's side of a LogUp argument that crosses tables (Haböck 2022): the table's fractions
 * {@code numerator / (alpha - value)} summed over all its rows into a running sum whose last value
 * is the table's stated total ({@link Expr#logUpSum()}, {@link Air#logUpSumColumn()}). A table
 * that looks values up contributes {@code +1 / (alpha - v)} per value ({@link #lookup}); the table
 * they are looked up in contributes {@code -m / (alpha - t)} per row, {@code m} its committed
 * multiplicity ({@link #provide}). The verifier requires the totals of all tables to add up to
 * zero: as rational functions of {@code alpha} that says every looked-up value is in the table,
 * since there are fewer lookups than the field's characteristic (so multiplicities cannot wrap);
 * a random {@code alpha} catches a false claim except with probability about
 * {@code (number of fractions) / |F_ext|}.
 *
 * <p><b>One relation, one {@code alpha}.</b> The verifier adds every table's total into one zero
 * check. Different relations (a range check, a function table) must draw their own
 * {@code alpha} (their own challenge index): with independent challenges the sum can only vanish
 * if each relation's sum does, while under a shared {@code alpha} a value offered for one relation
 * could answer a lookup of the other (a tuple {@code (x, 0)} is the value {@code x} of a range
 * table). One table's argument may hold fractions of several relations ({@link Fraction#relation}),
 * in one running sum.
 *
 * <p>Fractions are taken in groups of {@code g} (pairs unless the table asks for more); each
 * group has an auxiliary column {@code h = sum_i n_i / d_i}, {@code d_i = alpha - v_i},
 * constrained by {@code h prod_i d_i = sum_i n_i prod_(j != i) d_j}: degree {@code g + 1} for
 * cells (3 for a pair, 4 for a triple, which a table may choose when its composition can take
 * degree 4: one more composition column for a third fewer auxiliary ones), and a short last group
 * the same with fewer factors. One more column holds the running sum {@code s}:
 * {@code s = sum h} on row 0, {@code s' = s + sum h'} on transitions, {@code s} at the last row
 * equal to the stated total.
 */
public final class LogUpColumns {
    /**
     * {@code numerator / (alpha - value)} of the current row: a base-field numerator, and a value
     * that is a base-field expression or a {@link #tuple} of them. {@code relation} is the index of
     * the challenge {@code alpha} of the relation the fraction belongs to, or {@link #DEFAULT_RELATION}
     * for the argument's own ({@link #LogUpColumns}'s {@code challengeIndex}). Fractions of several
     * relations may share the argument's columns and running sum: the stated totals then cancel
     * only if each relation's do, since each is a rational function of its own independent
     * challenge (a relation's sum that does not vanish has a pole that no other relation's can
     * cancel, except for the few challenges that make them agree).
     */
    public record Fraction(Expr numerator, Expr value, int relation) {
        public Fraction {
            if (numerator.isExtension()) {
                throw new IllegalArgumentException("LogUp numerators must be base-field expressions");
            }
            if (relation < DEFAULT_RELATION) {
                throw new IllegalArgumentException("invalid LogUp relation " + relation);
            }
        }

        public Fraction(Expr numerator, Expr value) {
            this(numerator, value, DEFAULT_RELATION);
        }

        /** This fraction in the relation of challenge {@code alphaIndex}. */
        public Fraction inRelation(int alphaIndex) {
            return new Fraction(numerator, value, alphaIndex);
        }
    }

    /** A fraction's relation when it is the argument's own. */
    public static final int DEFAULT_RELATION = -1;

    /**
     * Several values looked up together, as one: {@code c_0 + beta c_1 + beta^2 c_2 + ...} with a
     * challenge {@code beta} drawn, like {@code alpha}, after the main traces. Two different tuples
     * collide only for the few {@code beta} that are roots of their difference.
     */
    public static Expr tuple(List<Expr> components, int betaIndex) {
        Expr beta = Expr.challenge(betaIndex);
        Expr value = components.get(components.size() - 1);
        for (int i = components.size() - 2; i >= 0; i--) {
            value = components.get(i).plus(beta.times(value));
        }
        return value;
    }

    private final List<Fraction> fractions;
    private final int firstAuxColumn;
    private final int challengeIndex;
    private final int groupSize;

    /**
     * @param firstAuxColumn first of the {@link #auxWidth()} auxiliary columns this argument owns
     * @param challengeIndex index of the challenge {@code alpha}, shared by every table of the argument;
     *                       the relation of every fraction that names none
     */
    public LogUpColumns(List<Fraction> fractions, int firstAuxColumn, int challengeIndex) {
        this(fractions, firstAuxColumn, challengeIndex, 2);
    }

    /** As above with {@code groupSize} fractions to an auxiliary column (1 to 4). */
    public LogUpColumns(List<Fraction> fractions, int firstAuxColumn, int challengeIndex, int groupSize) {
        if (fractions.isEmpty()) {
            throw new IllegalArgumentException("a LogUp argument needs at least one fraction");
        }
        if (groupSize < 1 || groupSize > 4) {
            throw new IllegalArgumentException("LogUp groups hold 1 to 4 fractions, not " + groupSize);
        }
        this.fractions = List.copyOf(fractions);
        this.firstAuxColumn = firstAuxColumn;
        this.challengeIndex = challengeIndex;
        this.groupSize = groupSize;
    }

    /** A value this table looks up: {@code +1 / (alpha - value)}. */
    public static Fraction lookup(Expr value) {
        return new Fraction(Expr.constant(1), value);
    }

    /** A table row offering {@code value}, looked up {@code multiplicity} times: {@code -m / (alpha - value)}. */
    public static Fraction provide(Expr multiplicity, Expr value) {
        return new Fraction(multiplicity.negate(), value);
    }

    private int groups() {
        return (fractions.size() + groupSize - 1) / groupSize;
    }

    /** The fractions of group {@code k}. */
    private List<Fraction> group(int k) {
        return fractions.subList(k * groupSize, Math.min(fractions.size(), (k + 1) * groupSize));
    }

    /** Auxiliary columns used: one per group of fractions and the running sum. */
    public int auxWidth() {
        return groups() + 1;
    }

    /** The auxiliary column of the running sum, whose last value is the table's stated total. */
    public int sumColumn() {
        return firstAuxColumn + groups();
    }

    /** LogUp fractions per row, for the security estimate. */
    public int fractionsPerRow() {
        return fractions.size();
    }

    public List<Constraint> constraints(int traceLength) {
        List<Constraint> out = new ArrayList<>();
        Expr sumHere = Expr.constant(0);
        Expr sumNext = Expr.constant(0);
        for (int k = 0; k < groups(); k++) {
            Expr h = Expr.aux(firstAuxColumn + k);
            List<Fraction> group = group(k);
            List<Expr> d = group.stream().map(f -> alpha(f).minus(f.value())).toList();
            Expr cleared = h;
            Expr numerators = null;
            for (int i = 0; i < group.size(); i++) {
                cleared = cleared.times(d.get(i));
                Expr term = group.get(i).numerator();
                for (int j = 0; j < group.size(); j++) {
                    term = j == i ? term : term.times(d.get(j));
                }
                numerators = numerators == null ? term : numerators.plus(term);
            }
            String name = switch (group.size()) {
                case 1 -> "LogUp fraction ";
                case 2 -> "LogUp pair ";
                default -> "LogUp group ";
            };
            out.add(Constraint.everyRow(name + k, cleared.minus(numerators)));
            sumHere = sumHere.plus(h);
            sumNext = sumNext.plus(Expr.auxNext(firstAuxColumn + k));
        }
        Expr s = Expr.aux(sumColumn());
        out.add(Constraint.atRow("LogUp sum starts", 0, s.minus(sumHere)));
        out.add(Constraint.transition("LogUp sum accumulates", Expr.auxNext(sumColumn()).minus(s).minus(sumNext)));
        out.add(Constraint.atRow("LogUp sum ends at the stated total", traceLength - 1, s.minus(Expr.logUpSum())));
        return out;
    }

    private int relationOf(Fraction f) {
        return f.relation() == DEFAULT_RELATION ? challengeIndex : f.relation();
    }

    private Expr alpha(Fraction f) {
        return Expr.challenge(relationOf(f));
    }

    /**
     * A table's auxiliary trace ({@code [column][degree][n]}) with this argument's columns filled;
     * columns before {@link #firstAuxColumn}, if any, are the caller's to fill.
     */
    public long[][][] auxTrace(TraceTable main, RowValues rows, List<long[]> challenges, ExtensionField ext) {
        long[][][] aux = new long[firstAuxColumn + auxWidth()][][];
        buildAux(main, rows, challenges, ext, aux);
        return aux;
    }

    /**
     * Writes this argument's auxiliary columns into {@code aux} (columns {@code [degree][n]}). Rows
     * are processed in independent chunks; a group's column is its fractions added one at a time
     * over a common denominator ({@code (n1 d2 + n2 d1) / (d1 d2)} for a pair), one inversion per
     * group and row, batched within the chunk.
     */
    private void buildAux(TraceTable main, RowValues rows, List<long[]> challenges, ExtensionField ext, long[][][] aux) {
        int n = main.length();
        int degree = ext.degree();
        for (int k = 0; k < groups(); k++) {
            aux[firstAuxColumn + k] = new long[degree][n];
        }
        int chunk = Math.min(n, CHUNK_ROWS);
        IntStream.range(0, n / chunk).parallel().forEach(c -> {
            for (int k = 0; k < groups(); k++) {
                groupChunk(group(k), rows, challenges, ext, c * chunk, chunk, aux[firstAuxColumn + k]);
            }
        });
        long[][] sum = new long[degree][n];
        long[] acc = new long[degree];
        for (int row = 0; row < n; row++) {
            for (int d = 0; d < degree; d++) {
                long v = acc[d];
                for (int k = 0; k < groups(); k++) {
                    v = Goldilocks.add(v, aux[firstAuxColumn + k][d][row]);
                }
                acc[d] = v;
                sum[d][row] = v;
            }
        }
        aux[sumColumn()] = sum;
    }

    /** Rows per chunk of {@link #buildAux}: a few hundred KiB of temporaries per pair. */
    private static final int CHUNK_ROWS = 1 << 12;

    /**
     * The sum of {@code group}'s fractions on rows {@code [from, from + len)}, written into
     * {@code out}: {@code N / D} with {@code (N, D)} starting at the first fraction and each next
     * one {@code n / d} taking it to {@code (N d + n D, D d)}.
     */
    private void groupChunk(List<Fraction> group, RowValues rows, List<long[]> challenges, ExtensionField ext,
                            int from, int len, long[][] out) {
        int degree = ext.degree();
        Fraction first = group.get(0);
        long[][] denominator = denominators(challenges.get(relationOf(first)), first, rows, challenges, ext, from, len);
        long[] firstNumerator = rows.evaluate(first.numerator(), from, len);
        long[][] numerator = new long[degree][len];
        if (group.size() == 1) {
            System.arraycopy(firstNumerator, 0, numerator[0], 0, len);
        }
        long[][] scaled = new long[degree][len];
        for (int k = 1; k < group.size(); k++) {
            Fraction f = group.get(k);
            long[][] d = denominators(challenges.get(relationOf(f)), f, rows, challenges, ext, from, len);
            ExtensionVectors.mulBase(denominator, rows.evaluate(f.numerator(), from, len), scaled, len);
            if (k == 1) { // N is still the first fraction's base-field numerator
                ExtensionVectors.mulBase(d, firstNumerator, numerator, len);
            } else {
                ExtensionVectors.mul(numerator, d, numerator, len);
            }
            for (int c = 0; c < degree; c++) {
                long[] o = numerator[c];
                long[] t = scaled[c];
                for (int i = 0; i < len; i++) {
                    o[i] = Goldilocks.add(o[i], t[i]);
                }
            }
            ExtensionVectors.mul(denominator, d, denominator, len);
        }
        ExtensionVectors.batchInvertInPlace(ext, denominator, len);
        ExtensionVectors.mul(numerator, denominator, numerator, len);
        for (int d = 0; d < degree; d++) {
            System.arraycopy(numerator[d], 0, out[d], from, len);
        }
    }

    /** {@code alpha - value} on rows {@code [from, from + len)}. */
    private static long[][] denominators(long[] alpha, Fraction f, RowValues rows, List<long[]> challenges,
                                         ExtensionField ext, int from, int len) {
        long[][] values = rows.evaluateExtension(f.value(), challenges, ext, from, len);
        for (int d = 0; d < values.length; d++) {
            long[] v = values[d];
            for (int i = 0; i < len; i++) {
                v[i] = Goldilocks.sub(alpha[d], v[i]);
            }
        }
        return values;
    }
}
