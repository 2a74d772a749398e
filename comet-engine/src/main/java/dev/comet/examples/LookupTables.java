package dev.comet.examples;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A multi-table example: several tables of random values, each of its own height, whose every
 * value is looked up in one {@link RangeTable}. The value tables also keep a running total of
 * their first column, so they have a transition constraint of their own.
 */
public final class LookupTables {
    /** The tables and one trace per table, in the set's order (value tables first, the range table last). */
    public record Instance(TableSet set, List<TraceTable> traces) {}

    private LookupTables() {}

    /** A table of {@code 2^logRows} rows: values {@code a, b} (looked up), and the running total of {@code a}. */
    public record ValueTable(String name, int logRows, int challengeIndex) implements Air {
        static final int A = 0;
        static final int B = 1;
        static final int TOTAL = 2;

        LogUpColumns logUp() {
            return new LogUpColumns(List.of(LogUpColumns.lookup(Expr.main(A)), LogUpColumns.lookup(Expr.main(B))), 0,
                    challengeIndex);
        }

        @Override
        public TraceInfo traceInfo() {
            return new TraceInfo(logRows, 3, logUp().auxWidth(), 1);
        }

        @Override
        public List<Constraint> constraints() {
            List<Constraint> out = new ArrayList<>();
            out.add(Constraint.atRow("total starts", 0, Expr.main(TOTAL).minus(Expr.main(A))));
            out.add(Constraint.transition("total accumulates",
                    Expr.mainNext(TOTAL).minus(Expr.main(TOTAL)).minus(Expr.mainNext(A))));
            out.addAll(logUp().constraints(1 << logRows));
            return out;
        }

        @Override
        public byte[] publicInputs() {
            return name.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int lookupTermsPerRow() {
            return logUp().fractionsPerRow();
        }

        @Override
        public int logUpSumColumn() {
            return logUp().sumColumn();
        }

        @Override
        public long[][][] buildAuxTrace(TraceTable main, List<long[]> challenges, ExtensionField ext) {
            LogUpColumns logUp = logUp();
            return logUp.auxTrace(main, RowValues.of(main), challenges, ext);
        }
    }

    /**
     * Value tables of {@code 2^logRows[i]} rows with random values below {@code 2^rangeBits}, and
     * the range table with the multiplicities of those values.
     */
    public static Instance create(int[] logRows, int rangeBits, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Air> tables = new ArrayList<>();
        List<TraceTable> traces = new ArrayList<>();
        long[] multiplicities = new long[1 << rangeBits];
        for (int i = 0; i < logRows.length; i++) {
            ValueTable table = new ValueTable("comet/example/values-" + i, logRows[i], 0);
            int n = 1 << logRows[i];
            TraceTable t = TraceTable.ofSize(3, n);
            long total = 0;
            for (int r = 0; r < n; r++) {
                long a = random.nextLong(1L << rangeBits);
                long b = random.nextLong(1L << rangeBits);
                total += a;
                t.set(ValueTable.A, r, a);
                t.set(ValueTable.B, r, b);
                t.set(ValueTable.TOTAL, r, total);
                multiplicities[(int) a]++;
                multiplicities[(int) b]++;
            }
            tables.add(table);
            traces.add(t);
        }
        RangeTable range = new RangeTable(rangeBits, Math.max(3, rangeBits - 2), 0);
        tables.add(range);
        traces.add(range.trace(multiplicities));
        return new Instance(new TableSet("comet/example/lookups", tables), traces);
    }
}
