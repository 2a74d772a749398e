package dev.comet.prover;

import dev.comet.hash.HashFunction;
import dev.comet.merkle.MerkleTree;
import dev.comet.proof.RoundLayout;
import dev.comet.proof.StarkProof;
import java.util.Arrays;
import java.util.List;

/**
 * One commitment round of every table at once: a Merkle tree over the tables' LDE columns side
 * by side, a smaller table's rows repeating up to the largest LDE ({@link RoundLayout}).
 */
final class RoundCommitment {
    private final RoundLayout layout;
    private final List<long[][]> tables;
    private final MerkleTree tree;

    private RoundCommitment(RoundLayout layout, List<long[][]> tables, MerkleTree tree) {
        this.layout = layout;
        this.tables = tables;
        this.tree = tree;
    }

    /**
     * Commits each table's LDE columns of this round ({@code tables}, in the set's order; empty
     * arrays for none). A round in which no table has columns has no tree and opens to
     * {@link StarkProof.Commitment#NONE}.
     */
    static RoundCommitment commit(RoundLayout layout, List<long[][]> tables, HashFunction hash) {
        if (layout.isEmpty()) {
            return new RoundCommitment(layout, tables, null);
        }
        long[][] columns = tables.stream().flatMap(Arrays::stream).toArray(long[][]::new);
        if (columns.length != layout.width()) {
            throw new IllegalStateException("round has " + columns.length + " columns, its layout " + layout.width());
        }
        return new RoundCommitment(layout, tables, MerkleTree.commit(columns, hash, layout.rowsPerLeaf(),
                1 << layout.logTop()));
    }

    /** The root, empty for a round without columns. */
    byte[] root() {
        return tree == null ? new byte[0] : tree.root();
    }

    /** The opening at the top-layer query positions: the Merkle opening and each table's rows. */
    Opened open(int[] topPositions) {
        long[][] values = new long[tables.size()][];
        if (tree == null) {
            Arrays.fill(values, new long[0]);
            return new Opened(StarkProof.Commitment.NONE, values);
        }
        int[] leaves = layout.leaves(topPositions);
        for (int i = 0; i < values.length; i++) {
            values[i] = LdeRows.at(tables.get(i), layout.tableRows(i, leaves));
        }
        return new Opened(new StarkProof.Commitment(tree.root(), tree.open(leaves)), values);
    }

    /** A round's opening: the commitment with its siblings, and per table its opened rows. */
    record Opened(StarkProof.Commitment commitment, long[][] values) {}
}
