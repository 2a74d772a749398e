package dev.comet.air;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A computation over several tables of different heights, proven in one proof: each table is an
 * {@link Air} with its own trace, constraints, periodic columns and precommitted segment; the
 * tables share the verifier's challenges, and LogUp relations link them through their stated
 * totals ({@link Air#logUpSumColumn()}), which must add up to zero. One table is the common case
 * ({@link #of(Air)}).
 *
 * @param name   a stable name, bound into the transcript with every table's name, shape and
 *               public inputs
 * @param tables the tables, in a fixed order that is part of the statement
 */
public record TableSet(String name, List<Air> tables) {
    public static final int MAX_TABLES = 16;

    public TableSet {
        tables = List.copyOf(tables);
        if (tables.isEmpty() || tables.size() > MAX_TABLES) {
            throw new IllegalArgumentException("a table set needs 1 to " + MAX_TABLES + " tables, got " + tables.size());
        }
        Set<String> names = new HashSet<>();
        for (Air t : tables) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("two tables are named '" + t.name() + "'");
            }
        }
    }

    /** The single-table computation. */
    public static TableSet of(Air air) {
        return new TableSet(air.name(), List.of(air));
    }

    public int size() {
        return tables.size();
    }

    public Air table(int i) {
        return tables.get(i);
    }

    /** Challenges drawn after the main traces: as many as the most demanding table uses. */
    public int numChallenges() {
        return tables.stream().mapToInt(t -> t.traceInfo().numChallenges()).max().orElse(0);
    }

    /** log2 of the largest table's height. */
    public int maxLogLength() {
        return tables.stream().mapToInt(t -> t.traceInfo().logLength()).max().orElseThrow();
    }
}
