package dev.comet.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.air.Air;
import dev.comet.examples.ExampleAirs;
import dev.comet.proof.ProofOptions;
import dev.comet.proof.StarkProof;
import dev.comet.prover.StarkProver;
import dev.comet.verifier.StarkVerifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * A whole STARK proof verified on chain: the generated verifier of an example AIR, in anvil,
 * accepts the Java prover's proofs and refuses tampered ones, with the Java verifier's verdict.
 */
class StarkSolidityTest {
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

    private static String call(ProofCalldata c, byte[] publicInputs, String function) {
        return call(c, List.of(publicInputs), function);
    }

    private static String call(ProofCalldata c, List<byte[]> publicInputs, String function) {
        Function f = new Function(function, List.of(new DynamicArray<>(DynamicBytes.class,
                        publicInputs.stream().map(DynamicBytes::new).toList()),
                new DynamicArray<>(Uint256.class, c.words().stream().map(Uint256::new).toList()),
                new DynamicArray<>(Bytes32.class, c.digests().stream().map(Bytes32::new).toList())),
                List.of(new TypeReference<Bool>() {}));
        return FunctionEncoder.encode(f);
    }

    private static boolean onChain(String address, ProofCalldata c, byte[] publicInputs) {
        String result = chain.call(address, call(c, publicInputs, "verify"));
        return result != null && new BigInteger(result.substring(2), 16).signum() == 1;
    }

