package dev.comet.hash;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.params.Blake3Parameters;

/**
 * BLAKE3 with a 256-bit output (BouncyCastle).
 *
 * <p>Domain separation uses BLAKE3's own modes, so it costs no extra compression: {@link #hash} is
 * the standard unkeyed BLAKE3 (the published test vectors apply), a leaf is
 * {@code BLAKE3-derive_key(LEAF_CONTEXT, elements)} and a node is
 * {@code BLAKE3-derive_key(NODE_CONTEXT, left || right)}. Derive-key mode hashes the context string
 * once into a key when the hasher is set up; each leaf or node is then one keyed pass over its
 * input with a mode flag that differs from plain hashing.
 *
 * <p>Thread-safe and immutable from the outside: each thread using an instance gets its own three
 * BouncyCastle digests and a scratch buffer through a per-instance {@link ThreadLocal}; BouncyCastle
 * returns a digest to its initial (keyed) state after every output.
 */
public final class Blake3Hash implements HashFunction {
    /** Derive-key context of Merkle leaves (hard-coded, globally unique, as BLAKE3 asks). */
    public static final String LEAF_CONTEXT = "dev.comet 2025-06 Merkle leaf v1";
    /** Derive-key context of Merkle inner nodes. */
    public static final String NODE_CONTEXT = "dev.comet 2025-06 Merkle node v1";

    private static final int DIGEST_BITS = 8 * DIGEST_BYTES;

    private final ThreadLocal<Worker> workers = ThreadLocal.withInitial(Worker::new);

    @Override
    public HashId id() {
        return HashId.BLAKE3;
    }

    @Override
    public byte[] hash(byte[] data) {
        byte[] out = new byte[DIGEST_BYTES];
        hash(data, 0, data.length, out, 0);
        return out;
    }

    @Override
    public void hash(byte[] data, int offset, int length, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Objects.checkFromIndexSize(outOffset, DIGEST_BYTES, out.length);
        run(workers.get().plain, data, offset, length, out, outOffset);
    }

    @Override
    public void hashLeaf(long[] elements, int from, int count, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(from, count, elements.length);
        Objects.checkFromIndexSize(outOffset, DIGEST_BYTES, out.length);
        Worker w = workers.get();
        byte[] buf = w.scratch(8 * count);
        LittleEndian.putLongs(elements, from, count, buf, 0);
        run(w.leaf, buf, 0, 8 * count, out, outOffset);
    }

    @Override
    public void hashNode(byte[] in, int inOffset, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(inOffset, 2 * DIGEST_BYTES, in.length);
        Objects.checkFromIndexSize(outOffset, DIGEST_BYTES, out.length);
        run(workers.get().node, in, inOffset, 2 * DIGEST_BYTES, out, outOffset);
    }

    @Override
    public String toString() {
        return "BLAKE3";
    }

    private static void run(Blake3Digest d, byte[] in, int off, int len, byte[] out, int outOffset) {
        try {
            d.update(in, off, len);
            d.doFinal(out, outOffset);
        } catch (RuntimeException | Error e) {
            d.reset(); // never leave half-absorbed input behind for the next call on this thread
            throw e;
        }
    }

    private static final class Worker {
        final Blake3Digest plain = new Blake3Digest(DIGEST_BITS);
        final Blake3Digest leaf = derived(LEAF_CONTEXT);
        final Blake3Digest node = derived(NODE_CONTEXT);
        private byte[] scratch = new byte[8 * 32];

        private static Blake3Digest derived(String context) {
            Blake3Digest d = new Blake3Digest(DIGEST_BITS);
            d.init(Blake3Parameters.context(context.getBytes(StandardCharsets.UTF_8)));
            return d;
        }

        byte[] scratch(int size) {
            if (scratch.length < size) {
                scratch = new byte[Math.max(size, 2 * scratch.length)];
            }
            return scratch;
        }
    }
}
