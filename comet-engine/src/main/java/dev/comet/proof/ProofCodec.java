package dev.comet.proof;

import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.field.Goldilocks;
import dev.comet.fri.FriOptions;
import dev.comet.fri.FriProof;
import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;
import dev.comet.merkle.BatchOpening;
import dev.comet.merkle.MerkleTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Versioned binary encoding of {@link StarkProof}.
 *
 * <p>Layout: magic {@code COMETPRF}, format version (u16), options, the number of tables, then per
 * table its trace info, stated LogUp total (when it has one) and out-of-domain frame; the three
 * rounds' roots (main, a flag and the auxiliary root when a table has an auxiliary trace,
 * composition; {@link RoundLayout}); the FRI proof of all tables; per table reading a
 * precommitted segment, that segment's FRI proof (no layers and no remainder when an earlier table
 * opens the same segment); the grinding nonce; the rounds' siblings; per table its rows of the
 * three rounds and its segment's query section. All integers are big-endian; field elements are
 * u64 and must be canonical.
 *
 * <p>Decoding trusts nothing: every count is bounded by limits that follow from the options
 * already read and by the bytes actually remaining, every field element must be canonical, and
 * trailing bytes are an error. Any failure is a {@link MalformedProofException}, never another
 * exception.
 */
public final class ProofCodec {
    public static final byte[] MAGIC = "COMETPRF".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 5;
    /**
     * The format's own maximum length of an encoded proof, 64 MiB: longer input is not a proof
     * and is refused before parsing. Readers can bound what they read by it (one byte more tells
     * them a file is too long) instead of trusting a file's size; honest proofs are far smaller.
     */
    public static final int MAX_ENCODED_BYTES = 64 << 20;
    static final int MAX_ROW_OFFSETS = 8;
    static final int MAX_COMPOSITION_COLUMNS = 64;
    static final int MAX_FRI_LAYERS = 40;

    private ProofCodec() {}

    public static byte[] encode(StarkProof proof) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeShort(VERSION);
            ProofOptions o = proof.options();
            out.writeByte(o.logBlowup());
            out.writeByte(o.numQueries());
            out.writeByte(o.dataQueries());
            out.writeByte(o.grindingBits());
            out.writeByte(o.extensionDegree());
            out.writeByte(o.foldingFactor());
            out.writeShort(o.remainderSize());
            out.writeByte(o.hash().code());
            out.writeByte(proof.tables().size());
            for (StarkProof.TableProof table : proof.tables()) {
                writeTableHeader(out, table);
            }
            out.write(proof.main().root());
            out.writeByte(proof.aux().isNone() ? 0 : 1);
            out.write(proof.aux().root());
            out.write(proof.composition().root());
            writeFri(out, proof.fri());
            for (StarkProof.TableProof table : proof.tables()) {
                if (table.traceInfo().hasPrecommitted()) {
                    writeFri(out, table.segmentFri());
                }
            }
            out.writeLong(proof.powNonce());
            proof.main().opening().writeTo(out);
            if (!proof.aux().isNone()) {
                proof.aux().opening().writeTo(out);
            }
            proof.composition().opening().writeTo(out);
            for (StarkProof.TableProof table : proof.tables()) {
                for (long[] values : List.of(table.mainValues(), table.auxValues(), table.compositionValues())) {
                    out.writeInt(values.length);
                    writeLongs(out, values);
                }
                StarkProof.Queries q = table.precommittedQueries();
                out.writeInt(q.values().length);
                writeLongs(out, q.values());
                q.proof().writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeTableHeader(DataOutputStream out, StarkProof.TableProof table) throws IOException {
        TraceInfo t = table.traceInfo();
        out.writeByte(t.logLength());
        out.writeShort(t.mainWidth());
        out.writeShort(t.auxWidth());
        out.writeByte(t.numChallenges());
        out.writeShort(t.precommittedWidth());
        out.writeByte(t.logPrecommittedHeight());
        out.writeByte(table.numCompositionColumns());
        out.writeByte(table.logUpSum().length == 0 ? 0 : 1);
        writeLongs(out, table.logUpSum());
        StarkProof.OodFrame ood = table.ood();
        out.writeByte(ood.main().length);
        writeFrame(out, ood.main());
        writeFrame(out, ood.aux());
        for (long[] v : ood.composition()) {
            writeLongs(out, v);
        }
        for (long[] v : ood.precommitted()) {
            writeLongs(out, v);
        }
    }

    /** SHA-256 of the encoding, hex: the digest a model file records. */
    public static String digestHex(byte[] encoded) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(encoded);
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static StarkProof decode(byte[] bytes) throws MalformedProofException {
        if (bytes.length > MAX_ENCODED_BYTES) {
            throw new MalformedProofException("proof has " + bytes.length + " bytes, more than the format's maximum of "
                    + MAX_ENCODED_BYTES);
        }
        try {
            return new Reader(bytes).proof();
        } catch (MalformedProofException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedProofException("proof is truncated");
        } catch (RuntimeException e) {
            throw new MalformedProofException("proof is malformed: " + e.getMessage());
        }
    }

    private static void writeFri(DataOutputStream out, FriProof fri) throws IOException {
        out.writeByte(fri.layerRoots().size());
        for (byte[] root : fri.layerRoots()) {
            out.write(root);
        }
        // FriProof.NONE (a segment opened in another table's sections) is 0 layers and length 0.
        out.writeShort(fri.remainder().length == 0 ? 0 : fri.remainder()[0].length);
        for (long[] coordinate : fri.remainder()) {
            writeLongs(out, coordinate);
        }
        for (FriProof.LayerOpening layer : fri.layers()) {
            out.writeInt(layer.values().length);
            writeLongs(out, layer.values());
            layer.proof().writeTo(out);
        }
    }

    private static void writeFrame(DataOutputStream out, long[][][] frame) throws IOException {
        for (long[][] row : frame) {
            for (long[] v : row) {
                writeLongs(out, v);
            }
        }
    }

    private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        for (long v : values) {
            out.writeLong(v);
        }
    }

