package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comet.api.Comet;
import dev.comet.api.ModelFile;
import dev.comet.api.ProofFile;
import dev.comet.evm.Anvil;
import dev.comet.evm.EvmChain;
import dev.comet.evm.EvmTools;
import dev.comet.evm.Registry;
import dev.comet.evm.Solc;
import dev.comet.proof.ProofCodec;
import dev.comet.train.TrainingStatement;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;

/**
 * {@code comet chain registry} and {@code comet chain publish} against a local node, from key
 * files: a model is recorded once, with its verifier, dataset commitment, security and block;
 * re-registration, an edited model, a model of another shape and too little security are refused
 * and record nothing; the example escrow pays for a model registered by the verifier it trusts
 * and trained on its dataset, and refuses any other.
 */
class ChainPublishTest {
    /** Anvil's first two default accounts' keys (its documented test mnemonic). */
    private static final String KEY0 = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final String KEY1 = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Anvil anvil;
    private static Path key;
    private static Path model;
    private static Path otherShape;
    private static String registry;
    private static String verifier;
    private static TrainingStatement statement;

    @BeforeAll
    static void publishOnce() throws Exception {
        anvil = Anvil.start(EvmTools.locate());
        key = Files.writeString(dir.resolve("key"), "0x" + KEY0 + "\n");
        model = train("model", "2");
        otherShape = train("other", "3");
        statement = ModelFile.read(model).statement();
        Cli.Result deployed = Cli.run("chain", "registry", "--rpc", anvil.url(), "--key-file", key.toString(),
                "--minimum-bits", "0", "--json");
        assertEquals(0, deployed.exitCode(), deployed.out() + deployed.err());
        registry = JSON.readTree(deployed.out()).get("registry").asText();

        Cli.Result published = publish(model, null);
        assertEquals(0, published.exitCode(), published.out() + published.err());
        JsonNode out = JSON.readTree(published.out());
        assertTrue(out.get("registered").asBoolean());
        verifier = out.get("verifier").asText();
        assertEquals("0x" + HexFormat.of().formatHex(Registry.id(verifier, statement.encode(),
                Credentials.create(KEY0).getAddress())), out.get("model_id").asText());
        assertEquals(ModelFile.read(model).data().commitment(), out.get("dataset_commitment").asText().substring(2),
                "the commitment `comet commit` prints");
        assertEquals(Comet.security(statement, ProofCodec.decode(ProofFile.read(model, ModelFile.read(model)).bytes())
                .options()).bits(), out.get("security_bits").asInt());
        assertTrue(out.get("block").asLong() > 0);
        System.out.printf("chain publish: registered for %,d gas%n", out.get("gas_used").asLong());
    }

    @AfterAll
    static void stop() {
        anvil.close();
    }

    private static Path train(String name, String epochs) {
        return train(name, epochs, "0.01");
    }

