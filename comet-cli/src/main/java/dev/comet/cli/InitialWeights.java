package dev.comet.cli;

import dev.comet.data.Quantizer;
import dev.comet.train.Network;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code --init FILE}: the initial weights as decimal numbers, one per feature in order and
 * the bias last (for softmax, such a block per class in class order), separated by commas, spaces
 * or newlines; lines starting with {@code #} are comments.
 */
final class InitialWeights {
    private InitialWeights() {}

    static long[] read(Path file, Network network) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
        Quantizer quantizer = new Quantizer(16, 24);
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            for (String token : line.split("[,\\s]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                try {
                    values.add(quantizer.quantize(new BigDecimal(token)));
                } catch (NumberFormatException e) {
                    throw new UserError(file + ", line " + (i + 1) + ": '" + token + "' is not a number");
                } catch (IllegalArgumentException e) {
                    throw new UserError(file + ", line " + (i + 1) + ": weight " + token + " is outside |w| < 256");
                }
            }
        }
        if (values.size() != network.weights()) {
            int features = network.features();
            int outputs = network.outputs();
            throw new UserError(file + ": expected " + network.weights() + " initial weights (" + (network.layers() > 1
                    ? "each unit's inputs, then its bias, layer by layer, for the " + network.describe() + " network"
                    : features + " features, then the bias" + (outputs > 1 ? ", for each of " + outputs + " classes" : ""))
                    + "), found " + values.size());
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
