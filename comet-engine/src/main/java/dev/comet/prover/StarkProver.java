package dev.comet.prover;

import dev.comet.air.Air;
import dev.comet.air.CompositionLayout;
import dev.comet.air.Constraint;
import dev.comet.air.ConstraintProgram;
import dev.comet.air.PeriodicColumn;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.fri.FriProof;
import dev.comet.fri.FriProver;
import dev.comet.hash.HashFunction;
import dev.comet.hash.Transcript;
import dev.comet.poly.Ntt;
import dev.comet.proof.DeepTerms;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.ProtocolTranscript;
import dev.comet.proof.Precommitment;
import dev.comet.proof.StarkProof;
import dev.comet.merkle.BatchOpening;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DEEP-ALI prover with FRI (ethSTARK construction): commit to the trace on a coset LDE, draw
 * challenges, commit to the constraint composition split into trace-length columns, evaluate
 * everything at an out-of-domain point, prove with FRI that the DEEP quotient combination has low
 * degree, grind, and open the queried rows.
 *
 * <p>Deterministic: the same AIR, trace, options and settings give the same proof bytes.
 */
public final class StarkProver {
    private final ProofOptions options;
    private final ProverSettings settings;

    public StarkProver(ProofOptions options) {
        this(options, ProverSettings.defaults());
    }

    public StarkProver(ProofOptions options, ProverSettings settings) {
        this.options = options;
        this.settings = settings;
    }

    public StarkProof prove(Air air, TraceTable trace) {
        return prove(air, trace, null);
    }

    /**
     * Proves that {@code trace} satisfies {@code air}, whose precommitted cells read {@code segment}
     * (null when the AIR reads none).
     */
    public StarkProof prove(Air air, TraceTable trace, PrecommittedSegment segment) {
        TraceInfo info = air.traceInfo();
        checkSegment(air, info, segment);
        final long shift = Precommitment.traceShift(info);
        if (trace.width() != info.mainWidth() || trace.length() != info.length()) {
            throw new IllegalArgumentException("trace is " + trace.width() + " x " + trace.length() + " but "
                    + air.name() + " expects " + info.mainWidth() + " x " + info.length());
        }
        ExtensionField ext = options.extension();
        HashFunction hash = HashFunction.of(options.hash());
        ProverListener listener = settings.listener();
        int n = info.length();
        int degree = ext.degree();
        int logLde = info.logLength() + options.logBlowup();
        long traceGenerator = Goldilocks.rootOfUnity(info.logLength());
        List<Constraint> constraints = air.constraints();
        ConstraintProgram program = ConstraintProgram.compile(constraints);
        CompositionLayout layout = CompositionLayout.of(constraints, n);
        if (layout.logEvaluationBlowup() > options.logBlowup()) {
            throw new IllegalArgumentException("constraints of " + air.name() + " need a blowup of at least 2^"
                    + layout.logEvaluationBlowup() + ", options give 2^" + options.logBlowup());
        }
        long[][] periodic = air.periodicColumns().stream().map(PeriodicColumn::values).toArray(long[][]::new);
        for (long[] p : periodic) {
            if (p.length == 0 || Integer.bitCount(p.length) != 1 || p.length > n) {
                throw new IllegalArgumentException("periodic column length " + p.length + " must be a power of two <= " + n);
            }
        }
        long[][] segmentColumns = segment == null ? new long[0][] : segment.columns();
        FrameSource traceFrame = new FrameSource(trace.columns(), new long[0][], segmentColumns, periodic, n, 1, 1);
        if (settings.selfCheck()) {
            // Main-trace constraints first, before any expensive work; the rest once the aux trace exists.
            List<Constraint> mainOnly = constraints.stream().filter(c -> !c.expr().isExtension()).toList();
            new CompositionBuilder(mainOnly, ConstraintProgram.compile(mainOnly), ext, List.of())
                    .selfCheck(traceFrame);
        }

        Transcript transcript = ProtocolTranscript.start(options, air, info, layout.numColumns());

        listener.phaseStarted("commit trace", 1);
        CommittedSegment main = CommittedSegment.fromTrace(trace.columns(), options.logBlowup(), shift, hash);
        transcript.absorbDigest("main-root", main.root());
        listener.phaseFinished("commit trace");

        List<long[]> challenges = new ArrayList<>();
        for (int i = 0; i < info.numChallenges(); i++) {
            challenges.add(transcript.drawExtension("aux-challenge", ext));
        }
        CommittedSegment aux = null;
        long[][] auxFlat = new long[0][];
        if (info.auxWidth() > 0) {
            listener.phaseStarted("commit auxiliary trace", 1);
            auxFlat = flattenAux(air.buildAuxTrace(trace, challenges, ext), info, degree);
            if (settings.selfCheck()) {
                // The main-trace constraints passed above; what is left reads the auxiliary trace.
                List<Constraint> auxOnly = constraints.stream().filter(c -> c.expr().isExtension()).toList();
                FrameSource full = new FrameSource(trace.columns(), auxFlat, segmentColumns, periodic, n, 1, 1);
                new CompositionBuilder(auxOnly, ConstraintProgram.compile(auxOnly), ext, challenges).selfCheck(full);
            }
            aux = CommittedSegment.fromTrace(auxFlat, options.logBlowup(), shift, hash);
            transcript.absorbDigest("aux-root", aux.root());
            listener.phaseFinished("commit auxiliary trace");
        }

        List<long[]> alphas = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            alphas.add(transcript.drawExtension("constraint-alpha", ext));
        }

