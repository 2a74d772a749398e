package dev.comet.fri;

import dev.comet.field.ExtensionField;
import dev.comet.field.ExtensionVectors;
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
 * FRI commit and query phases for extension-valued functions given by their evaluations on
 * cosets of different sizes (see {@link FriLayout}): the largest on {@code shift * <w_N>}, each
 * smaller one on the coset that folding the largest produces, all claimed to have degree below
 * their domain size times the rate.
 *
 * <p>Layer {@code l} has domain size {@code N_l} and folds by {@code k_l}; its Merkle leaf
 * {@code j} holds the {@code k_l} evaluations at positions {@code j, j + N_l/k_l, ...}, which are
 * exactly the points that fold into position {@code j} of the next layer. The functions of a
 * layer's size are added to its values before it is committed. They join without a coefficient
 * of their own, which is sound only because each is a combination with fresh random weights of
 * its own (a table's DEEP challenges, drawn after every commitment it combines): a function
 * without such randomness must not join as it is. The last layer is not committed:
 * its coefficients (the remainder) go into the proof.
 */
public final class FriProver {
    private final FriOptions options;
    private final ExtensionField ext;
    private final HashFunction hash;

    public FriProver(FriOptions options, ExtensionField ext, HashFunction hash) {
        this.options = options;
        this.ext = ext;
        this.hash = hash;
    }

    /**
     * A function for FRI: coordinate-wise evaluations {@code [degree][2^logDomain]} on its coset.
     */
    public record Input(long[][] evaluations) {
        public int logDomain() {
            return Integer.numberOfTrailingZeros(evaluations[0].length);
        }
    }

    /** The prover's state after the commit phase, from which query openings are made. */
    public final class Commitment {
        private final FriLayout layout;
        private final List<MerkleTree> trees;
        private final List<long[][]> layerLeaves;
        private final long[][] remainder;

        private Commitment(FriLayout layout, List<MerkleTree> trees, List<long[][]> layerLeaves, long[][] remainder) {
            this.layout = layout;
            this.trees = trees;
            this.layerLeaves = layerLeaves;
            this.remainder = remainder;
        }

        /** Opens every layer at the cosets the given top-layer positions fall into. */
        public FriProof open(int[] positions) {
            int degree = ext.degree();
            List<FriProof.LayerOpening> openings = new ArrayList<>();
            List<byte[]> roots = new ArrayList<>();
            for (int layer = 0; layer < trees.size(); layer++) {
                int m = 1 << (layout.logDomains()[layer] - layout.logFolds()[layer]);
                int[] leaves = uniqueSorted(positions, m);
                long[][] columns = layerLeaves.get(layer);
                long[] values = new long[leaves.length * columns.length];
                int w = 0;
                for (int leaf : leaves) {
                    for (long[] column : columns) {
                        values[w++] = column[leaf];
                    }
                }
                openings.add(new FriProof.LayerOpening(values, trees.get(layer).open(leaves)));
                roots.add(trees.get(layer).root());
            }
            long[][] rem = new long[degree][];
            for (int d = 0; d < degree; d++) {
                rem[d] = remainder[d].clone();
            }
            return new FriProof(roots, rem, openings);
        }
    }

    /** Commit phase for one function on {@code shift * <w_N>}, claimed of degree below {@code degreeBound}. */
    public Commitment commit(long[][] evaluations, long shift, int degreeBound, Transcript transcript) {
        int logRate = Integer.numberOfTrailingZeros(evaluations[0].length / degreeBound);
        return commit(List.of(new Input(evaluations)), shift, logRate, transcript);
    }

    /**
     * Commit phase: absorbs each layer root and draws that layer's folding challenge, then absorbs
     * the remainder.
     *
     * @param shift   coset shift of the largest input's domain
     * @param logRate log2 of the inverse rate, shared by all inputs
     */
    public Commitment commit(List<Input> inputs, long shift, int logRate, Transcript transcript) {
        int[] sizes = inputs.stream().mapToInt(Input::logDomain).toArray();
        FriLayout layout = FriLayout.of(options, logRate, sizes);
        int degree = ext.degree();
        long[][] current = new long[degree][1 << layout.logTopDomain()];
        long layerShift = shift;
        List<MerkleTree> trees = new ArrayList<>();
        List<long[][]> leaves = new ArrayList<>();
        for (int layer = 0; layer < layout.numLayers(); layer++) {
            int logSize = layout.logDomains()[layer];
            addJoining(current, inputs, logSize);
            int k = 1 << layout.logFolds()[layer];
            int size = 1 << logSize;
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
            current = foldLayer(columns, k, m, size, layerShift, beta);
            layerShift = Goldilocks.pow(layerShift, k);
        }
        addJoining(current, inputs, layout.logFinal());
        long[][] remainder = interpolate(current, layerShift, layout.remainderDegreeBound());
        for (long[] coordinate : remainder) {
            transcript.absorbLongs("fri-remainder", coordinate);
        }
        return new Commitment(layout, trees, leaves, remainder);
    }

    /** Adds the inputs on domains of {@code 2^logSize} points to {@code current}, which has that size. */
    private static void addJoining(long[][] current, List<Input> inputs, int logSize) {
        for (Input input : inputs) {
            if (input.logDomain() == logSize) {
                ExtensionVectors.add(current, input.evaluations(), current, current[0].length);
            }
        }
    }

    private long[][] foldLayer(long[][] columns, int k, int m, int size, long layerShift, long[] beta) {
        FriFolding folding = new FriFolding(ext, k);
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
