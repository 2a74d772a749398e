package dev.comet.verifier;

import dev.comet.air.Air;
import dev.comet.air.CompositionLayout;
import dev.comet.air.Constraint;
import dev.comet.air.ConstraintProgram;
import dev.comet.air.PeriodicColumn;
import dev.comet.air.TraceInfo;
import dev.comet.air.Zerofiers;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.fri.FriVerifier;
import dev.comet.hash.HashFunction;
import dev.comet.hash.Transcript;
import dev.comet.merkle.MerkleTree;
import dev.comet.proof.AirShape;
import dev.comet.proof.DeepTerms;
import dev.comet.proof.MalformedProofException;
import dev.comet.proof.Precommitment;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.ProtocolTranscript;
import dev.comet.proof.SecurityReport;
import dev.comet.proof.StarkProof;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a {@link StarkProof} against an {@link Air} built from the public inputs. Mirrors
 * {@link dev.comet.prover.StarkProver} step by step on the transcript; every rejection is one line
 * saying which check failed. Never throws on a malformed or malicious proof.
 */
public final class StarkVerifier {
    /** Default minimum conjectured security, in bits. */
    public static final int DEFAULT_MINIMUM_BITS = VerifierPolicy.DEFAULT_MINIMUM_BITS;

    private final VerifierPolicy policy;

    public StarkVerifier() {
        this(VerifierPolicy.defaults());
    }

    /** A verifier accepting named presets of at least {@code minimumBits} conjectured bits; lower it only for tests. */
    public StarkVerifier(int minimumBits) {
        this(VerifierPolicy.defaults().withMinimumBits(minimumBits));
    }

