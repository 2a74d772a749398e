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
 * chunks and hashes each chunk's whole subtree in one parallel task (reusing one row buffer per
 * chunk), then the few nodes above the chunks on the calling thread.
 *
 * <p>Immutable once built, so it may be opened from several threads.
 */
public final class MerkleTree {
    private static final int D = HashFunction.DIGEST_BYTES;
    /** The largest depth whose {@code 2^(depth+1) - 1} nodes fit in one byte array. */
    public static final int MAX_DEPTH = 25;
    /** The largest depth {@link #verify} accepts (leaf positions {@code 2^depth + i} stay {@code int}s). */
    public static final int MAX_VERIFY_DEPTH = 30;
    /** Roughly the hashing work per parallel task, in 8-byte words (leaf elements plus node inputs). */
    private static final int WORDS_PER_TASK = 1 << 15;

    private final HashFunction hash;
    private final int depth;
    private final int leafCount;
    private final byte[] nodes;

    private MerkleTree(HashFunction hash, int depth, byte[] nodes) {
        this.hash = hash;
        this.depth = depth;
        this.leafCount = 1 << depth;
        this.nodes = nodes;
    }

    /**
     * Commits to the rows of a matrix given by columns: leaf {@code i} is the hash of
     * {@code (columns[0][i], ..., columns[w-1][i])}. All columns must have the same length, a power
     * of two between 1 and {@code 2^MAX_DEPTH}, and hold canonical field elements.
     */
    public static MerkleTree commit(long[][] columns, HashFunction h) {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(h, "hash");
        if (columns.length == 0) {
            throw new IllegalArgumentException("no columns to commit");
        }
        int n = columns[0].length;
        for (int c = 0; c < columns.length; c++) {
            Objects.requireNonNull(columns[c], "column " + c);
            if (columns[c].length != n) {
                throw new IllegalArgumentException("column " + c + " has " + columns[c].length + " rows, column 0 has " + n);
            }
        }
        int depth = depthOf(n);
        int width = columns.length;
        byte[] nodes = new byte[nodeBytes(n)];
        build(h, nodes, n, width + 8, (from, to) -> {
            long[] row = new long[width];
            for (int i = from; i < to; i++) {
                for (int c = 0; c < width; c++) {
                    row[c] = columns[c][i];
                }
                h.hashLeaf(row, width, nodes, offset(n + i));
            }
        });
        return new MerkleTree(h, depth, nodes);
    }

    /**
     * Builds a tree whose leaf digests are given (32 bytes each, concatenated), for callers that
     * hash their leaves themselves. The number of digests must be a power of two.
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
        System.arraycopy(leafDigests, 0, nodes, offset(n), leafDigests.length);
        build(h, nodes, n, 8, (from, to) -> {});
        return new MerkleTree(h, depth, nodes);
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
        int off = offset(leafCount + index);
        return Arrays.copyOfRange(nodes, off, off + D);
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
                    System.arraycopy(nodes, offset(node ^ 1), siblings, count * D, D);
                    count++;
                }
                level[next++] = node >>> 1;
            }
            m = next;
        }
        return new BatchOpening(Arrays.copyOf(siblings, count * D));
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
        /** Writes the digests of leaves {@code [from, to)} into their node slots. */
        void hashLeaves(int from, int to);
    }

    /**
     * Fills every inner node. Chunks of {@code 2^c} leaves are independent subtrees: each task
     * hashes its leaves (via {@code leaves}) and then its subtree level by level. The
     * {@code chunks - 1} nodes above the chunk roots are hashed afterwards on the calling thread.
     */
    private static void build(HashFunction h, byte[] nodes, int n, int wordsPerLeaf, LeafHasher leaves) {
        int leavesPerTask = Math.min(n, Integer.highestOneBit(Math.max(1, WORDS_PER_TASK / wordsPerLeaf)));
        int chunks = n / leavesPerTask;
        IntStream tasks = IntStream.range(0, chunks);
        if (chunks > 1) {
            tasks = tasks.parallel();
        }
        tasks.forEach(t -> {
            int from = t * leavesPerTask;
            leaves.hashLeaves(from, from + leavesPerTask);
            // Level by level inside the chunk: nodes [first, first + count) from their children.
            for (int count = leavesPerTask >>> 1, first = (n + from) >>> 1; count >= 1; count >>>= 1, first >>>= 1) {
                for (int k = first; k < first + count; k++) {
                    h.hashNode(nodes, offset(2 * k), nodes, offset(k));
                }
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

    /** Bytes of the {@code 2n - 1} nodes; at most {@code 2^31 - 32} for {@code n <= 2^25}. */
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
