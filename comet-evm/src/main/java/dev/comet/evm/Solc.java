package dev.comet.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The pinned solc-js, run through {@code evm/compile.mjs}: Solidity to deployable bytecode, for the Prague EVM. */
public final class Solc {
    public static final String EVM_VERSION = "prague";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EvmTools tools;

    public Solc(EvmTools tools) {
        this.tools = tools;
    }

    /** A compiled contract: creation bytecode and the size of its runtime code. */
    public record Compiled(String bytecode, int runtimeBytes) {}

    /**
     * Compiles {@code sources} (file name to text) with the optimizer and returns {@code contract}.
     *
     * @throws EvmException with the compiler's first error
     */
    public Compiled compile(Map<String, String> sources, String contract) {
        ObjectNode input = JSON.createObjectNode();
        input.put("language", "Solidity");
        ObjectNode src = input.putObject("sources");
        sources.forEach((name, text) -> src.putObject(name).put("content", text));
        ObjectNode settings = input.putObject("settings");
        settings.put("evmVersion", EVM_VERSION);
        settings.putObject("optimizer").put("enabled", true).put("runs", 200);
        settings.put("viaIR", false);
        settings.putObject("outputSelection").putObject("*").putArray("*")
                .add("evm.bytecode.object").add("evm.deployedBytecode.object");
        JsonNode output = run(input.toString());
        for (JsonNode error : output.path("errors")) {
            if ("error".equals(error.path("severity").asText())) {
                JsonNode at = error.path("sourceLocation");
                throw new EvmException("solc: " + error.path("message").asText().strip()
                        + (at.isMissingNode() ? "" : " (" + at.path("file").asText() + " at byte " + at.path("start").asInt() + ")"));
            }
        }
        for (JsonNode file : output.path("contracts")) {
            JsonNode c = file.get(contract);
            if (c != null) {
                String runtime = c.path("evm").path("deployedBytecode").path("object").asText();
                return new Compiled(c.path("evm").path("bytecode").path("object").asText(), runtime.length() / 2);
            }
        }
        throw new EvmException("solc: no contract " + contract + " in the output");
    }

    private JsonNode run(String input) {
        try {
            Process p = new ProcessBuilder(tools.node().toString(), tools.compiler().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new EvmException("solc-js failed (exit " + p.exitValue() + ")");
            }
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new EvmException("solc-js: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvmException("solc-js interrupted");
        }
    }
}