    /**
     * {@code trials} proofs mutated at random (a word of the calldata or a bit of a digest, in
     * every section, and one trial in four aimed at the commitment rounds: a word of a table's
     * opened rows or a bit of a round's sibling): the contract's verdict is the Java verifier's on
     * the same mutated proof. Returns how many the Java verifier accepted.
     */
    private static int agreeOnMutations(StarkSolidity verifier, ProofOptions options, String address,
                                        ProofCalldata honest, List<byte[]> inputs, int trials, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        CalldataSections sections = CalldataSections.of(honest);
        int accepted = 0;
        for (int trial = 0; trial < trials; trial++) {
            int kind = r.nextInt(4);
            boolean aimed = kind == 3;
            boolean word = aimed ? r.nextBoolean() : kind > 0;
            ProofCalldata mutated;
            if (word) {
                int i = aimed ? sections.roundValueWords().get(r.nextInt(sections.roundValueWords().size()))
                        : r.nextInt(honest.words().size());
                BigInteger delta = BigInteger.valueOf(1 + r.nextInt(3));
                mutated = withWord(honest, i, honest.words().get(i).add(delta.shiftLeft(64 * r.nextInt(4)))
                        .mod(BigInteger.ONE.shiftLeft(256))); // any lane of a packed word
            } else {
                List<byte[]> digests = new ArrayList<>(honest.digests());
                int i = aimed ? sections.firstRoundSibling() + r.nextInt(sections.roundSiblings())
                        : r.nextInt(digests.size());
                byte[] d = digests.get(i).clone();
                d[r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
                digests.set(i, d);
                mutated = new ProofCalldata(honest.words(), digests);
            }
            boolean java = mutated.javaVerdict(verifier.tableSet(), options);
            String answer = chain.call(address, call(mutated, inputs, "verify"));
            assertEquals(java, OnChainVerification.isTrue(answer), "trial " + trial);
            accepted += java ? 1 : 0;
        }
        return accepted;
    }

    /**
     * A table whose pairs are looked up in a fixed table (periodic columns of its whole height,
     * which the contract evaluates at the out-of-domain point), with Java's verdict on 30 mutated
     * proofs.
     */
    @org.junit.jupiter.api.Test
    void aProofReadingAFixedTableVerifies() {
        int logRows = 6;
        ProofOptions options = ProofOptions.test();
        dev.comet.air.TableSet set = new dev.comet.air.TableSet("comet/example/fixed",
                List.of(new dev.comet.examples.FixedFunctionTables.PairTable(logRows),
                        dev.comet.examples.FixedFunctionTables.table()));
        StarkProof proof = new StarkProver(options).prove(set, dev.comet.examples.FixedFunctionTables.traces(logRows, 3));
        assertTrue(new StarkVerifier(0).verify(set, proof).valid(), "Java accepts");
        OnChainVerification.Result result = new OnChainVerification(chain, new Solc(tools)).verify(set, proof, "Verifier");
        assertTrue(result.valid(), "the contract accepts");
        System.out.printf("fixed table (2^8 rows) read by 2^%d pairs, test: verified on chain, gas %,d, calldata %,d bytes%n",
                logRows, result.gasUsed(), result.calldataBytes());
        StarkSolidity verifier = StarkSolidity.of(set, options, "Verifier");
        int accepted = agreeOnMutations(verifier, options, result.verifier(), ProofCalldata.of(proof),
                OnChainVerification.publicInputs(set), 30, 17);
        assertTrue(accepted < 30, "the mutations change verdicts");
    }

    /**
     * A proof made with the fixed table changed at a row that a pair looks up: the contract of the
     * true table rejects it, the contract generated for the changed table accepts it, so the
     * contract's own table (its coefficients and its digest) is what catches the cheat.
     */
    @org.junit.jupiter.api.Test
    void aProofWithASubstitutedFixedTableIsRejectedOnChain() {
        long[][] changed = dev.comet.examples.FixedFunctionTables.columns();
        changed[1][7] = dev.comet.field.Goldilocks.add(changed[1][7], 1);
        dev.comet.air.FixedTable cheating = new dev.comet.air.FixedTable(dev.comet.examples.FixedFunctionTables.NAME, 0, 1,
                changed);
        List<dev.comet.air.TraceTable> traces = dev.comet.examples.FixedFunctionTables.traces(6, 4);
        dev.comet.air.TraceTable pairs = traces.get(0);
        pairs.set(0, 0, 7);
        pairs.set(1, 0, changed[1][7]);
        long[] m = new long[1 << dev.comet.examples.FixedFunctionTables.LOG_ROWS];
        for (int r = 0; r < pairs.length(); r++) {
            m[(int) pairs.get(0, r)]++;
        }
        dev.comet.air.TableSet cheatingSet = new dev.comet.air.TableSet("comet/example/fixed",
                List.of(new dev.comet.examples.FixedFunctionTables.PairTable(6), cheating));
        dev.comet.air.TableSet trueSet = new dev.comet.air.TableSet("comet/example/fixed",
                List.of(new dev.comet.examples.FixedFunctionTables.PairTable(6), dev.comet.examples.FixedFunctionTables.table()));
        StarkProof proof = new StarkProver(ProofOptions.test(), dev.comet.prover.ProverSettings.defaults().withoutSelfCheck())
                .prove(cheatingSet, List.of(pairs, cheating.trace(m)));
        OnChainVerification onChain = new OnChainVerification(chain, new Solc(tools));
        assertFalse(onChain.verify(trueSet, proof, "TrueTable").valid(), "the true table's contract rejects");
        assertTrue(onChain.verify(cheatingSet, proof, "ChangedTable").valid(), "control: the changed table's contract accepts");
    }

    private static ProofCalldata withWord(ProofCalldata c, int index, BigInteger value) {
        List<BigInteger> w = new ArrayList<>(c.words());
        w.set(index, value);
        return new ProofCalldata(w, c.digests());
    }

    /**
     * 60 proofs mutated at random (a word of the calldata or a bit of a digest, in every section):
     * the contract's verdict is the Java verifier's on the same mutated proof every time.
     */
    @org.junit.jupiter.api.Test
    void theContractAndTheJavaVerifierAgreeOnMutatedProofs() {
        ExampleAirs.Instance instance = ExampleAirs.create("range", 16, 0);
        Air air = instance.air();
        ProofOptions options = ProofOptions.test();
        StarkProof proof = new StarkProver(options).prove(air, instance.trace());
        StarkSolidity verifier = StarkSolidity.of(air, options, "Verifier");
        String address = chain.deployLinked(new Solc(tools).compileAll(verifier.sources()), "Verifier",
                new java.util.HashMap<>());
        ProofCalldata honest = ProofCalldata.of(proof);
        assertTrue(honest.javaVerdict(verifier.tableSet(), options) && onChain(address, honest, air.publicInputs()),
                "the honest proof, read back, verifies on both");
        int accepted = agreeOnMutations(verifier, options, address, honest, List.of(air.publicInputs()), 60, 11);
        assertTrue(accepted < 60, "the mutations change verdicts");
    }

    /**
     * A proof of four tables of three heights (value tables of 2^8, 2^6 and 2^7 rows whose values
     * are all looked up in one range table of its own height): the LogUp totals cancel across tables,
     * each table's quotient joins FRI at its own domain. On chain as in Java, and mutated proofs
     * get Java's verdict.
     */
    @org.junit.jupiter.api.Test
    void aProofOfSeveralTablesOfDifferentHeightsVerifies() {
        dev.comet.examples.LookupTables.Instance instance = dev.comet.examples.LookupTables.create(new int[] {8, 6, 7}, 8, 3);
        dev.comet.air.TableSet set = instance.set();
        ProofOptions options = ProofOptions.test();
        StarkProof proof = new StarkProver(options).prove(set, instance.traces());
        assertTrue(new StarkVerifier(0).verify(set, proof).valid(), "Java accepts");
        StarkSolidity verifier = StarkSolidity.of(set, options, "Verifier");
        java.util.Map<String, Solc.Compiled> compiled = new Solc(tools).compileAll(verifier.sources());
        for (String contract : List.of("Verifier", "CometFri", "CometDeep")) {
            int size = compiled.get(contract).runtimeBytes();
            assertTrue(size <= 24_576, contract + " within the code size limit: " + size);
        }
        String address = chain.deployLinked(compiled, "Verifier", new java.util.HashMap<>());
        ProofCalldata calldata = ProofCalldata.of(proof);
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            inputs.add(set.table(i).publicInputs());
        }
        String data = call(calldata, inputs, "verify");
        String result = chain.call(address, data);
        assertTrue(result != null && new BigInteger(result.substring(2), 16).signum() == 1, "the contract accepts");
        EvmChain.Receipt receipt = chain.send(address, data);
        assertTrue(receipt.success());
        System.out.printf("4 tables (2^8, 2^6, 2^7 value tables, a range table), test: verified on chain, gas %,d, calldata %,d bytes%n",
                receipt.gasUsed(), (data.length() - 2) / 2);
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int trial = 0; trial < 20; trial++) {
            int i = r.nextInt(calldata.words().size());
            ProofCalldata mutated = withWord(calldata, i, calldata.words().get(i).add(BigInteger.ONE));
            String answer = chain.call(address, call(mutated, inputs, "verify"));
            boolean contract = answer != null && new BigInteger(answer.substring(2), 16).signum() == 1;
            assertEquals(mutated.javaVerdict(verifier.tableSet(), options), contract, "word " + i);
        }
    }

    @org.junit.jupiter.api.Test
    void airsBeyondThisFirstVerifierAreRefusedAtGeneration() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StarkSolidity.of(ExampleAirs.create("fib", 6, 0).air(), ProofOptions.high(), "Verifier"));
    }

    @ParameterizedTest(name = "{0}, 2^{1} rows, preset {2}")
    @CsvSource({"fib, 6, test", "fib, 10, test", "fib, 8, default", "range, 16, test", "mimc, 7, test"})
    void theGeneratedVerifierAgreesWithTheJavaOne(String name, int logRows, String preset) {
        ExampleAirs.Instance instance = ExampleAirs.create(name, logRows, 0);
        Air air = instance.air();
        ProofOptions options = ProofOptions.preset(preset);
        StarkProof proof = new StarkProver(options).prove(air, instance.trace());
        assertTrue(new StarkVerifier(0).verify(air, proof).valid(), "Java accepts");
        StarkSolidity verifier = StarkSolidity.of(air, options, "Verifier");
        java.util.Map<String, Solc.Compiled> compiled = new Solc(tools).compileAll(verifier.sources());
        for (String contract : List.of("Verifier", "CometFri")) {
            int size = compiled.get(contract).runtimeBytes();
            assertTrue(size <= 24_576, contract + " within the code size limit: " + size);
        }
        String address = chain.deployLinked(compiled, "Verifier", new java.util.HashMap<>());
        ProofCalldata calldata = ProofCalldata.of(proof);
        byte[] publicInputs = air.publicInputs();
        assertTrue(onChain(address, calldata, publicInputs), "the contract accepts the proof");

        byte[] otherInputs = publicInputs.clone();
        otherInputs[otherInputs.length - 1] ^= 1;
        assertFalse(onChain(address, calldata, otherInputs), "another statement");
        int ood = CalldataSections.SET_WORDS + 1; // past the first table's frame count
        assertFalse(onChain(address, withWord(calldata, ood, calldata.words().get(ood).add(BigInteger.ONE)), publicInputs),
                "a changed out-of-domain value");
        int nonce = calldata.words().size() - 1;
        assertFalse(onChain(address, withWord(calldata, nonce, calldata.words().get(nonce).add(BigInteger.ONE)),
                publicInputs), "another proof-of-work nonce");
        int composition = CalldataSections.of(calldata).firstComposition();
        assertFalse(onChain(address, withWord(calldata, composition, calldata.words().get(composition).add(BigInteger.ONE)),
                publicInputs), "a changed opened composition value");
        ProofCalldata truncated = new ProofCalldata(calldata.words().subList(0, calldata.words().size() - 1),
                calldata.digests());
        assertFalse(onChain(address, truncated, publicInputs), "a truncated proof");
        assertFalse(truncated.javaVerdict(verifier.tableSet(), options), "a truncated proof, in Java");
        List<byte[]> digests = new ArrayList<>(calldata.digests());
        byte[] root = digests.get(0).clone();
        root[3] ^= 1;
        digests.set(0, root);
        assertFalse(onChain(address, new ProofCalldata(calldata.words(), digests), publicInputs),
                "another main root");

        String measure = call(calldata, publicInputs, "verify");
        EvmChain.Receipt receipt = chain.send(address, measure);
        assertTrue(receipt.success());
        System.out.printf("%s 2^%d rows, %s: verified on chain, gas %,d (transaction total), calldata %,d bytes%n", name,
                logRows, preset, receipt.gasUsed(), (measure.length() - 2) / 2);
        assertEquals(true, receipt.success());
    }
}
