package dev.comet.prover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Air;
import dev.comet.air.CompositionLayout;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.LogUpColumns;
import dev.comet.air.RangeTable;
import dev.comet.air.RowValues;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.hash.HashFunction;
import dev.comet.proof.ProofOptions;
import dev.comet.verifier.StarkVerifier;
import dev.comet.verifier.VerifierPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LogUp fractions grouped {@code g} to an auxiliary column: five range lookups per row, in groups of 1 to 4. */
class LogUpGroupsTest {
    private static final int LOG_ROWS = 3;
    private static final int RANGE_BITS = 4;
    private static final int WIDTH = 5;
    /** Blowup 8: a group of 4 has degree 5, which needs an evaluation domain of 8 n. */
    private static final ProofOptions OPTIONS = new ProofOptions(3, 8, 32, 0, 2, 4, 8, HashFunction.defaultHash().id());
    private static final StarkVerifier VERIFIER = new StarkVerifier(VerifierPolicy.defaults().withMinimumBits(0)
            .withCustomOptions());

    /** Looks every one of its {@code WIDTH} columns up in the range table; {@code edit} then changes the built aux trace. */
    record Lookups(int groupSize, boolean moveBetweenGroups) implements Air {
        LogUpColumns logUp() {
            return new LogUpColumns(IntStream.range(0, WIDTH).mapToObj(c -> LogUpColumns.lookup(Expr.main(c))).toList(),
                    0, 0, groupSize);
        }

        @Override
        public TraceInfo traceInfo() {
            return new TraceInfo(LOG_ROWS, WIDTH, logUp().auxWidth(), 1);
        }

        @Override
        public List<Constraint> constraints() {
            return logUp().constraints(1 << LOG_ROWS);
        }

        @Override
        public String name() {
            return "comet/test/logup-groups";
        }

        @Override
        public byte[] publicInputs() {
            return ("groups/" + groupSize).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int lookupTermsPerRow() {
            return WIDTH;
        }

        @Override
        public int logUpSumColumn() {
            return logUp().sumColumn();
        }

        /**
         * The honest columns, or with {@code moveBetweenGroups} one unit of group 0's column moved
         * to group 1's on row 2: the running sum and the total stay, only the groups' constraints
         * see it.
         */
        @Override
        public long[][][] buildAuxTrace(TraceTable main, List<long[]> challenges, ExtensionField ext) {
            long[][][] aux = logUp().auxTrace(main, RowValues.of(main), challenges, ext);
            if (moveBetweenGroups) {
                aux[0][0][2] = Goldilocks.add(aux[0][0][2], 1);
                aux[1][0][2] = Goldilocks.sub(aux[1][0][2], 1);
            }
            return aux;
        }
    }

    /** Proves a table of values {@code (r + 3 c) mod 16}, with {@code outOfRange} at row 5 of column 4 if not negative. */
    private static boolean proves(Lookups lookups, long outOfRange, ProverSettings settings) {
        int n = 1 << LOG_ROWS;
        RangeTable range = new RangeTable(RANGE_BITS, LOG_ROWS, 0);
        TraceTable main = TraceTable.ofSize(WIDTH, n);
        long[] counts = new long[1 << RANGE_BITS];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < WIDTH; c++) {
                long v = (r + 3 * c) % 16;
                if (outOfRange >= 0 && r == 5 && c == 4) {
                    v = outOfRange;
                } else {
                    counts[(int) v]++;
                }
                main.set(c, r, v);
            }
        }
        TableSet set = new TableSet("comet/test/logup-groups", List.of(lookups, range));
        var proof = new StarkProver(OPTIONS, settings).prove(set, List.of(main, range.trace(counts)));
        return VERIFIER.verify(set, proof).valid();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void groupedLookupsVerifyWithOneColumnPerGroupAndTheDegreeTheGroupNeeds(int g) {
        Lookups lookups = new Lookups(g, false);
        assertEquals((WIDTH + g - 1) / g + 1, lookups.logUp().auxWidth());
        List<Constraint> groupConstraints = new ArrayList<>(lookups.constraints());
        int maxDegree = groupConstraints.stream().mapToInt(Constraint::degree).max().orElseThrow();
        assertEquals(Math.min(g, WIDTH) + 1, maxDegree);
        assertEquals(maxDegree - 1, CompositionLayout.of(groupConstraints, 1 << LOG_ROWS).numColumns());
        assertTrue(proves(lookups, -1, ProverSettings.defaults()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void aValueOutsideTheTableIsRejected(int g) {
        assertThrows(IllegalArgumentException.class, () -> proves(new Lookups(g, false), 16, ProverSettings.defaults()));
        assertFalse(proves(new Lookups(g, false), 16, ProverSettings.defaults().withoutSelfCheck()));
    }

    /** A group's column that is not its fractions' sum, the running sum unchanged: each group's constraint catches it. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void aGroupColumnThatIsNotItsFractionsSumIsRejected(int g) {
        assertFalse(proves(new Lookups(g, true), -1, ProverSettings.defaults().withoutSelfCheck()));
    }
}
