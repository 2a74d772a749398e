package dev.comet.verifier;

import dev.comet.fri.FriVerifier;
import dev.comet.hash.HashFunction;
import dev.comet.merkle.MerkleTree;
import dev.comet.proof.RoundLayout;
import dev.comet.proof.StarkProof;
import java.util.Arrays;

/** Checks one commitment round's opening, every table's rows against the round's one tree ({@link RoundLayout}). */
final class RoundCheck {
    private RoundCheck() {}

    /**
     * Checks the opening of {@code commitment} at the top-layer positions, the tables' opened rows
     * being {@code values} (per table, at {@link RoundLayout#tableRows}). Returns per table its rows
     * at its own distinct positions ({@link FriVerifier#positionsAt}), row-major.
     */
    static long[][] rows(String round, HashFunction hash, RoundLayout layout, StarkProof.Commitment commitment,
                         int[] topPositions, long[][] values) throws StarkVerifier.Rejection {
        int tables = values.length;
        long[][] out = new long[tables][];
        if (layout.isEmpty()) {
            if (!commitment.isNone() || Arrays.stream(values).anyMatch(v -> v.length != 0)) {
                throw new StarkVerifier.Rejection("proof opens a " + round + " that no table has");
            }
            Arrays.fill(out, new long[0]);
            return out;
        }
        int[] leaves = layout.leaves(topPositions);
        long[][] leafValues;
        try {
            leafValues = layout.leafValues(leaves, values);
        } catch (IllegalArgumentException e) {
            throw new StarkVerifier.Rejection(round + " opening: " + e.getMessage());
        }
        byte[][] digests = new byte[leaves.length][];
        for (int k = 0; k < leaves.length; k++) {
            digests[k] = MerkleTree.leafDigest(hash, leafValues[k]);
        }
        if (!MerkleTree.verify(hash, commitment.root(), layout.depth(), leaves, digests, commitment.opening())) {
            throw new StarkVerifier.Rejection(round + " opening does not match its commitment");
        }
        for (int i = 0; i < tables; i++) {
            int width = layout.widths()[i];
            int[] rows = layout.tableRows(i, leaves);
            int[] positions = FriVerifier.positionsAt(topPositions, layout.logLdes()[i]);
            out[i] = new long[positions.length * width];
            for (int q = 0; q < positions.length; q++) {
                int index = Arrays.binarySearch(rows, positions[q]);
                System.arraycopy(values[i], index * width, out[i], q * width, width);
            }
        }
        return out;
    }
}