    public StarkVerifier(VerifierPolicy policy) {
        this.policy = policy;
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
        TraceInfo info = air.traceInfo();
        if (!info.equals(proof.traceInfo())) {
            return VerificationResult.reject("proof is for trace shape " + proof.traceInfo() + " but " + air.name()
                    + " has " + info, null);
        }
        List<Constraint> constraints = air.constraints();
        SecurityReport security = SecurityReport.of(proof.options(), AirShape.of(air, constraints));
        Optional<String> refusal = policy.refusal(proof.options(), security);
        if (refusal.isPresent()) {
            return VerificationResult.reject(refusal.get(), security);
        }
        try {
            new Run(air, proof, constraints).check();
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

    /** One verification, step by step as the prover went: shape, commitments, out-of-domain check, FRI, queries. */
    private static final class Run {
        private final Air air;
        private final StarkProof proof;
        private final List<Constraint> constraints;
        private final ProofOptions options;
        private final TraceInfo info;
        private final ExtensionField ext;
        private final HashFunction hash;
        private final int n;
        private final int logLde;
        private final long shift;
        private final CompositionLayout layout;

        Run(Air air, StarkProof proof, List<Constraint> constraints) {
            this.air = air;
            this.proof = proof;
            this.constraints = constraints;
            this.options = proof.options();
            this.info = air.traceInfo();
            this.ext = options.extension();
            this.hash = HashFunction.of(options.hash());
            this.n = info.length();
            this.logLde = info.logLength() + options.logBlowup();
            this.shift = Precommitment.traceShift(info);
            this.layout = CompositionLayout.of(constraints, n);
        }

        void check() throws Rejection, FriVerifier.FriException {
            checkShape();
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
            StarkProof.OodFrame ood = proof.ood();
            ProtocolTranscript.absorbOod(transcript, ood);

            checkOodConstraints(z, ood, challenges, alphas);

            int numGammas = DeepTerms.numChallenges(layout.frameRows(), info.mainWidth(), info.auxWidth(),
                    layout.numColumns());
            List<long[]> gammas = new ArrayList<>();
            for (int i = 0; i < numGammas; i++) {
                gammas.add(transcript.drawExtension("deep-gamma", ext));
            }
            DeepTerms terms = DeepTerms.build(ext, gammas, ood, info.mainWidth(), info.auxWidth(), layout.numColumns());
            FriVerifier fri = new FriVerifier(options.fri(), ext, hash, logLde, shift, n);
            fri.readCommitments(proof.fri(), transcript);
            SegmentCheck segment = info.hasPrecommitted() ? SegmentCheck.read(air, proof, ext, z, transcript) : null;

            if (!transcript.acceptProofOfWork(proof.powNonce(), options.grindingBits())) {
                throw new Rejection("proof of work is invalid");
            }
            int[] positions = ProtocolTranscript.queryPositions(transcript, options.numQueries(), logLde);
            checkTraceQueries(terms, positions, z, fri);
            if (segment != null) {
                segment.checkQueries(ProtocolTranscript.segmentPositions(transcript, options.dataQueries(),
                        segment.logLde()));
            } else if (!isEmpty(proof.precommittedQueries()) || !proof.segmentFri().layerRoots().isEmpty()) {
                throw new Rejection("proof opens a precommitted segment that the AIR does not read");
            }
        }

        private void checkShape() throws Rejection {
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
            StarkProof.OodFrame ood = proof.ood();
            if (ood.main().length != layout.frameRows() || ood.aux().length != layout.frameRows()) {
                throw new Rejection("out-of-domain frame has " + ood.main().length + " rows, expected " + layout.frameRows());
            }
        }

        private void checkOodConstraints(long[] z, StarkProof.OodFrame ood, List<long[]> challenges,
                                         List<long[]> alphas) throws Rejection {
            List<PeriodicColumn> periodicColumns = air.periodicColumns();
            long[][] periodic = new long[periodicColumns.size()][];
            for (int k = 0; k < periodic.length; k++) {
                PeriodicColumn column = periodicColumns.get(k);
                if (column.logPeriod() > info.logLength()) {
                    throw new Rejection("periodic column " + k + " of " + air.name() + " is longer than the trace");
                }
                periodic[k] = PeriodicValues.evaluate(ext, column, ext.pow(z, n >> column.logPeriod()));
            }
            long[][] values = ConstraintProgram.compile(constraints).evaluateAt(ext, ood.main(), ood.aux(),
                    ood.precommitted(), periodic, challenges);
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

        private void checkTraceQueries(DeepTerms terms, int[] positions, long[] z, FriVerifier fri)
                throws Rejection, FriVerifier.FriException {
            int degree = ext.degree();
            long[] mainRows = openedRows("main trace", hash, proof.mainRoot(), logLde, positions, proof.mainQueries(),
                    info.mainWidth());
            long[] auxRows = new long[0];
            if (info.auxWidth() > 0) {
                auxRows = openedRows("auxiliary trace", hash, proof.auxRoot(), logLde, positions, proof.auxQueries(),
                        info.auxWidth() * degree);
            } else if (!isEmpty(proof.auxQueries())) {
                throw new Rejection("proof opens an auxiliary trace that the AIR does not have");
            }
            long[] compRows = openedRows("composition", hash, proof.compositionRoot(), logLde, positions,
                    proof.compositionQueries(), layout.numColumns() * degree);
            int width = info.mainWidth() + (info.auxWidth() + layout.numColumns()) * degree;
            long[] rows = new long[positions.length * width];
            int mainWidth = info.mainWidth();
            int auxWidth = info.auxWidth() * degree;
            int compWidth = layout.numColumns() * degree;
            for (int q = 0; q < positions.length; q++) {
                System.arraycopy(mainRows, q * mainWidth, rows, q * width, mainWidth);
                System.arraycopy(auxRows, q * auxWidth, rows, q * width + mainWidth, auxWidth);
                System.arraycopy(compRows, q * compWidth, rows, q * width + mainWidth + auxWidth, compWidth);
            }
            long traceGenerator = Goldilocks.rootOfUnity(info.logLength());
            fri.verifyQueries(proof.fri(), positions,
                    DeepValues.at(ext, terms, rows, width, positions, logLde, shift, z, traceGenerator));
        }
    }

    /** The precommitted segment's DEEP quotient and FRI on its own domain (see {@link Precommitment}). */
    private static final class SegmentCheck {
        private final Air air;
        private final StarkProof proof;
        private final ExtensionField ext;
        private final DeepTerms terms;
        private final FriVerifier fri;
        private final long[] zeta;
        private final int logLde;

        private SegmentCheck(Air air, StarkProof proof, ExtensionField ext, DeepTerms terms, FriVerifier fri,
                             long[] zeta, int logLde) {
            this.air = air;
            this.proof = proof;
            this.ext = ext;
            this.terms = terms;
            this.fri = fri;
            this.zeta = zeta;
            this.logLde = logLde;
        }

        /** Mirrors the prover: draws the segment's DEEP challenges and replays its FRI commit phase. */
        static SegmentCheck read(Air air, StarkProof proof, ExtensionField ext, long[] z, Transcript transcript)
                throws FriVerifier.FriException {
            TraceInfo info = air.traceInfo();
            List<long[]> gammas = new ArrayList<>();
            for (int c = 0; c < info.precommittedWidth(); c++) {
                gammas.add(transcript.drawExtension("segment-gamma", ext));
            }
            DeepTerms terms = DeepTerms.forSegment(ext, gammas, proof.ood().precommitted());
            int logLde = info.logPrecommittedHeight() + Precommitment.LOG_BLOWUP;
            ProofOptions options = proof.options();
            FriVerifier fri = new FriVerifier(options.fri(), ext, HashFunction.of(options.hash()), logLde,
                    Precommitment.segmentShift(), 1 << info.logPrecommittedHeight());
            fri.readCommitments(proof.segmentFri(), transcript);
            long[] zeta = ext.pow(z, info.length() >> info.logPrecommittedHeight());
            return new SegmentCheck(air, proof, ext, terms, fri, zeta, logLde);
        }

        int logLde() {
            return logLde;
        }

        void checkQueries(int[] positions) throws Rejection, FriVerifier.FriException {
            int width = air.traceInfo().precommittedWidth();
            long[] rows = openedRows("precommitted segment", HashFunction.of(Precommitment.HASH), air.precommittedRoot(),
                    logLde, positions, proof.precommittedQueries(), width);
            fri.verifyQueries(proof.segmentFri(), positions,
                    DeepValues.at(ext, terms, rows, width, positions, logLde, Precommitment.segmentShift(), zeta, 1));
        }
    }

    /** An absent segment's section must be empty, values and siblings, so a proof has one encoding. */
    private static boolean isEmpty(StarkProof.Queries queries) {
        return queries.values().length == 0 && queries.proof().siblingCount() == 0;
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

    /** A one-line reason for rejecting. */
    private static final class Rejection extends Exception {
        Rejection(String message) {
            super(message);
        }
    }
}
