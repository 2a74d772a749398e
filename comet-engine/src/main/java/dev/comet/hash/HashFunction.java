package dev.comet.hash;

/**
 * A 256-bit hash with 128-bit collision resistance, used for Merkle trees and the Fiat-Shamir
 * transcript. Implementations are immutable and thread-safe.
 *
 * <p>Field elements are always hashed as their canonical 8-byte little-endian encodings. Leaf and
 * node hashing are domain-separated so that a leaf can never be passed off as an inner node.
 */
public interface HashFunction {
    int DIGEST_BYTES = 32;

    /** Stable identifier written into proofs and the transcript. */
    HashId id();

    /** Hash of arbitrary bytes (transcript use). */
    byte[] hash(byte[] data);

    /** Leaf digest of {@code count} field elements from {@code elements[0..count)} into {@code out[outOffset..+32)}. */
    void hashLeaf(long[] elements, int count, byte[] out, int outOffset);

    /** Inner-node digest of the 64 bytes {@code in[inOffset..+64)} (left child then right) into {@code out[outOffset..+32)}. */
    void hashNode(byte[] in, int inOffset, byte[] out, int outOffset);

    static HashFunction of(HashId id) {
        return switch (id) {
            case BLAKE3 -> new Blake3Hash();
            case SHA256 -> new Sha256Hash();
        };
    }
}
