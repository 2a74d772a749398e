package dev.comet.prover;

import dev.comet.air.Air;
import dev.comet.air.CompositionLayout;
import dev.comet.air.Constraint;
import dev.comet.air.ConstraintProgram;
import dev.comet.air.PeriodicColumn;
import dev.comet.air.PublicFractions;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.fri.FriProof;
import dev.comet.hash.Transcript;
import dev.comet.merkle.BatchOpening;
import dev.comet.poly.Ntt;
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
 * One table's part of {@link StarkProver}'s work, step by step in protocol order: main commitment,
 * auxiliary commitment and LogUp total, composition, out-of-domain values, DEEP quotient, the
 * precommitted segment's FRI, openings. Holds what the later steps need of the earlier ones.
 */
final class TableProver {
    private final Air air;
    private final TraceInfo info;
    /** The main trace, released once the auxiliary trace is built (later steps read the LDEs). */
    private TraceTable trace;
    private final PrecommittedSegment segment;
    private final long shift;
    private final ProofOptions options;
    private final ProverSettings settings;
    private final ExtensionField ext;
    private final int n;
    private final int logLde;
    private final List<Constraint> constraints;
    private final CompositionLayout layout;
    private final long[][] periodic;
    private final long[][] segmentColumns;

    private LdeColumns main;
    private LdeColumns aux;
    private List<long[]> challenges = List.of();
    private long[] logUpSum;
    private long[][] hValues;
    private int logEval;
    private LdeColumns composition;
    private StarkProof.OodFrame ood;
    private long[] zeta;

    TableProver(Air air, TraceTable trace, PrecommittedSegment segment, long shift, ProofOptions options,
                ProverSettings settings, ExtensionField ext) {
        this.air = air;
        this.info = air.traceInfo();
        this.trace = trace;
        this.segment = segment;
        this.shift = shift;
        this.options = options;
        this.settings = settings;
        this.ext = ext;
        this.n = info.length();
        this.logLde = info.logLength() + options.logBlowup();
        if (trace.width() != info.mainWidth() || trace.length() != n) {
            throw new IllegalArgumentException("trace is " + trace.width() + " x " + trace.length() + " but "
                    + air.name() + " expects " + info.mainWidth() + " x " + n);
        }
        checkSegment();
        this.constraints = air.constraints();
        TableSet.logUpTotalProblem(air, constraints).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        this.layout = CompositionLayout.of(constraints, n);
        if (layout.logEvaluationBlowup() > options.logBlowup()) {
            throw new IllegalArgumentException("constraints of " + air.name() + " need a blowup of at least 2^"
                    + layout.logEvaluationBlowup() + ", options give 2^" + options.logBlowup());
        }
        this.periodic = air.periodicColumns().stream().map(PeriodicColumn::values).toArray(long[][]::new);
        for (long[] p : periodic) {
            if (p.length > n) {
                throw new IllegalArgumentException("periodic column of " + p.length + " rows is longer than the trace");
            }
        }
        this.segmentColumns = segment == null ? new long[0][] : segment.columns();
        if (settings.selfCheck()) {
            // Main-trace constraints first, before any expensive work; the rest once the aux trace exists.
            List<Constraint> mainOnly = StarkProver.readingAux(constraints, false);
            new CompositionBuilder(mainOnly, ConstraintProgram.compile(mainOnly), ext, List.of(), null)
                    .selfCheck(new FrameSource(trace.columns(), new long[0][], segmentColumns, periodic, n, 1, 1));
        }
    }

    private void checkSegment() {
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
        StarkProver.checkSegmentBlowup(options);
    }

    TraceInfo info() {
        return info;
    }

    CompositionLayout layout() {
        return layout;
    }

    List<Constraint> constraints() {
        return constraints;
    }

    /** Drops the main trace (if the auxiliary step has not already). */
    void releaseTrace() {
        trace = null;
    }

    /** Bytes of the main trace this table was given. */
    long traceBytes() {
        return 8L * info.mainWidth() * n;
    }

    boolean hasAux() {
        return info.auxWidth() > 0;
    }

    /** The AIR's public LogUp contribution under {@code challenges}, or null. */
    long[] publicLogUpTotal(List<long[]> challenges, ExtensionField ext) {
        return PublicFractions.total(air.publicFractions(), challenges, ext);
    }