    /** A table's header as read, before the FRI and query sections that follow all headers. */
    private record Header(TraceInfo trace, int compositionColumns, long[] logUpSum, StarkProof.OodFrame ood) {}

    private static final class Reader {
        private final byte[] bytes;
        private final ByteArrayInputStream stream;
        private final DataInputStream in;

        Reader(byte[] bytes) {
            this.bytes = bytes;
            this.stream = new ByteArrayInputStream(bytes);
            this.in = new DataInputStream(stream);
        }

        StarkProof proof() throws IOException, MalformedProofException {
            if (bytes.length < MAGIC.length + 2) {
                throw new MalformedProofException("not a Comet proof: file has only " + bytes.length + " bytes");
            }
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new MalformedProofException("not a Comet proof: wrong magic bytes");
            }
            int version = in.readUnsignedShort();
            if (version != VERSION) {
                throw new MalformedProofException("unsupported proof format version " + version + " (this build reads " + VERSION + ")");
            }
            ProofOptions options;
            try {
                options = new ProofOptions(in.readUnsignedByte(), in.readUnsignedByte(), in.readUnsignedByte(),
                        in.readUnsignedByte(), in.readUnsignedByte(), in.readUnsignedByte(), in.readUnsignedShort(),
                        HashId.fromCode(in.readUnsignedByte()));
            } catch (IllegalArgumentException e) {
                throw new MalformedProofException("invalid proof options: " + e.getMessage());
            }
            int numTables = in.readUnsignedByte();
            if (numTables < 1 || numTables > TableSet.MAX_TABLES) {
                throw new MalformedProofException("invalid number of tables " + numTables);
            }
            List<Header> headers = new ArrayList<>();
            for (int i = 0; i < numTables; i++) {
                headers.add(header(options));
            }
            byte[] mainRoot = digest();
            int hasAux = in.readUnsignedByte();
            if (hasAux != (headers.stream().anyMatch(h -> h.trace().auxWidth() > 0) ? 1 : 0)) {
                throw new MalformedProofException("auxiliary commitment flag does not match the trace infos");
            }
            byte[] auxRoot = hasAux == 1 ? digest() : new byte[0];
            byte[] compositionRoot = digest();
            int maxSiblings = options.numQueries() * (TraceInfo.MAX_LOG_LENGTH + 6);
            FriProof fri = fri(options, options.fri(), options.numQueries(), maxSiblings);
            FriProof[] segmentFris = new FriProof[numTables];
            for (int i = 0; i < numTables; i++) {
                TraceInfo trace = headers.get(i).trace();
                segmentFris[i] = trace.hasPrecommitted()
                        ? fri(options, Precommitment.FRI, options.dataQueries(), segmentSiblings(options, trace))
                        : FriProof.NONE;
            }
            long nonce = in.readLong();
            StarkProof.Commitment main = new StarkProof.Commitment(mainRoot, BatchOpening.readFrom(in, maxSiblings));
            StarkProof.Commitment aux = hasAux == 1
                    ? new StarkProof.Commitment(auxRoot, BatchOpening.readFrom(in, maxSiblings))
                    : StarkProof.Commitment.NONE;
            StarkProof.Commitment composition = new StarkProof.Commitment(compositionRoot,
                    BatchOpening.readFrom(in, maxSiblings));
            List<StarkProof.TableProof> tables = new ArrayList<>();
            int degree = options.extensionDegree();
            for (int i = 0; i < numTables; i++) {
                Header h = headers.get(i);
                TraceInfo trace = h.trace();
                long[] mainValues = longs(count(rowValues(options, trace.mainWidth()), "main values"));
                long[] auxValues = longs(count(rowValues(options, trace.auxWidth() * degree), "auxiliary values"));
                long[] compositionValues = longs(count(rowValues(options, h.compositionColumns() * degree),
                        "composition values"));
                StarkProof.Queries precommitted = queries(options.dataQueries() * trace.precommittedWidth(),
                        segmentSiblings(options, trace));
                tables.add(new StarkProof.TableProof(trace, h.compositionColumns(), h.logUpSum(), h.ood(), mainValues,
                        auxValues, compositionValues, precommitted, segmentFris[i]));
            }
            if (stream.available() != 0) {
                throw new MalformedProofException("proof has " + stream.available() + " trailing bytes");
            }
            return new StarkProof(options, tables, main, aux, composition, fri, nonce);
        }

