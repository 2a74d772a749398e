package dev.comet.verifier;

import dev.comet.air.Air;
import dev.comet.air.CompositionLayout;
import dev.comet.air.Constraint;
import dev.comet.air.ConstraintProgram;
import dev.comet.air.TraceInfo;
import dev.comet.air.Zerofiers;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.fri.FriVerifier;
import dev.comet.hash.HashFunction;
import dev.comet.hash.Transcript;
import dev.comet.merkle.MerkleTree;
import dev.comet.proof.DeepTerms;
import dev.comet.proof.MalformedProofException;
import dev.comet.proof.Precommitment;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.ProtocolTranscript;
import dev.comet.proof.SecurityEstimate;
import dev.comet.proof.StarkProof;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies a {@link StarkProof} against an {@link Air} built from the public inputs. Mirrors
 * {@link dev.comet.prover.StarkProver} step by step on the transcript; every rejection is one line saying which
 * check failed. Never throws on a malformed or malicious proof.
 */
public final class StarkVerifier {
    /** Default minimum conjectured security, in bits. */
    public static final int DEFAULT_MINIMUM_BITS = 100;

    private final int minimumBits;

    public StarkVerifier() {
        this(DEFAULT_MINIMUM_BITS);
    }

    /** A verifier accepting proofs of at least {@code minimumBits} conjectured bits; lower it only for tests. */
    public StarkVerifier(int minimumBits) {
        this.minimumBits = minimumBits;
    }

    public VerificationResult verify(Air air, byte[] encodedProof) {
        StarkProof proof;
        try {
            proof = ProofCodec.decode(encodedProof);
        } catch (MalformedProofException e) {
            return VerificationResult.reject(e.getMessage(), null);
        }
        return verify(air, proof);
    }

    public VerificationResult verify(Air air, StarkProof proof) {
        SecurityEstimate security = proof.options().security();
        try {
            check(air, proof, security);
            return VerificationResult.accept(security);
        } catch (Rejection r) {
            return VerificationResult.reject(r.getMessage(), security);
        } catch (FriVerifier.FriException e) {
            return VerificationResult.reject(e.getMessage(), security);
        } catch (RuntimeException e) {
            // A malformed proof that slipped past decoding (e.g. a zero divisor); still a rejection.
            return VerificationResult.reject("proof is inconsistent: " + e.getMessage(), security);
        }
    }

    private void check(Air air, StarkProof proof, SecurityEstimate security) throws Rejection, FriVerifier.FriException {
        ProofOptions options = proof.options();
        if (security.bits() < minimumBits) {
            throw new Rejection("proof has " + security.bits() + " bits of conjectured security, below the required "
                    + minimumBits);
        }
        TraceInfo info = air.traceInfo();
        if (!info.equals(proof.traceInfo())) {
            throw new Rejection("proof is for trace shape " + proof.traceInfo() + " but " + air.name() + " has " + info);
        }
        ExtensionField ext = options.extension();
        int degree = ext.degree();
        HashFunction hash = HashFunction.of(options.hash());
        int n = info.length();
        int logLde = info.logLength() + options.logBlowup();
        long traceGenerator = Goldilocks.rootOfUnity(info.logLength());
        List<Constraint> constraints = air.constraints();
        CompositionLayout layout = CompositionLayout.of(constraints, n);
        if (layout.logEvaluationBlowup() > options.logBlowup()) {
            throw new Rejection("blowup 2^" + options.logBlowup() + " is too small for the constraints of " + air.name());
        }
        if (proof.numCompositionColumns() != layout.numColumns()) {
            throw new Rejection("proof has " + proof.numCompositionColumns() + " composition columns, expected "
                    + layout.numColumns());
        }
        if (info.hasPrecommitted() && options.logBlowup() > Precommitment.LOG_BLOWUP) {
            throw new Rejection("blowup 2^" + options.logBlowup() + " exceeds the precommitted segment's 2^"
                    + Precommitment.LOG_BLOWUP);
        }
        long shift = Precommitment.traceShift(info);
        StarkProof.OodFrame ood = proof.ood();
        if (ood.main().length != layout.frameRows() || ood.aux().length != layout.frameRows()) {
            throw new Rejection("out-of-domain frame has " + ood.main().length + " rows, expected " + layout.frameRows());
        }

        Transcript transcript = ProtocolTranscript.start(options, air, info, layout.numColumns());
        transcript.absorbDigest("main-root", proof.mainRoot());
        List<long[]> challenges = new ArrayList<>();
        for (int i = 0; i < info.numChallenges(); i++) {
            challenges.add(transcript.drawExtension("aux-challenge", ext));
        }
        if (info.auxWidth() > 0) {
            transcript.absorbDigest("aux-root", proof.auxRoot());
        }
        List<long[]> alphas = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            alphas.add(transcript.drawExtension("constraint-alpha", ext));
        }
        transcript.absorbDigest("composition-root", proof.compositionRoot());
        long[] z = transcript.drawExtension("ood-point", ext);
        ProtocolTranscript.absorbOod(transcript, ood);

