package dev.comet.evm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the pinned EVM tooling lives: {@code evm/} of the checkout ({@code comet.home}, or the
 * first parent of the working directory that has it), installed by {@code scripts/evm-tools.sh}
 * from {@code evm/package-lock.json}.
 *
 * @param node     the {@code node} executable (Node.js 20 or newer)
 * @param evmDir   the {@code evm/} directory, with {@code compile.mjs} and {@code node_modules}
 */
public record EvmTools(Path node, Path evmDir) {
    /** The tools of this checkout, installing them first if needed. */
    public static EvmTools locate() {
        Path evm = evmDirectory().orElseThrow(() -> new EvmException(
                "no evm/package.json above " + Path.of("").toAbsolutePath() + " (set -Dcomet.home to the checkout)"));
        Path install = evm.getParent().resolve("scripts").resolve("evm-tools.sh");
        run(List.of("bash", install.toString()), "scripts/evm-tools.sh");
        return new EvmTools(Path.of("node"), evm);
    }

    private static Optional<Path> evmDirectory() {
        String home = System.getProperty("comet.home");
        if (home != null && Files.isRegularFile(Path.of(home, "evm", "package.json"))) {
            return Optional.of(Path.of(home, "evm").toAbsolutePath());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("evm").resolve("package.json"))) {
                return Optional.of(dir.resolve("evm"));
            }
        }
        return Optional.empty();
    }

    /** The anvil executable of the pinned {@code @foundry-rs/anvil} package. */
    public Path anvil() {
        return evmDir.resolve("node_modules").resolve(".bin").resolve("anvil");
    }

    /** The script that runs the pinned solc-js on a standard-JSON input. */
    public Path compiler() {
        return evmDir.resolve("compile.mjs");
    }

    /** Runs {@code command} to completion; its first error line becomes the exception's message. */
    private static void run(List<String> command, String what) {
        try {
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                String line = err.strip().lines().reduce((a, b) -> b).orElse(what + " failed");
                throw new EvmException(line);
            }
        } catch (IOException e) {
            throw new EvmException(what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvmException(what + " interrupted");
        }
    }
}
