package dev.comet.air;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A computation over several tables of different heights, proven in one proof: each table is an
 * {@link Air} with its own trace, constraints, periodic columns and precommitted segment; the
 * tables share the verifier's challenges, and LogUp relations link them through their stated
 * totals ({@link Air#logUpSumColumn()}), which must add up to zero. One table is the common case
 * ({@link #of(Air)}).
 *
 * <p>Several tables may read one precommitted segment, for instance a dataset that one table reads
 * once per row and another once per epoch: tables whose {@link Air#precommittedRoot() roots} are
 * equal read the same segment, which must then have the same shape for all of them. The proof
 * opens it once, in the sections of its first reader ({@link #segmentOwner}), and its DEEP
 * quotient covers the point at which each reader reads it.
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
        for (int i = 0; i < tables.size(); i++) {
            int owner = segmentOwner(tables, i);
            if (owner >= 0 && owner != i) {
                TraceInfo a = tables.get(owner).traceInfo();
                TraceInfo b = tables.get(i).traceInfo();
                if (a.precommittedWidth() != b.precommittedWidth()
                        || a.logPrecommittedHeight() != b.logPrecommittedHeight()) {
                    throw new IllegalArgumentException(tables.get(i).name() + " and " + tables.get(owner).name()
                            + " read one precommitted root with different shapes");
                }
            }
        }
    }

    /**
     * The first table reading the same precommitted segment as table {@code i} (the same root):
     * {@code i} itself when no earlier table reads it, or -1 when table {@code i} reads none.
     */
    public int segmentOwner(int i) {
        return segmentOwner(tables, i);
    }

    /** The tables reading the segment that table {@code owner} opens, in order (the owner first). */
    public List<Integer> segmentReaders(int owner) {
        if (segmentOwner(owner) != owner) {
            throw new IllegalArgumentException("table " + owner + " does not open a precommitted segment");
        }
        return IntStream.range(owner, tables.size()).filter(j -> segmentOwner(j) == owner).boxed().toList();
    }

    private static int segmentOwner(List<Air> tables, int i) {
        Air air = tables.get(i);
        if (!air.traceInfo().hasPrecommitted()) {
            return -1;
        }
        byte[] root = air.precommittedRoot();
        for (int j = 0; j < i; j++) {
            Air other = tables.get(j);
            if (other.traceInfo().hasPrecommitted() && Arrays.equals(other.precommittedRoot(), root)) {
                return j;
            }
        }
        return i;
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

    /**
     * What is wrong with how {@code air} uses its LogUp total, if anything: a declared total must be
     * pinned by a constraint on the table's last row that reads it (else the prover could state
     * any total and make the totals cancel), and a table that reads a total must declare one.
     */
    public static Optional<String> logUpTotalProblem(Air air, List<Constraint> constraints) {
        int last = air.traceInfo().length() - 1;
        // each question only where it matters: walking every constraint of a wide table costs
        if (air.logUpSumColumn() >= 0) {
            boolean pinned = constraints.stream().anyMatch(c -> c.domain() instanceof ConstraintDomain.SingleRow(int row)
                    && row == last && readsLogUpSum(c.expr()));
            return pinned ? Optional.empty()
                    : Optional.of(air.name() + " declares a LogUp total that no constraint on its last row reads");
        }
        boolean read = constraints.stream().anyMatch(c -> readsLogUpSum(c.expr()));
        return read ? Optional.of(air.name() + " reads a LogUp total it does not declare") : Optional.empty();
    }

    private static boolean readsLogUpSum(Expr e) {
        return switch (e) {
            case Expr.LogUpSum s -> true;
            case Expr.Add(Expr l, Expr r) -> readsLogUpSum(l) || readsLogUpSum(r);
            case Expr.Sub(Expr l, Expr r) -> readsLogUpSum(l) || readsLogUpSum(r);
            case Expr.Mul(Expr l, Expr r) -> readsLogUpSum(l) || readsLogUpSum(r);
            case Expr.Neg(Expr o) -> readsLogUpSum(o);
            default -> false;
        };
    }

    /** log2 of the largest table's height. */
    public int maxLogLength() {
        return tables.stream().mapToInt(t -> t.traceInfo().logLength()).max().orElseThrow();
    }
}
