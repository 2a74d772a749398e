package dev.comet.fri;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.hash.Transcript;
import dev.comet.merkle.MerkleTree;
import dev.comet.poly.Ntt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * FRI commit and query phases for an extension-valued function given by its evaluations on the
 * coset {@code shift * <w_N>}, claimed to have degree below {@code degreeBound}.
 *
 * <p>Layer {@code l} lives on {@code shift^(k^l) * <w_(N/k^l)>}; its Merkle leaf {@code j} holds
 * the {@code k} evaluations at positions {@code j, j + N_l/k, ..., j + (k-1) N_l/k}, which are
 * exactly the points that fold into position {@code j} of the next layer. The last layer is not
 * committed: its coefficients (the remainder) go into the proof.
 */
public final class FriProver {
    private final FriOptions options;
    private final ExtensionField ext;
    private final HashFunction hash;
    private final FriFolding folding;

    public FriProver(FriOptions options, ExtensionField ext, HashFunction hash) {
        this.options = options;
        this.ext = ext;
        this.hash = hash;
        this.folding = new FriFolding(ext, options.foldingFactor());
    }

    /** The prover's state after the commit phase, from which query openings are made. */
    public final class Commitment {
        private final List<MerkleTree> trees;
        private final List<long[][]> layerLeaves;
        private final long[][] remainder;
        private final int logDomainSize;

        private Commitment(List<MerkleTree> trees, List<long[][]> layerLeaves, long[][] remainder, int logDomainSize) {
            this.trees = trees;
            this.layerLeaves = layerLeaves;
            this.remainder = remainder;
            this.logDomainSize = logDomainSize;
        }

        /** Opens every layer at the cosets the given layer-0 positions fall into. */
        public FriProof open(int[] positions) {
            int k = options.foldingFactor();
            int degree = ext.degree();
            List<FriProof.LayerOpening> openings = new ArrayList<>();
            List<byte[]> roots = new ArrayList<>();
            int domainSize = 1 << logDomainSize;
            for (int layer = 0; layer < trees.size(); layer++) {
                int m = domainSize / k;
                int[] leaves = uniqueSorted(positions, m);
                long[][] columns = layerLeaves.get(layer);
                long[] values = new long[leaves.length * k * degree];
                int w = 0;
                for (int leaf : leaves) {
                    for (long[] column : columns) {
                        values[w++] = column[leaf];
                    }
                }
                openings.add(new FriProof.LayerOpening(values, trees.get(layer).open(leaves)));
                roots.add(trees.get(layer).root());
                domainSize = m;
            }
            long[][] rem = new long[degree][];
            for (int d = 0; d < degree; d++) {
                rem[d] = remainder[d].clone();
            }
            return new FriProof(roots, rem, openings);
        }
    }

    /**
     * Commit phase: absorbs each layer root and draws that layer's folding challenge, then absorbs
     * the remainder.
     *
     * @param evaluations coordinate-wise {@code [degree][N]}, N a power of two
     */
    public Commitment commit(long[][] evaluations, long shift, int degreeBound, Transcript transcript) {
        int k = options.foldingFactor();
        int degree = ext.degree();
        int numLayers = options.numLayers(degreeBound);
        long[][] current = evaluations;
        int size = current[0].length;
        int logSize = Integer.numberOfTrailingZeros(size);
        long layerShift = shift;
        List<MerkleTree> trees = new ArrayList<>();
        List<long[][]> leaves = new ArrayList<>();
        for (int layer = 0; layer < numLayers; layer++) {
            int m = size / k;
            long[][] columns = new long[k * degree][];
            for (int t = 0; t < k; t++) {
                for (int d = 0; d < degree; d++) {
                    columns[t * degree + d] = Arrays.copyOfRange(current[d], t * m, (t + 1) * m);
                }
            }
            MerkleTree tree = MerkleTree.commit(columns, hash);
            transcript.absorbDigest("fri-layer", tree.root());
            long[] beta = transcript.drawExtension("fri-beta", ext);
            trees.add(tree);
            leaves.add(columns);
            current = foldLayer(columns, m, size, layerShift, beta);
            size = m;
            layerShift = Goldilocks.pow(layerShift, k);
        }
        int remainderBound = options.remainderDegreeBound(degreeBound);
        long[][] remainder = interpolate(current, layerShift, remainderBound);
        for (long[] coordinate : remainder) {
            transcript.absorbLongs("fri-remainder", coordinate);
        }
        return new Commitment(trees, leaves, remainder, logSize);
    }

    private long[][] foldLayer(long[][] columns, int m, int size, long layerShift, long[] beta) {
        int k = options.foldingFactor();
        int degree = ext.degree();
        long[][] next = new long[degree][m];
        int logSize = Integer.numberOfTrailingZeros(size);
        long omegaInv = Goldilocks.inv(Goldilocks.rootOfUnity(logSize));
        long shiftInv = Goldilocks.inv(layerShift);
        int chunk = Math.max(64, m / (4 * Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, (m + chunk - 1) / chunk).parallel().forEach(c -> {
            int from = c * chunk;
            int to = Math.min(m, from + chunk);
            long[] coset = new long[k * degree];
            long xInv = Goldilocks.mul(shiftInv, Goldilocks.pow(omegaInv, from));
            for (int j = from; j < to; j++) {
                for (int i = 0; i < coset.length; i++) {
                    coset[i] = columns[i][j];
                }
                long[] folded = folding.fold(coset, 0, xInv, beta);
                for (int d = 0; d < degree; d++) {
                    next[d][j] = folded[d];
                }
                xInv = Goldilocks.mul(xInv, omegaInv);
            }
        });
        return next;
    }

    /** First {@code bound} coefficients of the polynomial through the evaluations on {@code shift * <w>}. */
    private static long[][] interpolate(long[][] evaluations, long shift, int bound) {
        int size = evaluations[0].length;
        Ntt ntt = Ntt.ofLogSize(Integer.numberOfTrailingZeros(size));
        long[][] out = new long[evaluations.length][];
        for (int d = 0; d < evaluations.length; d++) {
            long[] coefficients = evaluations[d].clone();
            ntt.inverseCoset(coefficients, shift);
            out[d] = Arrays.copyOf(coefficients, bound);
        }
        return out;
    }

    static int[] uniqueSorted(int[] positions, int modulus) {
        return Arrays.stream(positions).map(p -> p % modulus).sorted().distinct().toArray();
    }
}
