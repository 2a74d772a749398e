package dev.comet.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.examples.ExampleAirs;
import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;
import dev.comet.merkle.BatchOpening;
import dev.comet.merkle.MerkleTree;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.RoundLayout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;

/**
 * CometDeep.roundHolds called directly (the deployed library, a blob as CometStark.roundHolds lays
 * it out) against RoundLayout and MerkleTree.verify (what RoundCheck.rows does), on random round
 * layouts: one to three tables, widths 0 to 9, LDEs from 2 rows (shorter than a leaf) to the top,
 * smaller tables committed with copies that differ, and openings with a value changed, a value
 * more or fewer in one table, a row moved between tables, a sibling more, fewer or changed.
 */
class RoundHoldsSolidityTest {
    private static final HashFunction SHA256 = HashFunction.of(HashId.SHA256);
    private static LocalChain local;
    private static String deep;

    @BeforeAll
    static void start() {
        local = LocalChain.start();
        ExampleAirs.Instance fib = ExampleAirs.create("fib", 4, 0);
        StarkSolidity verifier = StarkSolidity.of(fib.air(), ProofOptions.test(), "V");
        deep = local.chain.deployLinked(new Solc(local.tools).compileAll(verifier.sources()), "CometDeep",
                new java.util.HashMap<>());
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    /** One array of the blob: its length, then its elements, a word each. */
    private static void array(List<BigInteger> blob, List<BigInteger> elements) {
        blob.add(BigInteger.valueOf(elements.size()));
        blob.addAll(elements);
    }

    private static List<BigInteger> longs(long[] v) {
        return Arrays.stream(v).mapToObj(x -> new BigInteger(Long.toUnsignedString(x))).toList();
    }

    /** The contract's verdict: CometDeep.roundHolds(blob) for round 0 (main: a table's width is its shape's word 2). */
    private static boolean onChain(int logTop, byte[] root, int[] top, byte[] siblings, int[] widths, int[] logLdes,
                                   long[][] values) {
        List<List<BigInteger>> arrays = new ArrayList<>();
        arrays.add(List.of(BigInteger.valueOf(logTop), new BigInteger(1, root), BigInteger.ZERO));
        arrays.add(Arrays.stream(top).mapToObj(BigInteger::valueOf).toList());
        List<BigInteger> sib = new ArrayList<>();
        for (int k = 0; k < siblings.length / 32; k++) {
            sib.add(new BigInteger(1, Arrays.copyOfRange(siblings, 32 * k, 32 * k + 32)));
        }
        arrays.add(sib);
        for (int i = 0; i < widths.length; i++) {
            arrays.add(longs(new long[] {logLdes[i] - 1, 1, widths[i], 0, 0, 0, 0}));
            arrays.add(longs(values[i]));
        }
        List<BigInteger> blob = new ArrayList<>();
        blob.add(BigInteger.valueOf(arrays.size()));
        for (List<BigInteger> a : arrays) {
            array(blob, a);
        }
        byte[] bytes = new byte[blob.size() * 32];
        for (int k = 0; k < blob.size(); k++) {
            byte[] w = blob.get(k).toByteArray();
            int n = Math.min(w.length, 32);
            System.arraycopy(w, w.length - n, bytes, 32 * k + 32 - n, n);
        }
        String data = FunctionEncoder.encode(new Function("roundHolds", List.of(new DynamicBytes(bytes)), List.of()));
        String result = local.chain.call(deep, data);
        assertTrue(result != null && result.length() == 2 + 128, "two words: " + result);
        return new BigInteger(result.substring(2, 66), 16).signum() == 1;
    }

    /** Java's verdict, as RoundCheck.rows reaches it. */
    private static boolean inJava(RoundLayout layout, byte[] root, int[] top, byte[] siblings, long[][] values) {
        int[] leaves = layout.leaves(top);
        long[][] leafValues;
        try {
            leafValues = layout.leafValues(leaves, values);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[][] digests = Arrays.stream(leafValues).map(v -> MerkleTree.leafDigest(SHA256, v)).toArray(byte[][]::new);
        return MerkleTree.verify(SHA256, root, layout.depth(), leaves, digests, new BatchOpening(siblings));
    }

    @Test
    void roundHoldsAgreesWithRoundLayoutOnRandomLayoutsAndOpenings() {
        SplittableRandom r = new SplittableRandom(13);
        int accepted = 0;
        int rejected = 0;
        int shorterThanALeaf = 0;
        for (int trial = 0; trial < 300; trial++) {
            int logTop = 3 + r.nextInt(5);
            int n = 1 + r.nextInt(3);
            int[] widths = new int[n];
            int[] logLdes = new int[n];
            for (int i = 0; i < n; i++) {
                widths[i] = r.nextInt(10);
                logLdes[i] = i == 0 ? logTop : 1 + r.nextInt(logTop);
            }
            if (n > 1 && r.nextInt(4) == 0) { // a narrow round: leaves of 4 or 8 rows over tables of 2 or 4
                Arrays.fill(widths, 0);
                widths[n - 1] = 1 + r.nextInt(2);
                logLdes[n - 1] = 1 + r.nextInt(2);
                if (r.nextBoolean()) {
                    widths[0] = 1;
                }
            }
            if (Arrays.stream(widths).sum() == 0) {
                widths[r.nextInt(n)] = 1 + r.nextInt(4);
            }
            RoundLayout layout = new RoundLayout(widths, logLdes, logTop);
            for (int i = 0; i < n; i++) {
                shorterThanALeaf += widths[i] > 0 && (1 << logLdes[i]) < layout.rowsPerLeaf() ? 1 : 0;
            }
            int rows = 1 << logTop;
            // the committed matrix: each table at the top size, its copies differing at a few rows
            long[][][] committed = new long[n][][];
            List<long[]> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                committed[i] = new long[widths[i]][rows];
                for (int c = 0; c < widths[i]; c++) {
                    long[] base = new long[1 << logLdes[i]];
                    for (int x = 0; x < base.length; x++) {
                        base[x] = Goldilocks.reduce(r.nextLong());
                    }
                    for (int p = 0; p < rows; p++) {
                        committed[i][c][p] = base[p & (base.length - 1)];
                    }
                    if (logLdes[i] < logTop && r.nextInt(8) == 0) {
                        int p = r.nextInt(rows);
                        committed[i][c][p] = Goldilocks.add(committed[i][c][p], 1); // one copy differs
                    }
                    all.add(committed[i][c]);
                }
            }
            MerkleTree tree = MerkleTree.commit(all.toArray(long[][]::new), SHA256, layout.rowsPerLeaf(), rows);
            TreeSet<Integer> chosen = new TreeSet<>();
            int count = 1 + r.nextInt(Math.min(rows, 10));
            while (chosen.size() < count) {
                chosen.add(r.nextInt(rows));
            }
            int[] top = chosen.stream().mapToInt(Integer::intValue).toArray();
            int[] leaves = layout.leaves(top);
            long[][] values = new long[n][];
            for (int i = 0; i < n; i++) {
                int[] tableRows = layout.tableRows(i, leaves);
                values[i] = new long[tableRows.length * widths[i]];
                for (int k = 0; k < tableRows.length; k++) {
                    for (int c = 0; c < widths[i]; c++) {
                        values[i][k * widths[i] + c] = committed[i][c][tableRows[k]]; // the first copy
                    }
                }
            }
            byte[] siblings = tree.open(leaves).siblings();
            int kind = r.nextInt(7);
            int t = r.nextInt(n);
            long[][] v = Arrays.stream(values).map(long[]::clone).toArray(long[][]::new);
            byte[] s = siblings.clone();
            switch (kind) {
                case 1 -> {
                    if (v[t].length > 0) {
                        int k = r.nextInt(v[t].length);
                        v[t][k] = Goldilocks.add(v[t][k], 1);
                    }
                }
                case 2 -> v[t] = Arrays.copyOf(v[t], v[t].length + 1);
                case 3 -> v[t] = Arrays.copyOf(v[t], Math.max(0, v[t].length - 1));
                case 4 -> {
                    int u = (t + 1) % n;
                    if (u != t && v[t].length >= widths[t] && widths[t] > 0) {
                        long[] moved = Arrays.copyOfRange(v[t], v[t].length - widths[t], v[t].length);
                        v[t] = Arrays.copyOf(v[t], v[t].length - widths[t]);
                        long[] longer = Arrays.copyOf(v[u], v[u].length + moved.length);
                        System.arraycopy(moved, 0, longer, v[u].length, moved.length);
                        v[u] = longer;
                    }
                }
                case 5 -> {
                    if (s.length > 0) {
                        s = r.nextBoolean() ? Arrays.copyOf(s, s.length - 32) : s;
                        if (s.length > 0) {
                            s[r.nextInt(s.length)] ^= 1;
                        }
                    }
                }
                case 6 -> s = Arrays.copyOf(s, s.length + 32);
                default -> { }
            }
            boolean java = inJava(layout, tree.root(), top, s, v);
            boolean chain = onChain(logTop, tree.root(), top, s, widths, logLdes, v);
            assertEquals(java, chain, "trial " + trial + ": widths " + Arrays.toString(widths) + ", LDEs "
                    + Arrays.toString(logLdes) + ", kind " + kind + ", root " + HexFormat.of().formatHex(tree.root()));
            if (java) {
                accepted++;
            } else {
                rejected++;
            }
        }
        System.out.println("roundHolds: " + accepted + " accepted, " + rejected + " rejected, the same on both sides; "
                + shorterThanALeaf + " tables shorter than a leaf");
        assertTrue(accepted > 0 && rejected > 0);
    }
}
