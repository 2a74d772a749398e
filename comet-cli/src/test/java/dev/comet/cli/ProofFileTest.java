package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.comet.proof.ProofCodec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code proof.file} names a regular file inside the model file's folder, or the model file is
 * refused in one line (exit 2) before the proof is read. Each refused name below points at a
 * file that would otherwise be read: a valid proof, a device, a FIFO or an oversized file.
 */
class ProofFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A refusal reads nothing, so it is quick; reading /dev/zero or opening a FIFO would not be. */
    private static final Duration QUICK = Duration.ofSeconds(20);

    @TempDir
    static Path shared;
    static Path trainedModel;

    @TempDir
    Path root;
    /** The model's folder, inside {@link #root}, so that there is an outside to point at. */
    Path folder;
    Path outsideProof;

    @BeforeAll
    static void train() throws IOException {
        Path csv = Cli.write(shared.resolve("data.csv"), Cli.smallCsv(16));
        trainedModel = shared.resolve("model.json");
        Cli.Result r = Cli.run("train", csv.toString(), "--target", "y", "--features", "x1,x2", "--epochs", "1",
                "--batch", "8", "--lr", "0.05", "--preset", "test", "--quiet", "--out", trainedModel.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @BeforeEach
    void copyTheProof() throws IOException {
        folder = Files.createDirectory(root.resolve("models"));
        Files.copy(shared.resolve("model.proof"), folder.resolve("model.proof"));
        outsideProof = Files.copy(shared.resolve("model.proof"), root.resolve("x.proof"));
    }

    @Test
    void absolutePathIsRefused() throws IOException {
        String absolute = folder.resolve("model.proof").toAbsolutePath().toString();
        assertRefused(naming(absolute), absolute, "is an absolute path");
    }

    @Test
    void devZeroIsRefused() throws IOException {
        assertRefused(naming("/dev/zero"), "/dev/zero", "is an absolute path");
        Files.createSymbolicLink(folder.resolve("zero.proof"), Path.of("/dev/zero"));
        assertRefused(naming("zero.proof"), "zero.proof", "leads to /dev/zero, outside the model file's folder");
    }

    @Test
    void parentSegmentIsRefused() throws IOException {
        assertRefused(naming("../x.proof"), "../x.proof", "contains '..'");
        // Even when it would come back inside: names are not normalised.
        assertRefused(naming("sub/../model.proof"), "sub/../model.proof", "contains '..'");
    }

    @Test
    void symlinkLeavingTheFolderIsRefused() throws IOException {
        Files.createSymbolicLink(folder.resolve("link.proof"), outsideProof);
        assertRefused(naming("link.proof"), "link.proof", "leads to " + outsideProof.toRealPath() + ", outside");
    }

    @Test
    void directoryIsRefused() throws IOException {
        Files.createDirectory(folder.resolve("proofs"));
        assertRefused(naming("proofs"), "proofs", "is not a regular file");
    }

    @Test
    void fifoIsRefused() throws Exception {
        Path fifo = folder.resolve("fifo.proof");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        assumeTrue(made, "needs mkfifo");
        assertRefused(naming("fifo.proof"), "fifo.proof", "is not a regular file");
    }

    @Test
    void oversizedFileIsRefused() throws IOException {
        Path big = folder.resolve("big.proof");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(ProofCodec.MAX_ENCODED_BYTES + 1L); // sparse: no disk, no time
        }
        assertRefused(naming("big.proof"), "big.proof", "is " + (ProofCodec.MAX_ENCODED_BYTES + 1L)
                + " bytes, more than a proof can be");
    }

    @Test
    void fileInASubfolderOrLinkedWithinTheFolderIsRead() throws IOException {
        Files.createDirectory(folder.resolve("proofs"));
        Files.copy(folder.resolve("model.proof"), folder.resolve("proofs").resolve("model.proof"));
        assertValid(naming("proofs/model.proof"));
        assertValid(naming("./proofs/model.proof"));
        Files.createSymbolicLink(folder.resolve("link.proof"), Path.of("model.proof"));
        assertValid(naming("link.proof"));
        // The folder itself reached through a link is still the folder.
        Path linkedFolder = Files.createSymbolicLink(root.resolve("linked"), folder);
        assertValid(linkedFolder.resolve("model.json"));
    }

    /** The model file in {@link #folder}, with {@code proof.file} set to {@code name}. */
    private Path naming(String name) throws IOException {
        ObjectNode m = (ObjectNode) JSON.readTree(trainedModel.toFile());
        ((ObjectNode) m.get("proof")).put("file", name);
        Path model = folder.resolve("model.json");
        JSON.writeValue(model.toFile(), m);
        return model;
    }

    private static void assertRefused(Path model, String name, String why) {
        for (String command : new String[] {"verify", "inspect"}) {
            String[] args = command.equals("verify") ? new String[] {command, model.toString(), "--min-security", "0"}
                    : new String[] {command, model.toString()};
            Cli.Result r = assertTimeoutPreemptively(QUICK, () -> Cli.run(args), command + " read " + name);
            String err = r.oneLineError(2);
            String expected = "comet: " + model + ": proof.file '" + name + "' " + why;
            assertTrue(err.startsWith(expected), command + ": expected " + expected + "\n got " + err);
            assertEquals("", r.out(), command);
        }
    }

    private static void assertValid(Path model) {
        Cli.Result r = Cli.run("verify", model.toString(), "--min-security", "0");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals(0, Cli.run("inspect", model.toString()).exitCode());
    }
}
