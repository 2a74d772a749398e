package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.RangeTable;
import dev.comet.air.TableSet;
import dev.comet.air.TraceTable;
import dev.comet.examples.LookupTables;
import dev.comet.field.Goldilocks;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Several tables of different heights in one proof, linked by LogUp lookups into a range table. */
class MultiTableTest {
    private static final StarkVerifier VERIFIER = new StarkVerifier(0);
    private static final ProverSettings CHEATING = ProverSettings.defaults().withoutSelfCheck();

    private static byte[] prove(LookupTables.Instance instance, ProofOptions options, ProverSettings settings) {
        return ProofCodec.encode(new StarkProver(options, settings).prove(instance.set(), instance.traces()));
    }

    /** Adds {@code delta} to the multiplicity of {@code value} in the range table's trace. */
    private static void addMultiplicity(LookupTables.Instance instance, long value, long delta) {
        RangeTable range = (RangeTable) instance.set().table(instance.set().size() - 1);
        TraceTable t = instance.traces().get(instance.set().size() - 1);
        int w = range.valuesPerRow();
        int row = (int) (value / w);
        int column = 1 + (int) (value % w);
        t.set(column, row, Goldilocks.add(t.get(column, row), Goldilocks.fromSigned(delta)));
    }

    private static int[] logs(String spec) {
        return java.util.Arrays.stream(spec.split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    @ParameterizedTest(name = "value tables of 2^[{0}] rows, range table of 2^{1}, {2}")
    @CsvSource({"3, 4, test", "3 5 9, 8, test", "16 3, 10, test", "12 12, 16, test", "3 10, 16, default",
        "6, 3, test", "5 9, 7, high"})
    void honestProofsVerify(String logRows, int rangeBits, String preset) {
        LookupTables.Instance instance = LookupTables.create(logs(logRows), rangeBits, 7);
        VerificationResult result = VERIFIER.verify(instance.set(), prove(instance, ProofOptions.preset(preset),
                ProverSettings.defaults()));
        assertTrue(result.valid(), result.reason());
    }

    @Test
    void provingIsDeterministic() {
        LookupTables.Instance instance = LookupTables.create(new int[] {4, 7}, 6, 3);
        org.junit.jupiter.api.Assertions.assertArrayEquals(prove(instance, ProofOptions.test(), ProverSettings.defaults()),
                prove(instance, ProofOptions.test(), ProverSettings.defaults()));
    }

    /** A value outside the range table, its multiplicity left out as a cheater would. */
    @Test
    void aLookedUpValueAbsentFromTheTableRejects() {
        LookupTables.Instance instance = LookupTables.create(new int[] {6, 4}, 8, 11);
        TraceTable values = instance.traces().get(0);
        long old = values.get(0, 9);
        values.set(0, 9, 300); // not below 2^8
        long[] total = values.column(2);
        for (int r = 9; r < total.length; r++) {
            total[r] = Goldilocks.add(Goldilocks.sub(total[r], old), 300);
        }
        addMultiplicity(instance, old, -1);
        assertThrows(IllegalArgumentException.class, () -> prove(instance, ProofOptions.test(), ProverSettings.defaults()));
        VerificationResult result = VERIFIER.verify(instance.set(), prove(instance, ProofOptions.test(), CHEATING));
        assertFalse(result.valid());
        assertTrue(result.reason().contains("do not cancel"), result.reason());
    }

    /** Multiplicities that do not match the lookups: the totals do not close. */
    @Test
    void runningSumsThatDoNotCloseReject() {
        LookupTables.Instance instance = LookupTables.create(new int[] {5, 8}, 7, 12);
        addMultiplicity(instance, 17, 1);
        assertFalse(VERIFIER.verify(instance.set(), prove(instance, ProofOptions.test(), CHEATING)).valid());
    }

    /**
     * The prover puts a value outside the range into the fixed table itself, on a row whose value
     * nobody looks up, to cover a lookup of it: the totals balance, the table's constraints do not.
     */
    @Test
    void aFixedTableWhoseContentTheProverChangedRejects() {
        LookupTables.Instance instance = LookupTables.create(new int[] {5}, 8, 13);
        TraceTable values = instance.traces().get(0);
        TraceTable range = instance.traces().get(1);
        int w = ((RangeTable) instance.set().table(1)).valuesPerRow();
        int unused = 0;
        while (!rowUnused(range, unused, w)) {
            unused++;
        }
        long old = values.get(1, 4);
        values.set(1, 4, 1000);
        addMultiplicity(instance, old, -1);
        range.set(0, unused, 1000); // this row now offers 1000 .. 1000 + w - 1
        range.set(1, unused, 1);
        VerificationResult result = VERIFIER.verify(instance.set(), prove(instance, ProofOptions.test(), CHEATING));
        assertFalse(result.valid());
        assertTrue(result.reason().contains("fail at the out-of-domain point"), result.reason());
    }

    /** A cheat confined to the smallest table, which joins the FRI last: its own constraints catch it. */
    @Test
    void aWrongCellInTheSmallestTableRejects() {
        LookupTables.Instance instance = LookupTables.create(new int[] {3, 10}, 8, 17);
        TraceTable small = instance.traces().get(0);
        small.set(2, 5, Goldilocks.add(small.get(2, 5), 1));
        assertThrows(ConstraintViolationException.class,
                () -> prove(instance, ProofOptions.test(), ProverSettings.defaults()));
        assertFalse(VERIFIER.verify(instance.set(), prove(instance, ProofOptions.standard(), CHEATING)).valid());
    }

    private static boolean rowUnused(TraceTable range, int row, int w) {
        for (int j = 1; j <= w; j++) {
            if (range.get(j, row) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Two value tables of the same shape with their proof sections swapped. */
    @Test
    void sectionsSwappedBetweenTablesReject() {
        LookupTables.Instance instance = LookupTables.create(new int[] {6, 6}, 7, 14);
        StarkProof proof = new StarkProver(ProofOptions.test()).prove(instance.set(), instance.traces());
        List<StarkProof.TableProof> swapped = new ArrayList<>(proof.tables());
        swapped.set(0, proof.tables().get(1));
        swapped.set(1, proof.tables().get(0));
        StarkProof mixed = proof.withTables(swapped);
        assertTrue(VERIFIER.verify(instance.set(), proof).valid());
        assertFalse(VERIFIER.verify(instance.set(), mixed).valid());
        TableSet reordered = new TableSet(instance.set().name(), List.of(instance.set().table(1),
                instance.set().table(0), instance.set().table(2)));
        assertFalse(VERIFIER.verify(reordered, proof).valid());
        assertFalse(VERIFIER.verify(new TableSet(instance.set().name(), instance.set().tables().subList(0, 2)), proof).valid());
    }

    @Test
    void flippedBytesAndTruncationsReject() {
        LookupTables.Instance instance = LookupTables.create(new int[] {3, 5}, 4, 15);
        byte[] proof = prove(instance, ProofOptions.test(), ProverSettings.defaults());
        assertTrue(VERIFIER.verify(instance.set(), proof).valid());
        SplittableRandom random = new SplittableRandom(16);
        for (int k = 0; k < 400; k++) {
            byte[] flipped = proof.clone();
            int at = k < 200 ? k * (proof.length / 200) : random.nextInt(proof.length);
            flipped[at] ^= (byte) (1 << random.nextInt(8));
            assertFalse(VERIFIER.verify(instance.set(), flipped).valid(), "flipped byte " + at);
        }
        for (int len = 0; len < proof.length; len += 97) {
            assertFalse(VERIFIER.verify(instance.set(), java.util.Arrays.copyOf(proof, len)).valid(), "truncated to " + len);
        }
    }
}
