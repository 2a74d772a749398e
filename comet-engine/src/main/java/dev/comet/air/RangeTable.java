package dev.comet.air;

import dev.comet.field.ExtensionField;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed table of the values {@code [0, 2^bits)}, for range checks that other tables of a
 * {@link TableSet} look up ({@link LogUpColumns#lookup}). The values are packed {@code W} to a
 * row over {@code 2^bits / W} rows: row {@code r} offers {@code t + j} for {@code j < W}, where
 * the base column {@code t} is pinned by {@code t[0] = 0} and {@code t' = t + W}, so the table's
 * content is the range and nothing else, which the verifier checks with two constraints whatever
 * the size (it never materialises the table). Each offered value has a multiplicity column, how
 * often the other tables look it up, which the prover fills and commits before the challenge.
 *
 * <p>Packing trades columns for rows: the multiplicities and LogUp fractions are {@code 2^bits}
 * cells however they are laid out, but Merkle hashing and NTTs cost per row and per column, and
 * a 2^16-row table of two columns costs several times what 2^12 rows of 17 columns do.
 *
 * <p>The same columns can ride on another table of the same height ({@link FixedTable#withRange}):
 * a table fewer costs a proof three Merkle trees' openings.
 */
public final class RangeTable implements Air {
    static final int BASE = 0;

    private final int bits;
    private final int logRows;
    private final int challengeIndex;
    private final LogUpColumns logUp;

    /**
     * @param logRows        log2 of the rows; the table packs {@code 2^(bits - logRows)} values a row
     * @param challengeIndex the LogUp challenge shared with the tables that look values up
     */
    public RangeTable(int bits, int logRows, int challengeIndex) {
        if (logRows < 3 || logRows > bits || bits > TraceInfo.MAX_LOG_LENGTH || bits - logRows > 6) {
            throw new IllegalArgumentException("a range table of " + bits + " bits needs 3 to " + bits
                    + " log rows with at most 64 values a row, got " + logRows);
        }
        this.bits = bits;
        this.logRows = logRows;
        this.challengeIndex = challengeIndex;
        this.logUp = new LogUpColumns(offers(BASE), 0, challengeIndex);
    }

    /** Main columns the range takes: the base and one multiplicity per value of a row. */
    int width() {
        return 1 + valuesPerRow();
    }

    int logRows() {
        return logRows;
    }

    int challengeIndex() {
        return challengeIndex;
    }

    /** The offers of a table whose range columns start at main column {@code base}. */
    List<LogUpColumns.Fraction> offers(int base) {
        List<LogUpColumns.Fraction> offered = new ArrayList<>();
        for (int j = 0; j < valuesPerRow(); j++) {
            offered.add(LogUpColumns.provide(Expr.main(base + 1 + j), Expr.main(base).plus(j)).inRelation(challengeIndex));
        }
        return offered;
    }

    /** The base column's constraints, at main column {@code base}. */
    List<Constraint> baseConstraints(int base) {
        return List.of(Constraint.assertion("range table starts at 0", base, 0, 0),
                Constraint.transition("range table counts up",
                        Expr.mainNext(base).minus(Expr.main(base)).minus(valuesPerRow())));
    }

    /** Writes the base and {@code multiplicities} ({@code 2^bits} of them) into columns {@code base..}. */
    void fill(TraceTable t, int base, long[] multiplicities) {
        if (multiplicities.length != 1 << bits) {
            throw new IllegalArgumentException("a " + bits + "-bit range table has " + (1 << bits) + " multiplicities, got "
                    + multiplicities.length);
        }
        int w = valuesPerRow();
        for (int r = 0; r < 1 << logRows; r++) {
            t.set(base, r, (long) r * w);
            for (int j = 0; j < w; j++) {
                t.set(base + 1 + j, r, multiplicities[r * w + j]);
            }
        }
    }

    /**
     * The values that range-check a limb known to fit in {@code limbBits < bits} bits against
     * this table: the limb itself and the limb scaled to the top of the table
     * ({@code limb * 2^(bits - limbBits)}); both in {@code [0, 2^bits)} is exactly
     * {@code 0 <= limb < 2^limbBits}, as {@code 2^(bits - limbBits)} times a value of
     * {@code [2^limbBits, 2^bits)} leaves the table and the field is far larger than {@code 2^(2 bits)}.
     */
    public List<Expr> shortLimb(Expr limb, int limbBits) {
        if (limbBits < 1 || limbBits >= bits) {
            throw new IllegalArgumentException("a short limb has 1 to " + (bits - 1) + " bits, got " + limbBits);
        }
        return List.of(limb, limb.times(1L << (bits - limbBits)));
    }

    public int bits() {
        return bits;
    }

    public int valuesPerRow() {
        return 1 << (bits - logRows);
    }

    @Override
    public String name() {
        return "comet/range-table/" + bits + "/" + logRows;
    }

    @Override
    public TraceInfo traceInfo() {
        return new TraceInfo(logRows, width(), logUp.auxWidth(), challengeIndex + 1);
    }

    @Override
    public List<Constraint> constraints() {
        List<Constraint> out = new ArrayList<>(baseConstraints(BASE));
        out.addAll(logUp.constraints(1 << logRows));
        return out;
    }

    @Override
    public byte[] publicInputs() {
        return new byte[0];
    }

    @Override
    public int lookupTermsPerRow() {
        return logUp.fractionsPerRow();
    }

    @Override
    public int logUpSumColumn() {
        return logUp.sumColumn();
    }

    @Override
    public long[][][] buildAuxTrace(TraceTable main, List<long[]> challenges, ExtensionField ext) {
        return logUp.auxTrace(main, RowValues.of(main), challenges, ext);
    }

    /**
     * The table's trace for the given multiplicities (how often each value is looked up).
     *
     * @param multiplicities {@code 2^bits} counts, as field elements
     */
    public TraceTable trace(long[] multiplicities) {
        TraceTable t = TraceTable.ofSize(width(), 1 << logRows);
        fill(t, BASE, multiplicities);
        return t;
    }
}
