package dev.comet.verifier;

import dev.comet.air.Air;
import dev.comet.air.CompositionLayout;
import dev.comet.air.Constraint;
import dev.comet.air.ConstraintProgram;
import dev.comet.air.PeriodicColumn;
import dev.comet.air.PublicFractions;
import dev.comet.air.TraceInfo;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.fri.FriVerifier;
import dev.comet.hash.HashFunction;
import dev.comet.hash.Transcript;
import dev.comet.merkle.MerkleTree;
import dev.comet.proof.DeepTerms;
import dev.comet.proof.Precommitment;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.ProtocolTranscript;
import dev.comet.proof.SegmentReading;
import dev.comet.proof.StarkProof;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One table's part of a verification, mirroring the prover's {@code TableProver}: its shape, its
 * commitments on the transcript, its constraints at the out-of-domain point, its DEEP quotient at
 * the query positions, and its precommitted segment's own DEEP and FRI.
 */
final class TableCheck {
    private final Air air;
    private final StarkProof.TableProof proof;
    private final List<Constraint> constraints;
    private final ProofOptions options;
    private final long shift;
    private final TraceInfo info;
    private final ExtensionField ext;
    private final int n;
    private final int logLde;
    private final CompositionLayout layout;
    /** Whether this table's sections open its precommitted segment (it is the segment's first reader). */
    private final boolean opensSegment;
    private DeepTerms terms;
    private SegmentCheck segment;

    TableCheck(Air air, StarkProof.TableProof proof, List<Constraint> constraints, CompositionLayout layout,
               ProofOptions options, long shift, boolean opensSegment) {
        this.air = air;
        this.opensSegment = opensSegment;
        this.proof = proof;
        this.constraints = constraints;
        this.options = options;
        this.shift = shift;
        this.info = air.traceInfo();
        this.ext = options.extension();
        this.n = info.length();
        this.logLde = info.logLength() + options.logBlowup();
        this.layout = layout;
    }

    int logLde() {
        return logLde;
    }

    int compositionColumns() {
        return layout.numColumns();
    }

    int numConstraints() {
        return constraints.size();
    }

    /** The AIR's public LogUp contribution under {@code challenges}, or null. */
    long[] publicLogUpTotal(List<long[]> challenges) {
        return PublicFractions.total(air.publicFractions(), challenges, ext);
    }

    /** The stated LogUp total, or null when the table declares none. */
    long[] logUpSum() {
        return proof.logUpSum().length == 0 ? null : proof.logUpSum();
    }

    void checkShape() throws StarkVerifier.Rejection {
        if (layout.logEvaluationBlowup() > options.logBlowup()) {
            throw new StarkVerifier.Rejection("blowup 2^" + options.logBlowup() + " is too small for the constraints of "
                    + air.name());
        }
        if (proof.numCompositionColumns() != layout.numColumns()) {
            throw new StarkVerifier.Rejection(air.name() + ": proof has " + proof.numCompositionColumns()
                    + " composition columns, expected " + layout.numColumns());
        }
        if (info.hasPrecommitted() && options.logBlowup() > Precommitment.LOG_BLOWUP) {
            throw new StarkVerifier.Rejection("blowup 2^" + options.logBlowup() + " exceeds the precommitted segment's 2^"
                    + Precommitment.LOG_BLOWUP);
        }
        StarkProof.OodFrame ood = proof.ood();
        if (ood.main().length != layout.frameRows() || ood.aux().length != layout.frameRows()) {
            throw new StarkVerifier.Rejection(air.name() + ": out-of-domain frame has " + ood.main().length
                    + " rows, expected " + layout.frameRows());
        }
        if (proof.logUpSum().length != 0 && proof.logUpSum().length != ext.degree()) {
            throw new StarkVerifier.Rejection(air.name() + ": a LogUp total of " + proof.logUpSum().length
                    + " coordinates, expected " + ext.degree());
        }
        if ((air.logUpSumColumn() >= 0) != (proof.logUpSum().length != 0)) {
            throw new StarkVerifier.Rejection(air.name() + (air.logUpSumColumn() >= 0 ? " states a LogUp total the proof lacks"
                    : " states no LogUp total, but the proof gives one"));
        }
        if (!opensSegment && (!isEmpty(proof.precommittedQueries()) || !proof.segmentFri().layerRoots().isEmpty()
                || proof.segmentFri().remainder().length != 0)) {
            throw new StarkVerifier.Rejection("proof opens a precommitted segment in the sections of " + air.name()
                    + (info.hasPrecommitted() ? ", which reads one that an earlier table opens" : ", which reads none"));
        }
    }

