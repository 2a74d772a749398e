package dev.comet.hash;

import java.util.Arrays;
import java.util.Objects;

/**
 * A 256-bit hash with 128-bit collision resistance, used for Merkle trees and the Fiat-Shamir
 * transcript. Implementations are immutable and thread-safe: any number of threads may call any
 * method on one instance at the same time.
 *
 * <p>Field elements are always hashed as their canonical 8-byte little-endian encodings; callers
 * pass canonical values (the proof decoder rejects non-canonical ones), so each element has one
 * encoding. Leaf and node hashing are domain-separated so that a leaf can never be passed off as
 * an inner node or the other way round. Plain {@link #hash} is not separated from them for every
 * implementation (SHA-256's leaf is the plain hash of a 0x00-prefixed input); it serves only the
 * transcript, whose inputs are framed records, never Merkle material.
 *
 * <p>The interface is shaped so that Keccak-256 and an algebraic hash (Poseidon2 over Goldilocks,
 * whose natural input is a vector of field elements and whose 4-element digest encodes into 32
 * bytes) can be added as further {@link HashId}s without changing callers.
 */
public interface HashFunction {
    int DIGEST_BYTES = 32;

    /** Stable identifier written into proofs and the transcript. */
    HashId id();

    /** Hash of arbitrary bytes (transcript use). This is the standard, unkeyed hash of {@code data}. */
    byte[] hash(byte[] data);

    /**
     * Hash of {@code data[offset..offset+length)} into {@code out[outOffset..+32)}, equal to
     * {@code hash(Arrays.copyOfRange(data, offset, offset + length))} but without allocating where
     * the implementation can avoid it. Used by hot loops such as proof-of-work grinding.
     */
    default void hash(byte[] data, int offset, int length, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Objects.checkFromIndexSize(outOffset, DIGEST_BYTES, out.length);
        byte[] copy = Arrays.copyOfRange(data, offset, offset + length);
        System.arraycopy(hash(copy), 0, out, outOffset, DIGEST_BYTES);
    }

    /** Leaf digest of {@code count} field elements from {@code elements[0..count)} into {@code out[outOffset..+32)}. */
    default void hashLeaf(long[] elements, int count, byte[] out, int outOffset) {
        hashLeaf(elements, 0, count, out, outOffset);
    }

    /** Leaf digest of the {@code count} field elements {@code elements[from..from+count)} into {@code out[outOffset..+32)}. */
    void hashLeaf(long[] elements, int from, int count, byte[] out, int outOffset);

    /** Inner-node digest of the 64 bytes {@code in[inOffset..+64)} (left child then right) into {@code out[outOffset..+32)}. */
    void hashNode(byte[] in, int inOffset, byte[] out, int outOffset);

    /** A new instance of the named hash. */
    static HashFunction of(HashId id) {
        return switch (id) {
            case BLAKE3 -> new Blake3Hash();
            case SHA256 -> new Sha256Hash();
        };
    }

    /**
     * The hash Comet uses unless told otherwise: SHA-256. It was chosen by measured throughput on
     * the shapes that dominate proving (64-byte nodes, 16- and 32-element leaves), where the JDK's
     * hardware-accelerated SHA-256 beats BLAKE3 in Java; figures and reasoning are in
     * {@code docs/HASH_CHOICE.md}. Changing it changes every proof and commitment, so it is part
     * of the protocol and proofs name their hash by {@link HashId}.
     */
    static HashFunction defaultHash() {
        return of(HashId.SHA256);
    }
}
