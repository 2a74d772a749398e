package dev.comet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;

/** A private key file for {@code --key-file}: one line of 64 hex digits, optionally after {@code 0x}. */
final class KeyFile {
    private static final java.math.BigInteger SECP256K1_ORDER =
            new java.math.BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

    private KeyFile() {}

    static Credentials read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError("--key-file: no such file: " + file);
        } catch (IOException e) {
            throw new UserError("--key-file: cannot read " + file + ": " + e.getMessage());
        }
        String hex = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (!hex.matches("[0-9a-fA-F]{64}") || hex.matches("0{64}")
                || new java.math.BigInteger(hex, 16).compareTo(SECP256K1_ORDER) >= 0) {
            throw new UserError("--key-file: " + file + " does not hold a private key (64 hex digits, below the curve's order)");
        }
        return Credentials.create(hex);
    }
}
