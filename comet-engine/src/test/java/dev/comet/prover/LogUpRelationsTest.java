package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.LogUpColumns;
import dev.comet.air.RangeTable;
import dev.comet.air.RowValues;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.ExtensionField;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * One LogUp argument whose fractions belong to two relations, each with its own challenge: a
 * table looks {@code a} up in a range table (relation 0) and {@code b} up in a table of offered
 * values (relation {@code RELATION_B}), with one running sum for both.
 */
class LogUpRelationsTest {
    private static final StarkVerifier VERIFIER = new StarkVerifier(0);
    private static final int LOG_ROWS = 3;
    private static final int RANGE_BITS = 4;
    private static final int RELATION_B = 1;

    /** Columns {@code a} (range relation) and {@code b} (relation {@code relationB}). */
    record Lookups(int relationB) implements Air {
        LogUpColumns logUp() {
            return new LogUpColumns(List.of(LogUpColumns.lookup(Expr.main(0)),
                    LogUpColumns.lookup(Expr.main(1)).inRelation(relationB)), 0, 0);
        }

        @Override
        public TraceInfo traceInfo() {
            return new TraceInfo(LOG_ROWS, 2, logUp().auxWidth(), 2);
        }

        @Override
        public List<Constraint> constraints() {
            return logUp().constraints(1 << LOG_ROWS);
        }

        @Override
        public String name() {
            return "comet/test/lookups";
        }

        @Override
        public byte[] publicInputs() {
            return ("lookups/" + relationB).getBytes(StandardCharsets.UTF_8);
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
            return aux(logUp(), main, challenges, ext);
        }
    }

    /** Offers value {@code 100 + r} on row {@code r} with a committed multiplicity, in relation {@code relation}. */
    record Offers(int relation) implements Air {
        LogUpColumns logUp() {
            return new LogUpColumns(List.of(LogUpColumns.provide(Expr.main(1), Expr.main(0))), 0, relation);
        }

        @Override
        public TraceInfo traceInfo() {
            return new TraceInfo(LOG_ROWS, 2, logUp().auxWidth(), 2);
        }

        @Override
        public List<Constraint> constraints() {
            List<Constraint> out = new ArrayList<>();
            out.add(Constraint.assertion("offers start at 100", 0, 0, 100));
            out.add(Constraint.transition("offers count up", Expr.mainNext(0).minus(Expr.main(0)).minus(1)));
            out.addAll(logUp().constraints(1 << LOG_ROWS));
            return out;
        }

        @Override
        public String name() {
            return "comet/test/offers";
        }

        @Override
        public byte[] publicInputs() {
            return ("offers/" + relation).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int lookupTermsPerRow() {
            return 1;
        }

        @Override
        public int logUpSumColumn() {
            return logUp().sumColumn();
        }

        @Override
        public long[][][] buildAuxTrace(TraceTable main, List<long[]> challenges, ExtensionField ext) {
            return aux(logUp(), main, challenges, ext);
        }
    }

    private static long[][][] aux(LogUpColumns logUp, TraceTable main, List<long[]> challenges, ExtensionField ext) {
        return logUp.auxTrace(main, RowValues.of(main), challenges, ext);
    }

    /**
     * Proves a set where row {@code r} looks up {@code a = r + 3} in the range table and {@code b};
     * {@code countBInRange} says whether the b's are counted by the range table (the cheat: b
     * answered from the other relation) instead of the offers table.
     */
    private static VerificationResult prove(int relationB, long[] b, boolean countBInRange, ProverSettings settings) {
        int n = 1 << LOG_ROWS;
        RangeTable range = new RangeTable(RANGE_BITS, LOG_ROWS, 0);
        TableSet set = new TableSet("comet/test/logup-relations", List.of(new Lookups(relationB), new Offers(relationB), range));
        TraceTable lookups = TraceTable.ofSize(2, n);
        TraceTable offers = TraceTable.ofSize(2, n);
        long[] rangeCounts = new long[1 << RANGE_BITS];
        for (int r = 0; r < n; r++) {
            lookups.set(0, r, r + 3);
            lookups.set(1, r, b[r]);
            rangeCounts[r + 3]++;
            offers.set(0, r, 100 + r);
        }
        long[] offerCounts = new long[n];
        for (long v : b) {
            if (countBInRange) {
                rangeCounts[(int) v]++;
            } else {
                offerCounts[(int) v - 100]++;
            }
        }
        for (int r = 0; r < n; r++) {
            offers.set(1, r, offerCounts[r]);
        }
        StarkProver prover = new StarkProver(ProofOptions.test(), settings);
        byte[] proof = ProofCodec.encode(prover.prove(set, List.of(lookups, offers, range.trace(rangeCounts))));
        return VERIFIER.verify(set, proof);
    }

    private static final long[] OFFERED_B = {100, 103, 103, 107, 101, 100, 106, 102};
    private static final long[] RANGE_B = {0, 5, 5, 15, 9, 2, 2, 11};

    @Test
    void twoRelationsInOneArgumentVerify() {
        VerificationResult result = prove(RELATION_B, OFFERED_B, false, ProverSettings.defaults());
        assertTrue(result.valid(), result.reason());
    }

    /** The b's are range values, answered by the range table: balanced only if both relations shared alpha. */
    @Test
    void aLookupAnsweredFromTheOtherRelationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> prove(RELATION_B, RANGE_B, true, ProverSettings.defaults()));
        VerificationResult result = prove(RELATION_B, RANGE_B, true, ProverSettings.defaults().withoutSelfCheck());
        assertFalse(result.valid(), "a relation-1 lookup was answered by the relation-0 table");
    }

    /** Control for the test above: with one shared challenge the same cheat goes through. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void underASharedChallengeTheCheatVerifies(boolean cheat) {
        VerificationResult result = prove(0, cheat ? RANGE_B : OFFERED_B, cheat, ProverSettings.defaults());
        assertTrue(result.valid(), result.reason());
    }
}
