package dev.comet.evm;

import dev.comet.proof.StarkProof;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;

/**
 * {@code CometRegistry.sol} on a chain, from Java: deploying one, registering a model (its
 * statement and proof, verified by a shape's verifier), and reading a model's record. A
 * registration the contract refuses comes back with the name of its custom error.
 */
public final class Registry {
    /** The registry's custom errors, by selector. */
    private static final Map<String, String> ERRORS = errors("AlreadyRegistered(bytes32)",
            "NotAStatementOfTheShape(address)", "ProofRejected(bytes32)", "SecurityTooLow(uint256,uint256)");

    private final EvmChain chain;
    private final String address;

    public Registry(EvmChain chain, String address) {
        this.chain = chain;
        this.address = address;
    }

    public String address() {
        return address;
    }

    /** The registry's source and the example consumer's, by file name. */
    public static Map<String, String> sources() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("CometRegistry.sol", SolidityLibraries.registry());
        out.put("ModelEscrow.sol", SolidityLibraries.escrow());
        return out;
    }

    /** A new registry requiring {@code minimumBits} of conjectured security. */
    public static Registry deploy(EvmChain chain, Solc solc, int minimumBits) {
        Solc.Compiled c = solc.compileAll(sources()).get("CometRegistry");
        String args = FunctionEncoder.encodeConstructor(List.of(new Uint256(minimumBits)));
        return new Registry(chain, chain.deploy(c.linked(Map.of()) + args));
    }

    /** The id of {@code statement}'s record when {@code verifier} accepted it from {@code registrant}: the contract's {@code modelId}. */
    public static byte[] id(String verifier, byte[] statement, String registrant) {
        return Hash.sha3(HexFormat.of().parseHex(FunctionEncoder.encodeConstructor(List.of(new Address(verifier),
                new Bytes32(Hash.sha3(statement)), new Address(registrant)))));
    }

    /**
     * @param registered whether the transaction recorded the model
     * @param error      the registry's error when it did not (AlreadyRegistered, ProofRejected, ...), else null
     */
    public record Registration(boolean registered, byte[] id, long gasUsed, String error) {}

    /** Sends {@code register(verifier, statement, proof)}; a refusal is found by a call first and named. */
    public Registration register(String verifier, byte[] statement, StarkProof proof) {
        ProofCalldata c = ProofCalldata.of(proof);
        String data = FunctionEncoder.encode(new Function("register", List.of(new Address(verifier),
                new DynamicBytes(statement),
                new DynamicArray<>(Uint256.class, c.words().stream().map(Uint256::new).toList()),
                new DynamicArray<>(Bytes32.class, c.digests().stream().map(Bytes32::new).toList())), List.of()));
        byte[] id = id(verifier, statement, chain.from());
        String revert = chain.revertData(address, data);
        if (revert != null) {
            return new Registration(false, id, 0, errorName(revert));
        }
        EvmChain.Receipt receipt = chain.send(address, data);
        return new Registration(receipt.success(), id, receipt.gasUsed(), receipt.success() ? null : "reverted");
    }

    /** A model's record; {@code verifier} is the zero address when it is not registered. */
    public record Model(String verifier, byte[] datasetCommitment, int securityBits, long blockNumber, String registrant) {
        public boolean registered() {
            return !new BigInteger(verifier.substring(2), 16).equals(BigInteger.ZERO);
        }
    }

    public Model model(byte[] id) {
        // a struct of static fields: returned as its five words in order
        Function f = new Function("model", List.of(new Bytes32(id)), List.of(new TypeReference<Address>() {},
                new TypeReference<Bytes32>() {}, new TypeReference<Uint32>() {}, new TypeReference<Uint64>() {},
                new TypeReference<Address>() {}));
        String out = chain.call(address, FunctionEncoder.encode(f));
        if (out == null) {
            throw new EvmException("the registry at " + address + " did not answer model()");
        }
        List<Type> v = FunctionReturnDecoder.decode(out, f.getOutputParameters());
        return new Model(v.get(0).toString(), ((Bytes32) v.get(1)).getValue(),
                ((Uint32) v.get(2)).getValue().intValueExact(), ((Uint64) v.get(3)).getValue().longValueExact(),
                v.get(4).toString());
    }

    /** The registry's error name for revert data, or the data itself when it is none of them. */
    static String errorName(String revert) {
        String hex = revert.startsWith("0x") ? revert.substring(2) : revert;
        return hex.length() >= 8 ? ERRORS.getOrDefault(hex.substring(0, 8), "0x" + hex) : "0x" + hex;
    }

    private static Map<String, String> errors(String... signatures) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : signatures) {
            out.put(HexFormat.of().formatHex(Hash.sha3(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 4),
                    s.substring(0, s.indexOf('(')));
        }
        return out;
    }
}