    void absorbLogUpSum(Transcript transcript) {
        if (logUpSum() != null) {
            transcript.absorbLongs("logup-sum", proof.logUpSum());
        }
    }

    void absorbOod(Transcript transcript) {
        ProtocolTranscript.absorbOod(transcript, proof.ood());
    }

    void checkOodConstraints(long[] z, List<long[]> challenges, List<long[]> alphas) throws StarkVerifier.Rejection {
        List<PeriodicColumn> periodicColumns = air.periodicColumns();
        long[][] periodic = new long[periodicColumns.size()][];
        for (int k = 0; k < periodic.length; k++) {
            PeriodicColumn column = periodicColumns.get(k);
            if (column.logPeriod() > info.logLength()) {
                throw new StarkVerifier.Rejection("periodic column " + k + " of " + air.name() + " is longer than the trace");
            }
            periodic[k] = PeriodicValues.evaluate(ext, column, ext.pow(z, n >> column.logPeriod()));
        }
        StarkProof.OodFrame ood = proof.ood();
        long[][] values = ConstraintProgram.compile(constraints).evaluateAt(ext, ood.main(), ood.aux(),
                ood.precommitted(), periodic, challenges, logUpSum());
        long[] expected;
        try {
            expected = OodConstraints.expected(ext, constraints, n, z, values, alphas);
        } catch (IllegalArgumentException e) {
            throw new StarkVerifier.Rejection(e.getMessage());
        }
        long[] actual = ext.zero();
        long[] zn = ext.pow(z, n);
        long[] power = ext.one();
        for (long[] h : ood.composition()) {
            actual = ext.add(actual, ext.mul(power, h));
            power = ext.mul(power, zn);
        }
        if (!Arrays.equals(expected, actual)) {
            throw new StarkVerifier.Rejection("the proof does not prove this statement: the constraints of " + air.name()
                    + " fail at the out-of-domain point");
        }
    }

    void drawDeepChallenges(long[] z, Transcript transcript) {
        int numGammas = DeepTerms.numChallenges(info.mainWidth(), info.auxWidth(), layout.numColumns());
        List<long[]> gammas = new ArrayList<>();
        for (int i = 0; i < numGammas; i++) {
            gammas.add(transcript.drawExtension("deep-gamma", ext));
        }
        terms = DeepTerms.build(ext, gammas, proof.ood(), info.mainWidth(), info.auxWidth(), layout.numColumns());
    }

    /** Where this table reads its precommitted segment: at {@code z^K}, with the values its frame claims. */
    SegmentReading segmentReading(long[] z) {
        return new SegmentReading(ext.pow(z, n >> info.logPrecommittedHeight()), proof.ood().precommitted());
    }

    /**
     * Mirrors the prover's segment step for the segment this table opens: the DEEP challenges of
     * every reading ({@code readings}, this table's first) and the FRI commit phase.
     */
    void readSegmentCommitments(List<SegmentReading> readings, Transcript transcript) throws FriVerifier.FriException {
        segment = SegmentCheck.read(air, proof, options, readings, transcript);
    }

    /**
     * This table's DEEP quotient at its distinct positions under the top-layer ones, from its rows
     * there (checked against the rounds' commitments by {@link RoundCheck}).
     */
    long[][] deepValuesAt(int[] topPositions, long[] z, long[] mainRows, long[] auxRows, long[] compRows) {
        int degree = ext.degree();
        int[] positions = FriVerifier.positionsAt(topPositions, logLde);
        int mainWidth = info.mainWidth();
        int auxWidth = info.auxWidth() * degree;
        int compWidth = layout.numColumns() * degree;
        int width = mainWidth + auxWidth + compWidth;
        long[] rows = new long[positions.length * width];
        for (int q = 0; q < positions.length; q++) {
            System.arraycopy(mainRows, q * mainWidth, rows, q * width, mainWidth);
            System.arraycopy(auxRows, q * auxWidth, rows, q * width + mainWidth, auxWidth);
            System.arraycopy(compRows, q * compWidth, rows, q * width + mainWidth + auxWidth, compWidth);
        }
        return DeepValues.at(ext, terms, rows, width, positions, logLde, shift, z, Goldilocks.rootOfUnity(info.logLength()));
    }

