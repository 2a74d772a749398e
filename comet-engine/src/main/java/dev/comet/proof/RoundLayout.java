package dev.comet.proof;

import dev.comet.air.TraceInfo;
import dev.comet.merkle.MerkleTree;
import java.util.Arrays;
import java.util.List;

/**
 * How one commitment round (main traces, auxiliary traces or compositions) puts every table into
 * one Merkle tree over the largest table's LDE domain of {@code 2^logTop} points.
 *
 * <p>The committed matrix has the tables' columns side by side, in the set's order (a table with
 * no columns in this round adds none). Its row {@code p} holds each table's LDE row
 * {@code p mod N_i}, {@code N_i} being that table's LDE size: a smaller table's rows repeat, as a
 * shorter column of {@link MerkleTree#commit} does. That is the row a query at top position
 * {@code p} reads of table {@code i} anyway (its LDE coset is the top coset raised to
 * {@code 2^logTop / N_i}), so one path per query opens every table, instead of one path per
 * table. The leaves hold {@link MerkleTree#rowsPerLeaf} rows of the whole width.
 *
 * <p>An opening sends each table's rows once, at the distinct rows {@code mod N_i} of the opened
 * leaves ({@link #tableRows}); the verifier rebuilds every opened leaf from them
 * ({@link #leafValues}), so two opened leaves holding copies of one row hold the same copy.
 * Copies under leaves no query opens are not compared, and need not be:
 *
 * <p><b>Why one tree is as sound as one a table.</b> Read table {@code i}'s columns as words on
 * the top domain: a query at {@code p} reads row {@code p} of them and nothing else of the table.
 * The honest word is the table's LDE lifted, {@code c(X^K)} with {@code K = 2^logTop / N_i}, and
 * lifts form a code of the table's rate and relative distance (polynomials in {@code X^K}, a
 * subcode of the top domain's Reed-Solomon code of that rate) whose DEEP quotients are lifts. So
 * the table is checked as a table committed on the top domain would be: its quotient at {@code p}
 * meets FRI at {@code p mod N_i}, where FRI's commitments fix one value, and {@code p mod N_i} is
 * uniform because {@code p} is. Copies of a row that differ are no separate cheat; they put the
 * word farther from the lifted code, a distance the queries see as any other. The columns' order,
 * widths and heights follow from the shapes the transcript absorbs first, and every table
 * committed each round before that round's challenges with per-table roots too, so one root a
 * round binds what they did.
 *
 * @param widths  per table, its base-field columns in this round
 * @param logLdes per table, log2 of its LDE size (at most {@code logTop})
 * @param logTop  log2 of the largest LDE size
 */
public record RoundLayout(int[] widths, int[] logLdes, int logTop) {
    public RoundLayout {
        widths = widths.clone();
        logLdes = logLdes.clone();
        if (widths.length != logLdes.length) {
            throw new IllegalArgumentException(widths.length + " widths but " + logLdes.length + " LDE sizes");
        }
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] < 0 || logLdes[i] < 0 || logLdes[i] > logTop) {
                throw new IllegalArgumentException("table " + i + ": width " + widths[i] + ", LDE 2^" + logLdes[i]
                        + " under a top LDE of 2^" + logTop);
            }
        }
    }

    /** The three rounds of a set of tables: main traces, auxiliary traces (extension columns flattened), compositions. */
    public record Rounds(RoundLayout main, RoundLayout aux, RoundLayout composition) {}

    /** The rounds of tables of these shapes and composition widths under {@code options}. */
    public static Rounds of(List<TraceInfo> traces, int[] compositionColumns, ProofOptions options) {
        int n = traces.size();
        int degree = options.extensionDegree();
        int[] main = new int[n];
        int[] aux = new int[n];
        int[] composition = new int[n];
        int[] logLdes = new int[n];
        int logTop = 0;
        for (int i = 0; i < n; i++) {
            TraceInfo t = traces.get(i);
            main[i] = t.mainWidth();
            aux[i] = t.auxWidth() * degree;
            composition[i] = compositionColumns[i] * degree;
            logLdes[i] = t.logLength() + options.logBlowup();
            logTop = Math.max(logTop, logLdes[i]);
        }
        return new Rounds(new RoundLayout(main, logLdes, logTop), new RoundLayout(aux, logLdes, logTop),
                new RoundLayout(composition, logLdes, logTop));
    }

    /** Base-field columns of the round's matrix. */
    public int width() {
        return Arrays.stream(widths).sum();
    }

    /** Whether any table commits columns in this round. */
    public boolean isEmpty() {
        return width() == 0;
    }

    public int rowsPerLeaf() {
        return MerkleTree.rowsPerLeaf(width());
    }

    /** Levels of the round's tree above its leaves. */
    public int depth() {
        return logTop - Integer.numberOfTrailingZeros(rowsPerLeaf());
    }

    /** The leaves holding the given top positions, distinct and ascending. */
    public int[] leaves(int[] topPositions) {
        int r = rowsPerLeaf();
        return Arrays.stream(topPositions).map(p -> p / r).sorted().distinct().toArray();
    }

    /** Table {@code i}'s rows that the opened {@code leaves} hold, distinct and ascending. */
    public int[] tableRows(int i, int[] leaves) {
        int r = rowsPerLeaf();
        int mask = (1 << logLdes[i]) - 1;
        int[] rows = new int[leaves.length * r];
        for (int k = 0; k < leaves.length; k++) {
            for (int j = 0; j < r; j++) {
                rows[k * r + j] = (leaves[k] * r + j) & mask;
            }
        }
        return Arrays.stream(rows).sorted().distinct().toArray();
    }

    /**
     * The opened leaves' contents rebuilt from each table's opened rows ({@code values[i]}, at
     * {@link #tableRows}{@code (i, leaves)}, row-major), one array per leaf: its rows in order, each
     * row every table's columns in table order.
     */
    public long[][] leafValues(int[] leaves, long[][] values) {
        int r = rowsPerLeaf();
        int[][] rows = new int[widths.length][];
        for (int i = 0; i < widths.length; i++) {
            rows[i] = tableRows(i, leaves);
            if (values[i].length != rows[i].length * widths[i]) {
                throw new IllegalArgumentException("table " + i + " opens " + values[i].length + " values, expected "
                        + rows[i].length * widths[i]);
            }
        }
        int width = width();
        long[][] out = new long[leaves.length][];
        for (int k = 0; k < leaves.length; k++) {
            long[] leaf = new long[r * width];
            int at = 0;
            for (int j = 0; j < r; j++) {
                int row = leaves[k] * r + j;
                for (int i = 0; i < widths.length; i++) {
                    int index = Arrays.binarySearch(rows[i], row & ((1 << logLdes[i]) - 1));
                    System.arraycopy(values[i], index * widths[i], leaf, at, widths[i]);
                    at += widths[i];
                }
            }
            out[k] = leaf;
        }
        return out;
    }
}
