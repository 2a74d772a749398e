package dev.comet.proof;

import dev.comet.air.TraceInfo;
import dev.comet.fri.FriProof;
import dev.comet.merkle.BatchOpening;
import java.util.List;

/**
 * A complete proof of a {@link dev.comet.air.TableSet}, as plain data. {@link ProofCodec} turns it
 * into bytes and back.
 *
 * @param options  the proof options (also bound into the transcript)
 * @param tables   one section per table, in the set's order
 * @param fri      FRI proof of all tables' DEEP compositions together (mixed-degree batching)
 * @param powNonce the grinding nonce
 */
public record StarkProof(ProofOptions options, List<TableProof> tables, FriProof fri, long powNonce) {
    public StarkProof {
        tables = List.copyOf(tables);
    }

    /**
     * One table's part of a proof.
     *
     * @param traceInfo             trace shape the proof claims; the verifier requires the AIR's
     * @param numCompositionColumns number of trace-length chunks of the table's composition polynomial
     * @param mainRoot              Merkle root of the main trace LDE
     * @param auxRoot               Merkle root of the auxiliary trace LDE, or an empty array when there is none
     * @param compositionRoot       Merkle root of the composition columns' LDE
     * @param logUpSum              the table's stated LogUp total (an extension element), or an
     *                              empty array when it declares none
     * @param ood                   out-of-domain evaluations
     * @param mainQueries           main-trace rows at the query positions
     * @param auxQueries            auxiliary rows at the query positions (empty values when there is no aux trace)
     * @param compositionQueries    composition rows at the query positions
     * @param precommittedQueries   precommitted-segment rows at the segment's own query positions
     *                              (distinct, ascending; empty values when there is no segment)
     * @param segmentFri            FRI proof of the precommitted segment's DEEP quotient on the
     *                              segment's own LDE domain ({@link FriProof#NONE} without a segment)
     */
    public record TableProof(TraceInfo traceInfo, int numCompositionColumns, byte[] mainRoot, byte[] auxRoot,
                             byte[] compositionRoot, long[] logUpSum, OodFrame ood, Queries mainQueries,
                             Queries auxQueries, Queries compositionQueries, Queries precommittedQueries,
                             FriProof segmentFri) {}

    /** The first table's section: the whole proof of a single-table computation. */
    public TableProof table() {
        return tables.get(0);
    }

    /**
     * Values at the out-of-domain point {@code z}, each an extension element {@code long[degree]}.
     *
     * @param main        {@code [rowOffset][column]}: main columns at {@code z * g^rowOffset}
     * @param aux         {@code [rowOffset][column]}: auxiliary columns at {@code z * g^rowOffset}
     * @param composition {@code [column]}: composition columns at {@code z}
     * @param precommitted {@code [column]}: precommitted columns {@code P} at {@code z^K}, i.e. the
     *                    trace's view {@code P(x^K)} at {@code z}
     */
    public record OodFrame(long[][][] main, long[][][] aux, long[][] composition, long[][] precommitted) {}

    /**
     * Opened rows of one committed segment at the distinct query positions (ascending).
     *
     * @param values row-major: {@code positions * rowWidth} base elements
     */
    public record Queries(long[] values, BatchOpening proof) {}
}