        listener.phaseStarted("evaluate constraints", 1);
        CompositionBuilder composition = new CompositionBuilder(constraints, program, ext, challenges);
        long[][] auxLde = aux == null ? new long[0][] : aux.lde();
        long[][] segmentLde = segment == null ? new long[0][] : segment.ldeView(options.logBlowup());
        if (settings.debugDegrees()) {
            long[][] ldePeriodic = periodicOnCoset(periodic, n, 1 << logLde, shift);
            composition.checkDegrees(new FrameSource(main.lde(), auxLde, segmentLde, ldePeriodic, 1 << logLde, 1,
                    options.blowup()), n, shift);
        }
        int logEval = info.logLength() + layout.logEvaluationBlowup();
        int stride = 1 << (logLde - logEval);
        long[][] evalPeriodic = periodicOnCoset(periodic, n, 1 << logEval, shift);
        long[][] hValues = composition.evaluate(new FrameSource(main.lde(), auxLde, segmentLde, evalPeriodic,
                1 << logEval, stride, options.blowup()), alphas, n, shift);
        listener.phaseFinished("evaluate constraints");

        listener.phaseStarted("commit composition", 1);
        long[][] compositionCoefficients = splitComposition(hValues, layout.numColumns(), n, logEval, shift);
        CommittedSegment comp = CommittedSegment.fromCoefficients(compositionCoefficients, logLde, shift, hash);
        transcript.absorbDigest("composition-root", comp.root());
        listener.phaseFinished("commit composition");

        listener.phaseStarted("out-of-domain evaluation", 1);
        long[] z = transcript.drawExtension("ood-point", ext);
        int frameRows = layout.frameRows();
        long[][][] oodMain = new long[frameRows][][];
        long[][][] oodAux = new long[frameRows][][];
        for (int o = 0; o < frameRows; o++) {
            OodEvaluator.TraceWeights weights = OodEvaluator.TraceWeights.at(ext, n,
                    ext.mulBase(z, Goldilocks.pow(traceGenerator, o)));
            oodMain[o] = weights.evaluate(trace.columns());
            oodAux[o] = OodEvaluator.combineCoordinates(ext, weights.evaluate(auxFlat));
        }
        long[][] oodComposition = OodEvaluator.combineCoordinates(ext,
                OodEvaluator.evaluate(comp.coefficients(), z));
        long[] zeta = ext.pow(z, n >> info.logPrecommittedHeight());
        long[][] oodSegment = segment == null ? new long[0][] : OodEvaluator.evaluate(segment.coefficients(), zeta);
        StarkProof.OodFrame ood = new StarkProof.OodFrame(oodMain, oodAux, oodComposition, oodSegment);
        ProtocolTranscript.absorbOod(transcript, ood);
        listener.phaseFinished("out-of-domain evaluation");

        listener.phaseStarted("DEEP composition", 1);
        int numGammas = DeepTerms.numChallenges(frameRows, info.mainWidth(), info.auxWidth(), layout.numColumns());
        List<long[]> gammas = new ArrayList<>();
        for (int i = 0; i < numGammas; i++) {
            gammas.add(transcript.drawExtension("deep-gamma", ext));
        }
        DeepTerms terms = DeepTerms.build(ext, gammas, ood, info.mainWidth(), info.auxWidth(), layout.numColumns());
        long[][] allColumns = concat(main.lde(), auxLde, comp.lde());
        long[][] deep = DeepComposer.evaluate(ext, terms, allColumns, logLde, shift, z, traceGenerator);
        listener.phaseFinished("DEEP composition");

        listener.phaseStarted("FRI", 1);
        FriProver fri = new FriProver(options.fri(), ext, hash);
        FriProver.Commitment friCommitment = fri.commit(deep, shift, n, transcript);
        SegmentProver.Commitment segmentCommitment = segment == null ? null
                : new SegmentProver(ext, options).commit(segment, oodSegment, zeta, transcript);
        listener.phaseFinished("FRI");

        listener.phaseStarted("queries", 1);
        long nonce = transcript.grind(options.grindingBits());
        int[] positions = ProtocolTranscript.queryPositions(transcript, options.numQueries(), logLde);
        FriProof friProof = friCommitment.open(positions);
        StarkProof.Queries mainQueries = new StarkProof.Queries(main.rows(positions), main.tree().open(positions));
        StarkProof.Queries auxQueries = aux == null ? emptyQueries()
                : new StarkProof.Queries(aux.rows(positions), aux.tree().open(positions));
        StarkProof.Queries compQueries = new StarkProof.Queries(comp.rows(positions), comp.tree().open(positions));
        StarkProof.Queries segmentQueries = emptyQueries();
        FriProof segmentFri = FriProof.NONE;
        if (segmentCommitment != null) {
            int[] segmentPositions = ProtocolTranscript.segmentPositions(transcript, options.dataQueries(),
                    info.logPrecommittedHeight() + Precommitment.LOG_BLOWUP);
            segmentQueries = segmentCommitment.queries(segmentPositions);
            segmentFri = segmentCommitment.friProof(segmentPositions);
        }
        listener.phaseFinished("queries");

