package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.FixedTable;
import dev.comet.air.TableSet;
import dev.comet.air.TraceTable;
import dev.comet.examples.FixedFunctionTables;
import dev.comet.field.Goldilocks;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.ProtocolTranscript;
import dev.comet.proof.StarkProof;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A table fixed by the protocol as periodic columns that both sides hold, read by lookups of whole rows. */
class FixedTableTest {
    private static final StarkVerifier VERIFIER = new StarkVerifier(0);

    private static TableSet set(int logRows, FixedTable table) {
        return new TableSet("comet/example/fixed", List.of(new FixedFunctionTables.PairTable(logRows), table));
    }

    private static byte[] prove(TableSet set, List<TraceTable> traces, ProofOptions options, ProverSettings settings) {
        return ProofCodec.encode(new StarkProver(options, settings).prove(set, traces));
    }

    @ParameterizedTest(name = "2^{0} pairs, {1}")
    @CsvSource({"3, test", "10, test", "12, default", "6, high"})
    void honestLookupsVerify(int logRows, String preset) {
        byte[] proof = prove(set(logRows, FixedFunctionTables.table()), FixedFunctionTables.traces(logRows, logRows),
                ProofOptions.preset(preset), ProverSettings.defaults());
        VerificationResult result = VERIFIER.verify(set(logRows, FixedFunctionTables.table()), proof);
        assertTrue(result.valid(), result.reason());
    }

    /** The table's content is in no proof section: nothing of it is committed, opened or tested for proximity. */
    @Test
    void aProofCarriesNothingOfTheTable() throws Exception {
        byte[] proof = prove(set(6, FixedFunctionTables.table()), FixedFunctionTables.traces(6, 1), ProofOptions.test(),
                ProverSettings.defaults());
        StarkProof.TableProof table = ProofCodec.decode(proof).tables().get(1);
        assertFalse(table.traceInfo().hasPrecommitted());
        assertTrue(table.segmentFri().layerRoots().isEmpty() && table.segmentFri().remainder().length == 0);
        assertTrue(table.precommittedQueries().values().length == 0);
    }

    /** A pair whose second value is not f of the first, its lookup counted as if it were. */
    @Test
    void aPairNotInTheTableRejects() {
        List<TraceTable> traces = FixedFunctionTables.traces(6, 3);
        TraceTable pairs = traces.get(0);
        pairs.set(1, 10, Goldilocks.add(pairs.get(1, 10), 1));
        VerificationResult result = VERIFIER.verify(set(6, FixedFunctionTables.table()),
                prove(set(6, FixedFunctionTables.table()), traces, ProofOptions.test(),
                        ProverSettings.defaults().withoutSelfCheck()));
        assertFalse(result.valid());
        assertTrue(result.reason().contains("do not cancel"), result.reason());
    }

    /**
     * The prover changes one row of the fixed table to f(x) + 1 to cover a false pair and computes
     * everything, the whole proof, from the changed table; the verifier evaluates the true table
     * at the out-of-domain point and rejects. Control: a verifier holding the changed table accepts
     * the same proof, so the cheat itself is consistent and only the table's content catches it.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"test", "default"})
    void aFixedTableWhoseContentTheProverChangedRejects(String preset) {
        long[][] changed = FixedFunctionTables.columns();
        changed[1][7] = Goldilocks.add(changed[1][7], 1);
        FixedTable cheating = new FixedTable(FixedFunctionTables.NAME, 0, 1, changed);
        List<TraceTable> traces = FixedFunctionTables.traces(6, 4);
        TraceTable pairs = traces.get(0);
        pairs.set(0, 0, 7);
        pairs.set(1, 0, changed[1][7]);
        long[] m = new long[1 << FixedFunctionTables.LOG_ROWS];
        for (int r = 0; r < pairs.length(); r++) {
            m[(int) pairs.get(0, r)]++;
        }
        traces = List.of(pairs, cheating.trace(m));
        byte[] proof = prove(set(6, cheating), traces, ProofOptions.preset(preset),
                ProverSettings.defaults().withoutSelfCheck());
        VerificationResult result = VERIFIER.verify(set(6, FixedFunctionTables.table()), proof);
        assertFalse(result.valid());
        assertTrue(result.reason().contains("out-of-domain") || result.reason().contains("constraint"), result.reason());
        VerificationResult control = VERIFIER.verify(set(6, cheating), proof);
        assertTrue(control.valid(), control.reason());
    }

    /** The index column changed instead: a pair (x, f(x')) offered as row x' but claimed at index x. */
    @Test
    void aChangedIndexColumnRejects() {
        long[][] changed = FixedFunctionTables.columns();
        changed[0][7] = 9;
        FixedTable cheating = new FixedTable(FixedFunctionTables.NAME, 0, 1, changed);
        List<TraceTable> traces = FixedFunctionTables.traces(6, 6);
        TraceTable pairs = traces.get(0);
        pairs.set(0, 0, 7);
        pairs.set(1, 0, changed[1][7]);
        long[] m = new long[1 << FixedFunctionTables.LOG_ROWS];
        for (int r = 0; r < pairs.length(); r++) {
            // Every pair (7, f(7)) becomes (9, f(7)), which only the changed row 7 offers.
            if (pairs.get(0, r) == 7) {
                pairs.set(0, r, 9);
                m[7]++;
            } else {
                m[(int) pairs.get(0, r)]++;
            }
        }
        traces = List.of(pairs, cheating.trace(m));
        byte[] proof = prove(set(6, cheating), traces, ProofOptions.test(), ProverSettings.defaults().withoutSelfCheck());
        assertFalse(VERIFIER.verify(set(6, FixedFunctionTables.table()), proof).valid());
        assertTrue(VERIFIER.verify(set(6, cheating), proof).valid());
    }

    @Test
    void aProofAgainstAnotherFixedTableRejects() {
        byte[] proof = prove(set(5, FixedFunctionTables.table()), FixedFunctionTables.traces(5, 5), ProofOptions.test(),
                ProverSettings.defaults());
        long[][] columns = FixedFunctionTables.columns();
        columns[1][200] = Goldilocks.add(columns[1][200], 3);
        FixedTable other = new FixedTable(FixedFunctionTables.NAME, 0, 1, columns);
        assertFalse(VERIFIER.verify(set(5, other), proof).valid());
    }

    /** Two tables of one name and other content open different transcripts: a proof is about one content. */
    @Test
    void theTranscriptBindsTheTablesContent() {
        long[][] columns = FixedFunctionTables.columns();
        columns[1][200] = Goldilocks.add(columns[1][200], 3);
        ProofOptions options = ProofOptions.test();
        long[] honest = ProtocolTranscript.start(options, set(5, FixedFunctionTables.table()), new int[] {1, 1})
                .drawExtension("x", options.extension());
        long[] other = ProtocolTranscript.start(options, set(5, new FixedTable(FixedFunctionTables.NAME, 0, 1, columns)),
                new int[] {1, 1}).drawExtension("x", options.extension());
        assertFalse(java.util.Arrays.equals(honest, other));
    }

    @Test
    void malformedColumnsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FixedTable("t", 0, 1, new long[][] {new long[4]}));
        assertThrows(IllegalArgumentException.class, () -> new FixedTable("t", 0, 1, new long[][] {new long[8], new long[16]}));
        assertThrows(IllegalArgumentException.class, () -> new FixedTable("t", 0, 1, new long[][] {new long[12]}));
        long[] above = new long[8];
        above[3] = Goldilocks.P;
        assertThrows(IllegalArgumentException.class, () -> new FixedTable("t", 0, 1, new long[][] {above}));
    }
}
