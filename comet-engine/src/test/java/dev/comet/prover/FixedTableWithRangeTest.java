package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.FixedTable;
import dev.comet.air.LogUpColumns;
import dev.comet.air.RangeTable;
import dev.comet.air.RowValues;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.examples.FixedFunctionTables;
import dev.comet.field.ExtensionField;
import dev.comet.proof.ProofOptions;
import dev.comet.verifier.StarkVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A range table riding on a fixed table of its height: pairs looked up in the fixed function
 * table (relation 0) and limbs looked up in the 10-bit range (relation 2), both answered by one
 * table with one running sum.
 */
class FixedTableWithRangeTest {
    private static final int LOG_ROWS = 6;
    private static final int RANGE_RELATION = 2;
    private static final RangeTable RANGE = new RangeTable(10, FixedFunctionTables.LOG_ROWS, RANGE_RELATION);
    private static final PrecommittedSegment SEGMENT = PrecommittedSegment.commit(FixedFunctionTables.columns());

    /** One column of values looked up in the range relation. */
    record Limbs() implements Air {
        LogUpColumns logUp() {
            return new LogUpColumns(List.of(LogUpColumns.lookup(Expr.main(0))), 0, RANGE_RELATION);
        }

        @Override
        public String name() {
            return "comet/test/limbs";
        }

        @Override
        public TraceInfo traceInfo() {
            return new TraceInfo(LOG_ROWS, 1, logUp().auxWidth(), RANGE_RELATION + 1);
        }

        @Override
        public List<Constraint> constraints() {
            return logUp().constraints(1 << LOG_ROWS);
        }

        @Override
        public byte[] publicInputs() {
            return name().getBytes(StandardCharsets.UTF_8);
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
            return logUp().auxTrace(main, RowValues.of(main), challenges, ext);
        }
    }

    private static TableSet set(FixedTable table) {
        return new TableSet("comet/test/fixed-with-range",
                List.of(new FixedFunctionTables.PairTable(LOG_ROWS), new Limbs(), table.withRange(RANGE)));
    }

    /** Pairs of the function, limbs {@code 13 r} with one of them {@code limb} at row 9, the table's multiplicities. */
    private static boolean proves(long limb, long y, ProverSettings settings) {
        List<TraceTable> pairsAndTable = FixedFunctionTables.traces(LOG_ROWS, 3);
        TraceTable pairs = pairsAndTable.get(0);
        long[] functionCounts = pairsAndTable.get(1).column(0).clone();
        if (y >= 0) {
            pairs.set(1, 9, y);
        }
        TraceTable limbs = TraceTable.ofSize(1, 1 << LOG_ROWS);
        long[] rangeCounts = new long[1 << 10];
        for (int r = 0; r < 1 << LOG_ROWS; r++) {
            long v = r == 9 && limb >= 0 ? limb : 13L * r;
            limbs.set(0, r, v);
            if (v < rangeCounts.length) {
                rangeCounts[(int) v]++;
            }
        }
        TraceTable table = FixedFunctionTables.proverTable().withRange(RANGE).trace(functionCounts, rangeCounts);
        var proof = new StarkProver(ProofOptions.test(), settings).prove(set(FixedFunctionTables.proverTable()),
                List.of(pairs, limbs, table), Arrays.asList(null, null, SEGMENT));
        return new StarkVerifier(0).verify(set(FixedFunctionTables.table()), proof).valid();
    }

    @Test
    void bothRelationsAreAnsweredByOneTable() {
        assertTrue(proves(-1, -1, ProverSettings.defaults()));
        assertEquals(FixedFunctionTables.NAME + " with " + RANGE.name(), set(FixedFunctionTables.table()).table(2).name());
        assertEquals(1 + 1 + RANGE.valuesPerRow(), set(FixedFunctionTables.table()).table(2).traceInfo().mainWidth());
    }

    @Test
    void aLimbOutsideTheRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> proves(1024, -1, ProverSettings.defaults()));
        assertFalse(proves(1024, -1, ProverSettings.defaults().withoutSelfCheck()));
    }

    @Test
    void aPairOutsideTheFunctionIsRejected() {
        long wrong = 1 << 17; // no f(x) is this large
        assertThrows(IllegalArgumentException.class, () -> proves(-1, wrong, ProverSettings.defaults()));
        assertFalse(proves(-1, wrong, ProverSettings.defaults().withoutSelfCheck()));
    }

    /** Sharing the function's alpha would let a range offer answer a pair lookup (see LogUpColumns). */
    @Test
    void theRangeMustHaveItsOwnRelationAndTheTablesHeight() {
        assertThrows(IllegalArgumentException.class, () -> FixedFunctionTables.table().withRange(
                new RangeTable(10, FixedFunctionTables.LOG_ROWS, 0)));
        assertThrows(IllegalArgumentException.class, () -> FixedFunctionTables.table().withRange(
                new RangeTable(10, FixedFunctionTables.LOG_ROWS - 1, RANGE_RELATION)));
        assertThrows(IllegalArgumentException.class, () -> FixedFunctionTables.table().withRange(RANGE).withRange(RANGE));
    }
}