    /** The stated LogUp total, or null when the table declares none. */
    long[] logUpSum() {
        return logUpSum;
    }

    /** Extends the main trace; {@link StarkProver} commits every table's extension in one tree. */
    void extendMain() {
        main = LdeColumns.fromTrace(trace.columns(), options.logBlowup(), shift);
    }

    /** Builds and extends the auxiliary trace (if any); afterwards the main trace is no longer held. */
    void extendAux(List<long[]> drawn) {
        TraceTable mainTrace = trace;
        trace = null;
        if (!hasAux()) {
            return;
        }
        challenges = drawn;
        long[][] auxFlat = flattenAux(air.buildAuxTrace(mainTrace, drawn, ext));
        int sumColumn = air.logUpSumColumn();
        if (sumColumn >= 0) {
            logUpSum = new long[ext.degree()];
            for (int d = 0; d < logUpSum.length; d++) {
                logUpSum[d] = auxFlat[sumColumn * ext.degree() + d][n - 1];
            }
        }
        if (settings.selfCheck()) {
            // The main-trace constraints passed before; what is left reads the auxiliary trace.
            List<Constraint> auxOnly = StarkProver.readingAux(constraints, true);
            new CompositionBuilder(auxOnly, ConstraintProgram.compile(auxOnly), ext, challenges, logUpSum)
                    .selfCheck(new FrameSource(mainTrace.columns(), auxFlat, segmentColumns, periodic, n, 1, 1));
        }
        aux = LdeColumns.fromTrace(auxFlat, options.logBlowup(), shift);
    }

    void absorbLogUpSum(Transcript transcript) {
        if (logUpSum != null) {
            transcript.absorbLongs("logup-sum", logUpSum);
        }
    }

    void evaluateComposition(List<long[]> alphas) {
        CompositionBuilder builder = new CompositionBuilder(constraints, ConstraintProgram.compile(constraints), ext,
                challenges, logUpSum);
        long[][] auxLde = aux == null ? new long[0][] : aux.lde();
        long[][] segmentView = segment == null ? new long[0][]
                : segment.onCoset(Goldilocks.pow(shift, n >> info.logPrecommittedHeight()),
                        info.logPrecommittedHeight() + options.logBlowup());
        if (settings.debugDegrees()) {
            long[][] ldePeriodic = periodicOnCoset(periodic, n, 1 << logLde, shift);
            builder.checkDegrees(new FrameSource(main.lde(), auxLde, segmentView, ldePeriodic, 1 << logLde, 1,
                    options.blowup()), n, shift);
        }
        logEval = info.logLength() + layout.logEvaluationBlowup();
        int stride = 1 << (logLde - logEval);
        long[][] evalPeriodic = periodicOnCoset(periodic, n, 1 << logEval, shift);
        hValues = builder.evaluate(new FrameSource(main.lde(), auxLde, segmentView, evalPeriodic, 1 << logEval, stride,
                options.blowup()), alphas, n, shift);
    }

    void extendComposition() {
        long[][] coefficients = splitComposition(hValues, layout.numColumns(), n, logEval, shift);
        hValues = null;
        composition = LdeColumns.fromCoefficients(coefficients, logLde, shift);
    }

    long[][] mainLde() {
        return main.lde();
    }

    /** The auxiliary trace's LDE, no columns without one. */
    long[][] auxLde() {
        return aux == null ? new long[0][] : aux.lde();
    }

    long[][] compositionLde() {
        return composition.lde();
    }

