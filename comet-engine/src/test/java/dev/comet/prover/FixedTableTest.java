package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.FixedTable;
import dev.comet.air.TableSet;
import dev.comet.air.TraceTable;
import dev.comet.examples.FixedFunctionTables;
import dev.comet.field.Goldilocks;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A table fixed by the protocol, committed once under a constant root, read by lookups of whole rows. */
class FixedTableTest {
    private static final StarkVerifier VERIFIER = new StarkVerifier(0);
    private static final PrecommittedSegment SEGMENT = PrecommittedSegment.commit(FixedFunctionTables.columns());

    private static TableSet set(int logRows, FixedTable table) {
        return new TableSet("comet/example/fixed", List.of(new FixedFunctionTables.PairTable(logRows), table));
    }

    private static byte[] prove(int logRows, List<TraceTable> traces, PrecommittedSegment segment, ProofOptions options,
                                ProverSettings settings) {
        return ProofCodec.encode(new StarkProver(options, settings).prove(set(logRows, FixedFunctionTables.proverTable()),
                traces, Arrays.asList(null, segment)));
    }

    @Test
    void theRootIsTheConstantAnyoneRecomputes() {
        assertEquals(FixedFunctionTables.ROOT, HexFormat.of().formatHex(SEGMENT.root()));
    }

    @ParameterizedTest(name = "2^{0} pairs, {1}")
    @CsvSource({"3, test", "10, test", "12, default", "6, high"})
    void honestLookupsVerify(int logRows, String preset) {
        byte[] proof = prove(logRows, FixedFunctionTables.traces(logRows, logRows), SEGMENT, ProofOptions.preset(preset),
                ProverSettings.defaults());
        VerificationResult result = VERIFIER.verify(set(logRows, FixedFunctionTables.table()), proof);
        assertTrue(result.valid(), result.reason());
        assertTrue(result.security().conjectured().termList().stream().anyMatch(t -> t.name().equals("fixed tables")));
    }

    /** A pair whose second value is not f of the first, its lookup counted as if it were. */
    @Test
    void aPairNotInTheTableRejects() {
        List<TraceTable> traces = FixedFunctionTables.traces(6, 3);
        TraceTable pairs = traces.get(0);
        pairs.set(1, 10, Goldilocks.add(pairs.get(1, 10), 1));
        VerificationResult result = VERIFIER.verify(set(6, FixedFunctionTables.table()),
                prove(6, traces, SEGMENT, ProofOptions.test(), ProverSettings.defaults().withoutSelfCheck()));
        assertFalse(result.valid());
        assertTrue(result.reason().contains("do not cancel"), result.reason());
    }

    /**
     * The prover changes one row of the fixed table to f(x) + 1 to cover a false pair, computes
     * everything from the changed table, and opens the constant-root table where it must.
     */
    @Test
    void aFixedTableWhoseContentTheProverChangedRejects() {
        long[][] changed = FixedFunctionTables.columns();
        changed[1][7] = Goldilocks.add(changed[1][7], 1);
        PrecommittedSegment forged = PrecommittedSegment.forged(PrecommittedSegment.commit(changed), SEGMENT.lde());
        List<TraceTable> traces = FixedFunctionTables.traces(6, 4);
        TraceTable pairs = traces.get(0);
        pairs.set(0, 0, 7);
        pairs.set(1, 0, changed[1][7]);
        long[] m = new long[1 << FixedFunctionTables.LOG_ROWS];
        for (int r = 0; r < pairs.length(); r++) {
            m[(int) pairs.get(0, r)]++;
        }
        traces = List.of(pairs, FixedFunctionTables.proverTable().trace(m));
        FixedTable cheating = new FixedTable(FixedFunctionTables.NAME, SEGMENT.root(), 2, FixedFunctionTables.LOG_ROWS, 0, 1,
                changed);
        byte[] proof = ProofCodec.encode(new StarkProver(ProofOptions.standard(), ProverSettings.defaults().withoutSelfCheck())
                .prove(set(6, cheating), traces, Arrays.asList(null, forged)));
        assertFalse(VERIFIER.verify(set(6, FixedFunctionTables.table()), proof).valid());
        // Control: under the changed table's own root the same cheat is an honest proof.
        PrecommittedSegment changedSegment = PrecommittedSegment.commit(changed);
        FixedTable changedTable = new FixedTable(FixedFunctionTables.NAME, changedSegment.root(), 2,
                FixedFunctionTables.LOG_ROWS, 0, 1, changed);
        byte[] control = ProofCodec.encode(new StarkProver(ProofOptions.standard())
                .prove(set(6, changedTable), traces, Arrays.asList(null, changedSegment)));
        VerificationResult result = VERIFIER.verify(set(6, new FixedTable(FixedFunctionTables.NAME, changedSegment.root(), 2,
                FixedFunctionTables.LOG_ROWS, 0, 1, null)), control);
        assertTrue(result.valid(), result.reason());
    }

    @Test
    void aProofAgainstAnotherFixedTableRejects() {
        byte[] proof = prove(5, FixedFunctionTables.traces(5, 5), SEGMENT, ProofOptions.test(), ProverSettings.defaults());
        FixedTable other = new FixedTable(FixedFunctionTables.NAME, new byte[32], 2, FixedFunctionTables.LOG_ROWS, 0, 1, null);
        assertFalse(VERIFIER.verify(set(5, other), proof).valid());
    }
}
