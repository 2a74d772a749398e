package dev.comet.examples;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.FixedTable;
import dev.comet.air.LogUpColumns;
import dev.comet.air.RowValues;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.ExtensionField;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed-table example: the function {@code f(x) = x^3 mod 2^16} on {@code x in [0, 2^8)} as a
 * {@link FixedTable}, and a table of pairs {@code (x, y)} that looks each pair up in it, so the
 * proof shows {@code y = f(x)} on every row; the verifier evaluates the table's columns at one
 * point, never {@code f} on the pairs. This is how activation functions enter a training proof.
 */
public final class FixedFunctionTables {
    public static final int LOG_ROWS = 8;
    public static final String NAME = "comet/example/cube-mod-2^16";

    private FixedFunctionTables() {}

    static long f(long x) {
        return (x * x * x) & 0xFFFF;
    }

    /** The fixed table's columns: {@code x} and {@code f(x)}. */
    public static long[][] columns() {
        long[][] out = new long[2][1 << LOG_ROWS];
        for (int x = 0; x < 1 << LOG_ROWS; x++) {
            out[0][x] = x;
            out[1][x] = f(x);
        }
        return out;
    }

    /** The fixed table, as prover and verifier build it. */
    public static FixedTable table() {
        return new FixedTable(NAME, 0, 1, columns());
    }

    /** A table of {@code 2^logRows} pairs {@code (x, y)}, each looked up as one row of the fixed table. */
    public record PairTable(int logRows) implements Air {
        LogUpColumns logUp() {
            return new LogUpColumns(List.of(LogUpColumns.lookup(LogUpColumns.tuple(List.of(Expr.main(0), Expr.main(1)), 1))),
                    0, 0);
        }

        @Override
        public String name() {
            return "comet/example/pairs";
        }

        @Override
        public TraceInfo traceInfo() {
            return new TraceInfo(logRows, 2, logUp().auxWidth(), 2);
        }

        @Override
        public List<Constraint> constraints() {
            return logUp().constraints(1 << logRows);
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
            LogUpColumns logUp = logUp();
            return logUp.auxTrace(main, RowValues.of(main), challenges, ext);
        }
    }

    /** Random pairs {@code (x, f(x))} and the fixed table's multiplicities: traces in the order pairs, table. */
    public static List<TraceTable> traces(int logRows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TraceTable pairs = TraceTable.ofSize(2, 1 << logRows);
        long[] multiplicities = new long[1 << LOG_ROWS];
        for (int r = 0; r < 1 << logRows; r++) {
            int x = random.nextInt(1 << LOG_ROWS);
            pairs.set(0, r, x);
            pairs.set(1, r, f(x));
            multiplicities[x]++;
        }
        return List.of(pairs, table().trace(multiplicities));
    }
}
