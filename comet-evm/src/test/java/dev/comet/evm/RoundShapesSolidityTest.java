package dev.comet.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Air;
import dev.comet.air.TableSet;
import dev.comet.air.TraceTable;
import dev.comet.examples.ExampleAirs;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Review of the one-tree-a-round change on chain, for the round shapes the existing tests do not
 * reach: an auxiliary round that only a smaller table has (the top-size table has no columns in
 * it), one that only the top-size table has in a set of several (CometDeep.leafDigests' shortcut),
 * and two tables of the top size. Honest proofs verify on both sides; mutated ones, and rows moved
 * or swapped between tables, get the same verdict on both.
 */
class RoundShapesSolidityTest {
    private static LocalChain local;

    @BeforeAll
    static void start() {
        local = LocalChain.start();
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    private static StarkProof withValues(StarkProof proof, int table, int round, long[] values) {
        List<StarkProof.TableProof> tables = new ArrayList<>(proof.tables());
        StarkProof.TableProof t = tables.get(table);
        tables.set(table, new StarkProof.TableProof(t.traceInfo(), t.numCompositionColumns(), t.logUpSum(), t.ood(),
                round == 0 ? values : t.mainValues(), round == 1 ? values : t.auxValues(),
                round == 2 ? values : t.compositionValues(), t.precommittedQueries(), t.segmentFri()));
        return proof.withTables(tables);
    }

    private static long[] values(StarkProof proof, int table, int round) {
        StarkProof.TableProof t = proof.tables().get(table);
        return round == 0 ? t.mainValues() : round == 1 ? t.auxValues() : t.compositionValues();
    }

    /**
     * The sets: "fib" (no auxiliary trace) of 2^logFib rows with the lookup example (value tables of
     * the given heights and a range table of 2^rangeBits rows, all with auxiliary traces), fib first
     * or last; or fib and MiMC alone (no auxiliary round).
     */
    @ParameterizedTest(name = "{0}: fib 2^{1}, lookups {2}, range 2^{3}")
    @CsvSource({
        "aux only in smaller tables, 9, 5, 5",
        "aux only in the top table, 10, range, 16",
        "aux in tables of the top size and smaller, 6, 6 3, 6",
        "two top-size tables without aux, 6, , 0"})
    void roundShapesAgreeOnChainAndInJava(String label, int logFib, String lookupRows, int rangeBits) {
        ExampleAirs.Instance fib = ExampleAirs.create("fib", logFib, 0);
        List<Air> airs = new ArrayList<>();
        List<TraceTable> traces = new ArrayList<>();
        airs.add(fib.air());
        traces.add(fib.trace());
        if ("range".equals(lookupRows)) {
            ExampleAirs.Instance range = ExampleAirs.create("range", rangeBits, 0);
            airs.add(0, range.air());
            traces.add(0, range.trace());
        } else if (lookupRows == null) {
            ExampleAirs.Instance mimc = ExampleAirs.create("mimc", logFib, 0);
            airs.add(mimc.air());
            traces.add(mimc.trace());
        } else {
            int[] rows = Arrays.stream(lookupRows.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
            dev.comet.examples.LookupTables.Instance lookups = dev.comet.examples.LookupTables.create(rows, rangeBits, 3);
            airs.addAll(lookups.set().tables());
            traces.addAll(lookups.traces());
        }
        TableSet set = new TableSet("review/rounds", airs);
        int logA = logFib;
        int logB = rangeBits;
        ProofOptions options = ProofOptions.test();
        StarkProof proof = new StarkProver(options).prove(set, traces);
        assertTrue(new StarkVerifier(0).verify(set, proof).valid(), "Java accepts");
        StarkSolidity verifier = StarkSolidity.of(set, options, "Rounds");
        String address = local.chain.deployLinked(new Solc(local.tools).compileAll(verifier.sources()), "Rounds",
                new java.util.HashMap<>());
        ProofCalldata honest = ProofCalldata.of(proof);
        assertTrue(honest.javaVerdict(set, options), "Java, read back");
        assertTrue(local.verifies(address, set, honest), "the contract accepts");

        // a row of table 0 moved to table 1's section of the same round (the total count kept)
        List<ProofCalldata> cheats = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            long[] v0 = values(proof, 0, round);
            long[] v1 = values(proof, 1, round);
            if (v0.length == 0) {
                continue;
            }
            int w = Math.min(v0.length, 4);
            long[] shorter = Arrays.copyOf(v0, v0.length - w);
            long[] longer = Arrays.copyOf(v1, v1.length + w);
            System.arraycopy(v0, v0.length - w, longer, v1.length, w);
            cheats.add(ProofCalldata.of(withValues(withValues(proof, 0, round, shorter), 1, round, longer)));
            if (v1.length > 0) {
                long[] extra = Arrays.copyOf(v1, v1.length + 1);
                cheats.add(ProofCalldata.of(withValues(proof, 1, round, extra)));
            }
        }
        for (int k = 0; k < cheats.size(); k++) {
            ProofCalldata c = cheats.get(k);
            assertFalse(c.javaVerdict(set, options), "Java, cheat " + k);
            assertFalse(local.verifies(address, set, c), "the contract, cheat " + k);
        }

        // mutations aimed at the rounds' rows and siblings: the same verdict on both sides
        CalldataSections sections = CalldataSections.of(honest);
        SplittableRandom r = new SplittableRandom(logA * 31L + logB);
        for (int trial = 0; trial < 16; trial++) {
            ProofCalldata mutated;
            if (r.nextBoolean()) {
                int i = sections.roundValueWords().get(r.nextInt(sections.roundValueWords().size()));
                List<BigInteger> w = new ArrayList<>(honest.words());
                w.set(i, w.get(i).add(BigInteger.ONE.shiftLeft(64 * r.nextInt(4))).mod(BigInteger.ONE.shiftLeft(256)));
                mutated = new ProofCalldata(w, honest.digests());
            } else {
                List<byte[]> d = new ArrayList<>(honest.digests());
                int i = r.nextInt(3 + sections.roundSiblings()); // the roots and the rounds' siblings
                byte[] x = d.get(i).clone();
                x[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
                d.set(i, x);
                mutated = new ProofCalldata(honest.words(), d);
            }
            assertEquals(mutated.javaVerdict(set, options), local.verifies(address, set, mutated), "trial " + trial);
        }
    }
}
