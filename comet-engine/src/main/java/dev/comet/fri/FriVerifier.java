package dev.comet.fri;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.hash.Transcript;
import dev.comet.merkle.MerkleTree;
import dev.comet.poly.Polynomials;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The verifier's end of FRI, mirroring {@link FriProver}: replays the commit phase on the
 * transcript, then checks each query through every layer down to the remainder.
 */
public final class FriVerifier {
    private final FriOptions options;
    private final ExtensionField ext;
    private final HashFunction hash;
    private final FriFolding folding;
    private final int logDomainSize;
    private final long shift;
    private final int degreeBound;
    private final List<long[]> betas = new ArrayList<>();

    public FriVerifier(FriOptions options, ExtensionField ext, HashFunction hash, int logDomainSize, long shift,
                       int degreeBound) {
        this.options = options;
        this.ext = ext;
        this.hash = hash;
        this.folding = new FriFolding(ext, options.foldingFactor());
        this.logDomainSize = logDomainSize;
        this.shift = shift;
        this.degreeBound = degreeBound;
    }

    /** Replays the commit phase: checks the proof's shape, absorbs roots and remainder, draws the betas. */
    public void readCommitments(FriProof proof, Transcript transcript) throws FriException {
        int layers = options.numLayers(degreeBound);
        if (proof.layerRoots().size() != layers || proof.layers().size() != layers) {
            throw new FriException("FRI proof has " + proof.layerRoots().size() + " layers, expected " + layers);
        }
        int remainderBound = options.remainderDegreeBound(degreeBound);
        long[][] remainder = proof.remainder();
        if (remainder.length != ext.degree()) {
            throw new FriException("FRI remainder has the wrong extension degree");
        }
        for (long[] coordinate : remainder) {
            if (coordinate.length != remainderBound) {
                throw new FriException("FRI remainder has " + coordinate.length + " coefficients, expected " + remainderBound);
            }
        }
        betas.clear();
        for (byte[] root : proof.layerRoots()) {
            transcript.absorbDigest("fri-layer", root);
            betas.add(transcript.drawExtension("fri-beta", ext));
        }
        for (long[] coordinate : remainder) {
            transcript.absorbLongs("fri-remainder", coordinate);
        }
    }

    /**
     * Checks the queries.
     *
     * @param positions distinct layer-0 positions, ascending
     * @param values    the function's value at each position (from the DEEP composition)
     */
    public void verifyQueries(FriProof proof, int[] positions, long[][] values) throws FriException {
        // The betas come from readCommitments on this proof; without them no layer would be checked.
        if (betas.size() != options.numLayers(degreeBound) || proof.layers().size() != betas.size()) {
            throw new FriException("FRI queries checked before the commitments of this proof were read");
        }
        int k = options.foldingFactor();
        int degree = ext.degree();
        int size = 1 << logDomainSize;
        long layerShift = shift;
        int[] current = positions.clone();
        long[][] currentValues = values.clone();
        for (int layer = 0; layer < betas.size(); layer++) {
            int m = size / k;
            int[] leaves = FriProver.uniqueSorted(current, m);
            FriProof.LayerOpening opening = proof.layers().get(layer);
            int leafWidth = k * degree;
            if (opening.values().length != leaves.length * leafWidth) {
                throw new FriException("FRI layer " + layer + " opens " + opening.values().length
                        + " values, expected " + leaves.length * leafWidth);
            }
            byte[][] digests = new byte[leaves.length][];
            for (int i = 0; i < leaves.length; i++) {
                long[] leaf = Arrays.copyOfRange(opening.values(), i * leafWidth, (i + 1) * leafWidth);
                digests[i] = MerkleTree.leafDigest(hash, leaf);
            }
            if (!MerkleTree.verify(hash, proof.layerRoots().get(layer), Integer.numberOfTrailingZeros(m), leaves,
                    digests, opening.proof())) {
                throw new FriException("FRI layer " + layer + ": Merkle proof does not match the layer commitment");
            }
            for (int q = 0; q < current.length; q++) {
                int p = current[q];
                int leafPos = Arrays.binarySearch(leaves, p % m);
                int base = leafPos * leafWidth + (p / m) * degree;
                for (int d = 0; d < degree; d++) {
                    if (opening.values()[base + d] != currentValues[q][d]) {
                        throw new FriException("FRI layer " + layer + " is inconsistent with the previous layer at position " + p);
                    }
                }
            }
            long omega = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(size));
            long[][] folded = new long[leaves.length][];
            for (int i = 0; i < leaves.length; i++) {
                long x = Goldilocks.mul(layerShift, Goldilocks.pow(omega, leaves[i]));
                folded[i] = folding.fold(opening.values(), i * leafWidth, Goldilocks.inv(x), betas.get(layer));
            }
            current = leaves;
            currentValues = folded;
            size = m;
            layerShift = Goldilocks.pow(layerShift, k);
        }
        long omega = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(size));
        for (int q = 0; q < current.length; q++) {
            long x = Goldilocks.mul(layerShift, Goldilocks.pow(omega, current[q]));
            long[] expected = Polynomials.evaluate(ext, proof.remainder(), ext.fromBase(x));
            if (!Arrays.equals(expected, currentValues[q])) {
                throw new FriException("FRI remainder does not match the last layer at position " + current[q]);
            }
        }
    }

    /** A one-line reason why FRI rejected. */
    public static final class FriException extends Exception {
        public FriException(String message) {
            super(message);
        }
    }
}
