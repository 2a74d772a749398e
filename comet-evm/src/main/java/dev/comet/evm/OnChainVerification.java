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
 * One proof verified on a chain: its verifier generated and compiled ({@link VerifierBuild}), its
 * libraries and itself deployed, then one transaction to {@code verify} with the proof as
 * calldata. The verdict comes from a call with the same data (a transaction's receipt says only
 * that it did not revert); the gas from the transaction's receipt, so it includes the intrinsic
 * 21,000 and the calldata's cost.
 */
public final class OnChainVerification {
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
        Map<String, Solc.Compiled> compiled = VerifierBuild.of(set, proof.options(), contract, solc).compiled();
        Map<String, Integer> sizes = new java.util.TreeMap<>();
        compiled.forEach((name, c) -> sizes.put(name, c.runtimeBytes()));
        String address = chain.deployLinked(compiled, contract, new HashMap<>());
        String data = verifyCall(publicInputs(set), ProofCalldata.of(proof));
        boolean valid = isTrue(chain.call(address, data));
        EvmChain.Receipt receipt = chain.send(address, data);
        return new Result(valid && receipt.success(), receipt.gasUsed(), (data.length() - 2) / 2, address, sizes);
    }

    /**
     * The verifier of every statement of {@code statement}'s shape (deployed once per
     * shape: {@link #deploy}), sent the statement and the proof.
     */
    public Result verify(TableSet set, ShapeStatement statement, StarkProof proof, String contract) {
        Deployed verifier = deploy(set, statement, proof.options(), contract);
        return verifyAt(verifier, statement.binding().statement(), proof);
    }

    /** A shape's verifier on the chain: its address and its contracts' code sizes. */
    public record Deployed(String address, Map<String, Integer> codeBytes) {}

    /** The verifier of {@code statement}'s shape under {@code options}, compiled and deployed with its libraries. */
    public Deployed deploy(TableSet set, ShapeStatement statement, dev.comet.proof.ProofOptions options, String contract) {
        Map<String, Solc.Compiled> compiled = VerifierBuild.of(set, options, contract, statement, solc).compiled();
        Map<String, Integer> sizes = new java.util.TreeMap<>();
        compiled.forEach((name, c) -> sizes.put(name, c.runtimeBytes()));
        return new Deployed(chain.deployLinked(compiled, contract, new HashMap<>()), sizes);
    }

    /** {@code statement} and {@code proof} sent to the deployed verifier: its verdict and the transaction's gas. */
    public Result verifyAt(Deployed verifier, byte[] statement, StarkProof proof) {
        String data = statementCall(statement, ProofCalldata.of(proof));
        boolean valid = isTrue(chain.call(verifier.address(), data));
        EvmChain.Receipt receipt = chain.send(verifier.address(), data);
        return new Result(valid && receipt.success(), receipt.gasUsed(), (data.length() - 2) / 2, verifier.address(),
                verifier.codeBytes());
    }

    /** Whether the deployed verifier accepts {@code statement} and {@code proof}, by a call (no transaction). */
    public boolean accepts(Deployed verifier, byte[] statement, StarkProof proof) {
        return isTrue(chain.call(verifier.address(), statementCall(statement, ProofCalldata.of(proof))));
    }

    /** ABI call data of a shape's verifier's {@code verify(bytes, uint256[], bytes32[])}. */
    public static String statementCall(byte[] statement, ProofCalldata c) {
        Function f = new Function("verify", List.of(new DynamicBytes(statement),
                new DynamicArray<>(Uint256.class, c.words().stream().map(Uint256::new).toList()),
                new DynamicArray<>(Bytes32.class, c.digests().stream().map(Bytes32::new).toList())),
                List.of(new TypeReference<Bool>() {}));
        return FunctionEncoder.encode(f);
    }

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
