package dev.comet.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Sha256HashTest {
    private static final HexFormat HEX = HexFormat.of();
    private final Sha256Hash sha = new Sha256Hash();

    @Test
    void matchesFips180Vectors() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HEX.formatHex(sha.hash("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HEX.formatHex(sha.hash(new byte[0])));
        byte[] twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII);
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", HEX.formatHex(sha.hash(twoBlocks)));
        byte[] out = new byte[40];
        sha.hash(twoBlocks, 0, twoBlocks.length, out, 8);
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                HEX.formatHex(Arrays.copyOfRange(out, 8, 40)));
    }

    @Test
    void leafAndNodeArePrefixedSha256() throws Exception {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int round = 0; round < 5; round++) {
            int count = rnd.nextInt(40);
            long[] elements = rnd.longs(count + 2).toArray();
            byte[] leafInput = new byte[1 + 8 * count];
            leafInput[0] = 0x00;
            LittleEndian.putLongs(elements, 0, count, leafInput, 1);
            byte[] leaf = new byte[32];
            sha.hashLeaf(elements, count, leaf, 0);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(leafInput), leaf);

            byte[] in = new byte[64];
            rnd.nextBytes(in);
            byte[] nodeInput = new byte[65];
            nodeInput[0] = 0x01;
            System.arraycopy(in, 0, nodeInput, 1, 64);
            byte[] node = new byte[32];
            sha.hashNode(in, 0, node, 0);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(nodeInput), node);
        }
    }

    @Test
    void encodesElementsLittleEndian() throws Exception {
        byte[] leaf = new byte[32];
        sha.hashLeaf(new long[] {0x0102030405060708L}, 1, leaf, 0);
        byte[] expectedInput = {0x00, 8, 7, 6, 5, 4, 3, 2, 1};
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(expectedInput), leaf);
    }
}
