package dev.comet.hash;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * SHA-256 from the JDK (which uses the x86 SHA extensions or ARMv8 SHA instructions where present).
 *
 * <p>Domain separation costs nothing here: a leaf is {@code SHA-256(0x00 || elements)} and a node
 * is {@code SHA-256(0x01 || left || right)}. The prefix byte never adds a compression for the
 * shapes that matter (a 64-byte node already needs two blocks because of the padding, and a leaf of
 * {@code 8k} elements needs {@code k + 1} blocks with or without it). {@link #hash} is plain
 * SHA-256, so the published test vectors apply to it.
 *
 * <p>Thread-safe and immutable from the outside: each thread using an instance gets its own
 * {@link MessageDigest} and scratch buffer, held in a per-instance {@link ThreadLocal}, so the hot
 * paths ({@link #hashLeaf}, {@link #hashNode}, the ranged {@link #hash}) allocate nothing.
 */
public final class Sha256Hash implements HashFunction {
    static final byte LEAF_PREFIX = 0x00;
    static final byte NODE_PREFIX = 0x01;

    private final ThreadLocal<Worker> workers = ThreadLocal.withInitial(Worker::new);

    @Override
    public HashId id() {
        return HashId.SHA256;
    }

    @Override
    public byte[] hash(byte[] data) {
        Objects.requireNonNull(data, "data");
        return workers.get().md.digest(data);
    }

    @Override
    public void hash(byte[] data, int offset, int length, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Objects.checkFromIndexSize(outOffset, DIGEST_BYTES, out.length);
        MessageDigest md = workers.get().md;
        md.update(data, offset, length);
        finish(md, out, outOffset);
    }

    @Override
    public void hashLeaf(long[] elements, int from, int count, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(from, count, elements.length);
        Objects.checkFromIndexSize(outOffset, DIGEST_BYTES, out.length);
        Worker w = workers.get();
        byte[] buf = w.scratch(1 + 8 * count);
        buf[0] = LEAF_PREFIX;
        LittleEndian.putLongs(elements, from, count, buf, 1);
        w.md.update(buf, 0, 1 + 8 * count);
        finish(w.md, out, outOffset);
    }

    @Override
    public void hashNode(byte[] in, int inOffset, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(inOffset, 2 * DIGEST_BYTES, in.length);
        Objects.checkFromIndexSize(outOffset, DIGEST_BYTES, out.length);
        Worker w = workers.get();
        byte[] buf = w.scratch(1 + 2 * DIGEST_BYTES);
        buf[0] = NODE_PREFIX;
        System.arraycopy(in, inOffset, buf, 1, 2 * DIGEST_BYTES);
        w.md.update(buf, 0, 1 + 2 * DIGEST_BYTES);
        finish(w.md, out, outOffset);
    }

    @Override
    public String toString() {
        return "SHA-256";
    }

    /** Writes the digest and resets {@code md}; bounds were checked before anything was absorbed. */
    private static void finish(MessageDigest md, byte[] out, int outOffset) {
        try {
            md.digest(out, outOffset, DIGEST_BYTES);
        } catch (DigestException e) {
            md.reset();
            throw new IllegalStateException("SHA-256 digest failed", e);
        }
    }

    private static final class Worker {
        final MessageDigest md;
        private byte[] scratch = new byte[1 + 8 * 32];

        Worker() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform provides SHA-256", e);
            }
        }

        byte[] scratch(int size) {
            if (scratch.length < size) {
                scratch = new byte[Math.max(size, 2 * scratch.length)];
            }
            return scratch;
        }
    }
}
