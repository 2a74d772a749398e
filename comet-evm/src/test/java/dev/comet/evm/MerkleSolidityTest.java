package dev.comet.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;
import dev.comet.merkle.BatchOpening;
import dev.comet.merkle.MerkleTree;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;

/**
 * The on-chain Merkle verification against {@link MerkleTree}: the same leaf digests, and the same
 * verdict on honest and on tampered batch openings.
 */
class MerkleSolidityTest {
    private static final HashFunction SHA256 = HashFunction.of(HashId.SHA256);
    private static LocalChain local;
    private static EvmTools tools;
    private static EvmChain chain;
    private static String address;

    private static final String HARNESS = """
            // SPDX-License-Identifier: UNLICENSED
            pragma solidity 0.8.30;

            import "./CometMerkle.sol";

            contract MerkleHarness {
                function leafDigest(uint64[] calldata row) external view returns (bytes32) {
                    return CometMerkle.leafDigest(row);
                }

                function verify(bytes32 root, uint256 depth, uint256[] calldata indices, bytes32[] calldata leaves,
                                bytes32[] calldata siblings) external view returns (bool) {
                    return CometMerkle.verify(root, depth, indices, leaves, siblings);
                }
            }
            """;

    @BeforeAll
    static void start() {
        local = LocalChain.start();
        tools = local.tools;
        chain = local.chain;
        Solc.Compiled c = new Solc(tools).compile(Map.of("CometMerkle.sol", SolidityLibraries.merkle(),
                "MerkleHarness.sol", HARNESS), "MerkleHarness");
        address = chain.deploy(c.bytecode());
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    private static boolean onChain(byte[] root, int depth, int[] indices, byte[][] leaves, byte[] siblings) {
        Function f = new Function("verify", java.util.List.of(new Bytes32(root), new Uint256(depth),
                new DynamicArray<>(Uint256.class, Arrays.stream(indices).mapToObj(i -> new Uint256(i)).toList()),
                new DynamicArray<>(Bytes32.class, Arrays.stream(leaves).map(Bytes32::new).toList()),
                new DynamicArray<>(Bytes32.class, java.util.stream.IntStream.range(0, siblings.length / 32)
                        .mapToObj(k -> new Bytes32(Arrays.copyOfRange(siblings, 32 * k, 32 * k + 32))).toList())),
                java.util.List.of(new TypeReference<org.web3j.abi.datatypes.Bool>() {}));
        String result = chain.call(address, FunctionEncoder.encode(f));
        return result != null && new BigInteger(result.substring(2), 16).signum() == 1;
    }

    @Test
    void leafDigestsAreTheJavaTreesLeaves() {
        SplittableRandom r = new SplittableRandom(1);
        for (int width : new int[] {1, 3, 8, 33}) {
            long[] row = new long[width];
            for (int i = 0; i < width; i++) {
                row[i] = Goldilocks.reduce(r.nextLong());
            }
            Function f = new Function("leafDigest", java.util.List.of(new DynamicArray<>(Uint64.class,
                    Arrays.stream(row).mapToObj(v -> new Uint64(new BigInteger(Long.toUnsignedString(v)))).toList())),
                    java.util.List.of());
            String result = chain.call(address, FunctionEncoder.encode(f));
            assertEquals(HexFormat.of().formatHex(MerkleTree.leafDigest(SHA256, row)), result.substring(2), "width " + width);
        }
    }

    @Test
    void batchOpeningsVerifyAsInJavaAndTamperedOnesDoNot() {
        SplittableRandom r = new SplittableRandom(2);
        for (int depth : new int[] {0, 1, 4, 10}) {
            int n = 1 << depth;
            long[][] columns = new long[3][n];
            for (long[] c : columns) {
                for (int i = 0; i < n; i++) {
                    c[i] = Goldilocks.reduce(r.nextLong());
                }
            }
            MerkleTree tree = MerkleTree.commit(columns, SHA256);
            TreeSet<Integer> chosen = new TreeSet<>();
            int count = 1 + r.nextInt(Math.min(n, 12));
            while (chosen.size() < count) {
                chosen.add(r.nextInt(n));
            }
            int[] indices = chosen.stream().mapToInt(Integer::intValue).toArray();
            byte[][] leaves = Arrays.stream(indices).mapToObj(tree::leaf).toArray(byte[][]::new);
            byte[] siblings = tree.open(indices).siblings();
            byte[] root = tree.root();
            assertTrue(onChain(root, depth, indices, leaves, siblings), "honest, depth " + depth);

            if (siblings.length > 0) {
                byte[] flipped = siblings.clone();
                flipped[r.nextInt(flipped.length)] ^= 1;
                assertFalse(MerkleTree.verify(SHA256, root, depth, indices, leaves, new BatchOpening(flipped)));
                assertFalse(onChain(root, depth, indices, leaves, flipped), "a flipped sibling bit");
                assertFalse(onChain(root, depth, indices, leaves, Arrays.copyOf(siblings, siblings.length - 32)),
                        "a missing sibling");
            }
            byte[] extra = Arrays.copyOf(siblings, siblings.length + 32);
            assertFalse(MerkleTree.verify(SHA256, root, depth, indices, leaves, new BatchOpening(extra)));
            assertFalse(onChain(root, depth, indices, leaves, extra), "an extra sibling");
            byte[][] wrongLeaf = leaves.clone();
            wrongLeaf[0] = wrongLeaf[0].clone();
            wrongLeaf[0][5] ^= 0x40;
            assertFalse(onChain(root, depth, indices, wrongLeaf, siblings), "a changed leaf");
            byte[] otherRoot = root.clone();
            otherRoot[31] ^= 1;
            assertFalse(onChain(otherRoot, depth, indices, leaves, siblings), "another root");
            if (depth > 0) {
                int[] moved = indices.clone();
                moved[0] = (moved[0] + 1) % n;
                boolean javaVerdict = MerkleTree.verify(SHA256, root, depth, moved, leaves, new BatchOpening(siblings));
                boolean ascending = java.util.stream.IntStream.range(1, moved.length).allMatch(k -> moved[k] > moved[k - 1]);
                assertEquals(javaVerdict && ascending, onChain(root, depth, moved, leaves, siblings), "a moved index");
            }
        }
    }
}
