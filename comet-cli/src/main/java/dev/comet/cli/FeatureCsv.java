package dev.comet.cli;

import dev.comet.data.DataException;
import dev.comet.data.Quantizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the columns a model needs from a CSV for prediction: every feature (required) and the
 * target (used when present). The rules are {@code CsvDataset}'s, which training uses: UTF-8
 * with a header row, blank lines skipped, rows exactly as wide as the header, values plain
 * decimals quantised by {@link Quantizer}; other columns are not parsed. Unlike training, the
 * target column may be missing. Errors are {@link DataException}s naming file, line and column.
 */
final class FeatureCsv {
    /** ASCII decimal with optional sign, fraction and exponent, as {@code CsvDataset} accepts. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).build();

    /**
     * @param features scaled features, {@code features[row][feature]}
     * @param targets  scaled targets, or null when the file has no target column
     */
    record Rows(long[][] features, long[] targets) {}

    private final String file;
    private final Quantizer quantizer = new Quantizer();
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private long line;

    private FeatureCsv(Path file) {
        this.file = file.toString();
    }

    static Rows read(Path file, List<String> features, String target) throws DataException {
        if (Files.isDirectory(file)) {
            throw new DataException(file.toString(), "is a directory, not a CSV file", null);
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            return new FeatureCsv(file).run(reader, features, target);
        } catch (NoSuchFileException e) {
            throw new DataException(file.toString(), "file not found", e);
        } catch (CharacterCodingException e) {
            throw new DataException(file.toString(), "not UTF-8 text (invalid byte sequence)", e);
        } catch (IOException e) {
            throw new DataException(file.toString(), "cannot read file: " + e.getMessage(), e);
        }
    }

    private Rows run(BufferedReader reader, List<String> features, String target) throws IOException, DataException {
        parser = FORMAT.parse(reader);
        records = parser.iterator();
        CSVRecord headerRecord = next();
        if (headerRecord == null) {
            throw new DataException(file, 0, null, "file is empty (expected a header row of column names)");
        }
        List<String> header = headerRecord.stream().map(String::strip).toList();
        int[] columns = new int[features.size()];
        for (int f = 0; f < columns.length; f++) {
            columns[f] = column(header, features.get(f));
            if (columns[f] < 0) {
                throw new DataException(file, line, features.get(f), "no such feature column (the model needs "
                        + String.join(", ", features) + ")");
            }
        }
        int targetColumn = column(header, target);
        List<long[]> rows = new ArrayList<>();
        List<Long> targets = new ArrayList<>();
        for (CSVRecord record = next(); record != null; record = next()) {
            if (record.size() < header.size()) {
                throw new DataException(file, line, header.get(record.size()), "missing field: the row has "
                        + record.size() + " fields, the header has " + header.size());
            }
            if (record.size() > header.size()) {
                throw new DataException(file, line, null, "too many fields: the row has " + record.size()
                        + " fields, the header has " + header.size());
            }
            long[] x = new long[columns.length];
            for (int f = 0; f < columns.length; f++) {
                x[f] = value(record.get(columns[f]), features.get(f));
            }
            rows.add(x);
            if (targetColumn >= 0) {
                targets.add(value(record.get(targetColumn), target));
            }
        }
        if (rows.isEmpty()) {
            throw new DataException(file, 0, null, "no data rows (only a header)");
        }
        return new Rows(rows.toArray(long[][]::new),
                targetColumn < 0 ? null : targets.stream().mapToLong(Long::longValue).toArray());
    }

    private int column(List<String> header, String name) throws DataException {
        int index = header.indexOf(name);
        if (index >= 0 && header.lastIndexOf(name) != index) {
            throw new DataException(file, line, name, "duplicate column name");
        }
        return index;
    }

    /** The next non-blank record, or null at the end; sets {@link #line}. */
    private CSVRecord next() throws DataException, CharacterCodingException {
        while (true) {
            long start = parser.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException c) {
                    throw c;
                }
                throw malformed(start, e.getCause());
            } catch (IllegalStateException e) {
                throw malformed(start, e);
            }
            line = start;
            if (!(record.size() == 1 && record.get(0).isBlank())) {
                return record;
            }
        }
    }

    private DataException malformed(long start, Throwable cause) {
        String detail = String.valueOf(cause.getMessage()).replaceFirst("^\\(startline \\d+\\)\\s*", "");
        return new DataException(file, start, null, "malformed CSV: " + detail);
    }

    private long value(String field, String column) throws DataException {
        String text = field.strip();
        if (text.isEmpty()) {
            throw new DataException(file, line, column, "missing value");
        }
        String quoted = "'" + (text.length() <= 40 ? text : text.substring(0, 37) + "...") + "'";
        if (!DECIMAL.matcher(text).matches()) {
            String word = text.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
            boolean notFinite = word.equals("nan") || word.equals("inf") || word.equals("infinity");
            throw new DataException(file, line, column, quoted + (notFinite ? " is not a finite number" : " is not a number"));
        }
        try {
            return quantizer.quantize(new BigDecimal(text));
        } catch (NumberFormatException e) { // exponent beyond int range
            throw new DataException(file, line, column, quoted + " is out of range (exponent too large)");
        } catch (IllegalArgumentException e) {
            throw new DataException(file, line, column, "value " + quoted + " is out of range: need " + quantizer.allowedRange());
        }
    }
}
