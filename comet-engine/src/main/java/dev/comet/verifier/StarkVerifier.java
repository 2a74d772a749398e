package dev.comet.verifier;

import dev.comet.air.Air;
import dev.comet.air.CompositionLayout;
import dev.comet.air.Constraint;
import dev.comet.air.TableSet;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.fri.FriVerifier;
import dev.comet.hash.HashFunction;
import dev.comet.hash.Transcript;
import dev.comet.merkle.MerkleTree;
import dev.comet.proof.AirShape;
import dev.comet.proof.MalformedProofException;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.ProtocolTranscript;
import dev.comet.proof.RoundLayout;
import dev.comet.proof.SecurityReport;
import dev.comet.proof.StarkProof;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a {@link StarkProof} against a {@link TableSet} (or one {@link Air}) built from the
 * public inputs. Mirrors {@link dev.comet.prover.StarkProver} step by step on the transcript;
 * every rejection is one line saying which check failed. Never throws on a malformed or malicious
 * proof.
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
        return verify(TableSet.of(air), encodedProof);
    }

    public VerificationResult verify(Air air, StarkProof proof) {
        return verify(TableSet.of(air), proof);
    }

    public VerificationResult verify(TableSet set, byte[] encodedProof) {
        StarkProof proof;
        try {
            proof = ProofCodec.decode(encodedProof);
        } catch (MalformedProofException e) {
            return VerificationResult.reject(e.getMessage(), null);
        }
        return verify(set, proof);
    }

    public VerificationResult verify(TableSet set, StarkProof proof) {
        try {
            return checked(set, proof);
        } catch (RuntimeException e) {
            // A malformed proof that slipped past decoding (e.g. a zero divisor); still a rejection.
            return VerificationResult.reject("proof is inconsistent: " + e.getMessage(), null);
        }
    }

    private VerificationResult checked(TableSet set, StarkProof proof) {
        if (proof.tables().size() != set.size()) {
            return VerificationResult.reject("proof has " + proof.tables().size() + " tables but " + set.name() + " has "
                    + set.size(), null);
        }
        if (set.maxLogLength() + proof.options().logBlowup() > MerkleTree.MAX_DEPTH) {
            return VerificationResult.reject("an LDE of 2^" + (set.maxLogLength() + proof.options().logBlowup())
                    + " points is above the largest committable 2^" + MerkleTree.MAX_DEPTH, null);
        }
        List<List<Constraint>> constraints = new ArrayList<>();
        List<CompositionLayout> layouts = new ArrayList<>(); // once a table: a wide table's walk costs
        for (int i = 0; i < set.size(); i++) {
            Air air = set.table(i);
            if (!air.traceInfo().equals(proof.tables().get(i).traceInfo())) {
                return VerificationResult.reject("proof is for trace shape " + proof.tables().get(i).traceInfo() + " but "
                        + air.name() + " has " + air.traceInfo(), null);
            }
            List<Constraint> tableConstraints = air.constraints();
            Optional<String> problem = TableSet.logUpTotalProblem(air, tableConstraints);
            if (problem.isPresent()) {
                return VerificationResult.reject(problem.get(), null);
            }
            constraints.add(tableConstraints);
            layouts.add(CompositionLayout.of(tableConstraints, air.traceInfo().length()));
        }
        SecurityReport security = SecurityReport.of(proof.options(), AirShape.of(set, constraints,
                layouts.stream().mapToInt(CompositionLayout::frameRows).toArray()));
        Optional<String> refusal = policy.refusal(proof.options(), security);
        if (refusal.isPresent()) {
            return VerificationResult.reject(refusal.get(), security);
        }
        try {
            check(set, proof, constraints, layouts);
            return VerificationResult.accept(security);
        } catch (Rejection r) {
            return VerificationResult.reject(r.getMessage(), security);
        } catch (FriVerifier.FriException e) {
            return VerificationResult.reject(e.getMessage(), security);
        } catch (RuntimeException e) {
            return VerificationResult.reject("proof is inconsistent: " + e.getMessage(), security);
        }
    }

    /** One verification, step by step as the prover went, each table's part done by its {@link TableCheck}. */
    private static void check(TableSet set, StarkProof proof, List<List<Constraint>> constraints,
                              List<CompositionLayout> layouts) throws Rejection, FriVerifier.FriException {
        ProofOptions options = proof.options();
        ExtensionField ext = options.extension();
        int logTop = set.maxLogLength() + options.logBlowup();
        List<TableCheck> tables = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            int logLength = set.table(i).traceInfo().logLength();
            long shift = Goldilocks.pow(Goldilocks.GENERATOR, 1L << (set.maxLogLength() - logLength));
            TableCheck table = new TableCheck(set.table(i), proof.tables().get(i), constraints.get(i), layouts.get(i),
                    options, shift, set.segmentOwner(i) == i);
            table.checkShape();
            tables.add(table);
        }
        int[] compositionColumns = tables.stream().mapToInt(TableCheck::compositionColumns).toArray();
        Transcript transcript = ProtocolTranscript.start(options, set, compositionColumns);
        RoundLayout.Rounds rounds = RoundLayout.of(set.tables().stream().map(Air::traceInfo).toList(),
                compositionColumns, options);
        transcript.absorbDigest("main-root", proof.main().root());
        List<long[]> challenges = new ArrayList<>();
        for (int i = 0; i < set.numChallenges(); i++) {
            challenges.add(transcript.drawExtension("aux-challenge", ext));
        }
        if (!rounds.aux().isEmpty()) {
            transcript.absorbDigest("aux-root", proof.aux().root());
        }
        checkLogUpTotals(tables, challenges, ext);
        for (TableCheck t : tables) {
            t.absorbLogUpSum(transcript);
        }
        List<List<long[]>> alphas = new ArrayList<>();
        for (TableCheck t : tables) {
            List<long[]> a = new ArrayList<>();
            for (int i = 0; i < t.numConstraints(); i++) {
                a.add(transcript.drawExtension("constraint-alpha", ext));
            }
            alphas.add(a);
        }
        transcript.absorbDigest("composition-root", proof.composition().root());
        long[] z = transcript.drawExtension("ood-point", ext);
        for (TableCheck t : tables) {
            t.absorbOod(transcript);
        }
        for (int i = 0; i < tables.size(); i++) {
            tables.get(i).checkOodConstraints(z, challenges, alphas.get(i));
        }
        for (TableCheck t : tables) {
            t.drawDeepChallenges(z, transcript);
        }
        FriVerifier fri = new FriVerifier(options.fri(), ext, HashFunction.of(options.hash()), Goldilocks.GENERATOR,
                options.logBlowup(), tables.stream().mapToInt(TableCheck::logLde).toArray());
        fri.readCommitments(proof.fri(), transcript);
        for (int i = 0; i < tables.size(); i++) {
            if (set.segmentOwner(i) == i) {
                tables.get(i).readSegmentCommitments(set.segmentReaders(i).stream()
                        .map(r -> tables.get(r).segmentReading(z)).toList(), transcript);
            }
        }

        if (!transcript.acceptProofOfWork(proof.powNonce(), options.grindingBits())) {
            throw new Rejection("proof of work is invalid");
        }
        int[] positions = ProtocolTranscript.queryPositions(transcript, options.numQueries(), logTop);
        HashFunction hash = HashFunction.of(options.hash());
        long[][] mainRows = RoundCheck.rows("main trace", hash, rounds.main(), proof.main(), positions,
                proof.tables().stream().map(StarkProof.TableProof::mainValues).toArray(long[][]::new));
        long[][] auxRows = RoundCheck.rows("auxiliary trace", hash, rounds.aux(), proof.aux(), positions,
                proof.tables().stream().map(StarkProof.TableProof::auxValues).toArray(long[][]::new));
        long[][] compositionRows = RoundCheck.rows("composition", hash, rounds.composition(), proof.composition(),
                positions, proof.tables().stream().map(StarkProof.TableProof::compositionValues).toArray(long[][]::new));
        Map<Integer, long[][]> deepValues = new HashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            TableCheck t = tables.get(i);
            long[][] values = t.deepValuesAt(positions, z, mainRows[i], auxRows[i], compositionRows[i]);
            long[][] sum = deepValues.get(t.logLde());
            if (sum != null) {
                for (int q = 0; q < values.length; q++) {
                    values[q] = ext.add(values[q], sum[q]);
                }
            }
            deepValues.put(t.logLde(), values);
        }
        fri.verifyQueries(proof.fri(), positions, deepValues);
        for (TableCheck t : tables) {
            t.checkSegmentQueries(transcript);
        }
    }

    /** The stated LogUp totals of the tables that declare one must cancel. */
    private static void checkLogUpTotals(List<TableCheck> tables, List<long[]> challenges, ExtensionField ext)
            throws Rejection {
        long[] total = ext.zero();
        for (TableCheck t : tables) {
            long[] sum = t.logUpSum();
            if (sum != null) {
                total = ext.add(total, sum);
            }
            long[] published = t.publicLogUpTotal(challenges);
            if (published != null) {
                total = ext.add(total, published);
            }
        }
        if (!ext.isZero(total)) {
            throw new Rejection("the tables' LogUp totals do not cancel: some looked-up value is not in its table");
        }
    }

    /** A one-line reason for rejecting. */
    static final class Rejection extends Exception {
        Rejection(String message) {
            super(message);
        }
    }
}
