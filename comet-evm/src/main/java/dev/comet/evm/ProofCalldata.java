package dev.comet.evm;

import dev.comet.air.Air;
import dev.comet.air.CompositionLayout;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.fri.FriProof;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A proof as a generated verifier's {@code verify} takes it: the words {@code w} and the
 * {@code digests} that {@code StarkCalldata} in CometStark.sol decodes (each run of field
 * elements after its count packed four to a word). {@link #of} writes them from a proof;
 * {@link #read} reads them back as the contract does, so that tests can hold the two verifiers to
 * the same verdict on any calldata.
 */
public record ProofCalldata(List<BigInteger> words, List<byte[]> digests) {
    /** The proof's calldata. */
    public static ProofCalldata of(StarkProof proof) {
        List<BigInteger> w = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        w.add(BigInteger.valueOf(proof.tables().size()));
        // the set's rounds first: one tree each over every table (RoundLayout)
        boolean aux = !proof.aux().isNone();
        w.add(BigInteger.valueOf(aux ? 1 : 0));
        for (StarkProof.Commitment round : List.of(proof.main(), proof.aux(), proof.composition())) {
            w.add(BigInteger.valueOf(round.opening().siblingCount()));
        }
        digests.add(proof.main().root());
        if (aux) {
            digests.add(proof.aux().root());
        }
        digests.add(proof.composition().root());
        for (StarkProof.Commitment round : List.of(proof.main(), proof.aux(), proof.composition())) {
            siblingsOf(digests, round.opening());
        }
        for (StarkProof.TableProof table : proof.tables()) {
            counted(w, oodValues(table.ood()));
            counted(w, table.logUpSum());
            counted(w, table.mainValues());
            counted(w, table.auxValues());
            counted(w, table.compositionValues());
            counted(w, table.precommittedQueries().values());
            w.add(BigInteger.valueOf(table.precommittedQueries().proof().siblingCount()));
            List<byte[]> segmentFriDigests = friWords(w, table.segmentFri());
            siblingsOf(digests, table.precommittedQueries().proof());
            digests.addAll(segmentFriDigests);
        }
        digests.addAll(friWords(w, proof.fri()));
        w.add(unsigned(proof.powNonce()));
        return new ProofCalldata(w, digests);
    }

    /** The out-of-domain frame flattened: main rows, auxiliary rows, composition, precommitted. */
    private static long[] oodValues(StarkProof.OodFrame frame) {
        java.util.stream.LongStream.Builder ood = java.util.stream.LongStream.builder();
        for (long[][] row : frame.main()) {
            for (long[] v : row) {
                Arrays.stream(v).forEach(ood::add);
            }
        }
        for (long[][] row : frame.aux()) {
            for (long[] v : row) {
                Arrays.stream(v).forEach(ood::add);
            }
        }
        for (long[] v : frame.composition()) {
            Arrays.stream(v).forEach(ood::add);
        }
        for (long[] v : frame.precommitted()) {
            Arrays.stream(v).forEach(ood::add);
        }
        return ood.build().toArray();
    }

    /** A FRI proof's words (see StarkCalldata); returns its digests, roots then siblings. */
    private static List<byte[]> friWords(List<BigInteger> w, FriProof f) {
        w.add(BigInteger.valueOf(f.layers().size()));
        long offset = 0;
        for (FriProof.LayerOpening layer : f.layers()) {
            w.add(BigInteger.valueOf(offset));
            offset += layer.values().length;
        }
        w.add(BigInteger.valueOf(offset));
        packed(w, f.layers().stream().flatMapToLong(layer -> Arrays.stream(layer.values())).toArray());
        long siblings = 0;
        List<byte[]> friSiblings = new ArrayList<>();
        for (FriProof.LayerOpening layer : f.layers()) {
            w.add(BigInteger.valueOf(siblings));
            siblings += layer.proof().siblingCount();
            for (int k = 0; k < layer.proof().siblingCount(); k++) {
                friSiblings.add(layer.proof().sibling(k));
            }
        }
        w.add(BigInteger.valueOf(siblings));
        w.add(BigInteger.valueOf(f.remainder().length == 0 ? 0 : f.remainder()[0].length));
        packed(w, Arrays.stream(f.remainder()).flatMapToLong(Arrays::stream).toArray());
        List<byte[]> digests = new ArrayList<>(f.layerRoots());
        digests.addAll(friSiblings);
        return digests;
    }

    /**
     * The Java verifier's verdict on this calldata read back as a proof with the same layout as
     * the contract's decoder: a malformed or non-canonical word is a rejection, as the contract's
     * revert is. For tests that compare the two verifiers on mutated proofs.
     */
    public boolean javaVerdict(TableSet set, ProofOptions verifiedOptions) {
        StarkProof proof;
        try {
            proof = read(set, verifiedOptions);
        } catch (RuntimeException e) {
            return false;
        }
        return new dev.comet.verifier.StarkVerifier(0).verify(set, proof).valid();
    }

    /** What one table's section of the calldata declares, read in the contract's order. */
    private record TableSection(long[] ood, long[] logUpSum, long[] mainValues, long[] auxValues,
                                long[] compositionValues, long[] segmentValues, int segmentSiblings,
                                FriSection segmentFri) {}

    /** What a FRI section of the calldata declares. */
    private record FriSection(int[] valueStarts, long[] values, int[] siblingStarts, long[][] remainder) {
        static FriSection read(WordReader w) {
            int layers = w.count();
            int[] valueStarts = w.counts(layers + 1);
            long[] values = w.fieldElements(valueStarts[layers]);
            int[] siblingStarts = w.counts(layers + 1);
            int bound = w.count();
            // one packed run of both coordinates, as the encoder writes it and the contract reads it
            long[] both = w.fieldElements(2 * bound);
            long[][] remainder = {Arrays.copyOfRange(both, 0, bound), Arrays.copyOfRange(both, bound, 2 * bound)};
            return new FriSection(valueStarts, values, siblingStarts, remainder);
        }

        int layers() {
            return valueStarts.length - 1;
        }

        int digests() {
            return layers() + siblingStarts[layers()];
        }

        /** The proof, from this section's {@link #digests()} digests (roots, then siblings); an empty section is none. */
        FriProof proof(List<byte[]> d) {
            int layers = layers();
            if (valueStarts[0] != 0 || siblingStarts[0] != 0) {
                throw new IllegalArgumentException("FRI offsets start at " + valueStarts[0] + ", " + siblingStarts[0]);
            }
            if (layers == 0 && remainder[0].length == 0) {
                return FriProof.NONE;
            }
            List<byte[]> roots = new ArrayList<>(d.subList(0, layers));
            List<byte[]> siblings = d.subList(layers, layers + siblingStarts[layers]);
            List<FriProof.LayerOpening> openings = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                openings.add(new FriProof.LayerOpening(Arrays.copyOfRange(values, valueStarts[i], valueStarts[i + 1]),
                        opening(siblings.subList(siblingStarts[i], siblingStarts[i + 1]))));
            }
            return new FriProof(roots, remainder, openings);
        }
    }

    /** The proof this calldata holds, read as the contract's decoder reads it, for {@code set}'s shapes. */
    public StarkProof read(TableSet set, ProofOptions proofOptions) {
        WordReader w = new WordReader(words);
        int n = w.count();
        if (n != set.size()) {
            throw new IllegalArgumentException(n + " tables");
        }
        int auxRoots = w.count();
        int[] roundSiblings = w.counts(3);
        boolean hasAux = set.tables().stream().anyMatch(a -> a.traceInfo().auxWidth() > 0);
        if (auxRoots > 1 || (auxRoots == 1) != hasAux) {
            throw new IllegalArgumentException("an auxiliary root exactly when a table has an auxiliary trace");
        }
        if (auxRoots == 0 && roundSiblings[1] != 0) {
            throw new IllegalArgumentException("auxiliary siblings without an auxiliary root");
        }
        List<TableSection> sections = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] ood = w.fieldElements(w.count());
            long[] logUpSum = w.fieldElements(w.count());
            long[] mainValues = w.fieldElements(w.count());
            long[] auxValues = w.fieldElements(w.count());
            long[] compositionValues = w.fieldElements(w.count());
            long[] segmentValues = w.fieldElements(w.count());
            int segmentSiblings = w.count();
            sections.add(new TableSection(ood, logUpSum, mainValues, auxValues, compositionValues, segmentValues,
                    segmentSiblings, FriSection.read(w)));
        }
        FriSection fri = FriSection.read(w);
        long nonce = w.u64();
        if (!w.done()) {
            throw new IllegalArgumentException("trailing words");
        }
        DigestReader d = new DigestReader(digests);
        byte[] mainRoot = d.next();
        byte[] auxRoot = auxRoots == 1 ? d.next() : null;
        byte[] compositionRoot = d.next();
        StarkProof.Commitment main = new StarkProof.Commitment(mainRoot, opening(d.take(roundSiblings[0])));
        StarkProof.Commitment aux = auxRoot == null ? StarkProof.Commitment.NONE
                : new StarkProof.Commitment(auxRoot, opening(d.take(roundSiblings[1])));
        StarkProof.Commitment composition = new StarkProof.Commitment(compositionRoot, opening(d.take(roundSiblings[2])));
        List<StarkProof.TableProof> tables = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TableSection t = sections.get(i);
            StarkProof.Queries segment = new StarkProof.Queries(t.segmentValues(), opening(d.take(t.segmentSiblings())));
            FriProof segmentFri = t.segmentFri().proof(d.take(t.segmentFri().digests()));
            tables.add(tableProof(set.table(i), t, segment, segmentFri));
        }
        FriProof friProof = fri.proof(d.take(fri.digests()));
        if (!d.done()) {
            throw new IllegalArgumentException("trailing digests");
        }
        return new StarkProof(proofOptions, tables, main, aux, composition, friProof, nonce);
    }

    /** Reads the digests in order, as the contract's decoder does. */
    private static final class DigestReader {
        private final List<byte[]> digests;
        private int at;

        DigestReader(List<byte[]> digests) {
            this.digests = digests;
        }

        byte[] next() {
            return digests.get(at++);
        }

        List<byte[]> take(int n) {
            List<byte[]> out = digests.subList(at, at + n);
            at += n;
            return out;
        }

        boolean done() {
            return at == digests.size();
        }
    }

    /**
     * Table {@code i}'s proof from its section: the frame cut into main, auxiliary, composition and
     * precommitted values, and its opened rows of the three rounds.
     */
    private static StarkProof.TableProof tableProof(Air air, TableSection t, StarkProof.Queries segment,
                                                    FriProof segmentFri) {
        TraceInfo info = air.traceInfo();
        CompositionLayout layout = CompositionLayout.of(air.constraints(), info.length());
        int rows = layout.frameRows();
        int compositionColumns = layout.numColumns();
        int mainPairs = rows * info.mainWidth();
        int auxPairs = rows * info.auxWidth();
        long[] ood = t.ood();
        int precommitted = info.precommittedWidth();
        if (ood.length != 2 * (mainPairs + auxPairs + compositionColumns + precommitted)) {
            throw new IllegalArgumentException("out-of-domain frame of " + ood.length + " words");
        }
        long[][][] main = new long[rows][info.mainWidth()][];
        long[][][] aux = new long[rows][info.auxWidth()][];
        for (int o = 0; o < rows; o++) {
            for (int c = 0; c < info.mainWidth(); c++) {
                int at = 2 * (o * info.mainWidth() + c);
                main[o][c] = new long[] {ood[at], ood[at + 1]};
            }
            for (int c = 0; c < info.auxWidth(); c++) {
                int at = 2 * (mainPairs + o * info.auxWidth() + c);
                aux[o][c] = new long[] {ood[at], ood[at + 1]};
            }
        }
        long[][] composition = new long[compositionColumns][];
        for (int j = 0; j < compositionColumns; j++) {
            int at = 2 * (mainPairs + auxPairs + j);
            composition[j] = new long[] {ood[at], ood[at + 1]};
        }
        long[][] pre = new long[precommitted][];
        for (int c = 0; c < precommitted; c++) {
            int at = 2 * (mainPairs + auxPairs + compositionColumns + c);
            pre[c] = new long[] {ood[at], ood[at + 1]};
        }
        return new StarkProof.TableProof(info, compositionColumns, t.logUpSum(),
                new StarkProof.OodFrame(main, aux, composition, pre), t.mainValues(), t.auxValues(),
                t.compositionValues(), segment, segmentFri);
    }

    private static dev.comet.merkle.BatchOpening opening(List<byte[]> siblings) {
        byte[] bytes = new byte[32 * siblings.size()];
        for (int i = 0; i < siblings.size(); i++) {
            System.arraycopy(siblings.get(i), 0, bytes, 32 * i, 32);
        }
        return new dev.comet.merkle.BatchOpening(bytes);
    }

    /** Reads calldata words as the contract's decoder does: counts, field elements below p, u64s. */
    private static final class WordReader {
        private static final BigInteger P = new BigInteger(Long.toUnsignedString(dev.comet.field.Goldilocks.P));
        private final List<BigInteger> words;
        private int at;

        WordReader(List<BigInteger> words) {
            this.words = words;
        }

        int count() {
            return words.get(at++).intValueExact();
        }

        int[] counts(int n) {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = count();
            }
            return out;
        }

        long u64() {
            BigInteger v = words.get(at++);
            if (v.bitLength() > 64) {
                throw new IllegalArgumentException("not a 64-bit word");
            }
            return v.longValue();
        }

        /** n field elements packed four to a word, as the contract unpacks them. */
        long[] fieldElements(int n) {
            long[] out = new long[n];
            BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
            for (int i = 0; i < n; i += 4) {
                BigInteger word = words.get(at++);
                if (word.signum() < 0 || word.bitLength() > 256) {
                    throw new IllegalArgumentException("not a word");
                }
                int lanes = Math.min(4, n - i);
                for (int lane = 0; lane < lanes; lane++) {
                    BigInteger v = word.shiftRight(64 * lane).and(mask);
                    if (v.compareTo(P) >= 0) {
                        throw new IllegalArgumentException("not a field element");
                    }
                    out[i + lane] = v.longValue();
                }
                if (word.shiftRight(64 * lanes).signum() != 0) {
                    throw new IllegalArgumentException("unused lanes are not zero");
                }
            }
            return out;
        }

        boolean done() {
            return at == words.size();
        }
    }

    /** A count, then the values packed. */
    private static void counted(List<BigInteger> w, long[] values) {
        w.add(BigInteger.valueOf(values.length));
        packed(w, values);
    }

    /** Field elements four to a word, lowest lane first, the last word's unused lanes zero (StarkCalldata). */
    private static void packed(List<BigInteger> w, long[] values) {
        for (int i = 0; i < values.length; i += 4) {
            BigInteger word = BigInteger.ZERO;
            for (int lane = Math.min(3, values.length - 1 - i); lane >= 0; lane--) {
                word = word.shiftLeft(64).or(unsigned(values[i + lane]));
            }
            w.add(word);
        }
    }

    private static void siblingsOf(List<byte[]> digests, dev.comet.merkle.BatchOpening opening) {
        for (int k = 0; k < opening.siblingCount(); k++) {
            digests.add(opening.sibling(k));
        }
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }
}
