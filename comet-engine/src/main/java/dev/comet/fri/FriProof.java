package dev.comet.fri;

import dev.comet.merkle.BatchOpening;
import java.util.List;

/**
 * What the FRI prover sends: one Merkle root per committed layer, the remainder polynomial, and
 * for each layer the opened cosets with their batched Merkle proof.
 *
 * @param layerRoots one 32-byte root per committed layer
 * @param remainder  coordinate-wise coefficients {@code [degree][remainderDegreeBound]}, lowest first
 * @param layers     openings, one per committed layer
 */
public record FriProof(List<byte[]> layerRoots, long[][] remainder, List<LayerOpening> layers) {
    /** The FRI proof of a polynomial a proof does not have (no layers, no remainder). */
    public static final FriProof NONE = new FriProof(List.of(), new long[0][], List.of());

    /**
     * Opened cosets of one layer, leaves in ascending index order.
     *
     * @param values {@code leafCount * foldingFactor * degree} base elements: leaf-major, then the
     *               position in the coset, then the coordinate
     */
    public record LayerOpening(long[] values, BatchOpening proof) {}
}
