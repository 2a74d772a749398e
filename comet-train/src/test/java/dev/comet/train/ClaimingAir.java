package dev.comet.train;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.ExtensionField;
import java.util.List;

/**
 * A cheating prover's view: it binds the claimed statement (name, public inputs, constraints,
 * root) into the proof but builds its auxiliary trace from the run it really made.
 */
record ClaimingAir(TrainingAir claimed, TrainingAir used) implements Air {
    @Override
    public String name() {
        return claimed.name();
    }

    @Override
    public TraceInfo traceInfo() {
        return claimed.traceInfo();
    }

    @Override
    public List<Constraint> constraints() {
        return claimed.constraints();
    }

    @Override
    public byte[] publicInputs() {
        return claimed.publicInputs();
    }

    @Override
    public byte[] precommittedRoot() {
        return claimed.precommittedRoot();
    }

    @Override
    public List<dev.comet.air.PeriodicColumn> periodicColumns() {
        return claimed.periodicColumns();
    }

    @Override
    public int lookupTermsPerRow() {
        return claimed.lookupTermsPerRow();
    }

    @Override
    public int logUpSumColumn() {
        return claimed.logUpSumColumn();
    }

    @Override
    public long[][][] buildAuxTrace(TraceTable main, List<long[]> challenges, ExtensionField ext) {
        return used.buildAuxTrace(main, challenges, ext);
    }
}
