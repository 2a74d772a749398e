package dev.comet.hash;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The Fiat-Shamir transcript: prover and verifier feed it the same messages in the same order and
 * draw the same challenges from it.
 *
 * <p>Guarantees:
 * <ul>
 *   <li><b>Unambiguous framing.</b> Every operation is recorded as a tag byte, its label
 *       (length-prefixed UTF-8) and its payload (length-prefixed), so no two different sequences
 *       of calls produce the same byte string: {@code absorb("ab", c)} differs from
 *       {@code absorb("a", bc)}, bytes differ from longs and digests with the same encoding, and a
 *       draw's kind and parameters are bound too.</li>
 *   <li><b>Domain separation.</b> The initial state binds a fixed version string, the hash's
 *       {@link HashId} and the caller's protocol label.</li>
 *   <li><b>Fresh challenges.</b> Every draw first folds everything absorbed since the last draw,
 *       plus the draw's own label and parameters, into the state
 *       ({@code state <- H(state || records)}), then expands the new state into output blocks
 *       {@code H(state || 0x07 || u32 counter)}. The state therefore changes at every draw, so two
 *       draws never repeat, and each draw depends on everything absorbed before it.</li>
 *   <li><b>Uniform values.</b> Base-field elements come from 64-bit little-endian chunks by
 *       rejection sampling (a chunk {@code >= p} is discarded, probability {@code 2^-32}); indices
 *       into a power-of-two domain are the low bits of a chunk, hence exactly uniform.</li>
 * </ul>
 *
 * <p>Absorbed data is buffered and hashed once per draw, so absorbing many small messages costs one
 * pass of the hash over their bytes. Not thread-safe: a transcript is one conversation.
 */
public final class Transcript {
    static final String VERSION = "comet-transcript-v1";

    private static final byte TAG_INIT = 0x00;
    private static final byte TAG_BYTES = 0x01;
    private static final byte TAG_LONGS = 0x02;
    private static final byte TAG_DIGEST = 0x03;
    private static final byte TAG_DRAW = 0x04;
    private static final byte TAG_POW = 0x05;
    private static final byte TAG_POW_NONCE = 0x06;
    private static final byte TAG_SQUEEZE = 0x07;

    private static final byte DRAW_BASE = 1;
    private static final byte DRAW_EXTENSION = 2;
    private static final byte DRAW_INDICES = 3;

    private static final int D = HashFunction.DIGEST_BYTES;
    /** Size of the record {@code TAG_POW || u32 bits}. */
    private static final int POW_RECORD_BYTES = 1 + 4;

    private final HashFunction hash;
    /** {@code buffer[0..32)} is the state, {@code buffer[32..length)} the records not yet folded in. */
    private byte[] buffer = new byte[256];
    private int length;
    /** {@code squeezeIn = state || TAG_SQUEEZE || u32 counter}; refreshed at each draw. */
    private final byte[] squeezeIn = new byte[D + 1 + 4];
    private int squeezeCounter;
    private final byte[] block = new byte[D];
    private int blockPos = D;
    private final byte[] digest = new byte[D];

    public Transcript(HashFunction hash, String protocolLabel) {
        this.hash = Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(protocolLabel, "protocolLabel");
        length = D;
        putByte(TAG_INIT);
        putLabel(VERSION);
        putInt(hash.id().code());
        putLabel(protocolLabel);
        fold();
    }

    /** The hash this transcript runs on. */
    public HashFunction hashFunction() {
        return hash;
    }

    /** Absorbs {@code data} under {@code label}. */
    public void absorb(String label, byte[] data) {
        Objects.requireNonNull(data, "data");
        putByte(TAG_BYTES);
        putLabel(label);
        putInt(data.length);
        putBytes(data, 0, data.length);
    }

    /**
     * Absorbs 64-bit words as 8-byte little-endian values. Callers absorbing field elements pass
     * canonical values, so that each element has one encoding.
     */
    public void absorbLongs(String label, long[] values) {
        Objects.requireNonNull(values, "values");
        putByte(TAG_LONGS);
        putLabel(label);
        putInt(values.length);
        ensure(8 * values.length);
        LittleEndian.putLongs(values, 0, values.length, buffer, length);
        length += 8 * values.length;
    }

