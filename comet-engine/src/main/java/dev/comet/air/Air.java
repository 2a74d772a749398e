package dev.comet.air;

import dev.comet.field.ExtensionField;
import java.util.List;

/**
 * The contract between a computation and the STARK engine: what the trace looks like and which
 * polynomial identities it satisfies.
 *
 * <p>To write an AIR, implement:
 * <ol>
 *   <li>{@link #name()}: a stable name; it is bound into the transcript, so a proof for one AIR
 *       never verifies for another.</li>
 *   <li>{@link #traceInfo()}: trace length and widths.</li>
 *   <li>{@link #constraints()}: transition constraints over a frame of consecutive rows,
 *       boundary constraints on single rows, and constraints on the auxiliary columns.</li>
 *   <li>{@link #publicInputs()}: a canonical encoding of every public value the constraints use
 *       (boundary values, parameters), absorbed into the transcript before any challenge.</li>
 * </ol>
 * Optionally: {@link #periodicColumns()} (public columns repeating with a power-of-two period) and,
 * when {@code traceInfo().auxWidth() > 0}, {@link #buildAuxTrace} which the prover calls after
 * the main trace is committed and the challenges are drawn (LogUp lookups live there).
 *
 * <p>The verifier builds the same {@code Air} from the public inputs alone; nothing in an AIR may
 * depend on the witness except {@code buildAuxTrace}.
 */
public interface Air {
    String name();

    TraceInfo traceInfo();

    List<Constraint> constraints();

    byte[] publicInputs();

    /**
     * Merkle root of the precommitted segment this AIR reads (see {@link Expr.PrecommittedCell}), a
     * public input; only called when {@code traceInfo().hasPrecommitted()}.
     */
    default byte[] precommittedRoot() {
        throw new IllegalStateException(name() + " reads no precommitted segment");
    }

    /**
     * LogUp fractions per row over all of this AIR's lookup arguments (looked-up values and table
     * terms), for the security estimate: a false lookup survives a random challenge with
     * probability below {@code lookupTermsPerRow * n / |F|}. Zero for an AIR without lookups.
     */
    default int lookupTermsPerRow() {
        return 0;
    }

    /**
     * The auxiliary column holding this table's LogUp running sum, in a {@link TableSet} whose
     * lookups cross tables; -1 when it has none. The prover states the column's last value, the
     * table's constraints read it as {@link Expr#logUpSum()} (typically "the sum ends at it"),
     * and the verifier requires the totals of all tables to add up to zero.
     */
    default int logUpSumColumn() {
        return -1;
    }

    /**
     * LogUp fractions whose values are public inputs ({@link PublicFractions}), added to the stated
     * totals that must cancel ({@link #logUpSumColumn()}); none by default. They let a table's
     * offers be matched against public values: a table that offers {@code (e, v_e)} with
     * {@code +1 / (alpha - (e, v_e))} balances public fractions {@code -1 / (alpha - (e, v_e))}
     * only if it offers exactly those tuples.
     */
    default List<PublicFractions> publicFractions() {
        return List.of();
    }

    /** Columns whose values repeat with a power-of-two period dividing the trace length. */
    default List<PeriodicColumn> periodicColumns() {
        return List.of();
    }

    /**
     * Builds the auxiliary columns from the main trace and the drawn challenges. Returns
     * {@code auxWidth} columns, each coordinate-wise {@code long[degree][n]}.
     */
    default long[][][] buildAuxTrace(TraceTable main, List<long[]> challenges, ExtensionField ext) {
        throw new IllegalStateException(name() + " has no auxiliary trace");
    }
}
