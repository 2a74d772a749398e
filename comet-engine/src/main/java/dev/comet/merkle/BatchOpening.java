package dev.comet.merkle;

import dev.comet.hash.HashFunction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The sibling digests that, with a set of leaf digests, recompute a Merkle root: the minimal set,
 * in the canonical order {@link MerkleTree#open} defines (level by level from the leaves up, left
 * to right within a level). Siblings that the opened leaves already determine are never included,
 * so opening leaves 0 and 1 together costs one digest less than opening them apart.
 *
 * <p>Immutable: the digests are copied in and out. Equality is by content.
 *
 * @param siblings the concatenated 32-byte sibling digests
 */
public record BatchOpening(byte[] siblings) {
    private static final int D = HashFunction.DIGEST_BYTES;
    /** The largest count whose bytes fit in one array. */
    public static final int MAX_SIBLINGS = (Integer.MAX_VALUE - 16) / D;

    public BatchOpening {
        Objects.requireNonNull(siblings, "siblings");
        if (siblings.length % D != 0) {
            throw new IllegalArgumentException("sibling bytes " + siblings.length + " are not a multiple of " + D);
        }
        siblings = siblings.clone();
    }

    /** A copy of the concatenated sibling digests. */
    @Override
    public byte[] siblings() {
        return siblings.clone();
    }

    public int siblingCount() {
        return siblings.length / D;
    }

    /** A copy of sibling {@code k}. */
    public byte[] sibling(int k) {
        Objects.checkIndex(k, siblingCount());
        return Arrays.copyOfRange(siblings, k * D, (k + 1) * D);
    }

    /** Copies sibling {@code k} into {@code dst[dstOffset..+32)}. */
    void copySibling(int k, byte[] dst, int dstOffset) {
        System.arraycopy(siblings, k * D, dst, dstOffset, D);
    }

    /** Writes the count as a big-endian {@code int} followed by the digests. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(siblingCount());
        out.write(siblings);
    }

    /**
     * Reads what {@link #writeTo} wrote. The declared count is checked against {@code maxSiblings}
     * before anything is allocated, so a hostile count cannot make the reader allocate more than
     * {@code 32 * maxSiblings} bytes.
     *
     * @throws IOException if the count is negative or above {@code maxSiblings}, or the input ends early
     */
    public static BatchOpening readFrom(DataInput in, int maxSiblings) throws IOException {
        if (maxSiblings < 0 || maxSiblings > MAX_SIBLINGS) {
            throw new IllegalArgumentException("maxSiblings must be in [0, " + MAX_SIBLINGS + "], got " + maxSiblings);
        }
        int count = in.readInt();
        if (count < 0 || count > maxSiblings) {
            throw new IOException("Merkle opening declares " + count + " siblings, allowed [0, " + maxSiblings + "]");
        }
        byte[] bytes = new byte[count * D];
        in.readFully(bytes);
        return new BatchOpening(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchOpening other && Arrays.equals(siblings, other.siblings);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(siblings);
    }

    @Override
    public String toString() {
        int n = siblingCount();
        return "BatchOpening[" + n + " siblings" + (n > 0 ? ", first " + HexFormat.of().formatHex(siblings, 0, D) : "") + "]";
    }
}
