package dev.comet.prover;

/**
 * Where a constraint evaluator reads cells: either the trace itself (stride 1, next row at +1) or
 * a low-degree extension sampled every {@code stride} positions (next row at +blowup).
 *
 * @param main      main columns over the domain ({@code points * stride} values) or, for a column
 *                  that repeats, a power of two fewer (a periodic column's compact extension);
 *                  every column is indexed modulo its length, the auxiliary ones too
 * @param aux       auxiliary columns flattened coordinate-wise: column {@code a}, coordinate
 *                  {@code d} at index {@code a * degree + d}; empty when there is none
 * @param precommitted per precommitted column, its values over one period in this domain (indexed
 *                  like the main columns, modulo its length)
 * @param periodic  per periodic column, its values over one period in this domain
 * @param points    number of points evaluated
 * @param stride    column index step from one point to the next
 * @param rowStep   column index step from a row to the next row
 */
record FrameSource(long[][] main, long[][] aux, long[][] precommitted, long[][] periodic, int points, int stride,
                   int rowStep) {
}
