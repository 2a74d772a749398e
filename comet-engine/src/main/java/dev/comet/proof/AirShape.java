package dev.comet.proof;

import dev.comet.air.Air;
import dev.comet.air.CompositionLayout;
import dev.comet.air.Constraint;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import java.util.List;

/**
 * What a proof's soundness depends on besides its options: the size of the tables and of their
 * constraints, the number of LogUp fractions, and the precommitted segments. Derived from the
 * AIRs alone, so prover and verifier compute the same security figures.
 *
 * @param logTraceLength        log2 of the largest table's height {@code n}
 * @param minLogTraceLength     log2 of the smallest table's height
 * @param tables                number of tables
 * @param openings              out-of-domain points per trace polynomial (largest frame)
 * @param deepDegree            the degree behind the DEEP error, summed over tables:
 *                              {@code d (n + openings - 1) + (n - 1)} for a table of height
 *                              {@code n} and largest constraint degree {@code d}
 * @param lookupFractions       LogUp fractions over all rows of all tables (0: no lookups)
 * @param logPrecommittedHeight log2 of the largest dataset segment's height, or -1 without one
 */
public record AirShape(int logTraceLength, int minLogTraceLength, int tables, int openings, double deepDegree,
                       double lookupFractions, int logPrecommittedHeight) {

    /** One table of {@code 2^logTraceLength} rows with constraints up to {@code maxDegree}. */
    public static AirShape single(int logTraceLength, int maxDegree, int openings, int lookupTermsPerRow,
                                  int logPrecommittedHeight) {
        double n = Math.scalb(1.0, logTraceLength);
        return new AirShape(logTraceLength, logTraceLength, 1, openings, maxDegree * (n + openings - 1) + (n - 1),
                lookupTermsPerRow * n, logPrecommittedHeight);
    }

    public static AirShape of(Air air) {
        return of(air, air.constraints());
    }

    /** The shape of {@code air}, whose constraints the caller has already built. */
    public static AirShape of(Air air, List<Constraint> constraints) {
        return of(TableSet.of(air), List.of(constraints));
    }

    public static AirShape of(TableSet set) {
        return of(set, set.tables().stream().map(Air::constraints).toList());
    }

    /** The shape of a table set, given each table's constraints in order. */
    public static AirShape of(TableSet set, List<List<Constraint>> constraints) {
        int[] frameRows = new int[set.size()];
        for (int i = 0; i < frameRows.length; i++) {
            frameRows[i] = CompositionLayout.of(constraints.get(i), set.table(i).traceInfo().length()).frameRows();
        }
        return of(set, constraints, frameRows);
    }

    /** As {@link #of(TableSet, List)}, each table's frame rows ({@link CompositionLayout#frameRows}) known. */
    public static AirShape of(TableSet set, List<List<Constraint>> constraints, int[] frameRows) {
        int logLength = 0;
        int minLogLength = Integer.MAX_VALUE;
        int openings = 1;
        double deep = 0;
        double lookups = 0;
        int logHeight = -1;
        for (int i = 0; i < set.size(); i++) {
            Air air = set.table(i);
            TraceInfo info = air.traceInfo();
            int degree = Math.max(1, constraints.get(i).stream().mapToInt(Constraint::degree).max().orElse(1));
            int rows = frameRows[i];
            AirShape table = single(info.logLength(), degree, rows, air.lookupTermsPerRow(),
                    info.hasPrecommitted() ? info.logPrecommittedHeight() : -1);
            logLength = Math.max(logLength, table.logTraceLength());
            minLogLength = Math.min(minLogLength, table.logTraceLength());
            openings = Math.max(openings, rows);
            deep += table.deepDegree();
            lookups += table.lookupFractions();
            logHeight = Math.max(logHeight, table.logPrecommittedHeight());
        }
        return new AirShape(logLength, minLogLength, set.size(), openings, deep, lookups, logHeight);
    }

    public boolean hasPrecommitted() {
        return logPrecommittedHeight >= 0;
    }
}