    /**
     * Out-of-domain values of the trace columns, read from their LDEs: every {@code blowup}-th
     * point of the LDE is the coset {@code shift * <w_n>}, which determines a column of degree
     * {@code < n} as well as the trace domain does.
     */
    void evaluateOutOfDomain(long[] z, Transcript transcript) {
        int frameRows = layout.frameRows();
        OodEvaluator.TraceWeights weights = OodEvaluator.TraceWeights.at(ext, n, ext.mulBase(z, Goldilocks.inv(shift)));
        long[][][] oodMain = weights.evaluate(main.lde(), options.blowup(), frameRows);
        long[][][] oodAux = new long[frameRows][][];
        if (aux == null) {
            Arrays.fill(oodAux, new long[0][]);
        } else {
            long[][][] coordinates = weights.evaluate(aux.lde(), options.blowup(), frameRows);
            for (int o = 0; o < frameRows; o++) {
                oodAux[o] = OodEvaluator.combineCoordinates(ext, coordinates[o]);
            }
        }
        long[][] oodComposition = OodEvaluator.combineCoordinates(ext,
                OodEvaluator.evaluate(composition.coefficients(), z));
        zeta = ext.pow(z, n >> info.logPrecommittedHeight());
        long[][] oodSegment = segment == null ? new long[0][] : OodEvaluator.evaluate(segment.coefficients(), zeta);
        ood = new StarkProof.OodFrame(oodMain, oodAux, oodComposition, oodSegment);
        ProtocolTranscript.absorbOod(transcript, ood);
    }

    /** Draws this table's DEEP challenges and evaluates its DEEP quotient over its LDE coset. */
    long[][] deepQuotient(long[] z, Transcript transcript) {
        int numGammas = DeepTerms.numChallenges(info.mainWidth(), info.auxWidth(), layout.numColumns());
        List<long[]> gammas = new ArrayList<>();
        for (int i = 0; i < numGammas; i++) {
            gammas.add(transcript.drawExtension("deep-gamma", ext));
        }
        DeepTerms terms = DeepTerms.build(ext, gammas, ood, info.mainWidth(), info.auxWidth(), layout.numColumns());
        long[][] columns = concat(main.lde(), aux == null ? new long[0][] : aux.lde(), composition.lde());
        return DeepComposer.evaluate(ext, terms, columns, logLde, shift, z, Goldilocks.rootOfUnity(info.logLength()));
    }

    /** Where this table reads its precommitted segment, after {@link #evaluateOutOfDomain}. */
    SegmentReading segmentReading() {
        return new SegmentReading(zeta, ood.precommitted());
    }

    /**
     * The DEEP quotient and FRI commit phase of the segment this table opens, covering every
     * table's reading of it ({@code readings}, this table's first).
     */
    SegmentProver.Commitment commitSegmentFri(List<SegmentReading> readings, Transcript transcript) {
        return new SegmentProver(ext, options).commit(segment, readings, transcript);
    }

    /**
     * This table's section: its rows of the three rounds' openings ({@code mainValues},
     * {@code auxValues}, {@code compositionValues}) and its segment's openings, drawn here.
     */
    StarkProof.TableProof open(long[] mainValues, long[] auxValues, long[] compositionValues,
                               SegmentProver.Commitment segmentCommitment, Transcript transcript) {
        StarkProof.Queries segmentQueries = emptyQueries();
        FriProof segmentFri = FriProof.NONE;
        if (segmentCommitment != null) {
            int[] segmentPositions = ProtocolTranscript.segmentPositions(transcript,
                    options.dataQueries(),
                    info.logPrecommittedHeight() + Precommitment.LOG_BLOWUP);
            segmentQueries = segmentCommitment.queries(segmentPositions);
            segmentFri = segmentCommitment.friProof(segmentPositions);
        }
        return new StarkProof.TableProof(info, layout.numColumns(), logUpSum == null ? new long[0] : logUpSum.clone(),
                ood, mainValues, auxValues, compositionValues, segmentQueries, segmentFri);
    }


    private static StarkProof.Queries emptyQueries() {
        return new StarkProof.Queries(new long[0], new BatchOpening(new byte[0]));
    }

    private long[][] flattenAux(long[][][] built) {
        int degree = ext.degree();
        if (built.length != info.auxWidth()) {
            throw new IllegalStateException("auxiliary trace has " + built.length + " columns, expected " + info.auxWidth());
        }
        long[][] flat = new long[built.length * degree][];
        for (int a = 0; a < built.length; a++) {
            if (built[a].length != degree) {
                throw new IllegalStateException("auxiliary column " + a + " is not of extension degree " + degree);
            }
            for (int d = 0; d < degree; d++) {
                if (built[a][d].length != n) {
                    throw new IllegalStateException("auxiliary column " + a + " has the wrong length");
                }
                flat[a * degree + d] = built[a][d];
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
