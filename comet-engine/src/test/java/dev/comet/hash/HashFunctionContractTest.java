package dev.comet.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Properties every {@link HashFunction} must have, checked for each {@link HashId}. */
class HashFunctionContractTest {

    @ParameterizedTest
    @EnumSource(HashId.class)
    void ofReturnsTheNamedHash(HashId id) {
        assertEquals(id, HashFunction.of(id).id());
        assertEquals(id, HashId.fromCode(id.code()));
    }

    @Test
    void defaultIsSha256() {
        assertEquals(HashId.SHA256, HashFunction.defaultHash().id());
    }

    @ParameterizedTest
    @EnumSource(HashId.class)
    void leafOfEightElementsNeverEqualsNodeOrPlainHashOfTheSameBytes(HashId id) {
        HashFunction h = HashFunction.of(id);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int round = 0; round < 20; round++) {
            long[] elements = rnd.longs(8).toArray();
            byte[] bytes = new byte[64];
            LittleEndian.putLongs(elements, 0, 8, bytes, 0);
            byte[] leaf = new byte[32];
            byte[] node = new byte[32];
            h.hashLeaf(elements, 8, leaf, 0);
            h.hashNode(bytes, 0, node, 0);
            assertFalse(Arrays.equals(leaf, node), "leaf and node collide");
            assertFalse(Arrays.equals(leaf, h.hash(bytes)), "leaf and plain hash collide");
            assertFalse(Arrays.equals(node, h.hash(bytes)), "node and plain hash collide");
        }
    }

    @ParameterizedTest
    @EnumSource(HashId.class)
    void leafOfASliceIsTheLeafOfItsCopy(HashId id) {
        HashFunction h = HashFunction.of(id);
        long[] elements = new SplittableRandom(5).longs(40).toArray();
        for (int[] slice : new int[][] {{0, 40}, {3, 9}, {17, 23}, {40, 0}, {39, 1}}) {
            byte[] direct = new byte[32];
            h.hashLeaf(elements, slice[0], slice[1], direct, 0);
            assertArrayEquals(leaf(h, Arrays.copyOfRange(elements, slice[0], slice[0] + slice[1]), slice[1]), direct,
                    "slice " + Arrays.toString(slice));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> h.hashLeaf(elements, 35, 6, new byte[32], 0));
    }

    @ParameterizedTest
    @EnumSource(HashId.class)
    void leafDependsOnExactlyTheFirstCountElements(HashId id) {
        HashFunction h = HashFunction.of(id);
        long[] a = {1, 2, 3, 4, 5};
        long[] b = {1, 2, 3, 99, 98};
        assertArrayEquals(leaf(h, a, 3), leaf(h, b, 3));
        assertFalse(Arrays.equals(leaf(h, a, 3), leaf(h, a, 4)));
        assertFalse(Arrays.equals(leaf(h, a, 4), leaf(h, b, 4)));
        assertFalse(Arrays.equals(leaf(h, a, 0), leaf(h, a, 1)));
    }

    @ParameterizedTest
    @EnumSource(HashId.class)
    void writesOnlyTheDigestRange(HashId id) {
        HashFunction h = HashFunction.of(id);
        byte[] in = new byte[64];
        Arrays.fill(in, (byte) 5);
        byte[] out = new byte[96];
        Arrays.fill(out, (byte) 0x7f);
        h.hashNode(in, 0, out, 32);
        byte[] expected = new byte[32];
        h.hashNode(in, 0, expected, 0);
        assertArrayEquals(expected, Arrays.copyOfRange(out, 32, 64));
        for (int i = 0; i < 32; i++) {
            assertEquals(0x7f, out[i]);
            assertEquals(0x7f, out[64 + i]);
        }
    }

    @ParameterizedTest
    @EnumSource(HashId.class)
    void rangedHashEqualsHashOfTheRange(HashId id) {
        HashFunction h = HashFunction.of(id);
        byte[] data = new byte[300];
        new SplittableRandom(4).nextBytes(data);
        byte[] out = new byte[32];
        h.hash(data, 17, 200, out, 0);
        assertArrayEquals(h.hash(Arrays.copyOfRange(data, 17, 217)), out);
        assertFalse(Arrays.equals(h.hash(Arrays.copyOfRange(data, 17, 216)), out));
    }

    @ParameterizedTest
    @EnumSource(HashId.class)
    void badArgumentsThrowAndLeaveTheHasherUsable(HashId id) {
        HashFunction h = HashFunction.of(id);
        byte[] in = new byte[64];
        byte[] expected = new byte[32];
        h.hashNode(in, 0, expected, 0);
        assertThrows(IndexOutOfBoundsException.class, () -> h.hashNode(in, 1, new byte[32], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> h.hashNode(in, 0, new byte[32], 1));
        assertThrows(IndexOutOfBoundsException.class, () -> h.hashLeaf(new long[2], 3, new byte[32], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> h.hash(in, 60, 5, new byte[32], 0));
        byte[] again = new byte[32];
        h.hashNode(in, 0, again, 0);
        assertArrayEquals(expected, again);
    }

    @ParameterizedTest
    @EnumSource(HashId.class)
    void concurrentUseGivesTheSequentialResults(HashId id) {
        HashFunction h = HashFunction.of(id);
        int n = 4000;
        byte[] inputs = new byte[64 * n];
        new SplittableRandom(5).nextBytes(inputs);
        byte[] sequential = new byte[32 * n];
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                h.hashNode(inputs, 64 * i, sequential, 32 * i);
            } else {
                h.hashLeaf(new long[] {i, i + 1, i + 2}, 3, sequential, 32 * i);
            }
        }
        byte[] parallel = new byte[32 * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            if (i % 2 == 0) {
                h.hashNode(inputs, 64 * i, parallel, 32 * i);
            } else {
                h.hashLeaf(new long[] {i, i + 1, i + 2}, 3, parallel, 32 * i);
            }
        });
        assertArrayEquals(sequential, parallel);
    }

    private static byte[] leaf(HashFunction h, long[] elements, int count) {
        byte[] out = new byte[32];
        h.hashLeaf(elements, count, out, 0);
        return out;
    }
}
