package dev.comet.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class MerkleOpeningProperties {
    private static final HashFunction H = HashFunction.of(HashId.SHA256);

    /**
     * For random trees and index sets: the opening verifies, has exactly the minimal number of
     * siblings (counted independently with sets of heap positions), and a flipped bit anywhere in it
     * or in a leaf digest makes verification fail.
     */
    @Property(tries = 200)
    void openingsVerifyAreMinimalAndTamperEvident(
            @ForAll @IntRange(min = 0, max = 8) int depth,
            @ForAll @Size(min = 1, max = 24) List<@IntRange(min = 0, max = 1 << 20) Integer> rawIndices,
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int flip) {
        int n = 1 << depth;
        MerkleTree tree = MerkleTree.commit(MerkleTreeTest.randomColumns(2, n, seed), H);
        int[] idx = rawIndices.stream().mapToInt(i -> i % n).toArray();
        byte[][] digests = MerkleTreeTest.digestsFor(tree, idx);
        BatchOpening opening = tree.open(idx);

        assertTrue(MerkleTree.verify(H, tree.root(), depth, idx, digests, opening));
        assertEquals(minimalSiblingCount(n, idx), opening.siblingCount());

        if (opening.siblingCount() > 0) {
            byte[] sib = opening.siblings();
            int pos = flip % sib.length;
            sib[pos] ^= (byte) (1 << (flip % 8));
            assertFalse(MerkleTree.verify(H, tree.root(), depth, idx, digests, new BatchOpening(sib)));
        }
        int k = flip % idx.length;
        digests[k] = digests[k].clone();
        digests[k][flip % 32] ^= 1;
        assertFalse(MerkleTree.verify(H, tree.root(), depth, idx, digests, opening));
    }

    /** Siblings of known nodes that are not known themselves; known = opened leaves and their ancestors. */
    private static int minimalSiblingCount(int n, int[] idx) {
        Set<Integer> known = new HashSet<>();
        for (int i : idx) {
            for (int v = n + i; v >= 1; v >>>= 1) {
                known.add(v);
            }
        }
        Set<Integer> needed = new HashSet<>();
        for (int v : known) {
            if (v > 1 && !known.contains(v ^ 1)) {
                needed.add(v ^ 1);
            }
        }
        return needed.size();
    }
}
