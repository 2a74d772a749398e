package dev.comet.merkle;

import dev.comet.hash.HashFunction;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A binary Merkle tree over {@code 2^depth} leaves, with batched openings.
 *
 * <p>Leaf {@code i} of a committed matrix is {@code hashLeaf(row i)}, the row being the {@code i}-th
 * element of every column in column order; an inner node is {@code hashNode(left || right)}. The
 * hash keeps the two domain-separated, so a leaf cannot pose as a node.
 *
 * <p>Nodes live in one flat array in heap order: node {@code k} (the root is 1, the children of
 * {@code k} are {@code 2k} and {@code 2k+1}, leaf {@code i} is {@code n + i}) occupies bytes
 * {@code [(k-1)*32, k*32)}. The two children of a node are therefore adjacent, which makes each
 * node hash a single call on 64 contiguous bytes. Building splits the leaves into power-of-two
 * chunks and hashes each chunk's whole subtree in one parallel task, then the few nodes above the
 * chunks on the calling thread.
 *
 * <p>A leaf may hold several consecutive rows ({@link #commit(long[][], HashFunction, int)}), so that
 * narrow matrices do not pay a hash call and a node per row.
 *
 * <p>A tree committed from columns does not store its lowest {@link #UNSTORED_LEVELS} levels
 * (the leaves and the three levels above them, fifteen sixteenths of all nodes). It keeps a
 * reference to the columns instead and recomputes the subtree of 16 leaves around each opened
 * leaf: an opening costs 16 leaf hashes, and a tree over a large low-degree extension takes
 * 1/16 of the memory. The columns must therefore not change after {@link #commit}.
 *
 * <p>Immutable once built, so it may be opened from several threads.
 */
public final class MerkleTree {
    private static final int D = HashFunction.DIGEST_BYTES;
    /** The largest depth whose {@code 2^(depth+1) - 1} nodes fit in one byte array. */
    public static final int MAX_DEPTH = 25;
    /** The largest depth {@link #verify} accepts (leaf positions {@code 2^depth + i} stay {@code int}s). */
    public static final int MAX_VERIFY_DEPTH = 30;
    /** Levels at the bottom of a tree over columns that are recomputed when opened rather than stored. */
    public static final int UNSTORED_LEVELS = 4;
    /** Roughly the hashing work per parallel task, in 8-byte words (leaf elements plus node inputs). */
    private static final int WORDS_PER_TASK = 1 << 15;

    private final HashFunction hash;
    private final int depth;
    private final int leafCount;
    /** The committed columns, read again to recompute unstored levels; null when leaves were given. */
    private final long[][] columns;
    /** Consecutive rows of {@link #columns} hashed into one leaf. */
    private final int rowsPerLeaf;
    /** Levels {@code [0, unstored)} (0 = leaves) are not in {@link #nodes}. */
    private final int unstored;
    /** The nodes of levels {@code >= unstored}: node {@code k < 2 * (leafCount >> unstored)}. */
    private final byte[] nodes;

    private MerkleTree(HashFunction hash, int depth, long[][] columns, int rowsPerLeaf, int unstored, byte[] nodes) {
        this.hash = hash;
        this.depth = depth;
        this.leafCount = 1 << depth;
        this.columns = columns;
        this.rowsPerLeaf = rowsPerLeaf;
        this.unstored = unstored;
        this.nodes = nodes;
    }

    /**
     * Commits to the rows of a matrix given by columns: leaf {@code i} is the hash of
     * {@code (columns[0][i], ..., columns[w-1][i])}. The longest column's length, a power of two
     * between 1 and {@code 2^MAX_DEPTH}, is the number of rows; a shorter column (a power of two
     * too) repeats, its row {@code i} being its value {@code i mod length}, as a low-degree
     * extension of a periodic trace column is. Values must be canonical field elements. The tree
     * keeps the columns (not a copy) to recompute its lowest levels when opened.
     */
    public static MerkleTree commit(long[][] columns, HashFunction h) {
        return commit(columns, h, 1);
    }

    /**
     * Rows per leaf for a matrix of {@code width} columns: the most rows whose elements fit in 64
     * bytes (at least one). A narrow matrix then costs one leaf hash per {@code r} rows and
     * {@code r} times fewer nodes, and an opening carries {@code r} rows instead of the
     * {@code log2 r} lowest siblings, which for such widths is no larger.
     */
    public static int rowsPerLeaf(int width) {
        return width >= MAX_ROWS_PER_LEAF ? 1 : Integer.highestOneBit(MAX_ROWS_PER_LEAF / Math.max(1, width));
    }

    /** The most rows {@link #rowsPerLeaf} puts in a leaf (a matrix of one column). */
    public static final int MAX_ROWS_PER_LEAF = 8;

    /**
     * Commits to a matrix given by columns with {@code rowsPerLeaf} consecutive rows to a leaf:
     * leaf {@code i} is the hash of rows {@code i r, ..., i r + r - 1}, each row in column order,
     * one after the other. {@code rowsPerLeaf} is a power of two dividing the number of rows; with
     * 1 this is {@link #commit(long[][], HashFunction)}.
     */
    public static MerkleTree commit(long[][] columns, HashFunction h, int rowsPerLeaf) {
        Objects.requireNonNull(columns, "columns");
        int rows = 0;
        for (int c = 0; c < columns.length; c++) {
            Objects.requireNonNull(columns[c], "column " + c);
            rows = Math.max(rows, columns[c].length);
        }
        return commit(columns, h, rowsPerLeaf, rows);
    }

    /**
     * As {@link #commit(long[][], HashFunction, int)} over {@code rows} rows, which every column
     * repeats to (when all of them are shorter, for instance the extensions of periodic columns).
     */
    public static MerkleTree commit(long[][] columns, HashFunction h, int rowsPerLeaf, int rows) {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(h, "hash");
        if (columns.length == 0) {
            throw new IllegalArgumentException("no columns to commit");
        }
        for (int c = 0; c < columns.length; c++) {
            Objects.requireNonNull(columns[c], "column " + c);
            if (columns[c].length > rows) {
                throw new IllegalArgumentException("column " + c + " has " + columns[c].length + " rows, more than " + rows);
            }
            if (columns[c].length != rows && Integer.bitCount(columns[c].length) != 1) {
                throw new IllegalArgumentException("column " + c + " has " + columns[c].length + " rows; a column shorter"
                        + " than the longest (" + rows + ") repeats, so its length must be a power of two");
            }
        }
        if (rowsPerLeaf < 1 || Integer.bitCount(rowsPerLeaf) != 1 || rowsPerLeaf > rows || rowsPerLeaf > ROWS_PER_GATHER) {
            throw new IllegalArgumentException(rowsPerLeaf + " rows per leaf do not fit " + rows + " rows");
        }
        int n = rows / rowsPerLeaf;
        int depth = depthOf(n);
        int unstored = Math.min(UNSTORED_LEVELS, depth);
        long[][] kept = columns.clone();
        byte[] nodes = new byte[nodeBytes(n >> unstored)];
        int wordsPerLeaf = columns.length * rowsPerLeaf;
        build(h, nodes, n, unstored, wordsPerLeaf + 8,
                (from, to, out, outOffset) -> hashRows(h, kept, rowsPerLeaf, from, to, out, outOffset));
        return new MerkleTree(h, depth, kept, rowsPerLeaf, unstored, nodes);
    }

    /**
     * Builds a tree whose leaf digests are given (32 bytes each, concatenated), for callers that
     * hash their leaves themselves. The number of digests must be a power of two. Such a tree
     * stores every level.
     */
    public static MerkleTree commitLeaves(byte[] leafDigests, HashFunction h) {
        Objects.requireNonNull(leafDigests, "leafDigests");
        Objects.requireNonNull(h, "hash");
        if (leafDigests.length % D != 0) {
            throw new IllegalArgumentException("leaf digest bytes " + leafDigests.length + " are not a multiple of " + D);
        }
        int n = leafDigests.length / D;
        int depth = depthOf(n);
        byte[] nodes = new byte[nodeBytes(n)];
        build(h, nodes, n, 0, 8, (from, to, out, outOffset) ->
                System.arraycopy(leafDigests, from * D, out, outOffset, (to - from) * D));
        return new MerkleTree(h, depth, null, 1, 0, nodes);
    }

    /** The leaf digest of one row, as {@link #commit} computes it. */
    public static byte[] leafDigest(HashFunction h, long[] row) {
        byte[] out = new byte[D];
        h.hashLeaf(row, row.length, out, 0);
        return out;
    }

    public byte[] root() {
        return Arrays.copyOfRange(nodes, 0, D);
    }

    public int leafCount() {
        return leafCount;
    }

    /** Consecutive rows in one leaf (1 for a tree built from leaf digests). */
    public int rowsPerLeaf() {
        return rowsPerLeaf;
    }

    /** The number of levels above the leaves; {@code leafCount() == 1 << depth()}. */
    public int depth() {
        return depth;
    }

    public HashFunction hashFunction() {
        return hash;
    }

    /** A copy of the digest of leaf {@code index}. */
    public byte[] leaf(int index) {
        Objects.checkIndex(index, leafCount);
        byte[] out = new byte[D];
        if (unstored == 0) {
            System.arraycopy(nodes, offset(leafCount + index), out, 0, D);
        } else {
            hashRows(hash, columns, rowsPerLeaf, index, index + 1, out, 0);
        }
        return out;
    }

    /**
     * Opens the given leaves together. {@code indices} may be in any order and repeat; the opening
     * depends only on the set of indices. Siblings are emitted level by level from the leaves up,
     * and within a level in increasing position; a sibling is emitted only if it is not itself an
     * opened node or computable from opened nodes.
     *
     * @throws IllegalArgumentException if {@code indices} is empty
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, leafCount())}
     */
    public BatchOpening open(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        if (indices.length == 0) {
            throw new IllegalArgumentException("nothing to open");
        }
        for (int i : indices) {
            Objects.checkIndex(i, leafCount);
        }
        int[] level = sortedUnique(indices);
        Subtrees subtrees = new Subtrees(level);
        int m = level.length;
        for (int k = 0; k < m; k++) {
            level[k] += leafCount;
        }
        byte[] siblings = new byte[(int) Math.min((long) m * depth, leafCount) * D];
        int count = 0;
        while (level[0] > 1) {
            int next = 0;
            for (int k = 0; k < m; k++) {
                int node = level[k];
                if ((node & 1) == 0 && k + 1 < m && level[k + 1] == node + 1) {
                    k++; // both children known
                } else {
                    subtrees.copyNode(node ^ 1, siblings, count * D);
                    count++;
                }
                level[next++] = node >>> 1;
            }
            m = next;
        }
        return new BatchOpening(Arrays.copyOf(siblings, count * D));
    }

    /**
     * The nodes an opening reads: stored levels from {@link #nodes}, unstored ones from the
     * recomputed subtrees of {@code 2^unstored} leaves that contain the opened leaves.
     */
    private final class Subtrees {
        private final int[] ids;
        private final byte[][] subtreeNodes;

        Subtrees(int[] sortedLeaves) {
            ids = unstored == 0 ? new int[0]
                    : sortedUnique(Arrays.stream(sortedLeaves).map(i -> i >>> unstored).toArray());
            subtreeNodes = new byte[ids.length][];
            int size = 1 << unstored;
            for (int s = 0; s < ids.length; s++) {
                byte[] local = new byte[(2 * size - 1) * D];
                hashRows(hash, columns, rowsPerLeaf, ids[s] * size, (ids[s] + 1) * size, local, offset(size));
                hashLevels(hash, local, size);
                subtreeNodes[s] = local;
            }
        }

        void copyNode(int node, byte[] out, int outOffset) {
            int level = depth - (31 - Integer.numberOfLeadingZeros(node));
            if (level >= unstored) {
                System.arraycopy(nodes, offset(node), out, outOffset, D);
                return;
            }
            int span = unstored - level; // the subtree's levels below this node's
            int position = node - (leafCount >>> level);
            int s = Arrays.binarySearch(ids, position >>> span);
            int local = (1 << span) + (position & ((1 << span) - 1));
            System.arraycopy(subtreeNodes[s], offset(local), out, outOffset, D);
        }
    }

    /**
     * Checks that the leaves with digests {@code leafDigests[k]} at positions {@code indices[k]} are
     * in the tree of the given depth with the given root. Indices may be in any order and repeat,
     * provided repeated indices carry equal digests.
     *
     * <p>Never throws: returns {@code false} on any inconsistency, including null or malformed
     * arguments, a depth outside {@code [0, MAX_VERIFY_DEPTH]}, an index out of range, digests of
     * the wrong length, too few or too many siblings, and a recomputed root that differs.
     */
    public static boolean verify(HashFunction h, byte[] root, int depth, int[] indices, byte[][] leafDigests,
            BatchOpening opening) {
        if (h == null || root == null || indices == null || leafDigests == null || opening == null) {
            return false;
        }
        if (root.length != D || depth < 0 || depth > MAX_VERIFY_DEPTH) {
            return false;
        }
        int m = indices.length;
        // The working copy holds m digests in one array, which bounds m as it bounds sibling counts.
        if (m == 0 || leafDigests.length != m || m > BatchOpening.MAX_SIBLINGS) {
            return false;
        }
        int n = 1 << depth;
        // Sort (index, k) pairs by index without boxing: index in the high half, k in the low half.
        long[] order = new long[m];
        for (int k = 0; k < m; k++) {
            int i = indices[k];
            byte[] d = leafDigests[k];
            if (i < 0 || i >= n || d == null || d.length != D) {
                return false;
            }
            order[k] = ((long) i << 32) | k;
        }
        Arrays.sort(order);
        int[] level = new int[m];
        byte[] digests = new byte[m * D];
        int unique = 0;
        for (int j = 0; j < m; j++) {
            int i = (int) (order[j] >>> 32);
            byte[] d = leafDigests[(int) order[j]];
            if (unique > 0 && level[unique - 1] == n + i) {
                if (!Arrays.equals(digests, (unique - 1) * D, unique * D, d, 0, D)) {
                    return false; // the same leaf claimed with two digests
                }
                continue;
            }
            level[unique] = n + i;
            System.arraycopy(d, 0, digests, unique * D, D);
            unique++;
        }
        m = unique;
        int available = opening.siblingCount();
        int used = 0;
        byte[] pair = new byte[2 * D];
        while (level[0] > 1) {
            int next = 0;
            for (int k = 0; k < m; k++) {
                int node = level[k];
                if ((node & 1) == 0 && k + 1 < m && level[k + 1] == node + 1) {
                    System.arraycopy(digests, k * D, pair, 0, 2 * D);
                    k++;
                } else {
                    if (used == available) {
                        return false;
                    }
                    int mine = (node & 1) * D;
                    System.arraycopy(digests, k * D, pair, mine, D);
                    opening.copySibling(used++, pair, D - mine);
                }
                h.hashNode(pair, 0, digests, next * D);
                level[next++] = node >>> 1;
            }
            m = next;
        }
        return used == available && MessageDigest.isEqual(Arrays.copyOf(digests, D), root);
    }

    private interface LeafHasher {
        /** Writes the digests of leaves {@code [from, to)}, 32 bytes each, into {@code out} from {@code outOffset}. */
        void hashLeaves(int from, int to, byte[] out, int outOffset);
    }

    /**
     * Hashes leaves {@code [from, to)} of {@code columns}, {@code r} rows each, into consecutive
     * digests. Rows are gathered a block at a time, column by column, so that each column is read
     * sequentially rather than one element per column per row; a leaf's rows are then adjacent in
     * the row-major block.
     */
    private static void hashRows(HashFunction h, long[][] columns, int r, int from, int to, byte[] out, int outOffset) {
        int width = columns.length;
        int firstRow = from * r;
        int endRow = to * r;
        int block = Math.min(endRow - firstRow, ROWS_PER_GATHER);
        long[] rows = new long[block * width];
        for (int start = firstRow; start < endRow; start += block) {
            int count = Math.min(block, endRow - start);
            for (int c = 0; c < width; c++) {
                long[] column = columns[c];
                int mask = column.length - 1; // a shorter column repeats
                for (int k = 0; k < count; k++) {
                    rows[k * width + c] = column[(start + k) & mask];
                }
            }
            for (int k = 0; k < count; k += r) {
                h.hashLeaf(rows, k * width, r * width, out, outOffset + ((start + k) / r - from) * D);
            }
        }
    }

    /** Rows gathered at once by {@link #hashRows}: a few cache lines of every column; a multiple of any rows per leaf. */
    private static final int ROWS_PER_GATHER = 32;

    /** Fills nodes {@code [1, size)} of a local heap-ordered tree whose {@code size} leaves are in place. */
    private static void hashLevels(HashFunction h, byte[] local, int size) {
        for (int k = size - 1; k >= 1; k--) {
            h.hashNode(local, offset(2 * k), local, offset(k));
        }
    }

    /**
     * Fills every stored node. Chunks of {@code 2^c >= 2^unstored} leaves are independent
     * subtrees: each task hashes its leaves (via {@code leaves}) and its subtree in a local buffer
     * and copies the levels from {@code unstored} up into {@code nodes}. The {@code chunks - 1}
     * nodes above the chunk roots are hashed afterwards on the calling thread.
     */
    private static void build(HashFunction h, byte[] nodes, int n, int unstored, int wordsPerLeaf, LeafHasher leaves) {
        int leavesPerTask = Math.min(n, Math.max(1 << unstored,
                Integer.highestOneBit(Math.max(1, WORDS_PER_TASK / wordsPerLeaf))));
        int chunks = n / leavesPerTask;
        IntStream tasks = IntStream.range(0, chunks);
        if (chunks > 1) {
            tasks = tasks.parallel();
        }
        tasks.forEach(t -> {
            int from = t * leavesPerTask;
            byte[] local = new byte[(2 * leavesPerTask - 1) * D];
            leaves.hashLeaves(from, from + leavesPerTask, local, offset(leavesPerTask));
            hashLevels(h, local, leavesPerTask);
            // Local level l holds nodes [L >> l, 2L >> l); globally they start at (n + from) >> l.
            for (int l = unstored, count = leavesPerTask >>> unstored; count >= 1; l++, count >>>= 1) {
                System.arraycopy(local, offset(count), nodes, offset((n + from) >>> l), count * D);
            }
        });
        for (int k = chunks - 1; k >= 1; k--) {
            h.hashNode(nodes, offset(2 * k), nodes, offset(k));
        }
    }

    private static int depthOf(int n) {
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("the number of leaves must be a power of two >= 1, got " + n);
        }
        int depth = Integer.numberOfTrailingZeros(n);
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("at most 2^" + MAX_DEPTH + " leaves, got 2^" + depth);
        }
        return depth;
    }

    /** Bytes of the {@code 2n - 1} nodes of a tree of {@code n} leaves; at most {@code 2^31 - 32} for {@code n <= 2^25}. */
    private static int nodeBytes(int n) {
        return (int) ((2L * n - 1) * D);
    }

    private static int offset(int node) {
        return (node - 1) * D;
    }

    private static int[] sortedUnique(int[] values) {
        int[] s = values.clone();
        Arrays.sort(s);
        int m = 0;
        for (int k = 0; k < s.length; k++) {
            if (m == 0 || s[m - 1] != s[k]) {
                s[m++] = s[k];
            }
        }
        return Arrays.copyOf(s, m);
    }
}
