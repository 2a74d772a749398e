package dev.comet.cli;

import dev.comet.air.TableSet;
import dev.comet.api.ModelFile;
import dev.comet.api.ProofFile;
import dev.comet.evm.Anvil;
import dev.comet.evm.EvmChain;
import dev.comet.evm.EvmException;
import dev.comet.evm.EvmTools;
import dev.comet.evm.OnChainVerification;
import dev.comet.evm.Registry;
import dev.comet.evm.ShapeStatement;
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
@Command(name = "chain", mixinStandardHelpOptions = true,
        description = "Verify a model's proof on an EVM chain, deploy a registry of verified models, publish a model in one.",
        subcommands = {ChainCommand.Verify.class, ChainCommand.DeployRegistry.class, ChainCommand.Publish.class})
final class ChainCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: verify, registry, publish");
    }

    /** EIP-7825's cap on one transaction's gas (2^24), in force on Ethereum from the Osaka hardfork on. */
    static final long TRANSACTION_GAS_CAP = 16_777_216L;

    /**
     * {@code comet chain verify}: generates the verifier of the model's shape, deploys it with
     * its libraries (on a local anvil node started for the purpose unless {@code --rpc} names
     * one) and sends the statement and the proof to it in one transaction: VALID (exit 0) or
     * INVALID (exit 1), with the transaction's gas.
     */

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Deploy the verifier of MODEL.json's shape on an EVM chain (a local anvil node unless --rpc"
                    + " is given) and verify its statement and proof there in one transaction; prints the gas it used.")
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
            requireQuadratic(modelFile, proof);
            TableSet tables = TrainingAir.forVerifier(statement).tables();
            ShapeStatement shape = TrainingShapes.of(tables, statement);
            try {
                EvmTools tools = EvmTools.locate();
                OnChainVerification.Result result;
                if (rpc == null) {
                    try (Anvil anvil = Anvil.start(tools); EvmChain chain = new EvmChain(anvil.url())) {
                        result = new OnChainVerification(chain, new Solc(tools)).verify(tables, shape, proof, "CometVerifier");
                    }
                } else {
                    try (EvmChain chain = new EvmChain(rpc)) {
                        result = new OnChainVerification(chain, new Solc(tools)).verify(tables, shape, proof, "CometVerifier");
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

    /** {@code comet chain registry}: a new {@code CometRegistry}, deployed from the key file's account. */
    @Command(name = "registry", mixinStandardHelpOptions = true,
            description = "Deploy a CometRegistry of verified models on the chain at --rpc, from the account of --key-file;"
                    + " prints its address.")
    static final class DeployRegistry implements Callable<Integer> {
        @Option(names = "--rpc", required = true, paramLabel = "URL", description = "JSON-RPC endpoint")
        String rpc;

        @Option(names = "--key-file", required = true, paramLabel = "KEY",
                description = "file holding the deploying account's private key, 64 hex digits")
        Path keyFile;

        @Option(names = "--minimum-bits", paramLabel = "N", defaultValue = "100",
                description = "least conjectured security a registration needs (default: ${DEFAULT-VALUE})")
        int minimumBits;

        @Option(names = "--json", description = "print one JSON object")
        boolean json;

        @Override
        public Integer call() {
            if (minimumBits < 0 || minimumBits > 256) {
                throw new UserError("--minimum-bits must be 0 to 256, got " + minimumBits);
            }
            org.web3j.crypto.Credentials key = KeyFile.read(keyFile);
            try (EvmChain chain = new EvmChain(rpc, key)) {
                Registry registry = Registry.deploy(chain, new Solc(EvmTools.locate()), minimumBits);
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("registry", registry.address());
                    out.put("minimum_bits", minimumBits);
                    out.put("deployer", chain.from());
                    System.out.println(Json.write(out));
                } else {
                    System.out.printf("registry %s deployed by %s (minimum %d bits)%n", registry.address(), chain.from(),
                            minimumBits);
                }
                return CometCli.EXIT_OK;
            } catch (EvmException e) {
                throw new UserError("chain registry: " + e.getMessage(), CometCli.EXIT_INTERNAL);
            }
        }
    }

    /**
     * {@code comet chain publish}: the model's statement and proof sent to the registry, which has
     * the verifier of the model's shape check them and records the model. The verifier is the one
     * at {@code --verifier}, or one deployed for the purpose (its address printed, for the next
     * model of the shape and for consumers to audit).
     */
    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Verify MODEL.json's proof on chain with the verifier of its shape and record the model in the"
                    + " registry at --registry; exit 0 when recorded, 1 when the registry refuses it.")
    static final class Publish implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL.json")
        Path modelFile;

        @Option(names = "--rpc", required = true, paramLabel = "URL", description = "JSON-RPC endpoint")
        String rpc;

        @Option(names = "--registry", required = true, paramLabel = "ADDRESS", description = "the CometRegistry")
        String registryAddress;

        @Option(names = "--key-file", required = true, paramLabel = "KEY",
                description = "file holding the sending account's private key, 64 hex digits")
        Path keyFile;

        @Option(names = "--verifier", paramLabel = "ADDRESS",
                description = "a deployed verifier of the model's shape (default: deploy one)")
        String verifierAddress;

        @Option(names = "--json", description = "print one JSON object")
        boolean json;

        @Override
        public Integer call() {
            requireAddress("--registry", registryAddress);
            if (verifierAddress != null) {
                requireAddress("--verifier", verifierAddress);
            }
            org.web3j.crypto.Credentials key = KeyFile.read(keyFile);
            ModelFile model = ModelFiles.read(modelFile);
            TrainingStatement statement = ModelFiles.statement(modelFile, model);
            StarkProof proof;
            try {
                proof = ProofCodec.decode(ModelFiles.proof(modelFile, model).bytes());
            } catch (MalformedProofException e) {
                throw new UserError(modelFile + ": the proof cannot be decoded: " + e.getMessage(), CometCli.EXIT_INVALID);
            }
            requireQuadratic(modelFile, proof);
            TableSet tables = TrainingAir.forVerifier(statement).tables();
            ShapeStatement shape = TrainingShapes.of(tables, statement);
            try (EvmChain chain = new EvmChain(rpc, key)) {
                if (!chain.hasCode(registryAddress)) {
                    throw new UserError("--registry: no contract at " + registryAddress);
                }
                if (verifierAddress != null && !chain.hasCode(verifierAddress)) {
                    throw new UserError("--verifier: no contract at " + verifierAddress);
                }
                String verifier = verifierAddress != null ? verifierAddress
                        : new OnChainVerification(chain, new Solc(EvmTools.locate()))
                                .deploy(tables, shape, proof.options(), "CometVerifier").address();
                Registry registry = new Registry(chain, registryAddress);
                Registry.Registration r = registry.register(verifier, shape.binding().statement(), proof);
                Registry.Model recorded = registry.model(r.id());
                return report(r, recorded, verifier);
            } catch (EvmException e) {
                throw new UserError("chain publish: " + e.getMessage(), CometCli.EXIT_INTERNAL);
            } catch (IllegalArgumentException e) {
                throw new UserError(modelFile + ": " + e.getMessage());
            }
        }

        private int report(Registry.Registration r, Registry.Model recorded, String verifier) {
            String id = "0x" + java.util.HexFormat.of().formatHex(r.id());
            String reason = r.registered() ? null : switch (r.error()) {
                case "AlreadyRegistered" -> "already registered from this account with verifier " + recorded.verifier()
                        + " at block " + recorded.blockNumber();
                case "ProofRejected" -> "the verifier refused the proof";
                case "NotAStatementOfTheShape" -> "the verifier " + verifier + " is not of this model's shape";
                case "SecurityTooLow" -> "the proof's options are below the registry's minimum security";
                default -> "the registry refused it (" + r.error() + ")";
            };
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("registered", r.registered());
                out.put("reason", reason);
                out.put("model_id", id);
                out.put("registry", registryAddress);
                out.put("verifier", verifier);
                out.put("dataset_commitment", "0x" + java.util.HexFormat.of().formatHex(recorded.datasetCommitment()));
                out.put("security_bits", recorded.securityBits());
                out.put("block", recorded.blockNumber());
                out.put("gas_used", r.gasUsed());
                System.out.println(Json.write(out));
            } else if (r.registered()) {
                System.out.printf(Locale.ROOT, "PUBLISHED: %s as model %s in registry %s, verified by %s (%d bits) at"
                                + " block %d, %,d gas%n", modelFile, id, registryAddress, verifier,
                        recorded.securityBits(), recorded.blockNumber(), r.gasUsed());
            } else {
                System.out.printf("NOT PUBLISHED: %s: %s (model %s)%n", modelFile, reason, id);
            }
            return r.registered() ? CometCli.EXIT_OK : CometCli.EXIT_INVALID;
        }
    }

    /** The on-chain verifier covers the quadratic extension: a proof over another is the user's to re-make. */
    private static void requireQuadratic(Path modelFile, StarkProof proof) {
        if (proof.options().extensionDegree() != 2) {
            throw new UserError(modelFile + ": the proof is over the degree-" + proof.options().extensionDegree()
                    + " extension; the on-chain verifier covers the quadratic extension (presets test and default)");
        }
    }

    private static void requireAddress(String option, String address) {
        if (!address.matches("0x[0-9a-fA-F]{40}")) {
            throw new UserError(option + ": not an address (0x and 40 hex digits): " + address);
        }
    }
}
