package dev.comet.evm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Air;
import dev.comet.examples.ExampleAirs;
import dev.comet.field.Goldilocks;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated on-chain constraint evaluation against the Java verifier's, in a real EVM (anvil
 * at Prague): same inputs, same extension element, for the example AIRs in both extensions.
 */
class ConstraintSolidityTest {
    private static LocalChain local;
    private static EvmTools tools;
    private static EvmChain chain;

    @BeforeAll
    static void start() {
        local = LocalChain.start();
        tools = local.tools;
        chain = local.chain;
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    private static Air air(String name) {
        return name.equals("range") ? new dev.comet.examples.RangeCheckAir(16, 1_000_000L, 7)
                : ExampleAirs.create(name, 6, 12).air();
    }

    /** A generated library deployed behind its harness. */
    private record Deployed(ConstraintSolidity generator, String address, int runtimeBytes) {}

    private static Deployed deploy(Air air, int degree) {
        ConstraintSolidity g = ConstraintSolidity.of("TableConstraints", air, degree);
        Map<String, Solc.Compiled> c = new Solc(tools).compileAll(Map.of("TableConstraints.sol", g.source(), "Harness.sol",
                g.harness("Harness")));
        return new Deployed(g, chain.deployLinked(c, "Harness", new java.util.HashMap<>()),
                c.get("TableConstraints").runtimeBytes());
    }

    /** Random input words, each a canonical field element. */
    private static long[] randomInput(ConstraintSolidity.Layout layout, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] words = new long[layout.length()];
        for (int i = 0; i < words.length; i++) {
            words[i] = Goldilocks.reduce(r.nextLong());
        }
        return words;
    }

    @ParameterizedTest(name = "{0}, extension degree {1}")
    @CsvSource({"fib, 2", "mimc, 2", "range, 2", "wide, 2", "fib, 3", "mimc, 3", "range, 3"})
    void theGeneratedEvaluationEqualsTheJavaVerifiers(String name, int degree) {
        Air air = air(name);
        Deployed d = deploy(air, degree);
        for (long seed = 1; seed <= 3; seed++) {
            long[] input = randomInput(d.generator().layout(), seed * 1009 + degree);
            String result = chain.call(d.address(), ConstraintSolidity.calldata("composition", input));
            assertArrayEquals(d.generator().expected(input), d.generator().decode(result), name + " with seed " + seed);
        }
        assertTrue(d.runtimeBytes() <= 24_576, "within the contract size limit: " + d.runtimeBytes());
    }

    /**
     * A table's constraints split over several libraries (a small code budget forces it): the
     * parts' values add up to the whole table's, on chain as in Java.
     */
    @Test
    void constraintsSplitOverLibrariesAddUpToTheTables() {
        Air air = air("wide");
        java.util.List<ConstraintSolidity> parts = ConstraintSolidity.split("Part", air, 2, 4_400);
        assertTrue(parts.size() >= 3, "split into " + parts.size());
        ConstraintSolidity whole = ConstraintSolidity.of("Whole", air, 2);
        long[] input = randomInput(whole.layout(), 5);
        long[] sum = new long[2];
        for (ConstraintSolidity part : parts) {
            Map<String, Solc.Compiled> c = new Solc(tools).compileAll(Map.of(part.libraryName() + ".sol", part.source(),
                    "Harness.sol", part.harness("Harness")));
            String address = chain.deployLinked(c, "Harness", new java.util.HashMap<>());
            long[] value = part.decode(chain.call(address, ConstraintSolidity.calldata("composition", input)));
            assertArrayEquals(part.expected(input), value, part.libraryName());
            sum[0] = Goldilocks.add(sum[0], value[0]);
            sum[1] = Goldilocks.add(sum[1], value[1]);
        }
        assertArrayEquals(whole.expected(input), sum, "the parts add up to the table");
    }

    @Test
    void changedInputWordsAgreeWithJavaAndANonCanonicalWordReverts() {
        Air air = air("range");
        Deployed d = deploy(air, 2);
        ConstraintSolidity.Layout layout = d.generator().layout();
        long[] input = randomInput(layout, 7);
        String honest = chain.call(d.address(), ConstraintSolidity.calldata("composition", input));
        SplittableRandom r = new SplittableRandom(3);
        int changes = 0;
        for (int trial = 0; trial < 12; trial++) {
            long[] changed = input.clone();
            int i = r.nextInt(changed.length);
            changed[i] = Goldilocks.add(changed[i], 1);
            String result = chain.call(d.address(), ConstraintSolidity.calldata("composition", changed));
            assertArrayEquals(d.generator().expected(changed), d.generator().decode(result), "word " + i);
            changes += honest.equals(result) ? 0 : 1;
        }
        assertTrue(changes > 0, "some word the constraints read was changed");
        long[] bad = input.clone();
        bad[3] = Goldilocks.P; // not below p
        assertNull(chain.call(d.address(), ConstraintSolidity.calldata("composition", bad)), "non-canonical input reverts");
        long[] shorter = java.util.Arrays.copyOf(input, input.length - 1);
        assertNull(chain.call(d.address(), ConstraintSolidity.calldata("composition", shorter)), "wrong length reverts");
    }

    @Test
    void gasOfTheEvaluationIsMeasuredInATransaction() {
        Air air = air("mimc");
        Deployed d = deploy(air, 2);
        String data = ConstraintSolidity.calldata("measure", randomInput(d.generator().layout(), 1));
        EvmChain.Receipt receipt = chain.send(d.address(), data);
        assertTrue(receipt.success());
        assertTrue(receipt.gasUsed() > 21_000 && receipt.gasUsed() < 1_000_000, "gas " + receipt.gasUsed());
        assertEquals(true, receipt.success());
    }
}
