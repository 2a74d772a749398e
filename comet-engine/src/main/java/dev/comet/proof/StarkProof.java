package dev.comet.proof;

import dev.comet.air.TraceInfo;
import dev.comet.fri.FriProof;
import dev.comet.merkle.BatchOpening;
import java.util.List;

/**
 * A complete proof of a {@link dev.comet.air.TableSet}, as plain data. {@link ProofCodec} turns it
 * into bytes and back.
 *
 * @param options     the proof options (also bound into the transcript)
 * @param tables      one section per table, in the set's order
 * @param main        the main traces' commitment, all tables in one tree ({@link RoundLayout})
 * @param aux         the auxiliary traces' commitment ({@link Commitment#NONE} when no table has one)
 * @param composition the composition columns' commitment
 * @param fri         FRI proof of all tables' DEEP compositions together (mixed-degree batching)
 * @param powNonce    the grinding nonce
 */
public record StarkProof(ProofOptions options, List<TableProof> tables, Commitment main, Commitment aux,
                         Commitment composition, FriProof fri, long powNonce) {
    public StarkProof {
        tables = List.copyOf(tables);
    }

    /**
     * One round's Merkle root over every table's columns and the opening of the leaves the
     * queries hold; the opened values are in the tables' sections.
     */
    public record Commitment(byte[] root, BatchOpening opening) {
        /** The commitment of a round in which no table has columns. */
        public static final Commitment NONE = new Commitment(new byte[0], new BatchOpening(new byte[0]));

        /** Whether this is {@link #NONE}: no root and no siblings. */
        public boolean isNone() {
            return root.length == 0 && opening.siblingCount() == 0;
        }
    }

    /**
     * One table's part of a proof.
     *
     * @param traceInfo             trace shape the proof claims; the verifier requires the AIR's
     * @param numCompositionColumns number of trace-length chunks of the table's composition polynomial
     * @param logUpSum              the table's stated LogUp total (an extension element), or an
     *                              empty array when it declares none
     * @param ood                   out-of-domain evaluations
     * @param mainValues            main-trace rows at {@link RoundLayout#tableRows} of the opened leaves, row-major
     * @param auxValues             auxiliary rows likewise (empty when there is no aux trace)
     * @param compositionValues     composition rows likewise
     * @param precommittedQueries   precommitted-segment rows at the segment's own query positions
     *                              (distinct, ascending; empty values when there is no segment)
     * @param segmentFri            FRI proof of the precommitted segment's DEEP quotient on the
     *                              segment's own LDE domain ({@link FriProof#NONE} without a segment)
     */
    public record TableProof(TraceInfo traceInfo, int numCompositionColumns, long[] logUpSum, OodFrame ood,
                             long[] mainValues, long[] auxValues, long[] compositionValues,
                             Queries precommittedQueries, FriProof segmentFri) {}

    /** This proof with other table sections (for tests of what a verifier makes of an edited proof). */
    public StarkProof withTables(List<TableProof> sections) {
        return new StarkProof(options, sections, main, aux, composition, fri, powNonce);
    }

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