        return new StarkProof(options, info, layout.numColumns(), main.root(),
                aux == null ? new byte[0] : aux.root(), comp.root(), ood, friProof, segmentFri, nonce,
                mainQueries, auxQueries, compQueries, segmentQueries);
    }

    private void checkSegment(Air air, TraceInfo info, PrecommittedSegment segment) {
        if (!info.hasPrecommitted()) {
            if (segment != null) {
                throw new IllegalArgumentException(air.name() + " reads no precommitted segment, but one was given");
            }
            return;
        }
        if (segment == null) {
            throw new IllegalArgumentException(air.name() + " reads a precommitted segment; pass it to the prover");
        }
        if (segment.width() != info.precommittedWidth() || segment.logHeight() != info.logPrecommittedHeight()) {
            throw new IllegalArgumentException("precommitted segment is " + segment.width() + " x 2^" + segment.logHeight()
                    + " but " + air.name() + " expects " + info.precommittedWidth() + " x 2^" + info.logPrecommittedHeight());
        }
        // Like the trace self-check, this protects an honest prover; a cheating one skips both.
        if (settings.selfCheck() && !Arrays.equals(segment.root(), air.precommittedRoot())) {
            throw new IllegalArgumentException("precommitted segment does not match the root in " + air.name() + "'s statement");
        }
        if (options.logBlowup() > Precommitment.LOG_BLOWUP) {
            throw new IllegalArgumentException("blowup 2^" + options.logBlowup() + " exceeds the precommitted segment's 2^"
                    + Precommitment.LOG_BLOWUP);
        }
    }

    private static StarkProof.Queries emptyQueries() {
        return new StarkProof.Queries(new long[0], new BatchOpening(new byte[0]));
    }

    private static long[][] flattenAux(long[][][] aux, TraceInfo info, int degree) {
        if (aux.length != info.auxWidth()) {
            throw new IllegalStateException("auxiliary trace has " + aux.length + " columns, expected " + info.auxWidth());
        }
        long[][] flat = new long[aux.length * degree][];
        for (int a = 0; a < aux.length; a++) {
            if (aux[a].length != degree) {
                throw new IllegalStateException("auxiliary column " + a + " is not of extension degree " + degree);
            }
            for (int d = 0; d < degree; d++) {
                if (aux[a][d].length != info.length()) {
                    throw new IllegalStateException("auxiliary column " + a + " has the wrong length");
                }
                flat[a * degree + d] = aux[a][d];
            }
        }
        return flat;
    }

    /**
     * Periodic column values over the coset {@code shift * <w_size>}: the column's polynomial
     * {@code p} satisfies {@code P(x) = p(x^(n/m))}, and on the coset {@code x^(n/m)} runs over a
     * smaller coset of size {@code size * m / n}, which is the period returned.
     */
    private static long[][] periodicOnCoset(long[][] periodic, int n, int size, long shift) {
        long[][] out = new long[periodic.length][];
        for (int k = 0; k < periodic.length; k++) {
            int m = periodic[k].length;
            long[] coefficients = periodic[k].clone();
            Ntt.ofLogSize(Integer.numberOfTrailingZeros(m)).inverse(coefficients);
            int period = (int) ((long) size * m / n);
            long[] values = Arrays.copyOf(coefficients, period);
            Ntt.ofLogSize(Integer.numberOfTrailingZeros(period)).forwardCoset(values, Goldilocks.pow(shift, n / m));
            out[k] = values;
        }
        return out;
    }

    /**
     * Interpolates {@code H} from its values on the evaluation coset and cuts its coefficients into
     * {@code columns} chunks of {@code n}: {@code H(x) = sum_j x^(j n) H_j(x)}. Returns the chunks'
     * coefficient columns, chunk-major then coordinate.
     */
    private static long[][] splitComposition(long[][] hValues, int columns, int n, int logEval, long shift) {
        int degree = hValues.length;
        Ntt ntt = Ntt.ofLogSize(logEval);
        long[][] out = new long[columns * degree][];
        for (int d = 0; d < degree; d++) {
            long[] coefficients = hValues[d];
            ntt.inverseCoset(coefficients, shift);
            for (int j = 0; j < columns; j++) {
                out[j * degree + d] = Arrays.copyOfRange(coefficients, j * n, (j + 1) * n);
            }
        }
        return out;
    }

    private static long[][] concat(long[][]... groups) {
        return Arrays.stream(groups).flatMap(Arrays::stream).toArray(long[][]::new);
    }
}
