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
 * <p>Fractions are taken in pairs; each pair has an auxiliary column
 * {@code h = n1/(alpha - v1) + n2/(alpha - v2)}, constrained by
 * {@code h (alpha - v1)(alpha - v2) = n1 (alpha - v2) + n2 (alpha - v1)} (degree 3 for cells; a
 * lone last fraction uses {@code h (alpha - v) = n}). One more column holds the running sum
 * {@code s}: {@code s = sum h} on row 0, {@code s' = s + sum h'} on transitions, {@code s} at the
 * last row equal to the stated total.
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

    /**
     * @param firstAuxColumn first of the {@link #auxWidth()} auxiliary columns this argument owns
     * @param challengeIndex index of the challenge {@code alpha}, shared by every table of the argument;
     *                       the relation of every fraction that names none
     */
    public LogUpColumns(List<Fraction> fractions, int firstAuxColumn, int challengeIndex) {
        if (fractions.isEmpty()) {
            throw new IllegalArgumentException("a LogUp argument needs at least one fraction");
        }
        this.fractions = List.copyOf(fractions);
        this.firstAuxColumn = firstAuxColumn;
        this.challengeIndex = challengeIndex;
    }

    /** A value this table looks up: {@code +1 / (alpha - value)}. */
    public static Fraction lookup(Expr value) {
        return new Fraction(Expr.constant(1), value);
    }

    /** A table row offering {@code value}, looked up {@code multiplicity} times: {@code -m / (alpha - value)}. */
    public static Fraction provide(Expr multiplicity, Expr value) {
        return new Fraction(multiplicity.negate(), value);
    }

    private int pairs() {
        return (fractions.size() + 1) / 2;
    }

    /** Auxiliary columns used: one per pair of fractions and the running sum. */
    public int auxWidth() {
        return pairs() + 1;
    }

    /** The auxiliary column of the running sum, whose last value is the table's stated total. */
    public int sumColumn() {
        return firstAuxColumn + pairs();
    }

    /** LogUp fractions per row, for the security estimate. */
    public int fractionsPerRow() {
        return fractions.size();
    }

    public List<Constraint> constraints(int traceLength) {
        List<Constraint> out = new ArrayList<>();
        Expr sumHere = Expr.constant(0);
        Expr sumNext = Expr.constant(0);
        for (int k = 0; k < pairs(); k++) {
            Expr h = Expr.aux(firstAuxColumn + k);
            Fraction a = fractions.get(2 * k);
            if (2 * k + 1 < fractions.size()) {
                Fraction b = fractions.get(2 * k + 1);
                Expr da = alpha(a).minus(a.value());
                Expr db = alpha(b).minus(b.value());
                out.add(Constraint.everyRow("LogUp pair " + k,
                        h.times(da).times(db).minus(a.numerator().times(db).plus(b.numerator().times(da)))));
            } else {
                out.add(Constraint.everyRow("LogUp fraction " + k, h.times(alpha(a).minus(a.value())).minus(a.numerator())));
            }
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
     * are processed in independent chunks; a pair's column is
     * {@code (n1 d2 + n2 d1) / (d1 d2)} with {@code d = alpha - v}, one inversion per pair and row,
     * batched within the chunk.
     */
    private void buildAux(TraceTable main, RowValues rows, List<long[]> challenges, ExtensionField ext, long[][][] aux) {
        int n = main.length();
        int degree = ext.degree();
        for (int k = 0; k < pairs(); k++) {
            aux[firstAuxColumn + k] = new long[degree][n];
        }
        int chunk = Math.min(n, CHUNK_ROWS);
        IntStream.range(0, n / chunk).parallel().forEach(c -> {
            for (int k = 0; k < pairs(); k++) {
                Fraction a = fractions.get(2 * k);
                Fraction b = 2 * k + 1 < fractions.size() ? fractions.get(2 * k + 1) : null;
                pairChunk(challenges.get(relationOf(a)), a, b == null ? null : challenges.get(relationOf(b)), b, rows,
                        challenges, ext, c * chunk, chunk, aux[firstAuxColumn + k]);
            }
        });
        long[][] sum = new long[degree][n];
        long[] acc = new long[degree];
        for (int row = 0; row < n; row++) {
            for (int d = 0; d < degree; d++) {
                long v = acc[d];
                for (int k = 0; k < pairs(); k++) {
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
     * {@code a + b} (or {@code a} alone when {@code b} is null) on rows {@code [from, from + len)},
     * written into {@code out}.
     */
    private static void pairChunk(long[] alphaA, Fraction a, long[] alphaB, Fraction b, RowValues rows,
                                  List<long[]> challenges, ExtensionField ext, int from, int len, long[][] out) {
        int degree = ext.degree();
        long[][] da = denominators(alphaA, a, rows, challenges, ext, from, len);
        long[] na = rows.evaluate(a.numerator(), from, len);
        long[][] numerator = new long[degree][len];
        long[][] denominator;
        if (b == null) {
            for (int i = 0; i < len; i++) {
                numerator[0][i] = na[i];
            }
            denominator = da;
        } else {
            long[][] db = denominators(alphaB, b, rows, challenges, ext, from, len);
            long[] nb = rows.evaluate(b.numerator(), from, len);
            for (int d = 0; d < degree; d++) {
                long[] x = da[d];
                long[] y = db[d];
                long[] o = numerator[d];
                for (int i = 0; i < len; i++) {
                    o[i] = Goldilocks.add(Goldilocks.mul(na[i], y[i]), Goldilocks.mul(nb[i], x[i]));
                }
            }
            denominator = new long[degree][len];
            ExtensionVectors.mul(da, db, denominator, len);
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
