package dev.comet.proof;

import dev.comet.air.Air;
import dev.comet.air.PeriodicColumn;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.hash.HashFunction;
import dev.comet.hash.Transcript;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The opening of the Fiat-Shamir transcript, shared by prover and verifier so that both bind the
 * same statement before any challenge: protocol version, options, the table set's name and, for
 * every table in order, its AIR name, trace shape, number of composition columns, whether it
 * states a LogUp total, a digest of its periodic columns, its precommitted segment's root and
 * its public inputs.
 */
public final class ProtocolTranscript {
    public static final String PROTOCOL = "comet-stark-v7";

    private ProtocolTranscript() {}

    /**
     * @param compositionColumns each table's number of composition columns, in the set's order
     */
    public static Transcript start(ProofOptions options, TableSet set, int[] compositionColumns) {
        Transcript t = new Transcript(HashFunction.of(options.hash()), PROTOCOL);
        ByteBuffer o = ByteBuffer.allocate(64);
        o.putInt(options.logBlowup()).putInt(options.numQueries()).putInt(options.dataQueries())
                .putInt(options.grindingBits())
                .putInt(options.extensionDegree()).putInt(options.foldingFactor()).putInt(options.remainderSize())
                .putInt(options.hash().code());
        t.absorb("options", java.util.Arrays.copyOf(o.array(), o.position()));
        t.absorb("table-set", set.name().getBytes(StandardCharsets.UTF_8));
        t.absorb("tables", ByteBuffer.allocate(4).putInt(set.size()).array());
        for (int i = 0; i < set.size(); i++) {
            Air air = set.table(i);
            TraceInfo trace = air.traceInfo();
            t.absorb("air", air.name().getBytes(StandardCharsets.UTF_8));
            ByteBuffer s = ByteBuffer.allocate(32);
            s.putInt(trace.logLength()).putInt(trace.mainWidth()).putInt(trace.auxWidth()).putInt(trace.numChallenges())
                    .putInt(compositionColumns[i]).putInt(trace.precommittedWidth()).putInt(trace.logPrecommittedHeight())
                    .putInt(air.logUpSumColumn() >= 0 ? 1 : 0);
            t.absorb("trace", s.array());
            List<PeriodicColumn> periodic = air.periodicColumns();
            if (!periodic.isEmpty()) {
                t.absorbDigest("periodic-columns", PeriodicColumn.digest(periodic));
            }
            if (trace.hasPrecommitted()) {
                t.absorbDigest("precommitted-root", air.precommittedRoot());
            }
            t.absorb("public-inputs", air.publicInputs());
        }
        return t;
    }

    /** The query positions both sides derive after grinding: distinct and ascending. */
    public static int[] queryPositions(Transcript transcript, int numQueries, int logLdeSize) {
        int[] drawn = transcript.drawIndices("query-positions", numQueries, 1 << logLdeSize);
        return java.util.Arrays.stream(drawn).sorted().distinct().toArray();
    }

    /**
     * The positions of the precommitted segment's LDE domain that a proof opens, drawn after the
     * trace's query positions: distinct and ascending.
     */
    public static int[] segmentPositions(Transcript transcript, int numQueries, int logSegmentLdeSize) {
        int[] drawn = transcript.drawIndices("segment-query-positions", numQueries, 1 << logSegmentLdeSize);
        return java.util.Arrays.stream(drawn).sorted().distinct().toArray();
    }

    /** Absorbs the out-of-domain frame: main rows, auxiliary rows, composition, precommitted columns. */
    public static void absorbOod(Transcript transcript, StarkProof.OodFrame ood) {
        for (long[][] row : ood.main()) {
            for (long[] v : row) {
                transcript.absorbLongs("ood-main", v);
            }
        }
        for (long[][] row : ood.aux()) {
            for (long[] v : row) {
                transcript.absorbLongs("ood-aux", v);
            }
        }
        for (long[] v : ood.composition()) {
            transcript.absorbLongs("ood-composition", v);
        }
        for (long[] v : ood.precommitted()) {
            transcript.absorbLongs("ood-precommitted", v);
        }
    }
}