        /** A table's rows of at most one opened leaf a query, {@link MerkleTree#MAX_ROWS_PER_LEAF} rows a leaf at most. */
        private static int rowValues(ProofOptions options, int width) {
            return options.numQueries() * MerkleTree.MAX_ROWS_PER_LEAF * width;
        }

        private static int segmentSiblings(ProofOptions options, TraceInfo trace) {
            return options.dataQueries() * (trace.logPrecommittedHeight() + Precommitment.LOG_BLOWUP);
        }

        private Header header(ProofOptions options) throws IOException, MalformedProofException {
            TraceInfo trace;
            try {
                trace = new TraceInfo(in.readUnsignedByte(), in.readUnsignedShort(), in.readUnsignedShort(),
                        in.readUnsignedByte(), in.readUnsignedShort(), in.readUnsignedByte());
            } catch (IllegalArgumentException e) {
                throw new MalformedProofException("invalid trace info: " + e.getMessage());
            }
            int degree = options.extensionDegree();
            int compositionColumns = in.readUnsignedByte();
            if (compositionColumns < 1 || compositionColumns > Math.min(MAX_COMPOSITION_COLUMNS, options.blowup())) {
                throw new MalformedProofException("invalid number of composition columns " + compositionColumns);
            }
            int hasSum = in.readUnsignedByte();
            if (hasSum > 1 || (hasSum == 1 && trace.auxWidth() == 0)) {
                throw new MalformedProofException("invalid LogUp total flag " + hasSum);
            }
            long[] logUpSum = hasSum == 1 ? longs(degree) : new long[0];
            int offsets = in.readUnsignedByte();
            if (offsets < 1 || offsets > MAX_ROW_OFFSETS) {
                throw new MalformedProofException("invalid out-of-domain frame size " + offsets);
            }
            long[][][] oodMain = frame(offsets, trace.mainWidth(), degree);
            long[][][] oodAux = frame(offsets, trace.auxWidth(), degree);
            long[][] oodComposition = new long[compositionColumns][];
            for (int c = 0; c < compositionColumns; c++) {
                oodComposition[c] = longs(degree);
            }
            long[][] oodPrecommitted = new long[trace.precommittedWidth()][];
            for (int c = 0; c < oodPrecommitted.length; c++) {
                oodPrecommitted[c] = longs(degree);
            }
            return new Header(trace, compositionColumns, logUpSum,
                    new StarkProof.OodFrame(oodMain, oodAux, oodComposition, oodPrecommitted));
        }

