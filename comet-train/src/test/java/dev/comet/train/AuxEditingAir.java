package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.PeriodicColumn;
import dev.comet.air.PublicFractions;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.ExtensionField;
import java.util.ArrayList;
import java.util.List;

/**
 * A cheating prover's table: {@code inner} with its auxiliary trace edited after it is built, and
 * optionally one named constraint removed (to show which check an attack needs).
 */
record AuxEditingAir(Air inner, String dropped, Edit edit) implements Air {
    /** Changes a built auxiliary trace ({@code [column][degree][n]}) in place. */
    interface Edit {
        void apply(long[][][] aux, List<long[]> challenges, ExtensionField ext);
    }

    /** No edit: the table minus the dropped constraint only. */
    static final Edit NONE = (aux, challenges, ext) -> { };

    /** {@code set} with table {@code index} replaced by {@code table}. */
    static TableSet replacing(TableSet set, int index, Air table) {
        List<Air> tables = new ArrayList<>(set.tables());
        tables.set(index, table);
        return new TableSet(set.name(), tables);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public TraceInfo traceInfo() {
        return inner.traceInfo();
    }

    @Override
    public List<Constraint> constraints() {
        List<Constraint> all = inner.constraints();
        if (dropped == null) {
            return all;
        }
        List<Constraint> kept = all.stream().filter(c -> !c.name().equals(dropped)).toList();
        assertEquals(all.size() - 1, kept.size(), "one constraint named " + dropped);
        return kept;
    }

    @Override
    public byte[] publicInputs() {
        return inner.publicInputs();
    }

    @Override
    public byte[] precommittedRoot() {
        return inner.precommittedRoot();
    }

    @Override
    public List<PublicFractions> publicFractions() {
        return inner.publicFractions();
    }

    @Override
    public List<PeriodicColumn> periodicColumns() {
        return inner.periodicColumns();
    }

    @Override
    public int lookupTermsPerRow() {
        return inner.lookupTermsPerRow();
    }

    @Override
    public int logUpSumColumn() {
        return inner.logUpSumColumn();
    }

    @Override
    public long[][][] buildAuxTrace(TraceTable main, List<long[]> challenges, ExtensionField ext) {
        long[][][] aux = inner.buildAuxTrace(main, challenges, ext);
        edit.apply(aux, challenges, ext);
        return aux;
    }
}