        checkOodConstraints(air, constraints, ext, n, z, ood, challenges, alphas);

        int numGammas = DeepTerms.numChallenges(layout.frameRows(), info.mainWidth(), info.auxWidth(), layout.numColumns(),
                info.precommittedWidth());
        List<long[]> gammas = new ArrayList<>();
        for (int i = 0; i < numGammas; i++) {
            gammas.add(transcript.drawExtension("deep-gamma", ext));
        }
        DeepTerms terms = DeepTerms.build(ext, gammas, ood, info.mainWidth(), info.auxWidth(), layout.numColumns());

        FriVerifier fri = new FriVerifier(options.fri(), ext, hash, logLde, shift, n);
        fri.readCommitments(proof.fri(), transcript);
        if (!transcript.acceptProofOfWork(proof.powNonce(), options.grindingBits())) {
            throw new Rejection("proof of work is invalid");
        }
        int[] positions = ProtocolTranscript.queryPositions(transcript, options.numQueries(), logLde);

        long[] mainRows = openedRows("main trace", hash, proof.mainRoot(), logLde, positions, proof.mainQueries(),
                info.mainWidth());
        long[] auxRows = info.auxWidth() == 0 ? new long[0]
                : openedRows("auxiliary trace", hash, proof.auxRoot(), logLde, positions, proof.auxQueries(),
                        info.auxWidth() * degree);
        if (info.auxWidth() == 0 && !isEmpty(proof.auxQueries())) {
            throw new Rejection("proof opens an auxiliary trace that the AIR does not have");
        }
        long[] compRows = openedRows("composition", hash, proof.compositionRoot(), logLde, positions,
                proof.compositionQueries(), layout.numColumns() * degree);

