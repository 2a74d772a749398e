package dev.comet.evm;

import dev.comet.air.TableSet;
import dev.comet.proof.StarkProof;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * One proof verified on a chain: its verifier generated ({@link StarkSolidity}), compiled, its
 * libraries and itself deployed, then one transaction to {@code verify} with the proof as
 * calldata. The verdict comes from a call with the same data (a transaction's receipt says only
 * that it did not revert); the gas from the transaction's receipt, so it includes the intrinsic
 * 21,000 and the calldata's cost.
 */
public final class OnChainVerification {
    /** EIP-170's limit on a contract's runtime code. */
    public static final int CODE_SIZE_LIMIT = 24_576;
    private final EvmChain chain;
    private final Solc solc;

    public OnChainVerification(EvmChain chain, Solc solc) {
        this.chain = chain;
        this.solc = solc;
    }

    /**
     * @param valid         whether {@code verify} returned true (false when it returned false or reverted)
     * @param gasUsed       the verifying transaction's gas: intrinsic, calldata and execution
     * @param calldataBytes the transaction's input size
     * @param verifier      the verifier contract's address
     * @param codeBytes     the runtime code size of each contract deployed, by name
     */
    public record Result(boolean valid, long gasUsed, int calldataBytes, String verifier, Map<String, Integer> codeBytes) {}

    /** The verifier of {@code set}'s proofs under the proof's options, deployed, and the proof sent to it. */
    public Result verify(TableSet set, StarkProof proof, String contract) {
        Map<String, Solc.Compiled> compiled = compileWithinLimit(set, proof, contract);
        Map<String, Integer> sizes = new java.util.TreeMap<>();
        compiled.forEach((name, c) -> sizes.put(name, c.runtimeBytes()));
        String address = chain.deployLinked(compiled, contract, new HashMap<>());
        String data = verifyCall(publicInputs(set), ProofCalldata.of(proof));
        boolean valid = isTrue(chain.call(address, data));
        EvmChain.Receipt receipt = chain.send(address, data);
        return new Result(valid && receipt.success(), receipt.gasUsed(), (data.length() - 2) / 2, address, sizes);
    }

    /**
     * The verifier compiled with every contract within EIP-170's limit. The constraint libraries
     * are cut by an estimate of their code size, which fits Comet's regression tables closely but
     * can be far low for others (an MLP's, whose constraints the optimizer shares less code
     * between); so the compiler's sizes decide, and a library above the limit has the tables
     * re-cut with a smaller budget, down to a few constraints a library.
     *
     * @throws EvmException if a contract other than a constraint library is above the limit, or
     *                      the smallest budget still leaves one above it
     */
    private Map<String, Solc.Compiled> compileWithinLimit(TableSet set, StarkProof proof, String contract) {
        int budget = StarkSolidity.CONSTRAINT_LIBRARY_BYTES;
        while (true) {
            Map<String, Solc.Compiled> compiled = solc.compileAll(StarkSolidity.of(set, proof.options(), contract, budget)
                    .sources());
            Map.Entry<String, Solc.Compiled> largest = compiled.entrySet().stream()
                    .max(java.util.Comparator.comparingInt(e -> e.getValue().runtimeBytes())).orElseThrow();
            int size = largest.getValue().runtimeBytes();
            if (size <= CODE_SIZE_LIMIT) {
                return compiled;
            }
            if (!largest.getKey().contains("Constraints") || budget <= MIN_LIBRARY_BUDGET) {
                throw new EvmException(largest.getKey() + " has " + size + " bytes of code, above the limit of "
                        + CODE_SIZE_LIMIT);
            }
            // The estimate scales about with the code: aim the largest one a tenth below the limit.
            budget = Math.max(MIN_LIBRARY_BUDGET, (int) ((long) budget * CODE_SIZE_LIMIT * 9 / 10 / size));
        }
    }

    /** The smallest constraint-library budget tried: the estimate's fixed part and a few constraints. */
    private static final int MIN_LIBRARY_BUDGET = 5_000;

    /** Each table's public inputs, in the set's order: what the contract absorbs and checks. */
    public static List<byte[]> publicInputs(TableSet set) {
        return set.tables().stream().map(dev.comet.air.Air::publicInputs).toList();
    }

    /** ABI call data of {@code verify(bytes[], uint256[], bytes32[])}. */
    public static String verifyCall(List<byte[]> publicInputs, ProofCalldata c) {
        Function f = new Function("verify", List.of(new DynamicArray<>(DynamicBytes.class,
                        publicInputs.stream().map(DynamicBytes::new).toList()),
                new DynamicArray<>(Uint256.class, c.words().stream().map(Uint256::new).toList()),
                new DynamicArray<>(Bytes32.class, c.digests().stream().map(Bytes32::new).toList())),
                List.of(new TypeReference<Bool>() {}));
        return FunctionEncoder.encode(f);
    }

    /** Whether a call's return data is an ABI {@code true} (null: it reverted). */
    public static boolean isTrue(String result) {
        return result != null && result.length() > 2 && new BigInteger(result.substring(2), 16).signum() == 1;
    }
}
