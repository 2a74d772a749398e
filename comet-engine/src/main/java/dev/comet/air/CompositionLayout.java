package dev.comet.air;

import java.util.List;

/**
 * How big the composition polynomial of a set of constraints is, derived from their declared
 * degrees, so that prover and verifier agree without trusting the proof.
 *
 * @param numColumns            trace-length chunks of the composition polynomial
 * @param logEvaluationBlowup   log2 of the evaluation domain size over the trace length; the
 *                              domain must hold more points than the composition's degree
 * @param frameRows             rows in the evaluation frame (largest row offset + 1)
 */
public record CompositionLayout(int numColumns, int logEvaluationBlowup, int frameRows) {

    public static CompositionLayout of(List<Constraint> constraints, int traceLength) {
        int maxQuotientDegree = 0;
        int maxOffset = 0;
        for (Constraint c : constraints) {
            if (c.domain() instanceof ConstraintDomain.SingleRow(int row) && row >= traceLength) {
                throw new IllegalArgumentException("constraint '" + c.name() + "' names row " + row
                        + " of a trace of " + traceLength + " rows");
            }
            maxQuotientDegree = Math.max(maxQuotientDegree, c.quotientDegree(traceLength));
            maxOffset = Math.max(maxOffset, c.expr().maxRowOffset());
        }
        int columns = Math.max(1, (maxQuotientDegree + traceLength) / traceLength);
        int logBlowup = 32 - Integer.numberOfLeadingZeros(columns - 1);
        return new CompositionLayout(columns, logBlowup, maxOffset + 1);
    }
}
