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
import java.util.Map;

/**
 * The verifier's end of FRI, mirroring {@link FriProver}: replays the commit phase on the
 * transcript, then checks each query through every layer down to the remainder, adding the
 * values of the functions that join at each layer.
 */
public final class FriVerifier {
    private final ExtensionField ext;
    private final HashFunction hash;
    private final FriLayout layout;
    private final long shift;
    private final List<long[]> betas = new ArrayList<>();

    /**
     * @param logDomainSizes log2 of every function's domain size; the largest has coset {@code shift}
     */
    public FriVerifier(FriOptions options, ExtensionField ext, HashFunction hash, long shift, int logRate,
                       int... logDomainSizes) {
        this.ext = ext;
        this.hash = hash;
        this.layout = FriLayout.of(options, logRate, logDomainSizes);
        this.shift = shift;
    }

    /** One function of degree below {@code degreeBound} on {@code shift * <w_(2^logDomainSize)>}. */
    public FriVerifier(FriOptions options, ExtensionField ext, HashFunction hash, int logDomainSize, long shift,
                       int degreeBound) {
        this(options, ext, hash, shift, logDomainSize - Integer.numberOfTrailingZeros(degreeBound), logDomainSize);
    }

    public FriLayout layout() {
        return layout;
    }

    /** Replays the commit phase: checks the proof's shape, absorbs roots and remainder, draws the betas. */
    public void readCommitments(FriProof proof, Transcript transcript) throws FriException {
        int layers = layout.numLayers();
        if (proof.layerRoots().size() != layers || proof.layers().size() != layers) {
            throw new FriException("FRI proof has " + proof.layerRoots().size() + " layers, expected " + layers);
        }
        long[][] remainder = proof.remainder();
        if (remainder.length != ext.degree()) {
            throw new FriException("FRI remainder has the wrong extension degree");
        }
        for (long[] coordinate : remainder) {
            if (coordinate.length != layout.remainderDegreeBound()) {
                throw new FriException("FRI remainder has " + coordinate.length + " coefficients, expected "
                        + layout.remainderDegreeBound());
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

    /** The positions of a domain of {@code 2^logDomain} points that top-layer positions read: distinct, ascending. */
    public static int[] positionsAt(int[] positions, int logDomain) {
        return FriProver.uniqueSorted(positions, 1 << logDomain);
    }

    /** Checks the queries of a proof over one function. */
    public void verifyQueries(FriProof proof, int[] positions, long[][] values) throws FriException {
        verifyQueries(proof, positions, Map.of(layout.logTopDomain(), values));
    }

    /**
     * Checks the queries.
     *
     * @param positions distinct top-layer positions, ascending
     * @param values    for each joining domain size (log2), the sum of its functions' values at
     *                  {@link #positionsAt} that size, in that order
     */
    public void verifyQueries(FriProof proof, int[] positions, Map<Integer, long[][]> values) throws FriException {
        // The betas come from readCommitments on this proof; without them no layer would be checked.
        if (betas.size() != layout.numLayers() || proof.layers().size() != betas.size()) {
            throw new FriException("FRI queries checked before the commitments of this proof were read");
        }
        for (int join : layout.joins()) {
            long[][] v = values.get(join);
            if (v == null || v.length != positionsAt(positions, join).length) {
                throw new FriException("FRI values missing for the functions on 2^" + join + " points");
            }
        }
        int degree = ext.degree();
        long layerShift = shift;
        int[] current = positionsAt(positions, layout.logTopDomain());
        long[][] currentValues = new long[current.length][];
        for (int q = 0; q < current.length; q++) {
            currentValues[q] = ext.zero();
        }
        for (int layer = 0; layer < betas.size(); layer++) {
            int logSize = layout.logDomains()[layer];
            join(currentValues, values, logSize);
            int k = 1 << layout.logFolds()[layer];
            int size = 1 << logSize;
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
            FriFolding folding = new FriFolding(ext, k);
            long omega = Goldilocks.rootOfUnity(logSize);
            long[][] folded = new long[leaves.length][];
            for (int i = 0; i < leaves.length; i++) {
                long x = Goldilocks.mul(layerShift, Goldilocks.pow(omega, leaves[i]));
                folded[i] = folding.fold(opening.values(), i * leafWidth, Goldilocks.inv(x), betas.get(layer));
            }
            current = leaves;
            currentValues = folded;
            layerShift = Goldilocks.pow(layerShift, k);
        }
        join(currentValues, values, layout.logFinal());
        long omega = Goldilocks.rootOfUnity(layout.logFinal());
        for (int q = 0; q < current.length; q++) {
            long x = Goldilocks.mul(layerShift, Goldilocks.pow(omega, current[q]));
            long[] expected = Polynomials.evaluate(ext, proof.remainder(), ext.fromBase(x));
            if (!Arrays.equals(expected, currentValues[q])) {
                throw new FriException("FRI remainder does not match the last layer at position " + current[q]);
            }
        }
    }

    /** Adds the values of the functions on {@code 2^logSize} points, aligned with the current positions. */
    private void join(long[][] currentValues, Map<Integer, long[][]> values, int logSize) {
        long[][] joining = values.get(logSize);
        if (joining == null) {
            return;
        }
        for (int q = 0; q < currentValues.length; q++) {
            currentValues[q] = ext.add(currentValues[q], joining[q]);
        }
    }

    /** A one-line reason why FRI rejected. */
    public static final class FriException extends Exception {
        public FriException(String message) {
            super(message);
        }
    }
}
