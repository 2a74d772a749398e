package dev.comet.train;

import dev.comet.air.Expr;
import dev.comet.data.ClassLabels;
import dev.comet.data.QuantizedDataset;
import dev.comet.field.Goldilocks;
import dev.comet.prover.PrecommittedSegment;
import java.util.HexFormat;
import java.util.List;

/**
 * The dataset commitment (DESIGN.md §5): a precommitted segment over the quantised data, so that
 * a data owner publishes it once and every later training proof reads it.
 *
 * <p>Layout, all columns of height {@code h = 2^ceil(log2 N)}, padding rows holding the value 0:
 * for each value {@code v} of a row ({@code x_0 .. x_{D-1}}, then {@code y}) two columns,
 * {@code lo, hi} with {@code u = v + 2^31 = lo + 2^16 hi}. The value itself is the expression
 * {@code lo + 2^16 hi - 2^31} ({@link #value}). Range-checked 16-bit limbs put {@code u} in
 * {@code [0, 2^32)}, and an inverse witness of {@code u} in the training proof's dataset-bounds
 * table shows {@code u != 0}, so a training AIR proves the strict bound {@code |v| < 2^31} of
 * docs/TRAINING.md. (Scheme 2 committed that inverse too, a third column opened at every data
 * query; a witness in the bounds table is opened at the trace's fewer queries and binds as
 * well, since the table's constraint fixes it.) The limbs are functions of the values, so the
 * root still depends on the quantised data alone (and the protocol constants of
 * {@link dev.comet.proof.Precommitment}), never on hyperparameters, epochs or proof options.
 *
 * <p>The published commitment is {@link #digest}: SHA-256 over a domain tag, that root, the row
 * count, the scale and the column names, and for a class target its classes in index order
 * (tag {@code comet-dataset/3}; a numeric target's digest keeps tag {@code comet-dataset/2}), so
 * that one 32-byte value fixes the table, its shape and what its columns mean: the committed
 * table holds class indices, and the same indices under other labels are other data. A statement
 * about a prefix of the rows, with renamed columns or relabelled classes has another digest.
 */
public final class DatasetCommitment {
    /** Committed values are below {@code 2^31} in magnitude. */
    public static final int VALUE_BITS = FixedPointStep.DATA_BITS;
    private static final long OFFSET = 1L << VALUE_BITS;

    private final long[][] columns;
    private final PrecommittedSegment segment;
    private final int rows;
    private final int fractionBits;
    private final List<String> featureNames;
    private final String targetName;

    private DatasetCommitment(long[][] columns, QuantizedDataset data) {
        this.columns = columns;
        this.segment = PrecommittedSegment.commit(columns);
        this.rows = data.rows();
        this.fractionBits = data.fractionBits();
        this.featureNames = data.featureNames();
        this.targetName = data.targetName();
    }

    public static DatasetCommitment commit(QuantizedDataset data) {
        return new DatasetCommitment(columns(data), data);
    }

    /**
     * A commitment to a table that need not be {@link #columns(QuantizedDataset)} of any dataset,
     * for tests of what a dishonest committer can prove; {@code shape} gives rows and names.
     */
    static DatasetCommitment ofTable(long[][] table, QuantizedDataset shape) {
        return new DatasetCommitment(table, shape);
    }

    /** Number of committed columns for {@code d} features. */
    public static int width(int d) {
        return 2 * (d + 1);
    }

    /** Published scheme name; bump it whenever the table layout or its encoding changes. */
    public static final String SCHEME = "comet-precommitted/3: 16-bit limbs of v + 2^31, "
            + "LDE x16 on 7^(2^32) cosets, SHA-256";

    public static int logHeight(int rows) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, rows) - 1);
    }

    public static int lowLimbColumn(int v) {
        return 2 * v;
    }

    public static int highLimbColumn(int v) {
        return 2 * v + 1;
    }

    /** Value {@code v} of the current row (feature {@code v < D}, or {@code D} for the target). */
    public static Expr value(int v) {
        return shiftedValue(v).minus(OFFSET);
    }

    /** {@code v + 2^31} of the current row, from its limbs. */
    public static Expr shiftedValue(int v) {
        return Expr.precommitted(lowLimbColumn(v)).plus(Expr.precommitted(highLimbColumn(v)).times(1L << 16));
    }

    static long[][] columns(QuantizedDataset data) {
        int d = data.numFeatures();
        int h = 1 << logHeight(data.rows());
        long[][] out = new long[width(d)][h];
        for (int v = 0; v <= d; v++) {
            long[] values = v < d ? data.features()[v] : data.targets();
            for (int i = 0; i < h; i++) {
                long q = i < data.rows() ? values[i] : 0;
                if (q <= -OFFSET || q >= OFFSET) {
                    throw new IllegalArgumentException("value " + q + " in row " + (i + 1) + " exceeds the committed bound 2^31");
                }
                long shifted = q + OFFSET;
                out[lowLimbColumn(v)][i] = shifted & 0xFFFF;
                out[highLimbColumn(v)][i] = shifted >>> 16;
            }
        }
        return out;
    }

    /** The committed columns (package-private: the prover's AIR reads them to build its lookups). */
    long[][] columns() {
        return columns;
    }

    public PrecommittedSegment segment() {
        return segment;
    }

    /** Merkle root of the committed table: what a training proof reads (see {@link #hex} for the published value). */
    public byte[] root() {
        return segment.root();
    }

    /** The published commitment (hex) of data with a numeric target: binds the table's root, shape, scale and names. */
    public String hex() {
        return hex(ClassLabels.NONE);
    }

    /** The published commitment (hex) of this data with a class target of {@code classes} (none: a numeric target). */
    public String hex(ClassLabels classes) {
        return HexFormat.of().formatHex(digest(segment.root(), rows, fractionBits, featureNames, targetName, classes));
    }

    public static byte[] digest(byte[] tableRoot, int rows, int fractionBits, List<String> featureNames,
                                String targetName, ClassLabels classes) {
        try (java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
             java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF(classes.isEmpty() ? "comet-dataset/2" : "comet-dataset/3");
            out.write(tableRoot);
            out.writeInt(rows);
            out.writeInt(fractionBits);
            out.writeInt(featureNames.size());
            for (String name : featureNames) {
                out.writeUTF(name);
            }
            out.writeUTF(targetName);
            if (!classes.isEmpty()) {
                out.writeInt(classes.count());
                for (String label : classes.labels()) {
                    out.writeUTF(label);
                }
            }
            out.flush();
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public int rows() {
        return rows;
    }

    public int features() {
        return featureNames.size();
    }
}
