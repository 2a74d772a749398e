package dev.comet.api;

import dev.comet.proof.ProofCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Finds and reads the proof file a model file names in {@code proof.file}, without trusting the
 * name: model files come from others, and one naming {@code /dev/zero}, a FIFO, {@code ../..} or a
 * symbolic link out of its folder would make the verifier read without end or read the user's
 * other files. The name must be a relative path, without {@code ..}, to a regular file whose real
 * path lies in the model file's folder; at most {@link ProofCodec#MAX_ENCODED_BYTES} are read.
 *
 * @param path  the proof file's real path
 * @param bytes its contents (the caller's array, not copied: proofs can be large)
 */
public record ProofFile(Path path, byte[] bytes) {
    /**
     * Locates and reads the proof file {@code model} names.
     *
     * @throws ModelFileException one line naming the model file and {@code proof.file}
     */
    public static ProofFile read(Path modelFile, ModelFile model) throws ModelFileException {
        Path path = locate(modelFile, model);
        return new ProofFile(path, read(modelFile, model.proof().file(), path));
    }

    /**
     * The proof file {@code model} names, resolved in the folder of {@code modelFile}.
     *
     * @throws ModelFileException one line naming the model file and {@code proof.file}
     */
    public static Path locate(Path modelFile, ModelFile model) throws ModelFileException {
        String name = model.proof().file();
        Path named;
        try {
            named = Path.of(name);
        } catch (InvalidPathException e) {
            throw refused(modelFile, name, "is not a valid path");
        }
        if (name.isEmpty()) {
            throw refused(modelFile, name, "is empty");
        }
        if (named.isAbsolute() || named.getRoot() != null) {
            throw refused(modelFile, name, "is an absolute path; it must name a file in the model file's folder");
        }
        for (Path part : named) {
            if (part.toString().equals("..")) {
                throw refused(modelFile, name, "contains '..'; it must name a file in the model file's folder");
            }
        }
        Path folder = modelFile.toAbsolutePath().getParent();
        Path real;
        Path realFolder;
        try {
            real = folder.resolve(named).toRealPath();
            realFolder = folder.toRealPath();
        } catch (NoSuchFileException e) {
            throw refused(modelFile, name, "does not exist in " + folder);
        } catch (IOException e) {
            throw refused(modelFile, name, "cannot be resolved: " + e.getMessage());
        }
        if (!real.startsWith(realFolder)) {
            throw refused(modelFile, name, "leads to " + real + ", outside the model file's folder");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(modelFile, name, "is not a regular file");
        }
        return real;
    }

    /**
     * The bytes of {@code proofFile}, refusing a file longer than the format's maximum; reads at
     * most one byte more than that, whatever the file has turned into since it was located.
     */
    private static byte[] read(Path modelFile, String name, Path proofFile) throws ModelFileException {
        try {
            long size = Files.size(proofFile);
            if (size > ProofCodec.MAX_ENCODED_BYTES) {
                throw tooLong(modelFile, name, size + " bytes");
            }
            byte[] bytes;
            // NOFOLLOW_LINKS: the real path from locate() has no link in it unless one was put there since.
            try (InputStream in = Files.newInputStream(proofFile, LinkOption.NOFOLLOW_LINKS)) {
                bytes = readAtMost(in, ProofCodec.MAX_ENCODED_BYTES);
            }
            if (bytes.length > ProofCodec.MAX_ENCODED_BYTES) {
                throw tooLong(modelFile, name, "more than " + ProofCodec.MAX_ENCODED_BYTES + " bytes");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw refused(modelFile, name, "does not exist");
        } catch (IOException e) {
            throw refused(modelFile, name, "cannot read: " + e.getMessage());
        }
    }

    /** Up to {@code limit + 1} bytes of {@code in}: enough to tell that there are more than {@code limit}. */
    static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit + 1);
    }

    private static ModelFileException tooLong(Path modelFile, String name, String size) {
        return refused(modelFile, name, "is " + size + ", more than a proof can be (the format's maximum is "
                + ProofCodec.MAX_ENCODED_BYTES + " bytes)");
    }

    private static ModelFileException refused(Path modelFile, String name, String why) {
        return new ModelFileException(modelFile + ": proof.file '" + name + "' " + why);
    }
}