    /** The segment's openings at positions drawn now, after the trace's. */
    void checkSegmentQueries(Transcript transcript) throws StarkVerifier.Rejection, FriVerifier.FriException {
        if (segment != null) {
            segment.checkQueries(ProtocolTranscript.segmentPositions(transcript,
                    options.dataQueries(), segment.logLde()));
        }
    }

    /** An absent segment's section must be empty, values and siblings, so a proof has one encoding. */
    private static boolean isEmpty(StarkProof.Queries queries) {
        return queries.values().length == 0 && queries.proof().siblingCount() == 0;
    }

    /**
     * Checks an opening of a precommitted segment (one row to a leaf) at the distinct, ascending
     * {@code positions} and returns the rows there, row-major.
     */
    static long[] openedRows(String segment, HashFunction hash, byte[] root, int logLde, int[] positions,
                             StarkProof.Queries queries, int width) throws StarkVerifier.Rejection {
        long[] values = queries.values();
        if (values.length != positions.length * width) {
            throw new StarkVerifier.Rejection(segment + " opening has " + values.length + " values, expected "
                    + positions.length * width);
        }
        byte[][] digests = new byte[positions.length][];
        for (int i = 0; i < positions.length; i++) {
            digests[i] = MerkleTree.leafDigest(hash, Arrays.copyOfRange(values, i * width, (i + 1) * width));
        }
        if (!MerkleTree.verify(hash, root, logLde, positions, digests, queries.proof())) {
            throw new StarkVerifier.Rejection(segment + " opening does not match its commitment");
        }
        return values;
    }

    /**
     * The precommitted segment's DEEP quotient, the sum of one part per reading, and its FRI on
     * the segment's own domain (see {@link Precommitment}).
     */
    private record SegmentCheck(Air air, StarkProof.TableProof proof, ExtensionField ext, List<DeepTerms> terms,
                                List<long[]> zetas, FriVerifier fri, int logLde) {
        static SegmentCheck read(Air air, StarkProof.TableProof proof, ProofOptions options, List<SegmentReading> readings,
                                 Transcript transcript) throws FriVerifier.FriException {
            TraceInfo info = air.traceInfo();
            ExtensionField ext = options.extension();
            List<DeepTerms> terms = new ArrayList<>();
            List<long[]> zetas = new ArrayList<>();
            for (SegmentReading reading : readings) {
                List<long[]> gammas = new ArrayList<>();
                for (int c = 0; c < info.precommittedWidth(); c++) {
                    gammas.add(transcript.drawExtension("segment-gamma", ext));
                }
                terms.add(DeepTerms.forSegment(ext, gammas, reading.values()));
                zetas.add(reading.zeta());
            }
            int logLde = info.logPrecommittedHeight() + Precommitment.LOG_BLOWUP;
            FriVerifier fri = new FriVerifier(Precommitment.FRI, ext, HashFunction.of(options.hash()), logLde,
                    Precommitment.segmentShift(), 1 << info.logPrecommittedHeight());
            fri.readCommitments(proof.segmentFri(), transcript);
            return new SegmentCheck(air, proof, ext, terms, zetas, fri, logLde);
        }

        void checkQueries(int[] positions) throws StarkVerifier.Rejection, FriVerifier.FriException {
            int width = air.traceInfo().precommittedWidth();
            long[] rows = openedRows(air.name() + " precommitted segment", HashFunction.of(Precommitment.HASH),
                    air.precommittedRoot(), logLde, positions, proof.precommittedQueries(), width);
            long[][] values = null;
            for (int r = 0; r < terms.size(); r++) {
                long[][] part = DeepValues.at(ext, terms.get(r), rows, width, positions, logLde,
                        Precommitment.segmentShift(), zetas.get(r), 1);
                if (values == null) {
                    values = part;
                } else {
                    for (int q = 0; q < values.length; q++) {
                        values[q] = ext.add(values[q], part[q]);
                    }
                }
            }
            fri.verifyQueries(proof.segmentFri(), positions, values);
        }
    }
}
