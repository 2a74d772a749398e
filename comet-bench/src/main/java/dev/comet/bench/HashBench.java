package dev.comet.bench;

import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread cost of the hash shapes that dominate proving: a 64-byte Merkle node and leaves of
 * 16 and 32 Goldilocks elements (rows of the committed LDE), for each {@link HashId}, plus one
 * proof-of-work attempt (the plain hash of 40 bytes).
 *
 * <p>The {@code handwrittenBlake3*} benchmarks measure a minimal allocation-free single-chunk
 * BLAKE3 (plain Java, no SIMD), checked against BouncyCastle at setup. They are not used by the
 * engine; they show what replacing BouncyCastle's general-purpose BLAKE3 with a dedicated one could
 * gain, which is part of the hash decision in {@code docs/HASH_CHOICE.md}.
 *
 * <p>Run: {@code java -jar comet-bench/target/benchmarks.jar HashBench -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashBench {
    @Param({"BLAKE3", "SHA256"})
    public String hash;

    private HashFunction h;
    private final byte[] node = new byte[64];
    private final long[] leaf16 = new long[16];
    private final long[] leaf32 = new long[32];
    private final byte[] leafBytes16 = new byte[128];
    private final byte[] leafBytes32 = new byte[256];
    private final byte[] out = new byte[32];
    private final byte[] powInput = new byte[40];

    @Setup
    public void setup() {
        h = HashFunction.of(HashId.valueOf(hash));
        SplittableRandom rnd = new SplittableRandom(42);
        rnd.nextBytes(node);
        for (int i = 0; i < 32; i++) {
            leaf32[i] = Goldilocks.reduce(rnd.nextLong());
            if (i < 16) {
                leaf16[i] = leaf32[i];
            }
        }
        Blake3Reference.putLongs(leaf16, leafBytes16);
        Blake3Reference.putLongs(leaf32, leafBytes32);
        Blake3Reference.selfCheck();
    }

    @Benchmark
    public byte[] node() {
        h.hashNode(node, 0, out, 0);
        return out;
    }

    @Benchmark
    public byte[] leaf16() {
        h.hashLeaf(leaf16, 16, out, 0);
        return out;
    }

    @Benchmark
    public byte[] leaf32() {
        h.hashLeaf(leaf32, 32, out, 0);
        return out;
    }

    /** One proof-of-work attempt as {@code Transcript.grind} makes it: the plain hash of 40 bytes. */
    @Benchmark
    public byte[] powAttempt() {
        powInput[32]++;
        h.hash(powInput, 0, 40, out, 0);
        return out;
    }

    // The hand-written baseline does not depend on the @Param; it runs (identically) under both values.

    @Benchmark
    public byte[] handwrittenBlake3Node() {
        Blake3Reference.keyedHash(node, node.length, out);
        return out;
    }

    @Benchmark
    public byte[] handwrittenBlake3Leaf16() {
        Blake3Reference.putLongs(leaf16, leafBytes16);
        Blake3Reference.keyedHash(leafBytes16, leafBytes16.length, out);
        return out;
    }

    @Benchmark
    public byte[] handwrittenBlake3Leaf32() {
        Blake3Reference.putLongs(leaf32, leafBytes32);
        Blake3Reference.keyedHash(leafBytes32, leafBytes32.length, out);
        return out;
    }

    /** Single-chunk (at most 1024 bytes) BLAKE3 with the state in local variables. Benchmark baseline only. */
    static final class Blake3Reference {
        private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
        private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final int IV0 = 0x6A09E667, IV1 = 0xBB67AE85, IV2 = 0x3C6EF372, IV3 = 0xA54FF53A;
        private static final int IV4 = 0x510E527F, IV5 = 0x9B05688C, IV6 = 0x1F83D9AB, IV7 = 0x5BE0CD19;
        private static final int CHUNK_START = 1, CHUNK_END = 2, ROOT = 8, KEYED_HASH = 16;
        /** An arbitrary key; keyed mode costs the same as derive-key mode per input. */
        private static final int[] KEY = {1, 2, 3, 4, 5, 6, 7, 8};

        static void putLongs(long[] v, byte[] b) {
            for (int i = 0; i < v.length; i++) {
                LONG.set(b, 8 * i, v[i]);
            }
        }

        static void keyedHash(byte[] in, int len, byte[] out) {
            hash(KEY, KEYED_HASH, in, len, out);
        }

        static void selfCheck() {
            int[] iv = {IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7};
            SplittableRandom rnd = new SplittableRandom(7);
            for (int len : new int[] {0, 1, 63, 64, 65, 128, 256, 1000, 1024}) {
                byte[] in = new byte[len];
                rnd.nextBytes(in);
                byte[] mine = new byte[32];
                hash(iv, 0, in, len, mine);
                Blake3Digest d = new Blake3Digest(256);
                d.update(in, 0, len);
                byte[] expected = new byte[32];
                d.doFinal(expected, 0);
                if (!Arrays.equals(mine, expected)) {
                    throw new IllegalStateException("hand-written BLAKE3 disagrees with BouncyCastle at length " + len);
                }
            }
        }

        private static void hash(int[] key, int modeFlags, byte[] in, int len, byte[] out) {
            if (len > 1024) {
                throw new IllegalArgumentException("single chunk only");
            }
            int h0 = key[0], h1 = key[1], h2 = key[2], h3 = key[3], h4 = key[4], h5 = key[5], h6 = key[6], h7 = key[7];
            int blocks = Math.max(1, (len + 63) >>> 6);
            byte[] tail = null;
            for (int b = 0; b < blocks; b++) {
                int off = 64 * b;
                int blockLen = Math.min(64, len - off);
                byte[] src = in;
                int srcOff = off;
                if (blockLen < 64) {
                    tail = new byte[64];
                    System.arraycopy(in, off, tail, 0, blockLen);
                    src = tail;
                    srcOff = 0;
                }
                int flags = modeFlags | (b == 0 ? CHUNK_START : 0) | (b == blocks - 1 ? CHUNK_END | ROOT : 0);
                int m0 = w(src, srcOff, 0), m1 = w(src, srcOff, 1), m2 = w(src, srcOff, 2), m3 = w(src, srcOff, 3);
                int m4 = w(src, srcOff, 4), m5 = w(src, srcOff, 5), m6 = w(src, srcOff, 6), m7 = w(src, srcOff, 7);
                int m8 = w(src, srcOff, 8), m9 = w(src, srcOff, 9), m10 = w(src, srcOff, 10), m11 = w(src, srcOff, 11);
                int m12 = w(src, srcOff, 12), m13 = w(src, srcOff, 13), m14 = w(src, srcOff, 14), m15 = w(src, srcOff, 15);
                int v0 = h0, v1 = h1, v2 = h2, v3 = h3, v4 = h4, v5 = h5, v6 = h6, v7 = h7;
                int v8 = IV0, v9 = IV1, v10 = IV2, v11 = IV3, v12 = 0, v13 = 0, v14 = blockLen, v15 = flags;
                for (int r = 0; r < 7; r++) {
                    v0 += v4 + m0; v12 = Integer.rotateRight(v12 ^ v0, 16); v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 12);
                    v0 += v4 + m1; v12 = Integer.rotateRight(v12 ^ v0, 8); v8 += v12; v4 = Integer.rotateRight(v4 ^ v8, 7);
                    v1 += v5 + m2; v13 = Integer.rotateRight(v13 ^ v1, 16); v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 12);
                    v1 += v5 + m3; v13 = Integer.rotateRight(v13 ^ v1, 8); v9 += v13; v5 = Integer.rotateRight(v5 ^ v9, 7);
                    v2 += v6 + m4; v14 = Integer.rotateRight(v14 ^ v2, 16); v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 12);
                    v2 += v6 + m5; v14 = Integer.rotateRight(v14 ^ v2, 8); v10 += v14; v6 = Integer.rotateRight(v6 ^ v10, 7);
                    v3 += v7 + m6; v15 = Integer.rotateRight(v15 ^ v3, 16); v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 12);
                    v3 += v7 + m7; v15 = Integer.rotateRight(v15 ^ v3, 8); v11 += v15; v7 = Integer.rotateRight(v7 ^ v11, 7);
                    v0 += v5 + m8; v15 = Integer.rotateRight(v15 ^ v0, 16); v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 12);
                    v0 += v5 + m9; v15 = Integer.rotateRight(v15 ^ v0, 8); v10 += v15; v5 = Integer.rotateRight(v5 ^ v10, 7);
                    v1 += v6 + m10; v12 = Integer.rotateRight(v12 ^ v1, 16); v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 12);
                    v1 += v6 + m11; v12 = Integer.rotateRight(v12 ^ v1, 8); v11 += v12; v6 = Integer.rotateRight(v6 ^ v11, 7);
                    v2 += v7 + m12; v13 = Integer.rotateRight(v13 ^ v2, 16); v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 12);
                    v2 += v7 + m13; v13 = Integer.rotateRight(v13 ^ v2, 8); v8 += v13; v7 = Integer.rotateRight(v7 ^ v8, 7);
                    v3 += v4 + m14; v14 = Integer.rotateRight(v14 ^ v3, 16); v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 12);
                    v3 += v4 + m15; v14 = Integer.rotateRight(v14 ^ v3, 8); v9 += v14; v4 = Integer.rotateRight(v4 ^ v9, 7);
                    // Message permutation 2,6,3,10,7,0,4,13,1,11,12,5,9,14,15,8.
                    int t0 = m2, t1 = m6, t2 = m3, t3 = m10, t4 = m7, t5 = m0, t6 = m4, t7 = m13;
                    int t8 = m1, t9 = m11, t10 = m12, t11 = m5, t12 = m9, t13 = m14, t14 = m15, t15 = m8;
                    m0 = t0; m1 = t1; m2 = t2; m3 = t3; m4 = t4; m5 = t5; m6 = t6; m7 = t7;
                    m8 = t8; m9 = t9; m10 = t10; m11 = t11; m12 = t12; m13 = t13; m14 = t14; m15 = t15;
                }
                h0 = v0 ^ v8; h1 = v1 ^ v9; h2 = v2 ^ v10; h3 = v3 ^ v11;
                h4 = v4 ^ v12; h5 = v5 ^ v13; h6 = v6 ^ v14; h7 = v7 ^ v15;
            }
            INT.set(out, 0, h0); INT.set(out, 4, h1); INT.set(out, 8, h2); INT.set(out, 12, h3);
            INT.set(out, 16, h4); INT.set(out, 20, h5); INT.set(out, 24, h6); INT.set(out, 28, h7);
        }

        private static int w(byte[] b, int off, int i) {
            return (int) INT.get(b, off + 4 * i);
        }
    }
}
