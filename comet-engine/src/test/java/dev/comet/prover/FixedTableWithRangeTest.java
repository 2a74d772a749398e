package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.FixedTable;
import dev.comet.air.RangeTable;
import dev.comet.air.TableSet;
import dev.comet.air.TraceTable;
import dev.comet.examples.FixedFunctionTables;
import dev.comet.examples.LookupTables;
import dev.comet.proof.ProofOptions;
import dev.comet.verifier.StarkVerifier;
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
    /** Limbs {@code a, b} looked up in the range relation (and a running total of {@code a}). */
    private static final LookupTables.ValueTable LIMBS = new LookupTables.ValueTable("comet/test/limbs", LOG_ROWS,
            RANGE_RELATION);

    private static TableSet set(FixedTable table) {
        return new TableSet("comet/test/fixed-with-range",
                List.of(new FixedFunctionTables.PairTable(LOG_ROWS), LIMBS, table.withRange(RANGE)));
    }

    /** Pairs of the function, limbs {@code (13 r, 7 r)} with {@code a = limb} at row 9, the table's multiplicities. */
    private static boolean proves(long limb, long y, ProverSettings settings) {
        List<TraceTable> pairsAndTable = FixedFunctionTables.traces(LOG_ROWS, 3);
        TraceTable pairs = pairsAndTable.get(0);
        long[] functionCounts = pairsAndTable.get(1).column(0).clone();
        if (y >= 0) {
            pairs.set(1, 9, y);
        }
        TraceTable limbs = TraceTable.ofSize(3, 1 << LOG_ROWS);
        long[] rangeCounts = new long[1 << 10];
        long total = 0;
        for (int r = 0; r < 1 << LOG_ROWS; r++) {
            long a = r == 9 && limb >= 0 ? limb : 13L * r;
            long b = 7L * r;
            total += a;
            limbs.set(0, r, a);
            limbs.set(1, r, b);
            limbs.set(2, r, total);
            if (a < rangeCounts.length) {
                rangeCounts[(int) a]++;
            }
            rangeCounts[(int) b]++;
        }
        TraceTable table = FixedFunctionTables.table().withRange(RANGE).trace(functionCounts, rangeCounts);
        var proof = new StarkProver(ProofOptions.test(), settings).prove(set(FixedFunctionTables.table()),
                List.of(pairs, limbs, table));
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

    /**
     * The table's {@code x} column is the row index, so with a range on its rows it is read from
     * the range's pinned base column (divided by its values a row) and is no periodic column of
     * the table; a prover that moves that base by one row is rejected.
     */
    @Test
    void theRowIndexIsTheRangesPinnedBase() {
        FixedTable alone = FixedFunctionTables.table();
        FixedTable riding = alone.withRange(RANGE);
        assertEquals(alone.periodicColumns().size() - 1, riding.periodicColumns().size());
        assertTrue(Arrays.equals(FixedFunctionTables.columns()[1], riding.periodicColumns().get(0).values()));
        List<TraceTable> pairsAndTable = FixedFunctionTables.traces(LOG_ROWS, 3);
        long[] functionCounts = pairsAndTable.get(1).column(0).clone();
        long[] rangeCounts = new long[1 << 10];
        TraceTable limbs = TraceTable.ofSize(3, 1 << LOG_ROWS);
        for (int r = 0; r < 1 << LOG_ROWS; r++) {
            rangeCounts[0] += 2; // limbs 0 and 0, running total 0
        }
        TraceTable table = riding.trace(functionCounts, rangeCounts);
        for (int r = 0; r < table.length(); r++) {
            table.set(1, r, (long) (r + 1) * RANGE.valuesPerRow()); // the base, and so the index, one row on
        }
        var proof = new StarkProver(ProofOptions.test(), ProverSettings.defaults().withoutSelfCheck())
                .prove(set(alone), List.of(pairsAndTable.get(0), limbs, table));
        assertFalse(new StarkVerifier(0).verify(set(alone), proof).valid());
        var honest = new StarkProver(ProofOptions.test()).prove(set(alone), List.of(pairsAndTable.get(0), limbs,
                riding.trace(functionCounts, rangeCounts)));
        assertTrue(new StarkVerifier(0).verify(set(alone), honest).valid(), "the same traces, the base in place");
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
