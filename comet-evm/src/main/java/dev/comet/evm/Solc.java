package dev.comet.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    /**
     * A compiled contract: creation bytecode (hex, with a placeholder for each linked library's
     * address), the size of its runtime code, and where each library's address goes (hex-character
     * offsets into {@code bytecode}, by library name).
     */
    public record Compiled(String bytecode, int runtimeBytes, Map<String, List<Integer>> links) {
        /** This contract's bytecode with each linked library's address (hex, without 0x) filled in. */
        public String linked(Map<String, String> addresses) {
            StringBuilder b = new StringBuilder(bytecode);
            links.forEach((library, offsets) -> {
                String address = addresses.get(library);
                if (address == null) {
                    throw new EvmException("no address for library " + library);
                }
                String hex = address.startsWith("0x") ? address.substring(2) : address;
                for (int at : offsets) {
                    b.replace(at, at + 40, hex.toLowerCase(java.util.Locale.ROOT));
                }
            });
            return b.toString();
        }
    }

    /**
     * Compiles {@code sources} (file name to text) with the optimizer and returns {@code contract}.
     *
     * @throws EvmException with the compiler's first error
     */
    public Compiled compile(Map<String, String> sources, String contract) {
        Compiled c = compileAll(sources).get(contract);
        if (c == null) {
            throw new EvmException("solc: no contract " + contract + " in the output");
        }
        return c;
    }

    /** Compiles {@code sources} once and returns every contract and library, by name. */
    public Map<String, Compiled> compileAll(Map<String, String> sources) {
        ObjectNode input = JSON.createObjectNode();
        input.put("language", "Solidity");
        ObjectNode src = input.putObject("sources");
        sources.forEach((name, text) -> src.putObject(name).put("content", text));
        ObjectNode settings = input.putObject("settings");
        settings.put("evmVersion", EVM_VERSION);
        settings.putObject("optimizer").put("enabled", true).put("runs", 200);
        settings.put("viaIR", false);
        settings.putObject("outputSelection").putObject("*").putArray("*")
                .add("evm.bytecode.object").add("evm.bytecode.linkReferences").add("evm.deployedBytecode.object");
        JsonNode output = run(input.toString());
        for (JsonNode error : output.path("errors")) {
            if ("error".equals(error.path("severity").asText())) {
                JsonNode at = error.path("sourceLocation");
                throw new EvmException("solc: " + error.path("message").asText().strip()
                        + (at.isMissingNode() ? "" : " (" + at.path("file").asText() + " at byte " + at.path("start").asInt() + ")"));
            }
        }
        return contracts(output);
    }

    private static Map<String, Compiled> contracts(JsonNode output) {
        Map<String, Compiled> out = new java.util.HashMap<>();
        output.path("contracts").fields().forEachRemaining(file -> file.getValue().fields().forEachRemaining(entry -> {
            JsonNode evm = entry.getValue().path("evm");
            Map<String, List<Integer>> links = new java.util.HashMap<>();
            evm.path("bytecode").path("linkReferences").fields().forEachRemaining(f -> f.getValue().fields()
                    .forEachRemaining(lib -> {
                        List<Integer> offsets = new java.util.ArrayList<>();
                        lib.getValue().forEach(ref -> offsets.add(2 * ref.path("start").asInt()));
                        links.merge(lib.getKey(), offsets, (x, y) -> {
                            List<Integer> merged = new java.util.ArrayList<>(x);
                            merged.addAll(y);
                            return merged;
                        });
                    }));
            String runtime = evm.path("deployedBytecode").path("object").asText();
            out.put(entry.getKey(), new Compiled(evm.path("bytecode").path("object").asText(), runtime.length() / 2,
                    links));
        }));
        return out;
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
