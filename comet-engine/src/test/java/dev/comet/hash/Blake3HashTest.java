package dev.comet.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.params.Blake3Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Blake3HashTest {
    private static final HexFormat HEX = HexFormat.of();
    /** The context string of the official BLAKE3 test vectors (BLAKE3-team/BLAKE3, test_vectors.json). */
    private static final String VECTOR_CONTEXT = "BLAKE3 2019-12-27 16:29:52 test vectors context";

    private final Blake3Hash blake3 = new Blake3Hash();

    /** The official vectors' input: byte i is i mod 251. */
    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    @Test
    void emptyAndAbcMatchPublishedVectors() {
        assertEquals("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
                HEX.formatHex(blake3.hash(new byte[0])));
        assertEquals("6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85",
                HEX.formatHex(blake3.hash("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    /** First 32 bytes of the official "hash" outputs; covers one block, a full chunk and two chunks. */
    @ParameterizedTest
    @CsvSource({
        "0, af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
        "1, 2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213",
        "1023, 10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11",
        "1024, 42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7",
        "1025, d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444",
    })
    void hashMatchesOfficialVectors(int length, String expected) {
        assertEquals(expected, HEX.formatHex(blake3.hash(pattern(length))));
        byte[] out = new byte[32];
        blake3.hash(pattern(length), 0, length, out, 0);
        assertEquals(expected, HEX.formatHex(out));
    }

    /**
     * Leaves and nodes rely on BouncyCastle's context mode being the standard BLAKE3 derive_key;
     * the official derive_key vectors pin that.
     */
    @ParameterizedTest
    @CsvSource({
        "0, 2cc39783c223154fea8dfb7c1b1660f2ac2dcbd1c1de8277b0b0dd39b7e50d7d",
        "1, b3e2e340a117a499c6cf2398a19ee0d29cca2bb7404c73063382693bf66cb06c",
        "1024, 7356cd7720d5b66b6d0697eb3177d9f8d73a4a5c5e968896eb6a689684302706",
        "1025, effaa245f065fbf82ac186839a249707c3bddf6d3fdda22d1b95a3c970379bcb",
    })
    void bouncyCastleContextModeIsStandardDeriveKey(int length, String expected) {
        assertEquals(expected, HEX.formatHex(deriveKey(VECTOR_CONTEXT, pattern(length))));
    }

    @Test
    void leafAndNodeAreDeriveKeyWithTheirContexts() {
        SplittableRandom rnd = new SplittableRandom(1);
        // Several calls in a row on one thread: the reused digests must come back to their keyed state.
        for (int round = 0; round < 5; round++) {
            int count = 1 + rnd.nextInt(40);
            long[] elements = rnd.longs(count + 3).toArray();
            byte[] leafBytes = new byte[8 * count];
            LittleEndian.putLongs(elements, 0, count, leafBytes, 0);
            byte[] leaf = new byte[32];
            blake3.hashLeaf(elements, count, leaf, 0);
            assertArrayEquals(deriveKey(Blake3Hash.LEAF_CONTEXT, leafBytes), leaf);

            byte[] in = new byte[70];
            rnd.nextBytes(in);
            byte[] node = new byte[32];
            blake3.hashNode(in, 3, node, 0);
            byte[] expected = deriveKey(Blake3Hash.NODE_CONTEXT, java.util.Arrays.copyOfRange(in, 3, 67));
            assertArrayEquals(expected, node);
        }
    }

    private static byte[] deriveKey(String context, byte[] material) {
        Blake3Digest d = new Blake3Digest(256);
        d.init(Blake3Parameters.context(context.getBytes(StandardCharsets.UTF_8)));
        d.update(material, 0, material.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