    /** Absorbs a 32-byte digest (a Merkle root, say). */
    public void absorbDigest(String label, byte[] digest) {
        Objects.requireNonNull(digest, "digest");
        if (digest.length != D) {
            throw new IllegalArgumentException("a digest has " + D + " bytes, got " + digest.length);
        }
        putByte(TAG_DIGEST);
        putLabel(label);
        putBytes(digest, 0, D);
    }

    /** A uniformly random canonical element of the base field. */
    public long drawBase(String label) {
        beginDraw(label, DRAW_BASE, 1, 0);
        return nextBase();
    }

    /** A uniformly random element of {@code ext}: {@code ext.degree()} base-field draws, lowest coefficient first. */
    public long[] drawExtension(String label, ExtensionField ext) {
        Objects.requireNonNull(ext, "ext");
        beginDraw(label, DRAW_EXTENSION, ext.degree(), 0);
        long[] r = new long[ext.degree()];
        for (int i = 0; i < r.length; i++) {
            r[i] = nextBase();
        }
        return r;
    }

    /**
     * {@code count} independent uniform indices in {@code [0, domainSize)}, in draw order, duplicates
     * possible. {@code domainSize} must be a power of two.
     */
    public int[] drawIndices(String label, int count, int domainSize) {
        if (count < 0) {
            throw new IllegalArgumentException("negative index count " + count);
        }
        if (domainSize <= 0 || Integer.bitCount(domainSize) != 1) {
            throw new IllegalArgumentException("domain size must be a power of two, got " + domainSize);
        }
        beginDraw(label, DRAW_INDICES, count, domainSize);
        long mask = domainSize - 1;
        int[] r = new int[count];
        for (int i = 0; i < count; i++) {
            r[i] = (int) (nextLong() & mask);
        }
        return r;
    }

    /**
     * Prover side of proof of work: folds the pending records and {@code bits} into the state, finds
     * the smallest nonce {@code >= 0} such that {@code H(state || u64le(nonce))} starts with at least
     * {@code bits} zero bits, absorbs that nonce and returns it. Expected cost {@code 2^bits} hashes
     * of 40 bytes, with no allocation per attempt, spread over the machine's cores.
     */
    public long grind(int bits) {
        checkBits(bits);
        byte[] in = powInput(bits);
        long nonce = search(in, bits);
        commitPow(in, nonce);
        return nonce;
    }

    /** Nonces tried per task of the parallel search. */
    private static final int GRIND_CHUNK = 1 << 13;

    /**
     * The smallest valid nonce. Each core's worker claims the next chunk of consecutive nonces
     * until the chunk it claims starts above a nonce already found. Chunks are claimed in
     * increasing order and a claimed chunk is always searched to its end, so every chunk below
     * the smallest hit has been searched when the workers stop: the result is the smallest valid
     * nonce overall, whatever the number of cores, and no worker waits for another in between.
     */
    private long search(byte[] prefix, int bits) {
        if (bits <= 12) {
            return scan(prefix, hash, 0, Long.MAX_VALUE, bits);
        }
        AtomicLong nextChunk = new AtomicLong();
        AtomicLong smallest = new AtomicLong(Long.MAX_VALUE);
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        IntStream.range(0, workers).parallel().forEach(w -> {
            HashFunction h = HashFunction.of(hash.id());
            while (true) {
                long from = nextChunk.getAndIncrement() * GRIND_CHUNK;
                if (from < 0 || from >= smallest.get()) {
                    return;
                }
                long found = scan(prefix, h, from, GRIND_CHUNK, bits);
                if (found >= 0) {
                    smallest.accumulateAndGet(found, Math::min);
                }
            }
        });
        long found = smallest.get();
        if (found == Long.MAX_VALUE) {
            throw new IllegalStateException("no proof-of-work nonce below 2^63 for " + bits + " bits");
        }
        return found;
    }

    /** The first valid nonce in {@code [from, from + count)}, or -1; works on its own copy of the prefix. */
    private static long scan(byte[] prefix, HashFunction h, long from, long count, int bits) {
        byte[] in = prefix.clone();
        byte[] out = new byte[D];
        for (long nonce = from; nonce - from < count && nonce >= 0; nonce++) {
            LittleEndian.putLong(in, D, nonce);
            h.hash(in, 0, in.length, out, 0);
            if (bits == 0 || Long.numberOfLeadingZeros(LittleEndian.getLongBigEndian(out, 0)) >= bits) {
                return nonce;
            }
        }
        return -1;
    }

