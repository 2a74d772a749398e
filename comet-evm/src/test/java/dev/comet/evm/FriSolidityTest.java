package dev.comet.evm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.field.CubicExtension;
import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import dev.comet.field.QuadraticExtension;
import dev.comet.fri.FriLayout;
import dev.comet.fri.FriOptions;
import dev.comet.fri.FriProof;
import dev.comet.fri.FriProver;
import dev.comet.fri.FriVerifier;
import dev.comet.hash.HashFunction;
import dev.comet.hash.HashId;
import dev.comet.hash.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The on-chain FRI verifier against the Java prover and verifier: honest proofs of a low-degree
 * function verify in anvil, and a changed opened value, remainder coefficient or layer root does
 * not, as in Java.
 */
class FriSolidityTest {
    private static final HashFunction SHA256 = HashFunction.of(HashId.SHA256);
    private static LocalChain local;
    private static EvmTools tools;
    private static EvmChain chain;
    private static String address;

    @BeforeAll
    static void start() throws IOException {
        local = LocalChain.start();
        tools = local.tools;
        chain = local.chain;
        String harness;
        try (InputStream in = FriSolidityTest.class.getResourceAsStream("/FriHarness.sol")) {
            harness = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        address = chain.deployLinked(new Solc(tools).compileAll(Map.of("CometField.sol", SolidityLibraries.field(),
                "CometMerkle.sol", SolidityLibraries.merkle(), "CometTranscript.sol", SolidityLibraries.transcript(),
                "CometFri.sol", SolidityLibraries.fri(), "FriHarness.sol", harness)), "FriHarness", new java.util.HashMap<>());
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    /**
     * A proof with everything the harness needs to replay it: per joining domain (log2 size, by
     * {@code joins}), the sum of its functions' values at the distinct positions there.
     */
    private record Case(FriLayout layout, long[] seed, int degree, long shift, int queries, FriProof proof,
                        Map<Integer, long[][]> joins, boolean javaVerdict) {
        long[][] topValues() {
            return joins.get(layout.logTopDomain());
        }
    }

    private static Case prove(int logSize, int logBound, int degree, int queries, long seed, int folding) throws Exception {
        ExtensionField ext = degree == 2 ? QuadraticExtension.INSTANCE : CubicExtension.INSTANCE;
        SplittableRandom r = new SplittableRandom(seed);
        long shift = Goldilocks.GENERATOR;
        int n = 1 << logSize;
        long[][] evaluations = lowDegree(r, logSize, logBound, degree, shift);
        long[] seedWords = {r.nextLong(), r.nextLong()};
        FriOptions options = new FriOptions(folding, 32);
        Transcript prover = new Transcript(SHA256, "fri-test");
        prover.absorbLongs("seed", seedWords);
        FriProver.Commitment commitment = new FriProver(options, ext, SHA256).commit(evaluations, shift, 1 << logBound, prover);
        int[] positions = Arrays.stream(prover.drawIndices("query-positions", queries, n)).sorted().distinct().toArray();
        FriProof proof = commitment.open(positions);
        long[][] top = new long[positions.length][degree];
        for (int q = 0; q < positions.length; q++) {
            for (int d = 0; d < degree; d++) {
                top[q][d] = evaluations[d][positions[q]];
            }
        }
        Transcript verifier = new Transcript(SHA256, "fri-test");
        verifier.absorbLongs("seed", seedWords);
        FriVerifier java = new FriVerifier(options, ext, SHA256, logSize, shift, 1 << logBound);
        java.readCommitments(proof, verifier);
        verifier.drawIndices("query-positions", queries, n);
        boolean verdict;
        try {
            java.verifyQueries(proof, positions, top);
            verdict = true;
        } catch (FriVerifier.FriException e) {
            verdict = false;
        }
        return new Case(java.layout(), seedWords, degree, shift, queries, proof, Map.of(logSize, top), verdict);
    }

    private static boolean onChain(Case c) {
        FriLayout l = c.layout();
        int layers = l.numLayers();
        List<BigInteger> w = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        w.add(BigInteger.valueOf(layers));
        w.add(BigInteger.valueOf(l.logFinal()));
        w.add(BigInteger.valueOf(l.remainderDegreeBound()));
        w.add(BigInteger.valueOf(c.degree()));
        w.add(unsigned(c.shift()));
        w.add(BigInteger.valueOf(c.queries()));
        w.add(BigInteger.valueOf(c.seed().length));
        for (long v : c.seed()) {
            w.add(unsigned(v));
        }
        Arrays.stream(l.logDomains()).forEach(v -> w.add(BigInteger.valueOf(v)));
        Arrays.stream(l.logFolds()).forEach(v -> w.add(BigInteger.valueOf(v)));
        long offset = 0;
        for (FriProof.LayerOpening o : c.proof().layers()) {
            w.add(BigInteger.valueOf(offset));
            offset += o.values().length;
        }
        w.add(BigInteger.valueOf(offset));
        for (FriProof.LayerOpening o : c.proof().layers()) {
            for (long v : o.values()) {
                w.add(unsigned(v));
            }
        }
        digests.addAll(c.proof().layerRoots());
        long siblings = 0;
        for (FriProof.LayerOpening o : c.proof().layers()) {
            w.add(BigInteger.valueOf(siblings));
            siblings += o.proof().siblingCount();
            for (int k = 0; k < o.proof().siblingCount(); k++) {
                digests.add(o.proof().sibling(k));
            }
        }
        w.add(BigInteger.valueOf(siblings));
        for (long[] coordinate : c.proof().remainder()) {
            for (long v : coordinate) {
                w.add(unsigned(v));
            }
        }
        w.add(BigInteger.valueOf(c.joins().size()));
        c.joins().forEach((log, values) -> {
            w.add(BigInteger.valueOf(log));
            w.add(BigInteger.valueOf(values.length));
            for (long[] v : values) {
                for (long x : v) {
                    w.add(unsigned(x));
                }
            }
        });
        Function f = new Function("verify", List.of(new DynamicArray<>(Uint256.class, w.stream().map(Uint256::new).toList()),
                new DynamicArray<>(Bytes32.class, digests.stream().map(Bytes32::new).toList())),
                List.of(new TypeReference<Bool>() {}));
        String result = chain.call(address, FunctionEncoder.encode(f));
        return result != null && new BigInteger(result.substring(2), 16).signum() == 1;
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    // every folding factor FriOptions allows: the contract folds a quadratic coset by an NTT of its size
    @ParameterizedTest(name = "2^{0} points, degree < 2^{1}, extension {2}, {3} queries, folding {4}")
    @CsvSource({"10, 8, 2, 12, 8", "12, 9, 2, 20, 8", "9, 5, 3, 8, 8", "6, 4, 2, 5, 8", "11, 3, 2, 16, 8",
            "10, 8, 2, 12, 2", "10, 8, 2, 12, 4", "12, 9, 2, 16, 16", "9, 7, 3, 8, 4"})
    void honestProofsVerifyOnChainAndTamperedOnesDoNot(int logSize, int logBound, int degree, int queries, int folding)
            throws Exception {
        Case honest = prove(logSize, logBound, degree, queries, logSize * 31L + degree, folding);
        assertTrue(honest.javaVerdict(), "Java accepts");
        assertTrue(onChain(honest), "the contract accepts");

        if (!honest.proof().layers().isEmpty()) {
            FriProof.LayerOpening first = honest.proof().layers().get(0);
            long[] values = first.values().clone();
            values[values.length / 2] = Goldilocks.add(values[values.length / 2], 1);
            List<FriProof.LayerOpening> layers = new ArrayList<>(honest.proof().layers());
            layers.set(0, new FriProof.LayerOpening(values, first.proof()));
            assertFalse(onChain(withProof(honest, new FriProof(honest.proof().layerRoots(), honest.proof().remainder(), layers))),
                    "a changed opened value");
            List<byte[]> roots = new ArrayList<>(honest.proof().layerRoots());
            byte[] root = roots.get(roots.size() - 1).clone();
            root[0] ^= 1;
            roots.set(roots.size() - 1, root);
            assertFalse(onChain(withProof(honest, new FriProof(roots, honest.proof().remainder(), honest.proof().layers()))),
                    "a changed layer root");
        }
        long[][] remainder = Arrays.stream(honest.proof().remainder()).map(long[]::clone).toArray(long[][]::new);
        remainder[0][0] = Goldilocks.add(remainder[0][0], 1);
        assertFalse(onChain(withProof(honest, new FriProof(honest.proof().layerRoots(), remainder, honest.proof().layers()))),
                "a changed remainder coefficient");
        long[][] top = Arrays.stream(honest.topValues()).map(long[]::clone).toArray(long[][]::new);
        top[top.length - 1][0] = Goldilocks.add(top[top.length - 1][0], 1);
        assertFalse(onChain(new Case(honest.layout(), honest.seed(), honest.degree(), honest.shift(), honest.queries(),
                honest.proof(), Map.of(honest.layout().logTopDomain(), top), false)),
                "a function value that is not the committed one");
    }

    /**
     * Three functions on domains of 2^11, 2^9 and 2^7 points (mixed-degree batching, as a proof of
     * several tables of different heights): the smaller ones join at their layers, on chain as in Java.
     */
    @org.junit.jupiter.api.Test
    void functionsOnSeveralDomainsJoinAtTheirLayers() throws Exception {
        SplittableRandom r = new SplittableRandom(9);
        int logRate = 2;
        int[] logSizes = {11, 9, 7};
        long shift = Goldilocks.GENERATOR;
        List<FriProver.Input> inputs = new ArrayList<>();
        for (int logSize : logSizes) {
            // on the nested domain shift^(2^(11 - L)) <w_(2^L)>, degree below 2^(L - rate)
            long domainShift = Goldilocks.pow(shift, 1L << (logSizes[0] - logSize));
            inputs.add(new FriProver.Input(lowDegree(r, logSize, logSize - logRate, 2, domainShift)));
        }
        FriOptions options = new FriOptions(8, 8);
        long[] seedWords = {r.nextLong(), r.nextLong()};
        Transcript prover = new Transcript(SHA256, "fri-test");
        prover.absorbLongs("seed", seedWords);
        FriProver.Commitment commitment = new FriProver(options, QuadraticExtension.INSTANCE, SHA256).commit(inputs, shift,
                logRate, prover);
        int queries = 14;
        int[] positions = Arrays.stream(prover.drawIndices("query-positions", queries, 1 << logSizes[0])).sorted()
                .distinct().toArray();
        FriProof proof = commitment.open(positions);
        Map<Integer, long[][]> joins = new java.util.HashMap<>();
        for (int k = 0; k < logSizes.length; k++) {
            int[] at = FriVerifier.positionsAt(positions, logSizes[k]);
            long[][] values = new long[at.length][2];
            for (int q = 0; q < at.length; q++) {
                for (int d = 0; d < 2; d++) {
                    values[q][d] = inputs.get(k).evaluations()[d][at[q]];
                }
            }
            joins.put(logSizes[k], values);
        }
        FriVerifier java = new FriVerifier(options, QuadraticExtension.INSTANCE, SHA256, shift, logRate, logSizes);
        Transcript verifier = new Transcript(SHA256, "fri-test");
        verifier.absorbLongs("seed", seedWords);
        java.readCommitments(proof, verifier);
        java.verifyQueries(proof, positions, joins);
        Case honest = new Case(java.layout(), seedWords, 2, shift, queries, proof, joins, true);
        assertTrue(onChain(honest), "the contract accepts the batched proof");
        Map<Integer, long[][]> wrong = new java.util.HashMap<>(joins);
        long[][] small = Arrays.stream(joins.get(7)).map(long[]::clone).toArray(long[][]::new);
        small[0][1] = Goldilocks.add(small[0][1], 1);
        wrong.put(7, small);
        assertFalse(onChain(new Case(honest.layout(), seedWords, 2, shift, queries, proof, wrong, false)),
                "a changed value of the smallest function");
    }

    /** Evaluations [degree][2^logSize] of a random polynomial of degree below 2^logBound on shift <w>. */
    private static long[][] lowDegree(SplittableRandom r, int logSize, int logBound, int degree, long shift) {
        int n = 1 << logSize;
        long omega = Goldilocks.rootOfUnity(logSize);
        long[][] evaluations = new long[degree][n];
        for (int d = 0; d < degree; d++) {
            long[] coefficients = new long[1 << logBound];
            for (int i = 0; i < coefficients.length; i++) {
                coefficients[i] = Goldilocks.reduce(r.nextLong());
            }
            long x = shift;
            for (int i = 0; i < n; i++) {
                long acc = 0;
                for (int c = coefficients.length - 1; c >= 0; c--) {
                    acc = Goldilocks.add(Goldilocks.mul(acc, x), coefficients[c]);
                }
                evaluations[d][i] = acc;
                x = Goldilocks.mul(x, omega);
            }
        }
        return evaluations;
    }

    private static Case withProof(Case c, FriProof proof) {
        return new Case(c.layout(), c.seed(), c.degree(), c.shift(), c.queries(), proof, c.joins(), false);
    }
}
