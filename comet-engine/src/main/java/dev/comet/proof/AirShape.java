package dev.comet.proof;

import dev.comet.air.Air;
import dev.comet.air.CompositionLayout;
import dev.comet.air.Constraint;
import dev.comet.air.TraceInfo;
import java.util.List;

/**
 * What a proof's soundness depends on besides its options: the size of the trace and of its
 * constraints, the number of LogUp terms, and the precommitted segment. Derived from the AIR
 * alone, so prover and verifier compute the same security figures.
 *
 * @param logTraceLength        log2 of the trace length {@code n}
 * @param maxConstraintDegree   largest declared constraint degree (in trace-degree units)
 * @param openings              points each trace polynomial is opened at out of domain (frame rows)
 * @param lookupTermsPerRow     LogUp fractions per row over all lookup arguments (0: none)
 * @param logPrecommittedHeight log2 of the precommitted segment's height, or -1 without one
 */
public record AirShape(int logTraceLength, int maxConstraintDegree, int openings, int lookupTermsPerRow,
                       int logPrecommittedHeight) {
    public static AirShape of(Air air) {
        return of(air, air.constraints());
    }

    /** The shape of {@code air}, whose constraints the caller has already built. */
    public static AirShape of(Air air, List<Constraint> constraints) {
        TraceInfo info = air.traceInfo();
        int degree = constraints.stream().mapToInt(Constraint::degree).max().orElse(1);
        int frameRows = CompositionLayout.of(constraints, info.length()).frameRows();
        return new AirShape(info.logLength(), Math.max(1, degree), frameRows, air.lookupTermsPerRow(),
                info.hasPrecommitted() ? info.logPrecommittedHeight() : -1);
    }

    public boolean hasPrecommitted() {
        return logPrecommittedHeight >= 0;
    }
}