    /**
     * Verifier side of proof of work: returns whether {@code nonce} is valid for the current state
     * and {@code bits}; if it is, updates the transcript exactly as {@link #grind} did on the prover
     * side. If it is not, the transcript is left unchanged. Negative nonces are never valid, and
     * without grinding only 0 is (the nonce {@link #grind} finds), so that a proof has one
     * encoding even when its openings would also answer other query positions. With grinding any
     * nonce meeting the target is valid, since a verifier cannot check that it is the smallest:
     * a proof so small that its openings cover every leaf then has other valid encodings. They
     * prove the same statement (a statement has many proofs in any case); a proof's digest
     * identifies a proof, not a statement.
     */
    public boolean acceptProofOfWork(long nonce, int bits) {
        checkBits(bits);
        if (nonce < 0 || (bits == 0 && nonce != 0)) {
            return false;
        }
        byte[] in = powInput(bits);
        if (!meetsTarget(in, nonce, bits)) {
            length -= POW_RECORD_BYTES;
            return false;
        }
        commitPow(in, nonce);
        return true;
    }

    /**
     * Appends the proof-of-work record and returns {@code H(state || pending) || 8 free bytes}
     * without changing the state yet.
     */
    private byte[] powInput(int bits) {
        putByte(TAG_POW);
        putInt(bits);
        byte[] in = new byte[D + 8];
        hash.hash(buffer, 0, length, in, 0);
        return in;
    }

    /** Makes the proof-of-work state the transcript state and records the nonce. */
    private void commitPow(byte[] in, long nonce) {
        System.arraycopy(in, 0, buffer, 0, D);
        length = D;
        putByte(TAG_POW_NONCE);
        ensure(8);
        LittleEndian.putLong(buffer, length, nonce);
        length += 8;
    }

    private boolean meetsTarget(byte[] in, long nonce, int bits) {
        LittleEndian.putLong(in, D, nonce);
        hash.hash(in, 0, in.length, digest, 0);
        return bits == 0 || Long.numberOfLeadingZeros(LittleEndian.getLongBigEndian(digest, 0)) >= bits;
    }

    private static void checkBits(int bits) {
        if (bits < 0 || bits > 64) {
            throw new IllegalArgumentException("proof-of-work bits must be in [0, 64], got " + bits);
        }
    }

    private void beginDraw(String label, byte kind, int a, int b) {
        putByte(TAG_DRAW);
        putLabel(label);
        putByte(kind);
        putInt(a);
        putInt(b);
        fold();
        System.arraycopy(buffer, 0, squeezeIn, 0, D);
        squeezeIn[D] = TAG_SQUEEZE;
        squeezeCounter = 0;
        blockPos = D;
    }

    private long nextBase() {
        while (true) {
            long v = nextLong();
            if (Long.compareUnsigned(v, Goldilocks.P) < 0) {
                return v;
            }
        }
    }

    private long nextLong() {
        if (blockPos == D) {
            LittleEndian.putInt(squeezeIn, D + 1, squeezeCounter++);
            hash.hash(squeezeIn, 0, squeezeIn.length, block, 0);
            blockPos = 0;
        }
        long v = LittleEndian.getLong(block, blockPos);
        blockPos += 8;
        return v;
    }

    /** {@code state <- H(state || pending records)}; clears the records. */
    private void fold() {
        hash.hash(buffer, 0, length, digest, 0);
        System.arraycopy(digest, 0, buffer, 0, D);
        length = D;
    }

    private void putLabel(String label) {
        Objects.requireNonNull(label, "label");
        byte[] b = label.getBytes(StandardCharsets.UTF_8);
        putInt(b.length);
        putBytes(b, 0, b.length);
    }

    private void putByte(byte v) {
        ensure(1);
        buffer[length++] = v;
    }

    private void putInt(int v) {
        ensure(4);
        LittleEndian.putInt(buffer, length, v);
        length += 4;
    }

    private void putBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buffer, length, len);
        length += len;
    }

    private void ensure(int extra) {
        long needed = (long) length + extra;
        if (needed > buffer.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("transcript records exceed 2 GiB before a draw");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16, 2L * buffer.length)));
        }
    }
}
