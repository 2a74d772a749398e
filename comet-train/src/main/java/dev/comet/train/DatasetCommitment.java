package dev.comet.train;

import dev.comet.data.QuantizedDataset;
import dev.comet.field.Goldilocks;
import dev.comet.prover.PrecommittedSegment;
import java.util.HexFormat;

/**
 * The dataset commitment (DESIGN.md §5): a precommitted segment over the quantised data, so that
 * a data owner publishes it once and every later training proof reads it.
 *
 * <p>Layout, all columns of height {@code h = 2^ceil(log2 N)}, padding rows zero:
 * {@code x_0 .. x_{D-1}}, {@code y}, then for each of those values its two 16-bit limbs
 * {@code lo, hi} with {@code v + 2^31 = lo + 2^16 hi}. The limbs let a training AIR prove
 * {@code |v| < 2^31} by lookups; they are a function of the values, so the root still depends on
 * the quantised data alone (and the protocol constants of {@link dev.comet.proof.Precommitment}),
 * never on hyperparameters, epochs or proof options.
 */
public final class DatasetCommitment {
    /** Committed values are below {@code 2^31} in magnitude. */
    public static final int VALUE_BITS = 31;
    private static final long OFFSET = 1L << VALUE_BITS;

    private final long[][] columns;
    private final PrecommittedSegment segment;
    private final int rows;
    private final int features;

    private DatasetCommitment(long[][] columns, int rows, int features) {
        this.columns = columns;
        this.segment = PrecommittedSegment.commit(columns);
        this.rows = rows;
        this.features = features;
    }

    public static DatasetCommitment commit(QuantizedDataset data) {
        return new DatasetCommitment(columns(data), data.rows(), data.numFeatures());
    }

    /** Number of committed columns for {@code d} features. */
    public static int width(int d) {
        return 3 * (d + 1);
    }

    public static int logHeight(int rows) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, rows) - 1);
    }

    /** Column of value {@code v} (feature {@code j < D}, or {@code D} for the target). */
    public static int valueColumn(int v) {
        return v;
    }

    public static int lowLimbColumn(int d, int v) {
        return d + 1 + 2 * v;
    }

    public static int highLimbColumn(int d, int v) {
        return d + 2 + 2 * v;
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
                out[valueColumn(v)][i] = Goldilocks.fromSigned(q);
                out[lowLimbColumn(d, v)][i] = shifted & 0xFFFF;
                out[highLimbColumn(d, v)][i] = shifted >>> 16;
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

    public byte[] root() {
        return segment.root();
    }

    public String hex() {
        return HexFormat.of().formatHex(segment.root());
    }

    public int rows() {
        return rows;
    }

    public int features() {
        return features;
    }
}