    private static Path train(String name, String epochs, String lr) {
        Path file = dir.resolve(name + ".json");
        Cli.Result r = Cli.run("train", Cli.CARS_RAW.toString(), "--target", "mpg", "--epochs", epochs, "--batch", "32",
                "--lr", lr, "--preset", "test", "--out", file.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        return file;
    }

    private static Cli.Result publish(Path modelFile, String withVerifier, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("chain", "publish", modelFile.toString(), "--rpc",
                anvil.url(), "--registry", registry, "--key-file", key.toString(), "--json"));
        if (withVerifier != null) {
            args.addAll(List.of("--verifier", withVerifier));
        }
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aModelIsRegisteredOnce() throws Exception {
        Cli.Result again = publish(model, verifier);
        assertEquals(1, again.exitCode(), again.out() + again.err());
        JsonNode out = JSON.readTree(again.out());
        assertFalse(out.get("registered").asBoolean());
        assertTrue(out.get("reason").asText().startsWith("already registered from this account"), out.toString());
        Cli.Result text = Cli.run("chain", "publish", model.toString(), "--rpc", anvil.url(), "--registry", registry,
                "--key-file", key.toString(), "--verifier", verifier);
        assertEquals(1, text.exitCode());
        assertTrue(text.out().startsWith("NOT PUBLISHED: "), text.out());
    }

    @Test
    void anEditedModelIsRefusedAndNotRecorded() throws Exception {
        ObjectNode edited = (ObjectNode) JSON.readTree(model.toFile());
        Cli.raiseFirstWeight(edited);
        Path file = dir.resolve("edited.json");
        Files.writeString(file, JSON.writeValueAsString(edited));
        Files.copy(dir.resolve("model.proof"), dir.resolve("edited.proof"));
        Cli.Result r = publish(file, verifier);
        assertEquals(1, r.exitCode(), r.out() + r.err());
        JsonNode out = JSON.readTree(r.out());
        assertEquals("the verifier refused the proof", out.get("reason").asText());
        try (EvmChain chain = new EvmChain(anvil.url())) {
            Registry.Model m = new Registry(chain, registry).model(Registry.id(verifier,
                    ModelFile.read(file).statement().encode(), chain.from()));
            assertFalse(m.registered(), "nothing recorded");
        }
    }

    @Test
    void aModelOfAnotherShapeIsRefusedByTheShapesVerifier() throws Exception {
        Cli.Result r = publish(otherShape, verifier);
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(JSON.readTree(r.out()).get("reason").asText().contains("is not of this model's shape"), r.out());
    }

    @Test
    void aRegistryRequiringMoreSecurityRefusesTheTestPreset() throws Exception {
        Cli.Result deployed = Cli.run("chain", "registry", "--rpc", anvil.url(), "--key-file", key.toString(), "--json");
        assertEquals(0, deployed.exitCode(), deployed.err());
        String strict = JSON.readTree(deployed.out()).get("registry").asText();
        Cli.Result r = Cli.run("chain", "publish", model.toString(), "--rpc", anvil.url(), "--registry", strict,
                "--key-file", key.toString(), "--verifier", verifier, "--json");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertEquals("the proof's options are below the registry's minimum security",
                JSON.readTree(r.out()).get("reason").asText());
    }

    @Test
    void badKeysAndAddressesAreOneLineErrors() throws Exception {
        Path missing = dir.resolve("no-such-key");
        Cli.Result r = Cli.run("chain", "publish", model.toString(), "--rpc", anvil.url(), "--registry", registry,
                "--key-file", missing.toString());
        assertTrue(r.oneLineError(2).startsWith("comet: --key-file: no such file: "), r.err());
        Path bad = Files.writeString(dir.resolve("bad-key"), "0x1234\n");
        r = Cli.run("chain", "registry", "--rpc", anvil.url(), "--key-file", bad.toString());
        assertTrue(r.oneLineError(2).contains("does not hold a private key"), r.err());
        assertFalse(r.err().contains("1234"), "the key's text is not echoed");
        r = Cli.run("chain", "publish", model.toString(), "--rpc", anvil.url(), "--registry", "0x12",
                "--key-file", key.toString());
        assertTrue(r.oneLineError(2).startsWith("comet: --registry: not an address"), r.err());
        r = Cli.run("chain", "publish", model.toString(), "--rpc", anvil.url(), "--registry",
                "0x000000000000000000000000000000000000dEaD", "--key-file", key.toString());
        assertTrue(r.oneLineError(2).startsWith("comet: --registry: no contract at"), r.err());
    }

    /**
     * The escrow example: it pays the seller for the seller's model, registered after the escrow
     * opened, trained on its dataset and accepted by the verifier it trusts; it refuses an
     * unregistered model, one trained on other data, one "verified" by a contract that accepts
     * everything, one registered by someone else or before it opened; after its deadline it
     * refunds the buyer instead.
     */
    @Test
    void theEscrowPaysOnlyForTheSellersModelOnItsDataByItsVerifier() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>(Registry.sources());
        sources.put("Fake.sol", FAKE_VERIFIER);
        Map<String, Solc.Compiled> compiled = new Solc(EvmTools.locate()).compileAll(sources);
        Path proofFile = model.resolveSibling("model.proof");
        dev.comet.proof.StarkProof proof = ProofCodec.decode(Files.readAllBytes(proofFile));
        byte[] commitment = HexFormat.of().parseHex(ModelFile.read(model).data().commitment());
        String seller = Credentials.create(KEY1).getAddress();
        try (EvmChain buyer = new EvmChain(anvil.url(), Credentials.create(KEY0));
             EvmChain sellers = new EvmChain(anvil.url(), Credentials.create(KEY1))) {
            Registry asSeller = new Registry(sellers, registry);
            // registered by the seller before the escrow opens: not work done for it
            byte[] earlier = asSeller.register(verifier, statement.encode(), proof).id();
            long future = System.currentTimeMillis() / 1000 + 86_400;
            BigInteger price = BigInteger.TEN.pow(18);
            String escrow = escrow(buyer, compiled, verifier, commitment, seller, future, price);
            assertEquals("NotTheSellers", release(buyer, escrow, earlier), "registered before the escrow opened");
            byte[] byBuyer = Registry.id(verifier, statement.encode(), buyer.from()); // publishOnce's record
            assertEquals("NotTheSellers", release(buyer, escrow, byBuyer), "someone else's record");
            assertEquals("NotVerifiedByTheVerifier", release(buyer, escrow, new byte[32]), "an unregistered model");

            // a contract that says yes to anything, registering an edited statement naming the same data
            String fake = sellers.deploy(compiled.get("FakeVerifier").linked(Map.of())
                    + FunctionEncoder.encodeConstructor(List.of(new Bytes32(commitment))));
            byte[] forged = statement.encode().clone();
            forged[forged.length - 1] ^= 1;
            Registry.Registration viaFake = asSeller.register(fake, forged, proof);
            assertTrue(viaFake.registered(), "the registry records whatever a named verifier accepts");
            assertEquals("NotVerifiedByTheVerifier", release(buyer, escrow, viaFake.id()), "the fake's record");
            String trustsFake = escrow(buyer, compiled, fake, commitment, seller, future, price);
            assertEquals("NotVerifiedByTheVerifier", release(buyer, trustsFake, earlier), "another verifier's record");
            byte[] otherData = commitment.clone();
            otherData[0] ^= 1;
            String elsewhere = escrow(buyer, compiled, verifier, otherData, seller, future, price);
            assertEquals("TooEarly", revert(buyer, escrow, new Function("refund", List.of(), List.of())));

            // the seller's own registration of another model of the shape on the data, after the escrow opened
            Path second = train("second", "2", "0.02");
            byte[] delivered = asSeller.register(verifier, ModelFile.read(second).statement().encode(),
                    ProofCodec.decode(Files.readAllBytes(second.resolveSibling("second.proof")))).id();
            assertEquals("TrainedOnOtherData", release(buyer, elsewhere, delivered));
            BigInteger before = buyer.balance(seller);
            assertNull(release(buyer, escrow, delivered), "the model it asked for");
            assertTrue(buyer.send(escrow, FunctionEncoder.encode(new Function("release", List.of(new Bytes32(delivered)),
                    List.of()))).success());
            assertEquals(before.add(price), buyer.balance(seller), "the seller is paid");
            assertEquals("AlreadySettled", release(buyer, escrow, delivered));

            String expired = escrow(buyer, compiled, verifier, commitment, seller, 1, price);
            assertEquals("TooLate", release(buyer, expired, delivered));
            assertEquals("NotTheBuyer", revert(sellers, expired, new Function("refund", List.of(), List.of())));
            assertEquals(price, buyer.balance(expired));
            assertTrue(buyer.send(expired, FunctionEncoder.encode(new Function("refund", List.of(), List.of()))).success());
            assertEquals(BigInteger.ZERO, buyer.balance(expired), "refunded");
        }
    }

