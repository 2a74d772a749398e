package dev.comet.cli;

import dev.comet.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Atomic writes with the failure turned into a one-line user error. */
final class AtomicFilesBridge {
    private AtomicFilesBridge() {}

    /** Fails early, before expensive work, if {@code file} cannot become a file in an existing directory. */
    static void requireWritable(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
            throw new UserError("cannot write " + file + ": directory " + dir + " does not exist");
        }
        if (java.nio.file.Files.isDirectory(file)) {
            throw new UserError("cannot write " + file + ": it is a directory");
        }
    }

    static void write(Path file, byte[] content) {
        requireWritable(file);
        try {
            AtomicFiles.write(file, content);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage());
        }
    }
}
