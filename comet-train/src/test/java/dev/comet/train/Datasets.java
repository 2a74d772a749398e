package dev.comet.train;

import dev.comet.data.DataException;
import dev.comet.data.QuantizedDataset;
import dev.comet.data.Quantizer;
import dev.comet.data.RawDataset;
import dev.comet.data.SyntheticDataset;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small datasets for tests, written as decimal text and quantised like a CSV file would be. */
final class Datasets {
    private Datasets() {
    }

    /** Features {@code x1, x2, ...} (one array per feature, row by row) and target {@code y}. */
    static QuantizedDataset of(String[] y, String[]... x) {
        List<String> names = new ArrayList<>();
        BigDecimal[][] features = new BigDecimal[x.length][];
        for (int j = 0; j < x.length; j++) {
            names.add(x.length == 1 ? "x" : "x" + (j + 1));
            features[j] = decimals(x[j]);
        }
        long[] lines = new long[y.length];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = i + 2;
        }
        return quantize(new RawDataset("test", names, "y", features, decimals(y), lines));
    }

    /** A dataset of raw scaled integers, bypassing the quantiser's range check. */
    static QuantizedDataset scaled(long[] y, long[]... x) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            names.add(x.length == 1 ? "x" : "x" + (j + 1));
        }
        return new QuantizedDataset(16, names, "y", x, y);
    }

    static QuantizedDataset synthetic(int rows, int features, long seed) {
        return quantize(SyntheticDataset.generate(rows, features, seed));
    }

    static QuantizedDataset quantize(RawDataset raw) {
        try {
            return new Quantizer().quantize(raw);
        } catch (DataException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code data/<name>} of the project, found from the working directory upwards. */
    static Path dataFile(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("data").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("data/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    private static BigDecimal[] decimals(String[] text) {
        BigDecimal[] values = new BigDecimal[text.length];
        for (int i = 0; i < text.length; i++) {
            values[i] = new BigDecimal(text[i]);
        }
        return values;
    }
}
