package dev.comet.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Air;
import dev.comet.air.Constraint;
import dev.comet.air.Expr;
import dev.comet.air.PeriodicColumn;
import dev.comet.air.TableSet;
import dev.comet.air.TraceInfo;
import dev.comet.air.TraceTable;
import dev.comet.examples.ExampleAirs;
import dev.comet.examples.FixedFunctionTables;
import dev.comet.field.Goldilocks;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.PrecommittedSegment;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shapes at the edges and encodings off the honest path, each once a disagreement between the
 * contract and the Java verifier found in review: an indicator of period 1 (a one-row dataset's),
 * segments of 1, 2 and 4 rows (FRI remainders of fewer than four coefficients), an auxiliary root
 * given when no table has an auxiliary trace (or its siblings), and mutations of every lane of a packed word.
 */
class EdgeShapesSolidityTest {
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

    private static String deploy(TableSet set, ProofOptions options, String name) {
        StarkSolidity verifier = StarkSolidity.of(set, options, name);
        return local.chain.deployLinked(new Solc(local.tools).compileAll(verifier.sources()), name, new java.util.HashMap<>());
    }

    /** A constant column pinned by an indicator of period 2^logPeriod at row 0. */
    record IndicatorAir(int logPeriod) implements Air {
        @Override
        public String name() {
            return "indicator-period-" + logPeriod;
        }

        @Override
        public TraceInfo traceInfo() {
            return TraceInfo.mainOnly(3, 1);
        }

        @Override
        public List<PeriodicColumn> periodicColumns() {
            return List.of(new PeriodicColumn.Indicator(logPeriod, 0));
        }

        @Override
        public List<Constraint> constraints() {
            Expr expected = logPeriod == 0 ? Expr.periodic(0).times(5) : Expr.main(0);
            return List.of(Constraint.assertion("starts at 5", 0, 0, 5),
                    Constraint.transition("constant", Expr.mainNext(0).minus(Expr.main(0))),
                    Constraint.everyRow("5 times the indicator of period 1", Expr.main(0).minus(expected)));
        }

        @Override
        public byte[] publicInputs() {
            return new byte[0];
        }
    }

    /** The indicator of period 1 is the constant 1 (CometStark.power once returned its argument, which the caller changed). */
    @ParameterizedTest(name = "indicator of period 2^{0}")
    @ValueSource(ints = {0, 1, 3})
    void anIndicatorOfAnyPeriodVerifies(int logPeriod) {
        IndicatorAir air = new IndicatorAir(logPeriod);
        TraceTable t = TraceTable.ofSize(1, 8);
        for (int r = 0; r < 8; r++) {
            t.set(0, r, 5);
        }
        ProofOptions options = ProofOptions.test();
        StarkProof proof = new StarkProver(options).prove(air, t);
        TableSet set = TableSet.of(air);
        assertTrue(new StarkVerifier(0).verify(set, proof).valid());
        ProofCalldata calldata = ProofCalldata.of(proof);
        assertTrue(calldata.javaVerdict(set, options));
        assertTrue(local.verifies(deploy(set, options, "Indicator" + logPeriod), set, calldata));
    }

    /** A trace of 2^4 rows summing a committed segment's first column, read periodically. */
    record SumAir(int logHeight, byte[] root, long total) implements Air {
        @Override
        public String name() {
            return "segment-sum";
        }

        @Override
        public TraceInfo traceInfo() {
            return TraceInfo.mainOnly(4, 2).withPrecommitted(2, logHeight);
        }

        @Override
        public byte[] precommittedRoot() {
            return root;
        }

        @Override
        public List<Constraint> constraints() {
            Expr d = Expr.precommitted(0);
            return List.of(Constraint.assertion("sum starts at 0", 0, 0, 0),
                    Constraint.transition("sum accumulates", Expr.mainNext(0).minus(Expr.main(0).plus(d))),
                    Constraint.atRow("total", 15, Expr.main(0).plus(d).minus(total)),
                    Constraint.everyRow("copy", Expr.main(1).minus(Expr.precommitted(1).times(3))));
        }

        @Override
        public byte[] publicInputs() {
            return ByteBuffer.allocate(8).putLong(total).array();
        }
    }

    /** Segments of 1, 2 and 4 rows: FRI remainders of 1, 2 and 4 coefficients, packed as one run. */
    @ParameterizedTest(name = "a segment of 2^{0} rows")
    @ValueSource(ints = {0, 1, 2})
    void smallSegmentsVerify(int logHeight) {
        int h = 1 << logHeight;
        long[][] data = new long[2][h];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < h; i++) {
                data[c][i] = 1000L * c + i + 1;
            }
        }
        TraceTable t = TraceTable.ofSize(2, 16);
        long sum = 0;
        for (int r = 0; r < 16; r++) {
            t.set(0, r, sum);
            t.set(1, r, Goldilocks.mul(data[1][r % h], 3));
            sum = Goldilocks.add(sum, data[0][r % h]);
        }
        PrecommittedSegment segment = PrecommittedSegment.commit(data);
        SumAir air = new SumAir(logHeight, segment.root(), sum);
        TableSet set = TableSet.of(air);
        ProofOptions options = ProofOptions.test();
        StarkProof proof = new StarkProver(options).prove(air, t, segment);
        assertTrue(new StarkVerifier(0).verify(set, proof).valid());
        ProofCalldata calldata = ProofCalldata.of(proof);
        assertTrue(calldata.javaVerdict(set, options), "read back");
        assertTrue(local.verifies(deploy(set, options, "Segment" + logHeight), set, calldata), "on chain");
    }

    /** The auxiliary-root flag set, with a digest, for a set without an auxiliary trace: one encoding a proof. */
    @Test
    void anAuxiliaryRootForATableWithoutOneIsRefused() {
        ExampleAirs.Instance instance = ExampleAirs.create("fib", 6, 0);
        TableSet set = TableSet.of(instance.air());
        ProofOptions options = ProofOptions.test();
        StarkProof proof = new StarkProver(options).prove(instance.air(), instance.trace());
        ProofCalldata honest = ProofCalldata.of(proof);
        List<BigInteger> w = new ArrayList<>(honest.words());
        int at = 1; // the set's flag, after the table count
        assertEquals(BigInteger.ZERO, w.get(at), "the flag");
        w.set(at, BigInteger.ONE);
        List<byte[]> d = new ArrayList<>(honest.digests());
        byte[] junk = new byte[32];
        Arrays.fill(junk, (byte) 0x5a);
        d.add(1, junk); // after the main root, where an auxiliary root goes
        ProofCalldata flagged = new ProofCalldata(w, d);
        String address = deploy(set, options, "AuxFlag");
        assertTrue(local.verifies(address, set, honest));
        assertFalse(local.verifies(address, set, flagged), "the contract");
        assertFalse(flagged.javaVerdict(set, options), "Java");

        // auxiliary siblings without the flag: a sibling the Java verifier would not read
        List<BigInteger> w2 = new ArrayList<>(honest.words());
        w2.set(3, BigInteger.ONE); // the auxiliary round's sibling count
        List<byte[]> d2 = new ArrayList<>(honest.digests());
        d2.add(2 + honest.words().get(2).intValueExact(), junk); // after the roots and the main siblings
        ProofCalldata siblings = new ProofCalldata(w2, d2);
        assertFalse(local.verifies(address, set, siblings), "the contract, auxiliary siblings");
        assertFalse(siblings.javaVerdict(set, options), "Java, auxiliary siblings");
    }

    /**
     * 120 mutations of single lanes of packed words (a lane plus one, plus p, set to p), of a
     * word's top bit, swaps of words and of digests, on a proof reading a fixed table: the
     * contract's verdict is Java's each time.
     */
    @Test
    void laneMutationsGetJavasVerdict() {
        int logRows = 6;
        ProofOptions options = ProofOptions.test();
        TableSet set = new TableSet("comet/example/fixed",
                List.of(new FixedFunctionTables.PairTable(logRows), FixedFunctionTables.table()));
        StarkProof proof = new StarkProver(options).prove(set, FixedFunctionTables.traces(logRows, 3));
        String address = deploy(set, options, "Lanes");
        ProofCalldata honest = ProofCalldata.of(proof);
        SplittableRandom r = new SplittableRandom(99);
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        BigInteger p = new BigInteger(Long.toUnsignedString(Goldilocks.P));
        int accepted = 0;
        for (int trial = 0; trial < 120; trial++) {
            List<BigInteger> w = new ArrayList<>(honest.words());
            List<byte[]> d = new ArrayList<>(honest.digests());
            int i = r.nextInt(w.size());
            int lane = r.nextInt(4);
            BigInteger word = w.get(i);
            BigInteger old = word.shiftRight(64 * lane).and(mask);
            BigInteger cleared = word.andNot(mask.shiftLeft(64 * lane));
            switch (r.nextInt(6)) {
                case 0 -> w.set(i, cleared.or(old.add(BigInteger.ONE).mod(p).shiftLeft(64 * lane)));
                case 1 -> w.set(i, cleared.or(old.add(p).and(mask).shiftLeft(64 * lane)));
                case 2 -> w.set(i, cleared.or(p.shiftLeft(64 * lane)));
                case 3 -> w.set(i, word.flipBit(255));
                case 4 -> {
                    int j = r.nextInt(w.size());
                    w.set(i, w.get(j));
                    w.set(j, word);
                }
                default -> {
                    int k = r.nextInt(d.size());
                    int k2 = r.nextInt(d.size());
                    byte[] swap = d.get(k);
                    d.set(k, d.get(k2));
                    d.set(k2, swap);
                }
            }
            ProofCalldata mutated = new ProofCalldata(w, d);
            boolean java = mutated.javaVerdict(set, options);
            assertEquals(java, local.verifies(address, set, mutated), "trial " + trial);
            accepted += java ? 1 : 0;
        }
        assertTrue(accepted < 120, "the mutations change verdicts");
    }
}