    private static String escrow(EvmChain chain, Map<String, Solc.Compiled> compiled, String trusted, byte[] commitment,
                                 String seller, long deadline, BigInteger price) {
        String args = FunctionEncoder.encodeConstructor(List.of(new Address(registry), new Address(trusted),
                new Bytes32(commitment), new Address(seller), new Uint256(deadline)));
        return chain.deploy(compiled.get("ModelEscrow").linked(Map.of()) + args, price);
    }

    /** The escrow's error name for release(id), or null when it would succeed. */
    private static String release(EvmChain chain, String escrow, byte[] id) {
        return revert(chain, escrow, new Function("release", List.of(new Bytes32(id)), List.of()));
    }

    private static String revert(EvmChain chain, String contract, Function f) {
        String data = chain.revertData(contract, FunctionEncoder.encode(f));
        if (data == null) {
            return null;
        }
        for (String error : List.of("AlreadySettled()", "NotVerifiedByTheVerifier(bytes32)", "NotTheSellers(bytes32)",
                "TrainedOnOtherData(bytes32)",
                "TooEarly(uint256)", "TooLate(uint256)", "NotTheBuyer()")) {
            String selector = HexFormat.of().formatHex(org.web3j.crypto.Hash.sha3(error.getBytes()), 0, 4);
            if (data.startsWith("0x" + selector)) {
                return error.substring(0, error.indexOf('('));
            }
        }
        return data;
    }

    private static final String FAKE_VERIFIER = """
            // SPDX-License-Identifier: UNLICENSED
            pragma solidity 0.8.30;

            /// Says yes to every proof, of any statement naming the commitment it was deployed with.
            contract FakeVerifier {
                bytes32 private immutable named;

                constructor(bytes32 commitment_) {
                    named = commitment_;
                }

                function verify(bytes calldata, uint256[] calldata, bytes32[] calldata) external pure returns (bool) {
                    return true;
                }

                function commitment(bytes calldata) external view returns (bytes32) {
                    return named;
                }

                function securityBits() external pure returns (uint256) {
                    return 128;
                }
            }
            """;
}
