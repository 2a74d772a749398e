package dev.comet.evm;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A local EVM node: Foundry's anvil at the Prague hardfork on a free local port, with its default
 * funded and unlocked accounts and the standard 24 KB contract size limit. Closing it stops it.
 */
public final class Anvil implements AutoCloseable {
    public static final String HARDFORK = "prague";
    /**
     * The local node's block gas limit: far above a real chain's (30M to 60M a block), so that a
     * transaction above those is still measured rather than refused; callers compare the gas
     * with the limit they care about.
     */
    public static final long BLOCK_GAS_LIMIT = 1_000_000_000L;
    private final Process process;
    private final String url;

    private Anvil(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts a node and waits until it answers JSON-RPC (at most 30 s). */
    public static Anvil start(EvmTools tools) {
        int port = freePort();
        Process p;
        try {
            p = new ProcessBuilder(tools.anvil().toString(), "--hardfork", HARDFORK, "--port", String.valueOf(port),
                    "--host", "127.0.0.1", "--gas-limit", String.valueOf(BLOCK_GAS_LIMIT)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new EvmException("cannot start anvil (" + tools.anvil() + "): " + e.getMessage(), e);
        }
        String url = "http://127.0.0.1:" + port;
        Anvil node = new Anvil(p, url);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new EvmException("anvil exited at start (code " + p.exitValue() + ")");
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return node;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                node.close();
                Thread.currentThread().interrupt();
                throw new EvmException("interrupted while starting anvil");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                node.close();
                Thread.currentThread().interrupt();
                throw new EvmException("interrupted while starting anvil");
            }
        }
        node.close();
        throw new EvmException("anvil did not answer on " + url + " within 30 s");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new EvmException("no free local port: " + e.getMessage(), e);
        }
    }

    /** The node's JSON-RPC address. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
