package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.LogUpColumns;
import dev.comet.air.RangeTable;
import dev.comet.air.RowValues;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.examples.LookupTables;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.fri.FriLayout;
import dev.comet.fri.FriOptions;
import dev.comet.fri.FriProof;
import dev.comet.fri.FriProver;
import dev.comet.hash.HashFunction;
import dev.comet.hash.Transcript;
import dev.comet.proof.AirShape;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.ProtocolTranscript;
import dev.comet.proof.RoundLayout;
import dev.comet.proof.SecurityReport;
import dev.comet.proof.StarkProof;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Adversarial review of the multi-table engine: cheating provers that run the protocol step by
 * step (with {@link TableProver}) and rewrite what they state, edited proof records, fuzzed
 * encodings, FRI layouts, and the security accounting of table sets.
 */
class MultiTableAttackTest {
    private static final StarkVerifier VERIFIER = new StarkVerifier(0);
    private static final ProverSettings CHEATING = ProverSettings.defaults().withoutSelfCheck();

    // --- a cheating prover that controls the stated LogUp totals --------------------------------

    /**
     * {@link StarkProver#prove} step by step, without self-checks, letting the attacker rewrite the
     * stated LogUp totals (the live arrays the composition reads) after the auxiliary commitments.
     */
    private static StarkProof proveWithTotals(TableSet set, List<TraceTable> traces, ProofOptions options,
                                              Consumer<List<long[]>> editTotals) {
        ExtensionField ext = options.extension();
        HashFunction hash = HashFunction.of(options.hash());
        int logTop = set.maxLogLength() + options.logBlowup();
        List<TableProver> tables = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            long shift = Goldilocks.pow(Goldilocks.GENERATOR,
                    1L << (set.maxLogLength() - set.table(i).traceInfo().logLength()));
            tables.add(new TableProver(set.table(i), traces.get(i), null, shift, options, CHEATING, ext));
        }
        Transcript transcript = ProtocolTranscript.start(options, set,
                tables.stream().mapToInt(t -> t.layout().numColumns()).toArray());
        RoundLayout.Rounds rounds = RoundLayout.of(tables.stream().map(TableProver::info).toList(),
                tables.stream().mapToInt(t -> t.layout().numColumns()).toArray(), options);
        for (TableProver t : tables) {
            t.extendMain();
        }
        RoundCommitment main = RoundCommitment.commit(rounds.main(), tables.stream().map(TableProver::mainLde).toList(),
                hash);
        transcript.absorbDigest("main-root", main.root());
        List<long[]> challenges = new ArrayList<>();
        for (int i = 0; i < set.numChallenges(); i++) {
            challenges.add(transcript.drawExtension("aux-challenge", ext));
        }
        for (TableProver t : tables) {
            t.extendAux(challenges);
        }
        RoundCommitment aux = RoundCommitment.commit(rounds.aux(), tables.stream().map(TableProver::auxLde).toList(), hash);
        transcript.absorbDigest("aux-root", aux.root());
        List<long[]> totals = new ArrayList<>();
        for (TableProver t : tables) {
            totals.add(t.logUpSum());
        }
        editTotals.accept(totals);
        for (TableProver t : tables) {
            t.absorbLogUpSum(transcript);
        }
        List<List<long[]>> alphas = new ArrayList<>();
        for (TableProver t : tables) {
            List<long[]> a = new ArrayList<>();
            for (int i = 0; i < t.constraints().size(); i++) {
                a.add(transcript.drawExtension("constraint-alpha", ext));
            }
            alphas.add(a);
        }
        for (int i = 0; i < tables.size(); i++) {
            tables.get(i).evaluateComposition(alphas.get(i));
        }
        for (TableProver t : tables) {
            t.extendComposition();
        }
        RoundCommitment composition = RoundCommitment.commit(rounds.composition(),
                tables.stream().map(TableProver::compositionLde).toList(), hash);
        transcript.absorbDigest("composition-root", composition.root());
        long[] z = transcript.drawExtension("ood-point", ext);
        for (TableProver t : tables) {
            t.evaluateOutOfDomain(z, transcript);
        }
        List<FriProver.Input> deep = new ArrayList<>();
        for (TableProver t : tables) {
            deep.add(new FriProver.Input(t.deepQuotient(z, transcript)));
        }
        FriProver.Commitment fri = new FriProver(options.fri(), ext, hash).commit(deep, Goldilocks.GENERATOR,
                options.logBlowup(), transcript);
        long nonce = transcript.grind(options.grindingBits());
        int[] positions = ProtocolTranscript.queryPositions(transcript, options.numQueries(), logTop);
        FriProof friProof = fri.open(positions);
        RoundCommitment.Opened mainOpened = main.open(positions);
        RoundCommitment.Opened auxOpened = aux.open(positions);
        RoundCommitment.Opened compositionOpened = composition.open(positions);
        List<StarkProof.TableProof> proofs = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            proofs.add(tables.get(i).open(mainOpened.values()[i], auxOpened.values()[i], compositionOpened.values()[i],
                    null, transcript));
        }
        return new StarkProof(options, proofs, mainOpened.commitment(), auxOpened.commitment(),
                compositionOpened.commitment(), friProof, nonce);
    }

    /** Makes the stated totals cancel by moving their sum onto table {@code target}. */
    private static Consumer<List<long[]>> cancelOnto(int target, ExtensionField ext) {
        return totals -> {
            long[] sum = ext.zero();
            for (long[] t : totals) {
                if (t != null) {
                    sum = ext.add(sum, t);
                }
            }
            long[] fixed = ext.sub(totals.get(target), sum);
            System.arraycopy(fixed, 0, totals.get(target), 0, fixed.length);
        };
    }

    /** Puts {@code 300} (outside an 8-bit range) into table 0 at row 9 and drops the old value's multiplicity. */
    private static LookupTables.Instance withValueOutOfRange(long seed) {
        LookupTables.Instance instance = LookupTables.create(new int[] {6, 4}, 8, seed);
        TraceTable values = instance.traces().get(0);
        long old = values.get(0, 9);
        values.set(0, 9, 300);
        long[] total = values.column(2);
        for (int r = 9; r < total.length; r++) {
            total[r] = Goldilocks.add(Goldilocks.sub(total[r], old), 300);
        }
        RangeTable range = (RangeTable) instance.set().table(2);
        TraceTable rt = instance.traces().get(2);
        int w = range.valuesPerRow();
        rt.set(1 + (int) (old % w), (int) (old / w), Goldilocks.sub(rt.get(1 + (int) (old % w), (int) (old / w)), 1));
        return instance;
    }

    /** The sanity check of the harness: the step-by-step prover makes honest proofs that verify. */
    @Test
    void theStepByStepProverIsFaithful() {
        LookupTables.Instance instance = LookupTables.create(new int[] {6, 4}, 8, 3);
        StarkProof proof = proveWithTotals(instance.set(), instance.traces(), ProofOptions.test(), totals -> { });
        VerificationResult result = VERIFIER.verify(instance.set(), ProofCodec.encode(proof));
        assertTrue(result.valid(), result.reason());
    }

    /**
     * Attack (Q4): a looked-up value is missing from the range table, so the running sums do not
     * close; the prover states totals that cancel anyway (moving the imbalance onto one table).
     */
    @Test
    void totalsStatedToCancelOverRunningSumsThatDoNotRejects() {
        for (int target = 0; target < 3; target++) {
            LookupTables.Instance instance = withValueOutOfRange(11);
            ProofOptions options = ProofOptions.test();
            StarkProof proof = proveWithTotals(instance.set(), instance.traces(), options,
                    cancelOnto(target, options.extension()));
            VerificationResult result = VERIFIER.verify(instance.set(), ProofCodec.encode(proof));
            assertFalse(result.valid(), "cancelling totals on table " + target + " accepted");
            assertTrue(result.reason().contains("out-of-domain"), result.reason());
        }
    }

    /** Honest proof, totals edited in the record so that they still cancel: +c on one table, -c on another. */
    @Test
    void editedTotalsThatStillCancelReject() {
        LookupTables.Instance instance = LookupTables.create(new int[] {5, 7}, 6, 5);
        StarkProof proof = new StarkProver(ProofOptions.test()).prove(instance.set(), instance.traces());
        assertTrue(VERIFIER.verify(instance.set(), proof).valid());
        ExtensionField ext = proof.options().extension();
        long[] c = {12345, 678};
        for (int[] pair : new int[][] {{0, 1}, {0, 2}, {1, 2}}) {
            List<StarkProof.TableProof> tables = new ArrayList<>(proof.tables());
            tables.set(pair[0], withTotal(tables.get(pair[0]), ext.add(tables.get(pair[0]).logUpSum(), c)));
            tables.set(pair[1], withTotal(tables.get(pair[1]), ext.sub(tables.get(pair[1]).logUpSum(), c)));
            StarkProof edited = edit(proof, proof.options(), tables, proof.fri(), proof.powNonce());
            assertFalse(VERIFIER.verify(instance.set(), edited).valid());
        }
    }

    private static StarkProof.TableProof withTotal(StarkProof.TableProof t, long[] total) {
        return new StarkProof.TableProof(t.traceInfo(), t.numCompositionColumns(), total, t.ood(), t.mainValues(),
                t.auxValues(), t.compositionValues(), t.precommittedQueries(), t.segmentFri());
    }

    /** {@code proof} with other options, table sections or FRI proof, its round commitments kept. */
    private static StarkProof edit(StarkProof proof, ProofOptions options, List<StarkProof.TableProof> tables,
                                   FriProof fri, long nonce) {
        return new StarkProof(options, tables, proof.main(), proof.aux(), proof.composition(), fri, nonce);
    }

    /**
     * A value table that declares its running sum as its stated total but forgets the constraint
     * that pins the sum's last row to it (an easy slip: {@link Air#logUpSumColumn()} and the
     * constraint are declared separately). The engine accepts such a table set, and then the
     * stated total is a free variable.
     */
    private record LooseValueTable(String name, int logRows) implements Air {
        LogUpColumns logUp() {
            return new LogUpColumns(List.of(LogUpColumns.lookup(Expr.main(0)), LogUpColumns.lookup(Expr.main(1))), 0, 0);
        }

        @Override
        public TraceInfo traceInfo() {
            return new TraceInfo(logRows, 3, logUp().auxWidth(), 1);
        }

        @Override
        public List<Constraint> constraints() {
            List<Constraint> out = new ArrayList<>();
            out.add(Constraint.atRow("total starts", 0, Expr.main(2).minus(Expr.main(0))));
            out.add(Constraint.transition("total accumulates",
                    Expr.mainNext(2).minus(Expr.main(2)).minus(Expr.mainNext(0))));
            out.addAll(logUp().constraints(1 << logRows).stream()
                    .filter(c -> !c.name().equals("LogUp sum ends at the stated total")).toList());
            return out;
        }

        @Override
        public byte[] publicInputs() {
            return name.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int lookupTermsPerRow() {
            return 2;
        }

        @Override
        public int logUpSumColumn() {
            return logUp().sumColumn();
        }

        @Override
        public long[][][] buildAuxTrace(TraceTable main, List<long[]> challenges, ExtensionField ext) {
            return logUp().auxTrace(main, RowValues.of(main), challenges, ext);
        }
    }

    /**
     * Hardening (Q4): a table that states a total no constraint reads. With it, a value far outside
     * the range "passes" the range check. The engine should refuse such a table (at
     * {@link TableSet} construction or in the verifier), since the check is structural.
     */
    @Test
    void aTableWhoseStatedTotalNoConstraintReadsIsRefused() {
        try {
            LooseValueTable loose = new LooseValueTable("attack/loose", 5);
            RangeTable range = new RangeTable(8, 5, 0);
            TableSet set = new TableSet("attack/loose-set", List.of(loose, range));
            SplittableRandom random = new SplittableRandom(1);
            TraceTable t = TraceTable.ofSize(3, 32);
            long[] multiplicities = new long[256];
            long total = 0;
            for (int r = 0; r < 32; r++) {
                long a = r == 7 ? Goldilocks.P - 5 : random.nextLong(256); // -5: not in [0, 256)
                long b = random.nextLong(256);
                total = Goldilocks.add(total, a);
                t.set(0, r, a);
                t.set(1, r, b);
                t.set(2, r, total);
                if (r != 7) {
                    multiplicities[(int) a]++;
                }
                multiplicities[(int) b]++;
            }
            ProofOptions options = ProofOptions.test();
            StarkProof proof = proveWithTotals(set, List.of(t, range.trace(multiplicities)), options,
                    cancelOnto(0, options.extension()));
            VerificationResult result = VERIFIER.verify(set, ProofCodec.encode(proof));
            assertFalse(result.valid(), "a lookup of -5 into [0, 256) was accepted: the table's stated total is free");
        } catch (IllegalArgumentException refused) {
            // The fix may refuse the table set outright.
        }
    }

    // --- FRI shape -------------------------------------------------------------------------------

    /** Q3: for many shapes, the layout lands on every joining domain and ends within the remainder. */
    @Test
    void layoutLandsOnEveryJoinForManyShapes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int factor : new int[] {2, 4, 8, 16}) {
            for (int remainder = factor; remainder <= 1024; remainder *= 2) {
                FriOptions options = new FriOptions(factor, remainder);
                int logFactor = Integer.numberOfTrailingZeros(factor);
                int logRemainder = Integer.numberOfTrailingZeros(remainder);
                for (int logRate = 1; logRate <= 6; logRate++) {
                    for (int trial = 0; trial < 40; trial++) {
                        int count = 1 + random.nextInt(5);
                        int[] sizes = new int[count];
                        for (int i = 0; i < count; i++) {
                            sizes[i] = logRate + 3 + random.nextInt(29 - 3 + 1);
                        }
                        FriLayout layout = FriLayout.of(options, logRate, sizes);
                        String shape = Arrays.toString(sizes) + " rate " + logRate + " " + options;
                        int[] domains = layout.logDomains();
                        int[] folds = layout.logFolds();
                        int top = Arrays.stream(sizes).max().orElseThrow();
                        int smallest = Arrays.stream(sizes).min().orElseThrow();
                        assertEquals(top, layout.logTopDomain(), shape);
                        for (int l = 0; l < domains.length; l++) {
                            assertTrue(folds[l] >= 1 && folds[l] <= logFactor, shape);
                            int next = l + 1 < domains.length ? domains[l + 1] : layout.logFinal();
                            assertEquals(domains[l] - folds[l], next, shape);
                        }
                        for (int s : sizes) {
                            boolean lands = s == layout.logFinal() || Arrays.stream(domains).anyMatch(d -> d == s);
                            assertTrue(lands, "size " + s + " never joins: " + shape);
                        }
                        assertTrue(layout.logFinal() <= smallest, shape);
                        assertTrue(layout.logFinal() - logRate <= logRemainder, shape);
                        assertTrue(layout.remainderDegreeBound() >= 1, shape);
                        // Folding stops as soon as it may: one more step would not have been needed.
                        if (domains.length > 0) {
                            int last = domains[domains.length - 1];
                            assertTrue(last - logRate > logRemainder || last > smallest, shape);
                        }
                    }
                }
            }
        }
    }

    /** Q3: edge shapes end to end: all tables of 8 rows (no join), a table below the remainder domain. */
    @Test
    void edgeShapesVerifyAndACheatInTheSmallestRejects() {
        for (String preset : new String[] {"test", "high"}) {
            ProofOptions options = ProofOptions.preset(preset);
            for (int[] logs : new int[][] {{3, 3}, {3, 12}}) {
                LookupTables.Instance instance = LookupTables.create(logs, 3, 21);
                VerificationResult honest = VERIFIER.verify(instance.set(),
                        ProofCodec.encode(new StarkProver(options).prove(instance.set(), instance.traces())));
                assertTrue(honest.valid(), Arrays.toString(logs) + " " + preset + ": " + honest.reason());
                TraceTable small = instance.traces().get(0);
                small.set(2, 3, Goldilocks.add(small.get(2, 3), 1));
                assertFalse(VERIFIER.verify(instance.set(), new StarkProver(options, CHEATING).prove(instance.set(),
                        instance.traces())).valid(), Arrays.toString(logs) + " " + preset);
            }
        }
    }

    /** Q3: a proof with one FRI layer fewer, one more remainder coefficient, or a table's FRI moved. */
    @Test
    void friShapeEditsReject() {
        LookupTables.Instance instance = LookupTables.create(new int[] {3, 9}, 6, 9);
        StarkProof proof = new StarkProver(ProofOptions.test()).prove(instance.set(), instance.traces());
        assertTrue(VERIFIER.verify(instance.set(), proof).valid());
        FriProof fri = proof.fri();
        int layers = fri.layerRoots().size();
        FriProof fewer = new FriProof(fri.layerRoots().subList(0, layers - 1), fri.remainder(),
                fri.layers().subList(0, layers - 1));
        assertFalse(VERIFIER.verify(instance.set(), edit(proof, proof.options(), proof.tables(), fewer,
                proof.powNonce())).valid());
        long[][] longer = Arrays.stream(fri.remainder()).map(c -> Arrays.copyOf(c, c.length + 1)).toArray(long[][]::new);
        assertFalse(VERIFIER.verify(instance.set(), edit(proof, proof.options(), proof.tables(),
                new FriProof(fri.layerRoots(), longer, fri.layers()), proof.powNonce())).valid());
        long[][] shorter = Arrays.stream(fri.remainder()).map(c -> Arrays.copyOf(c, c.length / 2)).toArray(long[][]::new);
        assertFalse(VERIFIER.verify(instance.set(), ProofCodec.encode(edit(proof, proof.options(), proof.tables(),
                new FriProof(fri.layerRoots(), shorter, fri.layers()), proof.powNonce()))).valid());
        // The same tables proven one by one: no single-table FRI may stand in for the set's.
        StarkProof alone = new StarkProver(ProofOptions.test(), CHEATING).prove(
                new TableSet(instance.set().name(), List.of(instance.set().table(1))), List.of(instance.traces().get(1)));
        assertFalse(VERIFIER.verify(instance.set(), edit(proof, proof.options(), proof.tables(), alone.fri(),
                proof.powNonce())).valid());
    }

    // --- codec and the verifier's "never throws" -------------------------------------------------

    /** Q5: structural mutations of a multi-table encoding (not only bit flips) never escape as exceptions. */
    @Test
    void mutatedEncodingsAreRejectedWithoutThrowing() {
        LookupTables.Instance instance = LookupTables.create(new int[] {3, 5}, 4, 15);
        byte[] proof = ProofCodec.encode(new StarkProver(ProofOptions.test()).prove(instance.set(), instance.traces()));
        assertTrue(VERIFIER.verify(instance.set(), proof).valid());
        SplittableRandom random = new SplittableRandom(99);
        for (int k = 0; k < 1500; k++) {
            byte[] m = mutate(proof, random);
            VerificationResult result;
            try {
                result = VERIFIER.verify(instance.set(), m);
            } catch (Throwable t) {
                fail("mutation " + k + " threw " + t);
                return;
            }
            if (!Arrays.equals(m, proof)) {
                assertFalse(result.valid(), "mutation " + k + " accepted");
            }
        }
    }

    private static byte[] mutate(byte[] proof, SplittableRandom random) {
        int at = random.nextInt(proof.length);
        return switch (random.nextInt(5)) {
            case 0 -> { // a big count where a count may be
                byte[] m = proof.clone();
                int v = random.nextBoolean() ? -1 : random.nextInt();
                for (int i = 0; i < 4 && at + i < m.length; i++) {
                    m[at + i] = (byte) (v >>> (24 - 8 * i));
                }
                yield m;
            }
            case 1 -> { // a byte-sized count (tables, layers, offsets, flags)
                byte[] m = proof.clone();
                m[at] = (byte) random.nextInt(256);
                yield m;
            }
            case 2 -> { // bytes inserted
                int len = 1 + random.nextInt(40);
                byte[] m = new byte[proof.length + len];
                System.arraycopy(proof, 0, m, 0, at);
                for (int i = 0; i < len; i++) {
                    m[at + i] = (byte) random.nextInt(256);
                }
                System.arraycopy(proof, at, m, at + len, proof.length - at);
                yield m;
            }
            case 3 -> { // bytes deleted
                int len = Math.min(proof.length - at, 1 + random.nextInt(40));
                byte[] m = new byte[proof.length - len];
                System.arraycopy(proof, 0, m, 0, at);
                System.arraycopy(proof, at + len, m, at, proof.length - at - len);
                yield m;
            }
            default -> { // a run of bits flipped
                byte[] m = proof.clone();
                int len = 1 + random.nextInt(8);
                for (int i = 0; i < len && at + i < m.length; i++) {
                    m[at + i] ^= (byte) (1 + random.nextInt(255));
                }
                yield m;
            }
        };
    }

    /** Q5: proof records that no decoder would produce, built in process: rejected, never thrown. */
    @Test
    void malformedProofRecordsAreRejectedWithoutThrowing() {
        LookupTables.Instance instance = LookupTables.create(new int[] {3, 5}, 4, 15);
        StarkProof proof = new StarkProver(ProofOptions.test()).prove(instance.set(), instance.traces());
        List<StarkProof> bad = new ArrayList<>();
        List<StarkProof.TableProof> t = new ArrayList<>(proof.tables());
        t.set(0, withTotal(t.get(0), new long[] {1})); // a total of the wrong extension degree
        bad.add(edit(proof, proof.options(), t, proof.fri(), proof.powNonce()));
        bad.add(edit(proof, proof.options(), proof.tables(), FriProof.NONE, proof.powNonce()));
        bad.add(edit(proof, proof.options(), proof.tables(), null, proof.powNonce()));
        bad.add(edit(proof, null, proof.tables(), proof.fri(), proof.powNonce()));
        for (int i = 0; i < bad.size(); i++) {
            try {
                assertFalse(VERIFIER.verify(instance.set(), bad.get(i)).valid(), "record " + i);
            } catch (RuntimeException e) {
                fail("record " + i + " threw " + e);
            }
        }
    }

    /**
     * A stated total with more coordinates than the extension's: the shape check refuses it, so
     * that no coordinate the constraints do not read can be absorbed (a proof made with it would
     * otherwise verify, its extra coordinate bound by nothing).
     */
    @Test
    void aLogUpTotalOfMoreCoordinatesThanTheExtensionsIsRefusedByItsShape() {
        LookupTables.Instance instance = LookupTables.create(new int[] {3, 5}, 4, 15);
        StarkProof proof = new StarkProver(ProofOptions.test()).prove(instance.set(), instance.traces());
        List<StarkProof.TableProof> t = new ArrayList<>(proof.tables());
        long[] total = t.get(0).logUpSum();
        t.set(0, withTotal(t.get(0), new long[] {total[0], total[1], 0}));
        VerificationResult result = VERIFIER.verify(instance.set(),
                edit(proof, proof.options(), t, proof.fri(), proof.powNonce()));
        assertFalse(result.valid());
        assertTrue(result.reason().contains("3 coordinates, expected 2"), result.reason());
    }

    // --- security accounting -------------------------------------------------------------------

    /**
     * Q6: the proven figures of a set are computed from the largest table alone (its trace length
     * picks the Johnson proximity parameter m, its LDE size the list size, its rate rho+), but the
     * set's FRI also proves the smallest table's DEEP quotient on its own small domain. The set
     * cannot be more secure than what the same formula gives for that small table; today it reports
     * more (proven preset, tables of 2^3 and 2^20 rows: 111 bits at m = 12 against 103 at m = 3).
     */
    @Test
    void provenFiguresOfASetAreNoHigherThanForItsSmallestTable() {
        TableSet set = new TableSet("attack/sizes", List.of(new LookupTables.ValueTable("v-small", 3, 0),
                new LookupTables.ValueTable("v-large", 20, 0), new RangeTable(16, 14, 0)));
        AirShape shape = AirShape.of(set);
        AirShape smallest = new AirShape(3, 3, 1, shape.openings(), shape.deepDegree(), shape.lookupFractions(), -1);
        for (String preset : new String[] {"default", "proven"}) {
            ProofOptions options = ProofOptions.preset(preset);
            SecurityReport whole = SecurityReport.of(options, shape);
            SecurityReport bound = SecurityReport.of(options, smallest);
            assertTrue(whole.provenListDecoding().bits() <= bound.provenListDecoding().bits(),
                    preset + ": set claims " + whole.provenListDecoding() + " but its 8-row table allows only "
                            + bound.provenListDecoding());
            assertTrue(whole.provenUniqueDecoding().bits() <= bound.provenUniqueDecoding().bits(),
                    preset + ": set claims " + whole.provenUniqueDecoding() + " but its 8-row table allows only "
                            + bound.provenUniqueDecoding());
        }
    }
}
