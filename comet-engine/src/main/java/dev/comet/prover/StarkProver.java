package dev.comet.prover;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.TableSet;
import dev.comet.air.TraceTable;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.fri.FriProof;
import dev.comet.fri.FriProver;
import dev.comet.hash.HashFunction;
import dev.comet.hash.Transcript;
import dev.comet.merkle.MerkleTree;
import dev.comet.proof.Precommitment;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.ProtocolTranscript;
import dev.comet.proof.RoundLayout;
import dev.comet.proof.StarkProof;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DEEP-ALI prover with FRI (ethSTARK construction) over one or several tables of different
 * heights: commit to each table's trace on its coset LDE, draw the shared challenges, commit to
 * each table's auxiliary trace and state its LogUp total, commit to each table's constraint
 * composition split into trace-length columns, evaluate everything at one out-of-domain point,
 * prove with one FRI that all tables' DEEP quotients have low degree (the smaller tables join
 * where folding reaches their size), prove each precommitted segment's DEEP quotient low-degree
 * with a FRI of its own (one per segment, however many tables read it), grind, and open the
 * queried rows of every table.
 *
 * <p>The largest table's LDE is the coset {@code 7 <w_N>}; a table whose LDE has {@code N_i}
 * points uses the coset {@code 7^(N / N_i) <w_(N_i)>}, which is what folding the largest produces.
 *
 * <p>Deterministic: the same tables, traces, options and settings give the same proof bytes.
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
        return prove(TableSet.of(air), List.of(trace), Arrays.asList(segment));
    }

    /** As {@link #prove(TableSet, List, List)} for tables that read no precommitted segment. */
    public StarkProof prove(TableSet set, List<TraceTable> traces) {
        return prove(set, traces, Arrays.asList(new PrecommittedSegment[set.size()]));
    }

    /**
     * Proves that each trace satisfies its table of {@code set} and that the tables' LogUp totals
     * cancel. The traces are read until the auxiliary traces are built and not referenced after
     * that; later steps work on their low-degree extensions. A caller proving a large trace frees
     * that memory by not holding the traces itself.
     *
     * @param traces   one main trace per table, in the set's order
     * @param segments per table, the precommitted segment it reads, or null
     */
    public StarkProof prove(TableSet set, List<TraceTable> traces, List<PrecommittedSegment> segments) {
        if (traces.size() != set.size() || segments.size() != set.size()) {
            throw new IllegalArgumentException(set.name() + " has " + set.size() + " tables; got " + traces.size()
                    + " traces and " + segments.size() + " segments");
        }
        ExtensionField ext = options.extension();
        HashFunction hash = HashFunction.of(options.hash());
        ProverListener listener = settings.listener();
        int logTop = set.maxLogLength() + options.logBlowup();
        if (logTop > MerkleTree.MAX_DEPTH) {
            throw new IllegalArgumentException("a trace of 2^" + set.maxLogLength() + " rows at blowup " + options.blowup()
                    + " has an LDE of 2^" + logTop + " points, above the largest committable 2^" + MerkleTree.MAX_DEPTH);
        }
        List<TableProver> tables = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            long shift = Goldilocks.pow(Goldilocks.GENERATOR,
                    1L << (logTop - set.table(i).traceInfo().logLength() - options.logBlowup()));
            tables.add(new TableProver(set.table(i), traces.get(i), segments.get(i), shift, options, settings, ext));
        }
        // The table provers release their traces after the auxiliary step; so that a caller that
        // keeps no reference of its own gets the memory back then, this frame keeps none either.
        traces = null;
        int[] compositionColumns = tables.stream().mapToInt(t -> t.layout().numColumns()).toArray();
        Transcript transcript = ProtocolTranscript.start(options, set, compositionColumns);

        RoundLayout.Rounds rounds = RoundLayout.of(tables.stream().map(TableProver::info).toList(), compositionColumns,
                options);
        listener.phaseStarted("commit trace", 1);
        for (TableProver t : tables) {
            t.extendMain();
        }
        RoundCommitment main = RoundCommitment.commit(rounds.main(),
                tables.stream().map(TableProver::mainLde).toList(), hash);
        transcript.absorbDigest("main-root", main.root());
        listener.phaseFinished("commit trace");

        List<long[]> challenges = new ArrayList<>();
        for (int i = 0; i < set.numChallenges(); i++) {
            challenges.add(transcript.drawExtension("aux-challenge", ext));
        }
        boolean auxRound = !rounds.aux().isEmpty();
        if (auxRound) {
            listener.phaseStarted("commit auxiliary trace", 1);
            for (TableProver t : tables) {
                t.extendAux(challenges);
            }
        }
        // without lookups no table has auxiliary columns: the round has no tree
        RoundCommitment aux = RoundCommitment.commit(rounds.aux(), tables.stream().map(TableProver::auxLde).toList(), hash);
        if (auxRound) {
            transcript.absorbDigest("aux-root", aux.root());
            checkLogUpTotals(set, tables, challenges, ext);
            for (TableProver t : tables) {
                t.absorbLogUpSum(transcript);
            }
            listener.phaseFinished("commit auxiliary trace");
        }
        for (TableProver t : tables) {
            t.releaseTrace();
        }
        listener.tracesReleased(tables.stream().mapToLong(TableProver::traceBytes).sum());

        List<List<long[]>> alphas = new ArrayList<>();
        for (TableProver t : tables) {
            List<long[]> a = new ArrayList<>();
            for (int i = 0; i < t.constraints().size(); i++) {
                a.add(transcript.drawExtension("constraint-alpha", ext));
            }
            alphas.add(a);
        }

        listener.phaseStarted("evaluate constraints", 1);
        for (int i = 0; i < tables.size(); i++) {
            tables.get(i).evaluateComposition(alphas.get(i));
        }
        listener.phaseFinished("evaluate constraints");

        listener.phaseStarted("commit composition", 1);
        for (TableProver t : tables) {
            t.extendComposition();
        }
        RoundCommitment composition = RoundCommitment.commit(rounds.composition(),
                tables.stream().map(TableProver::compositionLde).toList(), hash);
        transcript.absorbDigest("composition-root", composition.root());
        listener.phaseFinished("commit composition");

        listener.phaseStarted("out-of-domain evaluation", 1);
        long[] z = transcript.drawExtension("ood-point", ext);
        for (TableProver t : tables) {
            t.evaluateOutOfDomain(z, transcript);
        }
        listener.phaseFinished("out-of-domain evaluation");

        listener.phaseStarted("DEEP composition", 1);
        List<FriProver.Input> deep = new ArrayList<>();
        for (TableProver t : tables) {
            deep.add(new FriProver.Input(t.deepQuotient(z, transcript)));
        }
        listener.phaseFinished("DEEP composition");

        listener.phaseStarted("FRI", 1);
        FriProver fri = new FriProver(options.fri(), ext, hash);
        FriProver.Commitment friCommitment = fri.commit(deep, Goldilocks.GENERATOR, options.logBlowup(), transcript);
        List<SegmentProver.Commitment> segmentCommitments = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            segmentCommitments.add(set.segmentOwner(i) == i
                    ? tables.get(i).commitSegmentFri(set.segmentReaders(i).stream()
                            .map(r -> tables.get(r).segmentReading()).toList(), transcript)
                    : null);
        }
        listener.phaseFinished("FRI");

        listener.phaseStarted("queries", 1);
        long nonce = transcript.grind(options.grindingBits());
        int[] positions = ProtocolTranscript.queryPositions(transcript, options.numQueries(), logTop);
        FriProof friProof = friCommitment.open(positions);
        RoundCommitment.Opened mainOpened = main.open(positions);
        RoundCommitment.Opened auxOpened = aux.open(positions);
        RoundCommitment.Opened compositionOpened = composition.open(positions);
        List<StarkProof.TableProof> proofs = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            proofs.add(tables.get(i).open(mainOpened.values()[i], auxOpened.values()[i], compositionOpened.values()[i],
                    segmentCommitments.get(i), transcript));
        }
        listener.phaseFinished("queries");
        return new StarkProof(options, proofs, mainOpened.commitment(), auxOpened.commitment(),
                compositionOpened.commitment(), friProof, nonce);
    }

    /** An honest prover refuses lookups that do not balance; a cheating one skips the check. */
    private void checkLogUpTotals(TableSet set, List<TableProver> tables, List<long[]> challenges, ExtensionField ext) {
        if (!settings.selfCheck()) {
            return;
        }
        long[] total = ext.zero();
        boolean any = false;
        for (TableProver t : tables) {
            if (t.logUpSum() != null) {
                total = ext.add(total, t.logUpSum());
                any = true;
            }
            long[] published = t.publicLogUpTotal(challenges, ext);
            if (published != null) {
                total = ext.add(total, published);
                any = true;
            }
        }
        if (any && !ext.isZero(total)) {
            throw new IllegalArgumentException("the LogUp totals of " + set.name() + "'s tables do not cancel: some looked-up"
                    + " value is missing from its table");
        }
    }

    /** Used by {@link TableProver}: a table reads a precommitted segment only within the segment's blowup. */
    static void checkSegmentBlowup(ProofOptions options) {
        if (options.logBlowup() > Precommitment.LOG_BLOWUP) {
            throw new IllegalArgumentException("blowup 2^" + options.logBlowup() + " exceeds the precommitted segment's 2^"
                    + Precommitment.LOG_BLOWUP);
        }
    }

    /** The constraints of a table that read the auxiliary trace (or not). */
    static List<Constraint> readingAux(List<Constraint> constraints, boolean aux) {
        return constraints.stream().filter(c -> c.expr().isExtension() == aux).toList();
    }
}
