package dev.comet.cli;

import dev.comet.air.TableSet;
import dev.comet.api.ModelFile;
import dev.comet.api.ProofFile;
import dev.comet.evm.Anvil;
import dev.comet.evm.EvmChain;
import dev.comet.evm.EvmException;
import dev.comet.evm.EvmTools;
import dev.comet.evm.OnChainVerification;
import dev.comet.evm.Solc;
import dev.comet.proof.MalformedProofException;
import dev.comet.proof.ProofCodec;
import dev.comet.proof.StarkProof;
import dev.comet.train.TrainingAir;
import dev.comet.train.TrainingStatement;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code comet chain}: a model's proof verified by a contract on an EVM chain. */
@Command(name = "chain", mixinStandardHelpOptions = true, description = "Verify a model's proof on an EVM chain.",
        subcommands = {ChainCommand.Verify.class})
final class ChainCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: verify");
    }

    /**
     * {@code comet chain verify}: generates the verifier of the model's statement, deploys it with
     * its libraries (on a local anvil node started for the purpose unless {@code --rpc} names
     * one) and sends the proof to it in one transaction: VALID (exit 0) or INVALID (exit 1), with
     * the transaction's gas.
     */
    /** EIP-7825's cap on one transaction's gas (2^24), in force on Ethereum from the Osaka hardfork on. */
    static final long TRANSACTION_GAS_CAP = 16_777_216L;

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Deploy the verifier of MODEL.json's statement on an EVM chain (a local anvil node unless --rpc"
                    + " is given) and verify its proof there in one transaction; prints the gas it used.")
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL.json")
        Path modelFile;

        @Option(names = "--rpc", paramLabel = "URL", description = "JSON-RPC endpoint of a node with an unlocked account"
                + " (default: start a local anvil node at the Prague hardfork)")
        String rpc;

        @Option(names = "--json", description = "print one JSON object")
        boolean json;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            ModelFile model = ModelFiles.read(modelFile);
            TrainingStatement statement = ModelFiles.statement(modelFile, model);
            ProofFile proofFile = ModelFiles.proof(modelFile, model);
            StarkProof proof;
            try {
                proof = ProofCodec.decode(proofFile.bytes());
            } catch (MalformedProofException e) {
                return report(null, "the proof cannot be decoded: " + e.getMessage(), start);
            }
            if (proof.options().extensionDegree() != 2) {
                throw new UserError(modelFile + ": the proof is over the degree-" + proof.options().extensionDegree()
                        + " extension; the on-chain verifier covers the quadratic extension (presets test and default)");
            }
            TableSet tables = TrainingAir.forVerifier(statement).tables();
            try {
                EvmTools tools = EvmTools.locate();
                OnChainVerification.Result result;
                if (rpc == null) {
                    try (Anvil anvil = Anvil.start(tools); EvmChain chain = new EvmChain(anvil.url())) {
                        result = new OnChainVerification(chain, new Solc(tools)).verify(tables, proof, "CometVerifier");
                    }
                } else {
                    try (EvmChain chain = new EvmChain(rpc)) {
                        result = new OnChainVerification(chain, new Solc(tools)).verify(tables, proof, "CometVerifier");
                    }
                }
                return report(result, result.valid() ? null : "the contract refused the proof", start);
            } catch (EvmException e) {
                throw new UserError("chain verify: " + e.getMessage(), CometCli.EXIT_INTERNAL);
            } catch (IllegalArgumentException e) {
                throw new UserError(modelFile + ": " + e.getMessage());
            }
        }

        private int report(OnChainVerification.Result result, String reason, long start) {
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean valid = result != null && result.valid();
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("valid", valid);
                out.put("reason", reason);
                out.put("model", modelFile.toString());
                out.put("node", rpc == null ? "anvil (local, " + Anvil.HARDFORK + ")" : rpc);
                out.put("gas_used", result == null ? null : result.gasUsed());
                out.put("within_transaction_cap", result == null ? null : result.gasUsed() <= TRANSACTION_GAS_CAP);
                out.put("calldata_bytes", result == null ? null : result.calldataBytes());
                out.put("verifier", result == null ? null : result.verifier());
                out.put("code_bytes", result == null ? null : result.codeBytes());
                out.put("seconds", Math.round(seconds * 10) / 10.0);
                System.out.println(Json.write(out));
            } else if (valid) {
                System.out.printf(Locale.ROOT, "VALID on chain: %s verified by contract %s in one transaction of %,d gas"
                                + " (intrinsic, calldata and execution), %,d bytes of calldata, %s, %.1f s%n",
                        modelFile, result.verifier(), result.gasUsed(), result.calldataBytes(),
                        rpc == null ? "local anvil (" + Anvil.HARDFORK + ")" : rpc, seconds);
                if (result.gasUsed() > TRANSACTION_GAS_CAP) {
                    System.out.printf(Locale.ROOT, "note: above EIP-7825's cap of %,d gas a transaction (Osaka), so not"
                            + " verifiable in one transaction there; the local node allows more so that it can be measured%n",
                            TRANSACTION_GAS_CAP);
                }
            } else {
                System.out.printf("INVALID on chain: %s%s%n", reason,
                        result == null ? "" : String.format(Locale.ROOT, " (%,d gas)", result.gasUsed()));
            }
            return valid ? CometCli.EXIT_OK : CometCli.EXIT_INVALID;
        }
    }
}
