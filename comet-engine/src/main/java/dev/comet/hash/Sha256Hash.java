package dev.comet.hash;

/** SHA-256 (JDK). To be implemented. */
public final class Sha256Hash implements HashFunction {
    @Override public HashId id() { return HashId.SHA256; }
    @Override public byte[] hash(byte[] data) { throw new IllegalStateException("pending"); }
    @Override public void hashLeaf(long[] e, int c, byte[] o, int oo) { throw new IllegalStateException("pending"); }
    @Override public void hashNode(byte[] i, int io, byte[] o, int oo) { throw new IllegalStateException("pending"); }
}