        private FriProof fri(ProofOptions options, FriOptions friOptions, int queries, int maxSiblings)
                throws IOException, MalformedProofException {
            int numLayers = in.readUnsignedByte();
            if (numLayers > MAX_FRI_LAYERS) {
                throw new MalformedProofException("too many FRI layers: " + numLayers);
            }
            List<byte[]> roots = new ArrayList<>();
            for (int i = 0; i < numLayers; i++) {
                roots.add(digest());
            }
            int remainderLength = in.readUnsignedShort();
            if (remainderLength > friOptions.remainderSize()) {
                throw new MalformedProofException("FRI remainder longer than the options allow");
            }
            if (numLayers == 0 && remainderLength == 0) {
                return FriProof.NONE; // every real FRI has a remainder of at least one coefficient
            }
            long[][] remainder = new long[options.extensionDegree()][];
            for (int d = 0; d < remainder.length; d++) {
                remainder[d] = longs(remainderLength);
            }
            int maxLeafValues = queries * friOptions.foldingFactor() * options.extensionDegree();
            List<FriProof.LayerOpening> layers = new ArrayList<>();
            for (int i = 0; i < numLayers; i++) {
                long[] values = longs(count(maxLeafValues, "FRI layer values"));
                layers.add(new FriProof.LayerOpening(values, BatchOpening.readFrom(in, maxSiblings)));
            }
            return new FriProof(roots, remainder, layers);
        }

        private StarkProof.Queries queries(int maxValues, int maxSiblings) throws IOException, MalformedProofException {
            long[] values = longs(count(maxValues, "query values"));
            return new StarkProof.Queries(values, BatchOpening.readFrom(in, maxSiblings));
        }

        private int count(int max, String what) throws IOException, MalformedProofException {
            int n = in.readInt();
            if (n < 0 || n > max) {
                throw new MalformedProofException("declared number of " + what + " " + Integer.toUnsignedString(n)
                        + " exceeds the limit " + max);
            }
            return n;
        }

        private long[][][] frame(int offsets, int width, int degree) throws IOException, MalformedProofException {
            long[][][] frame = new long[offsets][width][];
            for (int o = 0; o < offsets; o++) {
                for (int c = 0; c < width; c++) {
                    frame[o][c] = longs(degree);
                }
            }
            return frame;
        }

        private byte[] digest() throws IOException {
            byte[] d = in.readNBytes(HashFunction.DIGEST_BYTES);
            if (d.length != HashFunction.DIGEST_BYTES) {
                throw new java.io.EOFException();
            }
            return d;
        }

        private long[] longs(int n) throws IOException, MalformedProofException {
            if ((long) n * 8 > stream.available()) {
                throw new java.io.EOFException();
            }
            long[] out = new long[n];
            // one read of the run, not one per element: a large proof's queries are megabytes of them
            java.nio.ByteBuffer.wrap(in.readNBytes(8 * n)).asLongBuffer().get(out);
            for (long v : out) {
                if (Long.compareUnsigned(v, Goldilocks.P) >= 0) {
                    throw new MalformedProofException("non-canonical field element in proof");
                }
            }
            return out;
        }
    }
}
