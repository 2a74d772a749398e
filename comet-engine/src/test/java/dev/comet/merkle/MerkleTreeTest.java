package dev.comet.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MerkleTreeTest {
    private static final HashFunction H = HashFunction.of(HashId.SHA256);

    static long[][] randomColumns(int width, int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[][] cols = new long[width][rows];
        for (long[] col : cols) {
            for (int i = 0; i < rows; i++) {
                col[i] = Goldilocks.reduce(rnd.nextLong());
            }
        }
        return cols;
    }

    static byte[] leafOf(HashFunction h, long[][] cols, int i) {
        long[] row = new long[cols.length];
        for (int c = 0; c < cols.length; c++) {
            row[c] = cols[c][i];
        }
        return MerkleTree.leafDigest(h, row);
    }

    /** The root by plain recursion, independent of the heap layout and the parallel build. */
    static byte[] referenceRoot(HashFunction h, byte[][] level) {
        while (level.length > 1) {
            byte[][] up = new byte[level.length / 2][];
            for (int k = 0; k < up.length; k++) {
                byte[] pair = new byte[64];
                System.arraycopy(level[2 * k], 0, pair, 0, 32);
                System.arraycopy(level[2 * k + 1], 0, pair, 32, 32);
                up[k] = new byte[32];
                h.hashNode(pair, 0, up[k], 0);
            }
            level = up;
        }
        return level[0];
    }

    static byte[][] leaves(HashFunction h, long[][] cols) {
        byte[][] l = new byte[cols[0].length][];
        for (int i = 0; i < l.length; i++) {
            l[i] = leafOf(h, cols, i);
        }
        return l;
    }

    static byte[][] digestsFor(MerkleTree t, int[] indices) {
        byte[][] d = new byte[indices.length][];
        for (int k = 0; k < indices.length; k++) {
            d[k] = t.leaf(indices[k]);
        }
        return d;
    }

    @ParameterizedTest
    @CsvSource({
        "SHA256, 1, 1", "SHA256, 2, 3", "SHA256, 8, 16", "SHA256, 1024, 32", "SHA256, 16384, 2",
        "BLAKE3, 1, 2", "BLAKE3, 8, 5", "BLAKE3, 1024, 32",
    })
    void rootMatchesTheDefinition(HashId id, int rows, int width) {
        HashFunction h = HashFunction.of(id);
        long[][] cols = randomColumns(width, rows, rows * 31L + width);
        MerkleTree tree = MerkleTree.commit(cols, h);
        byte[][] leaves = leaves(h, cols);
        assertArrayEquals(referenceRoot(h, leaves), tree.root());
        assertEquals(rows, tree.leafCount());
        assertEquals(Integer.numberOfTrailingZeros(rows), tree.depth());
        for (int i = 0; i < rows; i += Math.max(1, rows / 16)) {
            assertArrayEquals(leaves[i], tree.leaf(i));
        }
        byte[] flat = new byte[32 * rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(leaves[i], 0, flat, 32 * i, 32);
        }
        assertArrayEquals(tree.root(), MerkleTree.commitLeaves(flat, h).root());
    }

    @Test
    void everyElementIsBound() {
        long[][] cols = randomColumns(3, 8, 9);
        byte[] root = MerkleTree.commit(cols, H).root();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 8; i++) {
                long[][] changed = Arrays.stream(cols).map(long[]::clone).toArray(long[][]::new);
                changed[c][i] = Goldilocks.add(changed[c][i], 1);
                assertFalse(Arrays.equals(root, MerkleTree.commit(changed, H).root()), "column " + c + " row " + i);
            }
        }
        long[][] swapped = {cols[1], cols[0], cols[2]};
        assertFalse(Arrays.equals(root, MerkleTree.commit(swapped, H).root()), "column order is bound");
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "8", "1024"})
    void randomOpeningsVerify(int rows) {
        MerkleTree tree = MerkleTree.commit(randomColumns(4, rows, rows), H);
        SplittableRandom rnd = new SplittableRandom(rows + 100);
        for (int round = 0; round < 20; round++) {
            int[] idx = rnd.ints(1 + rnd.nextInt(12), 0, rows).toArray();
            BatchOpening opening = tree.open(idx);
            assertTrue(MerkleTree.verify(H, tree.root(), tree.depth(), idx, digestsFor(tree, idx), opening));
            assertTrue(opening.siblingCount() <= idx.length * tree.depth());
        }
    }

    /**
     * A tree over columns recomputes its lowest levels when opened; a tree over the same leaf
     * digests stores them all. Their roots and openings must agree byte for byte, at every depth
     * around the unstored levels and for rows wide enough that a build task holds few leaves.
     */
    @ParameterizedTest
    @CsvSource({"1, 3", "2, 3", "8, 3", "16, 3", "32, 3", "64, 7", "1024, 2", "4096, 1", "64, 4100"})
    void openingsEqualThoseOfAFullyStoredTree(int rows, int width) {
        long[][] cols = randomColumns(width, rows, rows * 7L + width);
        MerkleTree tree = MerkleTree.commit(cols, H);
        byte[][] leaves = leaves(H, cols);
        byte[] flat = new byte[32 * rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(leaves[i], 0, flat, 32 * i, 32);
        }
        MerkleTree full = MerkleTree.commitLeaves(flat, H);
        assertArrayEquals(full.root(), tree.root());
        SplittableRandom rnd = new SplittableRandom(rows + width);
        for (int round = 0; round < 30; round++) {
            int[] idx = rnd.ints(1 + rnd.nextInt(Math.min(rows, 40)), 0, rows).toArray();
            assertEquals(full.open(idx), tree.open(idx), "opening of " + Arrays.toString(idx));
            assertTrue(MerkleTree.verify(H, tree.root(), tree.depth(), idx, digestsFor(tree, idx), tree.open(idx)));
        }
        for (int i = 0; i < rows; i += Math.max(1, rows / 64)) {
            assertArrayEquals(leaves[i], tree.leaf(i));
        }
    }

    /** Several rows to a leaf: leaf {@code i} hashes rows {@code i r .. i r + r - 1} one after the other. */
    @ParameterizedTest
    @CsvSource({"1, 2, 64", "2, 3, 64", "4, 1, 256", "8, 1, 8", "8, 1, 1024", "2, 4, 32"})
    void severalRowsToALeaf(int r, int width, int rows) {
        long[][] cols = randomColumns(width, rows, r * 100L + width);
        MerkleTree tree = MerkleTree.commit(cols, H, r);
        assertEquals(rows / r, tree.leafCount());
        byte[] flat = new byte[32 * (rows / r)];
        for (int leaf = 0; leaf < rows / r; leaf++) {
            long[] elements = new long[r * width];
            for (int k = 0; k < r; k++) {
                for (int c = 0; c < width; c++) {
                    elements[k * width + c] = cols[c][leaf * r + k];
                }
            }
            System.arraycopy(MerkleTree.leafDigest(H, elements), 0, flat, 32 * leaf, 32);
        }
        MerkleTree full = MerkleTree.commitLeaves(flat, H);
        assertArrayEquals(full.root(), tree.root());
        SplittableRandom rnd = new SplittableRandom(r + width + rows);
        for (int round = 0; round < 20; round++) {
            int[] idx = rnd.ints(1 + rnd.nextInt(Math.min(tree.leafCount(), 20)), 0, tree.leafCount()).toArray();
            assertEquals(full.open(idx), tree.open(idx));
        }
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.commit(cols, H, 3));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.commit(cols, H, 2 * rows));
    }

    @Test
    void rowsPerLeafFillSixtyFourBytes() {
        assertEquals(8, MerkleTree.rowsPerLeaf(1));
        assertEquals(4, MerkleTree.rowsPerLeaf(2));
        assertEquals(2, MerkleTree.rowsPerLeaf(3));
        assertEquals(2, MerkleTree.rowsPerLeaf(4));
        assertEquals(1, MerkleTree.rowsPerLeaf(5));
        assertEquals(1, MerkleTree.rowsPerLeaf(8));
        assertEquals(1, MerkleTree.rowsPerLeaf(56));
    }

    @Test
    void openingSharesSiblings() {
        MerkleTree tree = MerkleTree.commit(randomColumns(2, 8, 1), H);
        assertEquals(3, tree.open(new int[] {0}).siblingCount());
        assertEquals(2, tree.open(new int[] {0, 1}).siblingCount(), "leaves 0 and 1 need no leaf-level sibling");
        assertEquals(1, tree.open(new int[] {0, 1, 2, 3}).siblingCount());
        assertEquals(0, tree.open(new int[] {0, 1, 2, 3, 4, 5, 6, 7}).siblingCount());
        assertEquals(4, tree.open(new int[] {0, 7}).siblingCount());
        assertEquals(3, tree.open(new int[] {0, 2}).siblingCount());
        assertEquals(0, MerkleTree.commit(randomColumns(1, 1, 1), H).open(new int[] {0}).siblingCount());
    }

    @Test
    void openingIsCanonical() {
        MerkleTree tree = MerkleTree.commit(randomColumns(2, 8, 2), H);
        assertEquals(tree.open(new int[] {1, 0}), tree.open(new int[] {0, 1, 1, 0, 0}));
        assertEquals(tree.open(new int[] {6, 3}), tree.open(new int[] {3, 6}));
        // Leaf 3: its sibling leaf 2, then node (0,1), then the right half, bottom up.
        BatchOpening o = tree.open(new int[] {3});
        byte[][] l = new byte[8][];
        for (int i = 0; i < 8; i++) {
            l[i] = tree.leaf(i);
        }
        assertArrayEquals(l[2], o.sibling(0));
        assertArrayEquals(referenceRoot(H, new byte[][] {l[0], l[1]}), o.sibling(1));
        assertArrayEquals(referenceRoot(H, Arrays.copyOfRange(l, 4, 8)), o.sibling(2));
    }

    @ParameterizedTest
    @EnumSource(HashId.class)
    void anyTamperingFails(HashId id) {
        HashFunction h = HashFunction.of(id);
        MerkleTree tree = MerkleTree.commit(randomColumns(3, 64, 5), h);
        int[] idx = {5, 40, 41, 17, 5};
        byte[][] digests = digestsFor(tree, idx);
        byte[] root = tree.root();
        BatchOpening opening = tree.open(idx);
        int depth = tree.depth();
        assertTrue(MerkleTree.verify(h, root, depth, idx, digests, opening));

        byte[] sib = opening.siblings();
        for (int pos = 0; pos < sib.length; pos++) {
            byte[] bad = sib.clone();
            bad[pos] ^= (byte) (1 << (pos % 8));
            assertFalse(MerkleTree.verify(h, root, depth, idx, digests, new BatchOpening(bad)), "sibling byte " + pos);
        }
        for (int k = 0; k < idx.length; k++) {
            for (int b = 0; b < 32; b += 7) {
                byte[][] bad = Arrays.stream(digests).map(byte[]::clone).toArray(byte[][]::new);
                bad[k][b] ^= 1;
                assertFalse(MerkleTree.verify(h, root, depth, idx, bad, opening), "leaf " + k + " byte " + b);
            }
            for (int other : new int[] {idx[k] ^ 1, idx[k] ^ 8, (idx[k] + 1) % 64}) {
                int[] badIdx = idx.clone();
                badIdx[k] = other;
                assertFalse(MerkleTree.verify(h, root, depth, badIdx, digests, opening), "index " + k + " -> " + other);
            }
        }
        for (int b = 0; b < 32; b++) {
            byte[] badRoot = root.clone();
            badRoot[b] ^= (byte) 0x80;
            assertFalse(MerkleTree.verify(h, badRoot, depth, idx, digests, opening), "root byte " + b);
        }
        assertFalse(MerkleTree.verify(h, root, depth - 1, idx, digests, opening));
        assertFalse(MerkleTree.verify(h, root, depth + 1, idx, digests, opening));
        assertFalse(MerkleTree.verify(HashFunction.of(id == HashId.SHA256 ? HashId.BLAKE3 : HashId.SHA256),
                root, depth, idx, digests, opening), "other hash");
    }

    @Test
    void malformedInputsReturnFalse() {
        MerkleTree tree = MerkleTree.commit(randomColumns(2, 16, 6), H);
        int[] idx = {3, 9};
        byte[][] d = digestsFor(tree, idx);
        byte[] root = tree.root();
        BatchOpening o = tree.open(idx);
        int depth = tree.depth();
        byte[] sib = o.siblings();
        assertTrue(MerkleTree.verify(H, root, depth, idx, d, o));

        assertFalse(MerkleTree.verify(H, root, depth, idx, d, new BatchOpening(Arrays.copyOf(sib, sib.length + 32))), "extra sibling");
        assertFalse(MerkleTree.verify(H, root, depth, idx, d, new BatchOpening(Arrays.copyOf(sib, sib.length - 32))), "missing sibling");
        assertFalse(MerkleTree.verify(H, root, depth, idx, d, new BatchOpening(new byte[0])));
        assertFalse(MerkleTree.verify(H, root, depth, new int[] {3, 16}, d, o), "index out of range");
        assertFalse(MerkleTree.verify(H, root, depth, new int[] {-1, 9}, d, o), "negative index");
        assertFalse(MerkleTree.verify(H, root, depth, new int[] {3}, d, o), "count mismatch");
        assertFalse(MerkleTree.verify(H, root, depth, new int[0], new byte[0][], new BatchOpening(new byte[0])), "nothing opened");
        assertFalse(MerkleTree.verify(H, root, depth, idx, new byte[][] {d[0], Arrays.copyOf(d[1], 31)}, o), "short digest");
        assertFalse(MerkleTree.verify(H, root, depth, idx, new byte[][] {d[0], null}, o));
        assertFalse(MerkleTree.verify(H, Arrays.copyOf(root, 31), depth, idx, d, o), "short root");
        assertFalse(MerkleTree.verify(H, root, -1, idx, d, o));
        assertFalse(MerkleTree.verify(H, root, 31, idx, d, o));
        assertFalse(MerkleTree.verify(H, root, 64, idx, d, o));
        assertFalse(MerkleTree.verify(null, root, depth, idx, d, o));
        assertFalse(MerkleTree.verify(H, null, depth, idx, d, o));
        assertFalse(MerkleTree.verify(H, root, depth, null, d, o));
        assertFalse(MerkleTree.verify(H, root, depth, idx, null, o));
        assertFalse(MerkleTree.verify(H, root, depth, idx, d, null));

        int[] dup = {9, 3, 9};
        assertTrue(MerkleTree.verify(H, root, depth, dup, new byte[][] {d[1], d[0], d[1]}, o), "consistent duplicates");
        assertFalse(MerkleTree.verify(H, root, depth, dup, new byte[][] {d[1], d[0], d[0]}, o), "inconsistent duplicates");
    }

    @Test
    void openingRoundTripsThroughDataStreams() throws IOException {
        MerkleTree tree = MerkleTree.commit(randomColumns(2, 256, 7), H);
        BatchOpening o = tree.open(new int[] {1, 100, 200, 201});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        o.writeTo(new DataOutputStream(bytes));
        byte[] enc = bytes.toByteArray();
        assertEquals(4 + 32 * o.siblingCount(), enc.length);
        assertEquals(o, BatchOpening.readFrom(new DataInputStream(new ByteArrayInputStream(enc)), o.siblingCount()));

        assertThrows(IOException.class, () -> BatchOpening.readFrom(in(enc), o.siblingCount() - 1), "count above the bound");
        assertThrows(EOFException.class, () -> BatchOpening.readFrom(in(Arrays.copyOf(enc, enc.length - 1)), 100), "truncated");
        byte[] negative = enc.clone();
        negative[0] = (byte) 0x80;
        assertThrows(IOException.class, () -> BatchOpening.readFrom(in(negative), 100));
        byte[] huge = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThrows(IOException.class, () -> BatchOpening.readFrom(in(huge), 1000), "hostile count is rejected before allocating");
    }

    @Test
    void batchOpeningIsImmutableAndComparesByContent() {
        byte[] raw = new byte[64];
        raw[5] = 9;
        BatchOpening o = new BatchOpening(raw);
        raw[5] = 10;
        assertEquals(9, o.siblings()[5]);
        o.siblings()[5] = 11;
        assertEquals(9, o.sibling(0)[5]);
        assertEquals(o, new BatchOpening(o.siblings()));
        assertEquals(o.hashCode(), new BatchOpening(o.siblings()).hashCode());
        assertNotEquals(o, new BatchOpening(new byte[64]));
        assertThrows(IllegalArgumentException.class, () -> new BatchOpening(new byte[33]));
    }

    /** A shorter column repeats: the tree is the tree of the column written out in full, openings included. */
    @Test
    void aShortColumnCommitsAsItsRepetition() {
        for (int rowsPerLeaf : new int[] {1, 2, 8}) {
            long[][] full = randomColumns(3, 64, 5);
            long[][] compact = {full[0], Arrays.copyOf(full[1], 4), Arrays.copyOf(full[2], 1)};
            for (int i = 0; i < 64; i++) {
                full[1][i] = compact[1][i % 4];
                full[2][i] = compact[2][0];
            }
            MerkleTree a = MerkleTree.commit(full, H, rowsPerLeaf);
            MerkleTree b = MerkleTree.commit(compact, H, rowsPerLeaf);
            assertArrayEquals(a.root(), b.root());
            int[] leaves = {0, 3, 64 / rowsPerLeaf - 1};
            assertEquals(a.open(leaves), b.open(leaves));
            long[][] allShort = {Arrays.copyOf(full[1], 4), Arrays.copyOf(full[2], 1)};
            long[][] allFull = {full[1], full[2]};
            assertArrayEquals(MerkleTree.commit(allFull, H, rowsPerLeaf).root(),
                    MerkleTree.commit(allShort, H, rowsPerLeaf, 64).root(), "all columns shorter than the rows");
        }
    }

    @Test
    void commitRejectsBadShapes() {
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.commit(new long[0][], H));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.commit(new long[][] {new long[3]}, H));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.commit(new long[][] {new long[0]}, H));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.commit(new long[][] {new long[4], new long[3]}, H));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.commit(new long[][] {new long[8]}, H, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.commitLeaves(new byte[96], H));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.commitLeaves(new byte[40], H));
        MerkleTree tree = MerkleTree.commit(randomColumns(1, 4, 1), H);
        assertThrows(IllegalArgumentException.class, () -> tree.open(new int[0]));
        assertThrows(IndexOutOfBoundsException.class, () -> tree.open(new int[] {4}));
        assertThrows(IndexOutOfBoundsException.class, () -> tree.open(new int[] {-1}));
    }

    private static DataInputStream in(byte[] b) {
        return new DataInputStream(new ByteArrayInputStream(b));
    }
}