        long[] segmentRows = new long[0];
        if (info.hasPrecommitted()) {
            int[] segmentPositions = ProtocolTranscript.segmentPositions(info, options.logBlowup(), positions);
            long[] opened = openedRows("precommitted segment", HashFunction.of(Precommitment.HASH), air.precommittedRoot(),
                    info.logPrecommittedHeight() + Precommitment.LOG_BLOWUP, segmentPositions,
                    proof.precommittedQueries(), info.precommittedWidth());
            segmentRows = segmentRowsAtQueries(info, options.logBlowup(), positions, segmentPositions, opened);
        } else if (!isEmpty(proof.precommittedQueries())) {
            throw new Rejection("proof opens a precommitted segment that the AIR does not read");
        }
        long[][] deepValues = deepAtPositions(ext, terms, positions, logLde, z, traceGenerator, info, mainRows, auxRows,
                compRows, segmentRows, layout.numColumns(), shift);
        fri.verifyQueries(proof.fri(), positions, deepValues);
    }

    /** An absent segment's section must be empty, values and siblings, so a proof has one encoding. */
    private static boolean isEmpty(StarkProof.Queries queries) {
        return queries.values().length == 0 && queries.proof().siblingCount() == 0;
    }

    /** For each query position, the opened segment row it reads, row-major. */
    private static long[] segmentRowsAtQueries(TraceInfo info, int logBlowup, int[] positions, int[] segmentPositions,
                                               long[] opened) {
        int width = info.precommittedWidth();
        long[] out = new long[positions.length * width];
        for (int q = 0; q < positions.length; q++) {
            int k = Arrays.binarySearch(segmentPositions, Precommitment.segmentPosition(info, logBlowup, positions[q]));
            System.arraycopy(opened, k * width, out, q * width, width);
        }
        return out;
    }

    private static void checkOodConstraints(Air air, List<Constraint> constraints, ExtensionField ext, int n, long[] z,
                                            StarkProof.OodFrame ood, List<long[]> challenges, List<long[]> alphas)
            throws Rejection {
        List<long[]> periodicColumns = air.periodicColumns();
        long[][] periodic = new long[periodicColumns.size()][];
        for (int k = 0; k < periodic.length; k++) {
            long[] values = periodicColumns.get(k);
            periodic[k] = PeriodicValues.evaluate(ext, values, ext.pow(z, n / values.length));
        }
        long[][] values = ConstraintProgram.compile(constraints).evaluateAt(ext, ood.main(), ood.aux(), ood.precommitted(),
                periodic, challenges);
        long[] expected = ext.zero();
        for (int c = 0; c < constraints.size(); c++) {
            long[] zerofier = Zerofiers.at(constraints.get(c).domain(), n, ext, z);
            if (ext.isZero(zerofier)) {
                throw new Rejection("out-of-domain point falls on the trace domain");
            }
            expected = ext.add(expected, ext.mul(ext.mul(alphas.get(c), values[c]), ext.inv(zerofier)));
        }
        long[] actual = ext.zero();
        long[] zn = ext.pow(z, n);
        long[] power = ext.one();
        for (long[] h : ood.composition()) {
            actual = ext.add(actual, ext.mul(power, h));
            power = ext.mul(power, zn);
        }
        if (!Arrays.equals(expected, actual)) {
            throw new Rejection("the proof does not prove this statement: the constraints of " + air.name()
                    + " fail at the out-of-domain point");
        }
    }

    private static long[] openedRows(String segment, HashFunction hash, byte[] root, int logLde, int[] positions,
                                     StarkProof.Queries queries, int width) throws Rejection {
        long[] values = queries.values();
        if (values.length != positions.length * width) {
            throw new Rejection(segment + " opening has " + values.length + " values, expected " + positions.length * width);
        }
        byte[][] digests = new byte[positions.length][];
        for (int i = 0; i < positions.length; i++) {
            digests[i] = MerkleTree.leafDigest(hash, Arrays.copyOfRange(values, i * width, (i + 1) * width));
        }
        if (!MerkleTree.verify(hash, root, logLde, positions, digests, queries.proof())) {
            throw new Rejection(segment + " opening does not match its commitment");
        }
        return values;
    }

    private static long[][] deepAtPositions(ExtensionField ext, DeepTerms terms, int[] positions, int logLde, long[] z,
                                            long traceGenerator, TraceInfo info, long[] mainRows, long[] auxRows,
                                            long[] compRows, long[] segmentRows, int compositionColumns, long shift) {
        int degree = ext.degree();
        int mainWidth = info.mainWidth();
        int auxWidth = info.auxWidth() * degree;
        int compWidth = compositionColumns * degree;
        int segmentWidth = info.precommittedWidth();
        long omega = Goldilocks.rootOfUnity(logLde);
        long[][] out = new long[positions.length][];
        long[] row = new long[mainWidth + auxWidth + compWidth + segmentWidth];
        for (int q = 0; q < positions.length; q++) {
            System.arraycopy(mainRows, q * mainWidth, row, 0, mainWidth);
            System.arraycopy(auxRows, q * auxWidth, row, mainWidth, auxWidth);
            System.arraycopy(compRows, q * compWidth, row, mainWidth + auxWidth, compWidth);
            System.arraycopy(segmentRows, q * segmentWidth, row, mainWidth + auxWidth + compWidth, segmentWidth);
            long x = Goldilocks.mul(shift, Goldilocks.pow(omega, positions[q]));
            long[] value = ext.zero();
            for (DeepTerms.Group group : terms.groups()) {
                long[] sum = ext.zero();
                for (int k = 0; k < group.columns().length; k++) {
                    sum = ext.add(sum, ext.mulBase(group.coefficients()[k], row[group.columns()[k]]));
                }
                long[] numerator = ext.sub(sum, group.constant());
                long[] point = ext.mulBase(z, Goldilocks.pow(traceGenerator, group.rowOffset()));
                long[] denominator = ext.sub(ext.fromBase(x), point);
                value = ext.add(value, ext.mul(numerator, ext.inv(denominator)));
            }
            out[q] = value;
        }
        return out;
    }

    /** A one-line reason for rejecting. */
    private static final class Rejection extends Exception {
        Rejection(String message) {
            super(message);
        }
    }
}
